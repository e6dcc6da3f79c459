// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type S struct{ a, b int }

func box(s S) interface{} {
	return s
}

func boxp(s *S) interface{} {
	return s
}

func main() {
	_ = box(S{})
	_ = boxp(&S{})
}
