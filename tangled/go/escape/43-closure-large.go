// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type big struct {
	a [32]int
}

func f() int {
	var b big
	g := func() int { return b.a[0] }
	return g()
}

func main() { _ = f() }
