// tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The mark-throughput benchmark of the chapter "Measuring the collector: pauses and mark
// throughput", in Go: MIB MiB of 16-byte objects in linked lists, then CYCLES forced
// collections.  Run it with GODEBUG=gctrace=1: each forced cycle's line ends in "(forced)".
//
//	usage: markrate [MIB [CYCLES]]   (256 and 5 by default)
//
// Prints on standard output the number of objects and the sum of their values.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
)

const nlists = 4096

type node struct {
	next  *node
	value uint64
}

var lists []*node

func main() {
	mib, cycles := 256, 5
	if len(os.Args) > 1 {
		mib, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		cycles, _ = strconv.Atoi(os.Args[2])
	}
	n := uint64(mib) << 20 / 16
	lists = make([]*node, nlists)
	for i := uint64(0); i < n; i++ {
		lists[i%nlists] = &node{lists[i%nlists], i}
	}
	for c := 0; c < cycles; c++ {
		runtime.GC()
	}
	var count, sum uint64
	for l := 0; l < nlists; l++ {
		for x := lists[l]; x != nil; x = x.next {
			count++
			sum += x.value
		}
	}
	fmt.Printf("objects: %d, sum of values: %d\n", count, sum)
	if count != n {
		os.Exit(1)
	}
}
