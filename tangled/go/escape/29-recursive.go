// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type node struct {
	next *node
	v    int
}

func last(n *node) *node {
	if n.next == nil {
		return n
	}
	return last(n.next)
}

func even(n int, p *int) bool {
	if n == 0 {
		return true
	}
	return odd(n-1, p)
}

func odd(n int, p *int) bool {
	if n == 0 {
		return false
	}
	return even(n-1, p)
}

func main() {
	_ = last(&node{})
	x := 1
	_ = even(4, &x)
}
