// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func f() int {
	x := 1
	x = 2
	g := func() int { return x }
	return g()
}

func h() int {
	y := 1
	g := func() int { return y }
	y = 3
	return g()
}

func main() {
	_ = f()
	_ = h()
}
