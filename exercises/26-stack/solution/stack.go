package main

type point struct{ x, y int }

// add adds x to the accumulator at acc; it keeps nothing, so acc does not escape.
func add(acc *int, x int) {
	*acc += x
}

// total returns the sum of xs.
func total(xs []int) int {
	t := 0
	for _, x := range xs {
		add(&t, x)
	}
	return t
}

// mid returns the point halfway between a and b, by value: the caller's frame holds it.
func mid(a, b point) point {
	return point{(a.x + b.x) / 2, (a.y + b.y) / 2}
}

// distance returns the Manhattan distance from a to the middle of a and b.
func distance(a, b point) int {
	m := mid(a, b)
	dx := m.x - a.x
	dy := m.y - a.y
	if dx < 0 {
		dx = -dx
	}
	if dy < 0 {
		dy = -dy
	}
	return dx + dy
}

// checksum sums the bytes of s, reading them where they are: no copy, no allocation.
func checksum(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n += int(s[i])
	}
	return n
}

func main() {
	println("total", total([]int{1, 2, 3, 4}))
	println("distance", distance(point{0, 0}, point{10, 40}))
	println("checksum", checksum("escape"))
}
