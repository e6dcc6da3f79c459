package main

var sink *int

func classify(n int) int {
	x := n
	switch n {
	case 0:
		return 0
	case 1, 2:
		sink = &x
	default:
		x++
	}
	return x
}

func main() { _ = classify(1) }
