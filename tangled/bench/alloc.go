// tangled from chapters/80-bench.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The allocation benchmark of the chapter "Measuring the allocator", in Go.
//
//	usage: alloc-go THREADS SIZE ALLOCS RUNS
//
// prints go,THREADS,SIZE,NS_PER_ALLOC,FAULTS_PER_1000 for the best of RUNS runs,
// each of ALLOCS allocations per goroutine: the run's wall-clock time / ALLOCS, and
// the process's minor page faults during the run per 1000 allocations.
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

const batchLen = 1000

// batches holds each worker's batch.  Being reachable from a global, a
// batch keeps its objects alive until they are replaced.
var batches [][][]byte

type span struct{ t0, t1 time.Time }

func worker(w, size, allocs int, ready, done *sync.WaitGroup, start <-chan struct{}, times []span) {
	defer done.Done()
	batch := batches[w]
	ready.Done()
	<-start
	t0 := time.Now()
	for n := 0; n < allocs; n += batchLen {
		for i := range batch {
			b := make([]byte, size)
			binary.LittleEndian.PutUint64(b, uint64(i))
			batch[i] = b
		}
	}
	times[w] = span{t0, time.Now()}
}

func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return ru.Minflt
}

func timeRun(threads, size, allocs int) (ns, faultsPer1000 float64) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	times := make([]span, threads)
	batches = make([][][]byte, threads)
	for w := range batches {
		batches[w] = make([][]byte, batchLen)
	}
	ready.Add(threads)
	done.Add(threads)
	for w := 0; w < threads; w++ {
		go worker(w, size, allocs, &ready, &done, start, times)
	}
	ready.Wait()
	faults := minorFaults()
	close(start)
	done.Wait()
	faults = minorFaults() - faults
	t0, t1 := times[0].t0, times[0].t1
	for _, s := range times[1:] {
		if s.t0.Before(t0) {
			t0 = s.t0
		}
		if s.t1.After(t1) {
			t1 = s.t1
		}
	}
	ns = float64(t1.Sub(t0).Nanoseconds()) / float64(allocs)
	return ns, 1000 * float64(faults) / float64(allocs*threads)
}

func main() {
	var args [4]int
	for i := range args {
		n := 0
		if len(os.Args) == 5 {
			n, _ = strconv.Atoi(os.Args[1+i])
		}
		if n < 1 {
			fmt.Fprintf(os.Stderr, "usage: %s THREADS SIZE ALLOCS RUNS\n", os.Args[0])
			os.Exit(2)
		}
		args[i] = n
	}
	threads, size, allocs, runs := args[0], args[1], args[2], args[3]
	if size < 8 || allocs%batchLen != 0 {
		fmt.Fprintf(os.Stderr, "%s: size must be >= 8 and allocs a multiple of %d\n", os.Args[0], batchLen)
		os.Exit(2)
	}
	best, bestFaults := 0.0, 0.0
	for r := 0; r < runs; r++ {
		if ns, faults := timeRun(threads, size, allocs); r == 0 || ns < best {
			best, bestFaults = ns, faults
		}
	}
	fmt.Printf("go,%d,%d,%.1f,%.1f\n", threads, size, best, bestFaults)
}
