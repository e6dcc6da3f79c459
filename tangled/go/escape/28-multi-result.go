// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func two(p, q *int) (*int, *int) {
	return q, p
}

func main() {
	a, b := 1, 2
	x, y := two(&a, &b)
	_, _ = x, y
}
