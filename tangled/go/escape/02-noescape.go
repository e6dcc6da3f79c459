// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func f() int {
	x := 1
	p := &x
	return *p
}

func main() { _ = f() }
