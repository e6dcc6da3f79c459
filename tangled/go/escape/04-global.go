// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var g *int

func store(p *int) {
	g = p
}

func main() {
	x := 0
	store(&x)
}
