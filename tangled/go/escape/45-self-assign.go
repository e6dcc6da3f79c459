// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type buf struct {
	data []byte
	rest []byte
}

func (b *buf) shift() {
	b.data = b.rest
}

func main() {
	b := &buf{}
	b.shift()
}
