// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var g []*int

func cp(dst, src []*int) int {
	return copy(dst, src)
}

func cpv(dst, src []int) int {
	return copy(dst, src)
}

func main() {
	_ = cp(g, nil)
	_ = cpv(nil, nil)
}
