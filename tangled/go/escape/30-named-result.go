// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func f(p *int) (r *int) {
	r = p
	return
}

func g() (s []int) {
	s = make([]int, 4)
	return s
}

func main() {
	x := 1
	_ = f(&x)
	_ = g()
}
