// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type T struct {
	a int
	b int
}

var sink *int

func fieldp(t *T) *int {
	return &t.b
}

func leakField() {
	var t T
	sink = &t.a
}

func main() {
	_ = fieldp(&T{})
	leakField()
}
