// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type point struct{ x, y int }

func sum(n int) int {
	var a [16]int
	for i := range a {
		a[i] = i * n
	}
	s := 0
	for _, v := range a {
		s += v
	}
	return s
}

func newPoint(x, y int) *point {
	p := point{x, y}
	return &p
}

func grow(n int) []byte {
	return make([]byte, n)
}

func main() {
	println(sum(3), newPoint(1, 2).x, len(grow(10)))
}
