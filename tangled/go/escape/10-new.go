// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var g *int

func esc() {
	p := new(int)
	g = p
}

func noesc() int {
	p := new(int)
	*p = 3
	return *p
}

func main() {
	esc()
	_ = noesc()
}
