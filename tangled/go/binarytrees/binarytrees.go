// tangled from chapters/81-binarytrees.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The binary-trees program of the Computer Language Benchmarks Game, in Go;
// chapter "Measuring the whole heap: binary trees".
//
//	usage: binarytrees [DEPTH]   (10 by default)
//
// With BT_STATS=1 in the environment, it also prints on standard error the
// number of garbage collections the run completed, "gc cycles: N", and the
// largest, the 99th-percentile and the median stop-the-world pause of a
// cycle, in microseconds: "gc pauses: max_us=M p99_us=P p50_us=Q (last N cycles)".
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
)

type node struct{ left, right *node }

func bottomUpTree(depth int) *node {
	if depth <= 0 {
		return &node{}
	}
	return &node{bottomUpTree(depth - 1), bottomUpTree(depth - 1)}
}

func (n *node) itemCheck() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.itemCheck() + n.right.itemCheck()
}

const minDepth = 4

func main() {
	n := 10
	if len(os.Args) > 1 {
		n, _ = strconv.Atoi(os.Args[1])
	}
	maxDepth := n
	if maxDepth < minDepth+2 {
		maxDepth = minDepth + 2
	}
	stretchDepth := maxDepth + 1
	check := bottomUpTree(stretchDepth).itemCheck()
	fmt.Printf("stretch tree of depth %d\t check: %d\n", stretchDepth, check)

	longLived := bottomUpTree(maxDepth)

	lines := make([]string, maxDepth+1)
	var wg sync.WaitGroup
	for depth := minDepth; depth <= maxDepth; depth += 2 {
		wg.Add(1)
		go func(depth int) {
			defer wg.Done()
			iterations := 1 << (maxDepth - depth + minDepth)
			check := 0
			for i := 0; i < iterations; i++ {
				check += bottomUpTree(depth).itemCheck()
			}
			lines[depth] = fmt.Sprintf("%d\t trees of depth %d\t check: %d\n",
				iterations, depth, check)
		}(depth)
	}
	wg.Wait()
	for depth := minDepth; depth <= maxDepth; depth += 2 {
		fmt.Print(lines[depth])
	}

	fmt.Printf("long lived tree of depth %d\t check: %d\n", maxDepth, longLived.itemCheck())
	if os.Getenv("BT_STATS") == "1" {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		fmt.Fprintf(os.Stderr, "gc cycles: %d\n", m.NumGC)
		printPauses(&m)
	}
}

// pauseFigures returns the largest, the 99th-percentile and the median pause, in ns, of
// the cycles whose pauses m still holds, the last min(NumGC, 256), and how many that is.
func pauseFigures(m *runtime.MemStats) (maxNs, p99Ns, p50Ns uint64, n int) {
	ring := uint32(len(m.PauseNs))
	n = int(m.NumGC)
	if n > int(ring) {
		n = int(ring)
	}
	if n == 0 {
		return 0, 0, 0, 0
	}
	v := make([]uint64, n)
	for i := range v {
		cycle := m.NumGC - uint32(i) // numbered from 1
		v[i] = m.PauseNs[(cycle+ring-1)%ring]
	}
	sort.Slice(v, func(a, b int) bool { return v[a] < v[b] })
	return v[n-1], v[(99*n+99)/100-1], v[(50*n+99)/100-1], n
}

// printPauses prints "gc pauses: max_us=M p99_us=P p50_us=Q (last N cycles)" on
// standard error, in microseconds rounded to the nearest, or "gc pauses: -".
func printPauses(m *runtime.MemStats) {
	maxNs, p99Ns, p50Ns, n := pauseFigures(m)
	if n == 0 {
		fmt.Fprintln(os.Stderr, "gc pauses: -")
		return
	}
	s := "s"
	if n == 1 {
		s = ""
	}
	fmt.Fprintf(os.Stderr, "gc pauses: max_us=%d p99_us=%d p50_us=%d (last %d cycle%s)\n",
		(maxNs+500)/1000, (p99Ns+500)/1000, (p50Ns+500)/1000, n, s)
}
