// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func put(m map[string]*int, v *int) {
	m["k"] = v
}

func key(m map[*int]bool, k *int) {
	m[k] = true
}

func main() {
	x, y := 1, 2
	put(nil, &x)
	key(nil, &y)
}
