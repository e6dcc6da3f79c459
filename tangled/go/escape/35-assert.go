// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type T struct{ p *int }

func get(i interface{}) *T {
	return i.(*T)
}

func val(i interface{}) T {
	return i.(T)
}

func main() {
	_ = get(nil)
	_ = val(T{})
}
