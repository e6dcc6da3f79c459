// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func main() {
	x := 1
	p := &x
	println(x, p)
	print("a", x, "\n")
}
