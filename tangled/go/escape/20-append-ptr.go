// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func add(s []*int, p *int) []*int {
	return append(s, p)
}

func addv(s []int, v int) []int {
	return append(s, v)
}

func main() {
	x := 1
	_ = add(nil, &x)
	_ = addv(nil, 2)
}
