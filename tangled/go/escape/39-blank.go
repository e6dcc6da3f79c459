// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func f(p *int) {
	_ = p
}

func g() {
	x := 1
	_ = &x
}

func main() {
	y := 1
	f(&y)
	g()
}
