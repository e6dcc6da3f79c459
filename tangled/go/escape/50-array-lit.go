// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink *int

func arr(p, q *int) int {
	a := [2]*int{p, q}
	sink = a[0]
	return len(a)
}

func vals() int {
	a := [3]int{1, 2, 3}
	return a[1]
}

func main() {
	x, y := 1, 2
	_ = arr(&x, &y)
	_ = vals()
}
