// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func deref2(pp **int) *int {
	return *pp
}

func store(pp **int, p *int) {
	*pp = p
}

func main() {
	x := 1
	p := &x
	_ = deref2(&p)
	y := 2
	store(&p, &y)
}
