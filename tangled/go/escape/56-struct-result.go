// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type pair struct {
	a, b *int
}

func mk(a, b *int) pair {
	return pair{a, b}
}

func first(p pair) *int {
	return p.a
}

func main() {
	x, y := 1, 2
	_ = first(mk(&x, &y))
}
