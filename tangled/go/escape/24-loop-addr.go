// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink *int

func loop() {
	var p *int
	for i := 0; i < 3; i++ {
		x := i
		p = &x
	}
	sink = p
}

func inner() int {
	sum := 0
	for i := 0; i < 3; i++ {
		x := i
		p := &x
		sum += *p
	}
	return sum
}

func main() {
	loop()
	_ = inner()
}
