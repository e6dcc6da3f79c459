// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func outer() func() func() int {
	x := 0
	return func() func() int {
		return func() int {
			x++
			return x
		}
	}
}

func main() { _ = outer() }
