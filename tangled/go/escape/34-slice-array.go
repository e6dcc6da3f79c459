// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink []int

func local() int {
	var a [8]int
	s := a[2:4]
	return len(s)
}

func leak() {
	var a [8]int
	sink = a[:]
}

func sub(s []int) []int {
	return s[1:]
}

func main() {
	_ = local()
	leak()
	_ = sub(nil)
}
