// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func dyn(n int) []int {
	return make([]int, n)
}

func fixed() int {
	s := make([]int, 10)
	s[0] = 1
	return s[0]
}

func big() int {
	s := make([]int, 100000)
	return len(s)
}

func capped(n int) int {
	s := make([]int, 0, 8)
	s = append(s, n)
	return len(s)
}

func main() {
	_ = dyn(3)
	_ = fixed()
	_ = big()
	_ = capped(1)
}
