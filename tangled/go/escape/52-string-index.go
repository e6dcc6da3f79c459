// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func firstByte(s string) byte {
	return s[0]
}

func sub(s string) string {
	return s[1:]
}

func main() {
	_ = firstByte("abc")
	_ = sub("abc")
}
