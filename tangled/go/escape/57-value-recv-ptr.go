// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type T struct{ n int }

func (t T) Get() int { return t.n }

func (t *T) Inc() { t.n++ }

func use(p *T) int {
	p.Inc()
	return p.Get()
}

func main() {
	var t T
	t.Inc()
	_ = use(&t)
}
