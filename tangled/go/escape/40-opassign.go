// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func f(s string) string {
	t := "a"
	t += s
	return t
}

func g(n int) int {
	n *= 2
	n++
	return n
}

func main() {
	_ = f("b")
	_ = g(1)
}
