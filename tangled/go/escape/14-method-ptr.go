// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type T struct{ p *int }

func (t *T) Set(p *int) { t.p = p }

func (t *T) Get() *int { return t.p }

func main() {
	var t T
	x := 1
	t.Set(&x)
	_ = t.Get()
}
