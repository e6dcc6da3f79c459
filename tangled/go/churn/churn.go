// tangled from chapters/82-pauses.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
// The churn benchmark of the chapter "Measuring the collector: pauses and mark
// throughput", in Go: two goroutines keep a table of lists alive, 556 MiB, and replace
// lists of it while they build and drop short-lived ones.
//
//	usage: churn [STEPS]   (1000000 by default: the steps of both goroutines together)
//
// Prints on standard output the live structure's size and a check of all it built; on
// standard error "gc cycles: N" and "gc pauses: max_us=M p99_us=P p50_us=Q (last N cycles)".
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
)

const (
	nworkers       = 2
	nslots         = 1 << 16
	listLen        = 20
	slotsPerWorker = nslots / nworkers
	recClass       = 48
)

type rec struct {
	next *rec
	data []byte
	key  uint64
}

var table []*rec

func payloadSize(pos uint64) int { return 64 << (pos % 5) }

func newList(key *uint64, pos uint64) *rec {
	var head *rec
	for i := uint64(0); i < listLen; i++ {
		*key++
		r := &rec{next: head, data: make([]byte, payloadSize(pos+i)), key: *key}
		binary.LittleEndian.PutUint64(r.data, r.key)
		head = r
	}
	return head
}

func listCheck(r *rec, bad *uint64) uint64 {
	var sum uint64
	for ; r != nil; r = r.next {
		if binary.LittleEndian.Uint64(r.data) != r.key {
			*bad++
		}
		sum += r.key
	}
	return sum
}

type worker struct {
	id                    int
	steps                 int64
	seed, key, check, bad uint64
}

func xorshift(s *uint64) uint64 {
	*s ^= *s << 13
	*s ^= *s >> 7
	*s ^= *s << 17
	return *s
}

func churn(w *worker) {
	lo := uint64(w.id) * slotsPerWorker
	for s := lo; s < lo+slotsPerWorker; s++ {
		table[s] = newList(&w.key, s*listLen)
	}
	for i := int64(0); i < w.steps; i++ {
		t := newList(&w.key, uint64(i)*listLen) // dies at once
		w.check += listCheck(t, &w.bad)
		s := lo + xorshift(&w.seed)%slotsPerWorker
		table[s] = newList(&w.key, s*listLen) // the old list is garbage
	}
}

func main() {
	steps := int64(1000000)
	if len(os.Args) > 1 {
		steps, _ = strconv.ParseInt(os.Args[1], 10, 64)
	}
	table = make([]*rec, nslots)
	var ws [nworkers]worker
	var wg sync.WaitGroup
	for i := range ws {
		ws[i] = worker{id: i, steps: steps / nworkers, seed: 88172645463325252 + uint64(i),
			key: uint64(i) << 40}
		wg.Add(1)
		go func(w *worker) {
			defer wg.Done()
			churn(w)
		}(&ws[i])
	}
	wg.Wait()
	var check, bad, live uint64
	for i := range ws {
		check += ws[i].check
		bad += ws[i].bad
	}
	for s := 0; s < nslots; s++ {
		check += listCheck(table[s], &bad)
	}
	for pos := uint64(0); pos < nslots*listLen; pos++ {
		live += recClass + uint64(payloadSize(pos))
	}
	fmt.Printf("live: %d records, %d bytes (%.1f MiB)\n", nslots*listLen, live,
		float64(live)/(1<<20))
	fmt.Printf("steps: %d, check: %d, bad records: %d\n", steps/nworkers*nworkers, check, bad)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(os.Stderr, "gc cycles: %d\n", m.NumGC)
	printPauses(&m)
	if bad != 0 {
		os.Exit(1)
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
