// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func main() { _ = counter() }
