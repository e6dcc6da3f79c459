// tangled from chapters/26-escape.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
package main

type IntP *int

type Name string

func conv(p *int) IntP {
	return IntP(p)
}

func named(s string) Name {
	return Name(s)
}

func main() {
	x := 1
	_ = conv(&x)
	_ = named("n")
}
