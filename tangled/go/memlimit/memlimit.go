// tangled from chapters/16-mgcpacer.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// Prints the memory limit Go's runtime read from GOMEMLIMIT, as
// debug.SetMemoryLimit(-1) returns it; chapter "The pacer".
package main

import (
	"fmt"
	"runtime/debug"
)

func main() {
	fmt.Println(debug.SetMemoryLimit(-1))
}
