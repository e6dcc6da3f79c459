// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink *int

func keepAll(ps ...*int) {
	for _, p := range ps {
		sink = p
	}
}

func count(ps ...*int) int {
	return len(ps)
}

func main() {
	a, b := 1, 2
	keepAll(&a)
	_ = count(&b, nil)
}
