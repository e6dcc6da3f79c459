package main

type point struct{ x, y int }

var lastAcc *int // the accumulator add last updated, kept "for debugging"

// add adds x to the accumulator at acc.
func add(acc *int, x int) {
	lastAcc = acc
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

// mid returns the point halfway between a and b.
func mid(a, b point) *point {
	return &point{(a.x + b.x) / 2, (a.y + b.y) / 2}
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

// checksum sums the bytes of s, from a copy of them.
func checksum(s string) int {
	b := make([]byte, len(s))
	copy(b, s)
	n := 0
	for _, c := range b {
		n += int(c)
	}
	return n
}

func main() {
	println("total", total([]int{1, 2, 3, 4}))
	println("distance", distance(point{0, 0}, point{10, 40}))
	println("checksum", checksum("escape"))
}
