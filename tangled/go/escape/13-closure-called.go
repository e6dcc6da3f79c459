// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func f() int {
	x := 2
	return func() int { return x * 2 }()
}

func main() { _ = f() }
