package main

type node struct {
	next *node
	val  int
}

func push(head *node, v int) *node {
	return &node{next: head, val: v}
}

func main() {
	var head *node
	for i := 0; i < 3; i++ {
		head = push(head, i)
	}
}
