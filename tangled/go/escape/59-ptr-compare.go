// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func same(p, q *int) bool {
	return p == q
}

func isNil(p *int) bool {
	return p == nil
}

func main() {
	x := 1
	_ = same(&x, &x)
	_ = isNil(nil)
}
