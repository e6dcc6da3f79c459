// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func concat(a, b []*int) []*int {
	return append(a, b...)
}

func concatv(a, b []int) []int {
	return append(a, b...)
}

func main() {
	_ = concat(nil, nil)
	_ = concatv(nil, nil)
}
