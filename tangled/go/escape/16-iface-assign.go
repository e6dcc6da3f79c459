// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink interface{}

func f(x int) {
	var i interface{} = x
	sink = i
}

func g(p *int) {
	sink = p
}

func main() {
	f(1)
	y := 2
	g(&y)
}
