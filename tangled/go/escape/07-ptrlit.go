// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type T struct{ n int }

func mk() *T {
	return &T{n: 1}
}

func local() int {
	t := &T{n: 2}
	return t.n
}

func main() {
	_ = mk()
	_ = local()
}
