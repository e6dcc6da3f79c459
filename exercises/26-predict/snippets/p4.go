package main

var cache []*int

func remember(v int) {
	x := v
	cache = append(cache, &x)
}

func main() {
	remember(1)
}
