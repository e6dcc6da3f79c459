// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

func toString(b []byte) string {
	return string(b)
}

func toBytes(s string) int {
	b := []byte(s)
	return len(b)
}

func leakBytes(s string) []byte {
	return []byte(s)
}

func main() {
	_ = toString(nil)
	_ = toBytes("x")
	_ = leakBytes("y")
}
