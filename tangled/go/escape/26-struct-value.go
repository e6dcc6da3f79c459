// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type P struct {
	x *int
	y int
}

func mk(p *int) P {
	return P{x: p, y: 1}
}

func use(p *int) int {
	v := P{x: p}
	return *v.x
}

func main() {
	a := 1
	_ = mk(&a)
	_ = use(&a)
}
