// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var fns []func() int

func collect() {
	for i := 0; i < 3; i++ {
		v := i
		fns = append(fns, func() int { return v })
	}
}

func main() { collect() }
