// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func total(ns ...int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}

func main() {
	s := []int{1, 2, 3}
	_ = total(s...)
	_ = total(4, 5)
}
