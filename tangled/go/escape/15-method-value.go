// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type T struct {
	a, b int
}

func (t T) Sum() int { return t.a + t.b }

func (t T) Ptr() *int { return &t.a }

func main() {
	t := T{1, 2}
	_ = t.Sum()
	_ = t.Ptr()
}
