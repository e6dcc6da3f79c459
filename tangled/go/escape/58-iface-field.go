// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type box struct {
	v interface{}
}

var g box

func wrap(x int) {
	g.v = x
}

func wrapLocal(x int) box {
	return box{v: x}
}

func main() {
	wrap(1)
	_ = wrapLocal(2)
}
