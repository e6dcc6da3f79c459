// tangled from chapters/83-collectors.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The program of the chapter "Other languages' collectors", in Go.
//
//	usage: collectors-gc pause MIB...          (forced collections as the heap grows)
//	       collectors-gc young OLDMIB STEPS    (young lists beside an old heap)
//
// Prints CSV rows on standard output, as the C program does.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"time"
)

const nlists, cyclesPerSize, youngLen = 4096, 3, 64

type node struct {
	next  *node
	value uint64
}

var (
	oldLists  = make([]*node, nlists)
	youngList *node
	oldNodes  uint64
	ms        runtime.MemStats
)

// growTo adds objects to the old lists until they hold mib MiB of 16-byte objects.
func growTo(mib int) {
	want := uint64(mib) << 20 / 16
	for ; oldNodes < want; oldNodes++ {
		oldLists[oldNodes%nlists] = &node{oldLists[oldNodes%nlists], oldNodes}
	}
}

func pauseRun(sizes []string) {
	for _, a := range sizes {
		mib, _ := strconv.Atoi(a)
		growTo(mib)
		for c := 1; c <= cyclesPerSize; c++ {
			t0 := time.Now()
			runtime.GC()
			wall := time.Since(t0)
			runtime.ReadMemStats(&ms)
			fmt.Printf("go,%s,16,%d,%d,%d\n", a, c, wall.Microseconds(),
				ms.PauseNs[(ms.NumGC+255)%256]/1000)
		}
	}
}

func youngRun(oldMib, steps int) {
	growTo(oldMib)
	runtime.ReadMemStats(&ms)
	since := ms.NumGC
	var longest time.Duration
	var slow, sum uint64
	start := time.Now()
	last := start
	for s := 0; s < steps; s++ {
		youngList = nil
		for k := 0; k < youngLen; k++ {
			youngList = &node{youngList, uint64(k)}
		}
		for x := youngList; x != nil; x = x.next {
			sum += x.value
		}
		t := time.Now()
		d := t.Sub(last)
		last = t
		if d > longest {
			longest = d
		}
		if d >= time.Millisecond {
			slow++
		}
	}
	wall := time.Since(start)
	runtime.ReadMemStats(&ms)
	var v []uint64
	for c := since + 1; c <= ms.NumGC; c++ {
		if ms.NumGC-c < 256 {
			v = append(v, ms.PauseNs[(c+255)%256])
		}
	}
	sort.Slice(v, func(a, b int) bool { return v[a] < v[b] })
	var total uint64
	for _, x := range v {
		total += x
	}
	maxMs, medianMs := 0.0, 0.0
	if n := len(v); n > 0 {
		maxMs, medianMs = float64(v[n-1])/1e6, float64(v[(n+1)/2-1])/1e6
	}
	fmt.Printf("go,%d,%d,%d,%.3f,%.1f,%.1f,%.1f,%.1f,%d\n", oldMib, steps, ms.NumGC-since,
		wall.Seconds(), float64(total)/1e6, maxMs, medianMs, float64(longest)/1e6, slow)
	if sum != uint64(steps)*youngLen*(youngLen-1)/2 {
		fmt.Fprintln(os.Stderr, "collectors-gc: young lists lost objects")
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) < 3 || (os.Args[1] != "pause" && os.Args[1] != "young") ||
		(os.Args[1] == "young" && len(os.Args) < 4) {
		fmt.Fprintln(os.Stderr, "usage: collectors-gc pause MIB... | young OLDMIB STEPS")
		os.Exit(2)
	}
	if os.Args[1] == "young" {
		oldMib, _ := strconv.Atoi(os.Args[2])
		steps, _ := strconv.Atoi(os.Args[3])
		youngRun(oldMib, steps)
	} else {
		pauseRun(os.Args[2:])
	}
	var count uint64
	for _, l := range oldLists {
		for x := l; x != nil; x = x.next {
			count++
		}
	}
	if count != oldNodes {
		fmt.Fprintf(os.Stderr, "collectors-gc: %d objects in the old lists, not %d\n",
			count, oldNodes)
		os.Exit(1)
	}
}
