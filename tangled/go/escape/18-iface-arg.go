// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink interface{}

func keep(i interface{}) { sink = i }

func look(i interface{}) bool { return i == nil }

func main() {
	x := 3
	keep(x)
	keep(x + 1)
	_ = look(x)
}
