// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type E struct{ msg string }

func fail(m string) {
	panic(E{msg: m})
}

func failp(e *E) {
	panic(e)
}

func main() {
	fail("x")
	failp(&E{})
}
