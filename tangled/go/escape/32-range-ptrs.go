// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var sink *int

func first(s []*int) {
	for _, p := range s {
		sink = p
		return
	}
}

func sum(s []int) int {
	t := 0
	for i := range s {
		t += s[i]
	}
	return t
}

func addrs(a [4]int) int {
	n := 0
	for i, v := range a {
		n += i * v
	}
	return n
}

func main() {
	first(nil)
	_ = sum(nil)
	_ = addrs([4]int{})
}
