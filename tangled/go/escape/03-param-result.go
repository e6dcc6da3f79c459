// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func id(p *int) *int {
	return p
}

func main() {
	x := 0
	_ = id(&x)
}
