// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type Getter interface {
	Get() *int
}

type T struct{ v int }

func (t *T) Get() *int { return &t.v }

func use(g Getter) int {
	return *g.Get()
}

func main() {
	t := &T{}
	_ = use(t)
}
