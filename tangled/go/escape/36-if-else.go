// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var g *int

func pick(c bool, a, b *int) *int {
	if c {
		return a
	} else {
		g = b
	}
	return nil
}

func main() {
	x, y := 1, 2
	_ = pick(true, &x, &y)
}
