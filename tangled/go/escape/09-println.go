// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

import "fmt"

func main() {
	x := 1
	s := "hi"
	fmt.Println(x, s)
	fmt.Printf("%d\n", x)
}
