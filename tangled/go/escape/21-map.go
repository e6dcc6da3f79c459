// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

var g map[string]*int

func put(k string, v *int) {
	g[k] = v
}

func mk() map[string]int {
	return map[string]int{"a": 1}
}

func local() int {
	m := make(map[int]int)
	m[1] = 2
	return m[1]
}

func main() {
	x := 1
	put("x", &x)
	_ = mk()
	_ = local()
}
