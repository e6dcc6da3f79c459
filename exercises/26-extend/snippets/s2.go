package main

type T struct{ v int }

func pick(a, b *T, c int) *T {
	switch {
	case c < 0:
		return a
	case c > 0:
		return b
	}
	return &T{v: c}
}

func main() { _ = pick(nil, nil, 0) }
