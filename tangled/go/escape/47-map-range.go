// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink *int

func anyv(m map[string]*int) {
	for _, v := range m {
		sink = v
	}
}

func count(m map[string]int) int {
	n := 0
	for k := range m {
		n += len(k)
	}
	return n
}

func main() {
	anyv(nil)
	_ = count(nil)
}
