// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var fn func() int

func install() {
	x := 7
	fn = func() int { return x }
}

func main() { install() }
