// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type T struct {
	p *int
	n int
}

func get(t *T) *int {
	return t.p
}

func set(t *T, p *int) {
	t.p = p
}

func main() {
	x := 1
	t := &T{}
	set(t, &x)
	_ = get(t)
}
