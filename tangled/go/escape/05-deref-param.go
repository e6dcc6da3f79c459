// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func read(p *int) int {
	return *p
}

func main() {
	x := 4
	_ = read(&x)
}
