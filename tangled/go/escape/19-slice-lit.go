// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func nums() []int {
	return []int{1, 2, 3}
}

func local() int {
	s := []int{4, 5}
	return s[1]
}

func ptrs(p *int) []*int {
	return []*int{p}
}

func main() {
	_ = nums()
	_ = local()
	x := 0
	_ = ptrs(&x)
}
