package main

func adder() func(int) int {
	sum := 0
	return func(x int) int {
		sum += x
		return sum
	}
}

func apply(f func(int) int) int {
	return f(1)
}

func main() {
	_ = apply(adder())
}
