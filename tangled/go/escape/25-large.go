// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func large() int {
	var buf [20 << 20]byte
	return len(buf)
}

func medium() int {
	p := new([100000]int)
	return len(p)
}

func main() {
	_ = large()
	_ = medium()
}
