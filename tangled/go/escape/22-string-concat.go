// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink string

func join(a, b string) string {
	return a + b
}

func three(a, b, c string) int {
	s := a + b + c
	return len(s)
}

func keep(a string) {
	sink = a + "!"
}

func main() {
	_ = join("a", "b")
	_ = three("a", "b", "c")
	keep("k")
}
