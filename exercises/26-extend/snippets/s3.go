package main

import "fmt"

func describe(s []int) {
	switch n := len(s); n {
	case 0:
		fmt.Println("empty")
	default:
		buf := make([]int, n)
		copy(buf, s)
		fmt.Println(n, buf[0])
	}
}

func main() { describe(nil) }
