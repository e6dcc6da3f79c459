# gomm: a literate reading of Go 1.19.8's memory manager, and the C library it tangles into.
#
#   make          install missing Debian packages, tangle, build, run the demo, write book.pdf
#   make test     everything that checks (.ci/run runs exactly this)
#   make tangle   chapters/*.nw -> tangled/        make debug   build with #line into the chapters
#   make book     book.pdf                         make doc     Doxygen of the public header
#   make grade    grade the exercises (EX=NN-name for one)
#
# Build outputs go to build/ (and book.pdf); both are ignored by git.

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:

B := build
CHAPTERS := $(sort $(wildcard chapters/*.nw))
# One noweave pass over the chapters, each followed by its exercises' statements.
WEAVE := $(foreach c,$(CHAPTERS),$(c) $(sort $(wildcard exercises/$(firstword $(subst -, ,$(notdir $(c))))-*/statement.tex)))

SRC := $(sort $(wildcard tangled/src/*.c))
HDR := $(wildcard tangled/src/*.h tangled/include/*.h) $(B)/gen/sizeclasses.h
TESTS := $(basename $(notdir $(wildcard tangled/tests/test_*.c)))
DEMOS := $(basename $(notdir $(wildcard tangled/demo/*.c)))
FIGURES := $(patsubst figures/%.dot,$(B)/figures/%.pdf,$(wildcard figures/*.dot))

CC := gcc
CLANG := clang
CFLAGS := -std=gnu11 -g -pthread -Wall -Wextra -Werror -Itangled/include -Itangled/src -I$(B)/gen
# The builds: release, ASan+UBSan, TSan, clang.  Each has its own objects and library.
CC_rel := $(CC)
CC_asan := $(CC)
CC_tsan := $(CC)
CC_clang := $(CLANG)
FLAGS_rel := -O2
FLAGS_asan := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FLAGS_tsan := -O1 -fsanitize=thread
FLAGS_clang := -O2
# Two broken builds for check-barrier: each drops one half of the write barrier.
CC_nodel := $(CC)
CC_noins := $(CC)
FLAGS_nodel := -O2 -DGOMM_TEST_NO_DELETION
FLAGS_noins := -O2 -DGOMM_TEST_NO_INSERTION

DEBS := make gcc clang libc6-dev poppler-utils noweb libcunit1-dev doxygen graphviz latexmk \
	texlive-xetex texlive-latex-base texlive-latex-recommended texlive-latex-extra \
	texlive-lang-chinese texlive-fonts-recommended lmodern golang-go golang-1.19-src \
	libmimalloc-dev libjemalloc-dev libgoogle-perftools-dev libgc-dev python3 chromium

GOENV := GOCACHE=$(abspath $(B))/go/cache GOPATH=$(abspath $(B))/go/path GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local

.PHONY: all deps tangle build demo book doc test grade debug clean sizeclasses check-sizeclasses FORCE \
	check-tangle check-cites check-defs check-outline check-path check-doc check-book check-grade check-barrier check-gomemlimit check-traceview check-escape \
	test-rel test-asan test-tsan test-clang test-debug

all: deps
	@$(MAKE) --no-print-directory tangle
	@$(MAKE) --no-print-directory build demo book

# ---- Debian packages: install only what is missing (dpkg-query is fast) -------------
deps:
	@missing=$$({ dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' $(DEBS) 2>/dev/null || true; } \
		| awk '$$1 == "ii" { ok[$$2] = 1 } END { split("$(DEBS)", d, " "); for (i in d) if (!(d[i] in ok)) printf "%s ", d[i] }'); \
	if [ -n "$$missing" ]; then \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		echo "make: installing Debian packages: $$missing"; \
		$$sudo apt-get update -q; \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

# ---- Tangling -------------------------------------------------------------------------
tangle: $(B)/tangle.stamp
# The list of woven files, rewritten only when it changes, so that renaming a chapter re-tangles and re-weaves.
$(B)/chapters.list: FORCE
	@mkdir -p $(B)
	@echo $(WEAVE) | cmp -s - $@ || echo $(WEAVE) > $@
FORCE:
$(B)/tangle.stamp: $(CHAPTERS) $(B)/chapters.list tangled/tools/tangle.sh
	@mkdir -p $(B)
	sh tangled/tools/tangle.sh tangled
	@touch $@

# ---- Building: one set of objects and a library per build ----------------------------
# The runtime's own globals go to sections of their own, which the collector does not scan
# as roots (chapter 12, "The data roots"); its code too, so that the heap profiler can tell
# the runtime's frames from the program's (chapter 23, "The call stack").
RTSECTIONS := --rename-section .data=gomm_data --rename-section .bss=gomm_bss \
	--rename-section .text=gomm_text --rename-section .text.unlikely=gomm_text_cold
define BUILD
$(B)/$(1)/obj/%.o: tangled/src/%.c $(HDR)
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(CFLAGS) $$(FLAGS_$(1)) -c $$< -o $$@
	objcopy $(RTSECTIONS) $$@
$(B)/$(1)/libgomm.a: $(patsubst tangled/src/%.c,$(B)/$(1)/obj/%.o,$(SRC))
	@rm -f $$@
	ar rcs $$@ $$^
$(B)/$(1)/test_%: tangled/tests/test_%.c $(B)/$(1)/libgomm.a $(HDR)
	$$(CC_$(1)) $$(CFLAGS) $$(FLAGS_$(1)) $$< $(B)/$(1)/libgomm.a -lcunit -o $$@
$(B)/$(1)/demo/%: tangled/demo/%.c $(B)/$(1)/libgomm.a $(HDR)
	@mkdir -p $$(@D)
	$$(CC_$(1)) $$(CFLAGS) $$(FLAGS_$(1)) $$< $(B)/$(1)/libgomm.a -o $$@
endef
$(foreach b,rel asan tsan clang nodel noins,$(eval $(call BUILD,$(b))))

# The size-class tables are generated at build time by the chapter 2 generator.
$(B)/host/mksizeclasses: tangled/tools/mksizeclasses.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O1 -Wall -Wextra -Werror $< -o $@
$(B)/gen/sizeclasses.h: $(B)/host/mksizeclasses
	@mkdir -p $(@D)
	$< > $@
$(B)/out/sizeclasses.txt: $(B)/host/mksizeclasses
	@mkdir -p $(@D)
	$< -comment > $@
sizeclasses: $(B)/out/sizeclasses.txt
	@cat $<

# Internal fragmentation of a real allocation trace: Graphviz's dot, traced by malloctrace.so.
$(B)/host/malloctrace.so: tangled/tools/malloctrace.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O1 -Wall -Wextra -Werror -fPIC -shared $< -o $@
$(B)/out/frag.csv: $(B)/host/mksizeclasses $(B)/host/malloctrace.so figures/address-space.dot
	@mkdir -p $(@D)
	MALLOCTRACE=$(B)/out/malloc-sizes.txt LD_PRELOAD=$(abspath $(B))/host/malloctrace.so dot -Tpdf figures/address-space.dot -o /dev/null
	$< -frag $(B)/out/malloc-sizes.txt > $@ 2> $(B)/out/frag.txt
	@cat $(B)/out/frag.txt

build: $(B)/rel/libgomm.a $(addprefix $(B)/rel/,$(TESTS)) $(addprefix $(B)/rel/demo/,$(DEMOS)) $(B)/rel/tools/escape

# The demo's output is also a table of the book: it is made once per build of the demo.
demo: $(B)/out/memstates.txt
$(B)/out/%.txt: $(B)/rel/demo/%
	@mkdir -p $(@D)
	$< | tee $@

# ---- The book -------------------------------------------------------------------------
$(B)/chapters.tex: $(WEAVE) $(B)/chapters.list
	@mkdir -p $(@D)
	noweave -n -index $(WEAVE) > $@

$(B)/figures/%.pdf: figures/%.dot
	@mkdir -p $(@D)
	dot -Tpdf $< -o $@

# What Go 1.19's escape analysis says of the chapter's example (shown verbatim in the book).
$(B)/out/escape1.txt: tangled/go/escape1/escape1.go
	@mkdir -p $(@D) $(B)/go
	cd $(<D) && $(GOENV) go build -gcflags=-m -o /dev/null escape1.go 2> $(abspath $@)

# The heap bitmap figure of chapter 9 is drawn by the tangled tool showbits, not by hand.
$(B)/rel/tools/showbits: tangled/tools/showbits.c $(B)/rel/libgomm.a $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(FLAGS_rel) $< $(B)/rel/libgomm.a -o $@
$(B)/out/heapbits.txt: $(B)/rel/tools/showbits
	@mkdir -p $(@D)
	$< > $@
$(B)/figures-gen/heapbits.dot: $(B)/rel/tools/showbits
	@mkdir -p $(@D)
	$< -dot > $@
$(B)/figures-gen/%.pdf: $(B)/figures-gen/%.dot
	dot -Tpdf $< -o $@

# The figures and traces of chapter 10 are the output of the tangled simulator gcsim
# (no library needed): gcsim_NAME holds its arguments for gc-NAME.dot or gc-NAME.txt.
GCSIM_FIGURES := $(addprefix $(B)/figures-gen/gc-,$(addsuffix .pdf,before hidden lost saved))
GCSIM_OUT := $(addprefix $(B)/out/gc-,$(addsuffix .txt,none dijkstra yuasa hybrid rescan table))
gcsim_before := -dot 3 example
gcsim_hidden := -dot 8 example
gcsim_lost := -dot end example
gcsim_saved := -b hybrid -dot end example
gcsim_none := -b none example
gcsim_dijkstra := -q -b dijkstra example
gcsim_yuasa := -q -b yuasa example
gcsim_hybrid := -q -b hybrid example
gcsim_rescan := -b dijkstra -rescan blackstack
gcsim_table := -table
$(B)/host/gcsim: tangled/tools/gcsim.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O1 -Wall -Wextra -Werror $< -o $@
$(B)/figures-gen/gc-%.dot: $(B)/host/gcsim
	@mkdir -p $(@D)
	$< $(gcsim_$*) > $@
$(B)/out/gc-%.txt: $(B)/host/gcsim
	@mkdir -p $(@D)
	$< $(gcsim_$*) > $@

# Chapter 83, "Other languages' collectors": the Boehm collector, gomm and Go on the same
# heaps, and CPython's reference counts (chapters/83-collectors.nw).  The book's build runs
# all of it, in about ten seconds on two cores.
COLL_SIZES ?= 8 32 128
COLL_OLD ?= 64
COLL_STEPS ?= 200000
# Debian's python3 (the DEBS package), whatever else is first on PATH.
COLL_PYTHON ?= /usr/bin/python3
$(B)/bench/collectors-boehm: tangled/bench/collectors-gc.c
	@mkdir -p $(@D)
	$(CC) $(BENCHFLAGS) -DCOLL_BOEHM $< -lgc -o $@
$(B)/bench/collectors-gomm: tangled/bench/collectors-gc.c $(B)/rel/libgomm.a tangled/include/gomm.h
	@mkdir -p $(@D)
	$(CC) $(BENCHFLAGS) -DCOLL_GOMM -Itangled/include $< $(B)/rel/libgomm.a -o $@
$(B)/bench/collectors-go: tangled/go/collectors/collectors-gc.go
	@mkdir -p $(@D) $(B)/go
	cd $(<D) && $(GOENV) go build -o $(abspath $@) $(<F)
COLLBIN := $(addprefix $(B)/bench/collectors-,boehm gomm go)
$(B)/out/collectors-pause.txt: $(COLLBIN) tangled/bench/collectors-run.sh
	@mkdir -p $(@D)
	sh tangled/bench/collectors-run.sh pause $(COLL_SIZES) -- boehm=$(B)/bench/collectors-boehm \
		gomm=$(B)/bench/collectors-gomm go=$(B)/bench/collectors-go > $@
$(B)/out/collectors-young.txt: $(COLLBIN) tangled/bench/collectors-run.sh
	@mkdir -p $(@D)
	sh tangled/bench/collectors-run.sh young $(COLL_OLD) $(COLL_STEPS) -- \
		boehm=$(B)/bench/collectors-boehm boehm-incremental=$(B)/bench/collectors-boehm:incremental \
		gomm=$(B)/bench/collectors-gomm go=$(B)/bench/collectors-go > $@
$(B)/out/collectors-refcount.txt: tangled/bench/collectors-refcount.py
	@mkdir -p $(@D)
	$(COLL_PYTHON) $< > $@
COLLOUT := $(B)/out/collectors-pause.txt $(B)/out/collectors-young.txt $(B)/out/collectors-refcount.txt

# Chapter 28's tables: the optimization programs, each run once per build of the program
# (pooltraps, markcost and fragment by the demos' rule above; these three need arguments).
OPT_OUT := $(addprefix $(B)/out/,$(addsuffix .txt,opt-bench pooltraps markcost opt-locality fragment opt-lifetime))
$(B)/out/opt-bench.txt: $(B)/rel/demo/optbench
	@mkdir -p $(@D)
	$< -test.benchtime=200ms -test.benchmem > $@
$(B)/out/opt-locality.txt: $(B)/rel/demo/markcost
	@mkdir -p $(@D)
	$< list > $@
$(B)/out/opt-lifetime.txt: $(B)/rel/demo/lifetime tangled/tools/lifetime.awk
	@mkdir -p $(@D)
	GODEBUG=allocfreetrace=1 $< 2>&1 | awk -f tangled/tools/lifetime.awk > $@

BOOKDEPS := book.tex refs.bib $(B)/chapters.tex $(FIGURES) $(B)/figures-gen/heapbits.pdf $(GCSIM_FIGURES) $(GCSIM_OUT) $(B)/out/heapbits.txt $(B)/out/memstates.txt $(B)/out/escape1.txt $(B)/out/sizeclasses.txt \
	$(B)/out/frag.csv $(B)/out/bench-alloc.txt $(B)/out/bench-binarytrees-book.txt \
	$(B)/out/gctrace-gomm.txt $(B)/out/gctrace-go.txt $(B)/out/pacertrace-gomm.txt $(B)/out/pacertrace-go.txt \
	$(B)/out/pacerplots.stamp \
	$(B)/out/heapdemo.txt $(B)/out/heapdemo-alloc.txt $(B)/out/heapdemo-inuse.txt $(B)/figures-gen/heapdemo-alloc.pdf \
	$(B)/out/threaddemo.txt \
	$(B)/out/tracedemo.txt $(B)/out/tracedemo-events.txt $(B)/out/traceview.txt $(B)/figures-gen/tracedemo-view.png \
	$(B)/out/escape-agreement.txt $(B)/figures-gen/escape-graph.pdf $(B)/figures-gen/escape-closure.pdf $(B)/out/escapebench.txt \
	$(OPT_OUT) $(COLLOUT) \
	$(wildcard tangled/go/*/*.go)
book: book.pdf
# A run that stops on an error may leave book.aux cut short, which would stop the next run
# at \begin{document}: it is removed, and the next run starts afresh.
book.pdf: $(BOOKDEPS)
	@mkdir -p $(B)/tex
	latexmk -xelatex -interaction=nonstopmode -halt-on-error -file-line-error -outdir=$(B)/tex book.tex \
		> $(B)/tex/latexmk.out 2>&1 || { tail -40 $(B)/tex/latexmk.out; rm -f $(B)/tex/book.aux; exit 1; }
	cp $(B)/tex/book.pdf $@
	@echo "book.pdf: $$(pdfinfo $@ 2>/dev/null | sed -n 's/^Pages: *//p') pages"

# ---- Benchmarks -----------------------------------------------------------------------
# `make bench` (chapter "Measuring the allocator"): tangled/bench/alloc.c built once per
# allocator, alloc.go built by Go 1.19, all run one after another by run.sh into one CSV;
# ratios.sh makes the table the book shows.  A second `make bench` runs them all again.
BENCH := gomm fastpath bump glibc mimalloc jemalloc tcmalloc boehm
BENCHFLAGS := -std=gnu11 -O2 -g -pthread -Wall -Wextra -Werror
BENCHLIBS_gomm := -DALLOC_GOMM -Itangled/include $(B)/rel/libgomm.a
BENCHLIBS_fastpath := -DALLOC_FASTPATH -Itangled/include -Itangled/src -I$(B)/gen $(B)/rel/libgomm.a
BENCHLIBS_bump := -DALLOC_BUMP
BENCHLIBS_glibc := -DALLOC_MALLOC
BENCHLIBS_mimalloc := -DALLOC_MALLOC -lmimalloc
BENCHLIBS_jemalloc := -DALLOC_MALLOC -ljemalloc
BENCHLIBS_tcmalloc := -DALLOC_MALLOC -ltcmalloc_minimal
BENCHLIBS_boehm := -DALLOC_BOEHM -lgc
.PHONY: bench bench-binarytrees check-binarytrees bench-collector
bench:
	@rm -f $(B)/out/bench-alloc.csv $(B)/out/bench-binarytrees.csv $(B)/out/bench-pauses.csv $(B)/out/bench-markrate.csv
	@$(MAKE) --no-print-directory $(B)/out/bench-alloc.txt $(B)/out/bench-binarytrees.txt \
		$(B)/out/bench-pauses.txt $(B)/out/bench-markrate.txt
	@cat $(B)/out/bench-alloc.txt; echo; cat $(B)/out/bench-binarytrees.txt
	@echo; cat $(B)/out/bench-pauses.txt; echo; cat $(B)/out/bench-markrate.txt
$(B)/bench/alloc-gomm: $(B)/rel/libgomm.a tangled/include/gomm.h
$(B)/bench/alloc-fastpath: $(B)/rel/libgomm.a tangled/include/gomm.h tangled/src/runtime.h $(B)/gen/sizeclasses.h
$(B)/bench/alloc-%: tangled/bench/alloc.c
	@mkdir -p $(@D)
	$(CC) $(BENCHFLAGS) -DALLOC_NAME=$* $< $(BENCHLIBS_$*) -o $@
$(B)/bench/alloc-go: tangled/bench/alloc.go
	@mkdir -p $(@D) $(B)/go
	cd $(<D) && $(GOENV) go build -o $(abspath $@) alloc.go
$(B)/out/bench-alloc.csv: $(addprefix $(B)/bench/alloc-,$(BENCH) go) tangled/bench/run.sh
	@mkdir -p $(@D)
	sh tangled/bench/run.sh $(B)/bench $(BENCH) go > $@
$(B)/out/bench-alloc.txt: $(B)/out/bench-alloc.csv tangled/bench/ratios.sh
	sh tangled/bench/ratios.sh $< > $@

# `make bench` also runs binary-trees (chapter "Measuring the whole heap: binary trees"):
# gomm's program is the demo build/rel/demo/binarytrees; tangled/bench/binarytrees.c is
# built once per other allocator, the Go program by Go 1.19; trees-run.sh runs them all
# round-robin through measure, trees-table.sh makes the table.  The full run is depth
# BT_DEPTH, BT_RUNS runs (make bench BT_DEPTH=20 BT_RUNS=5); the book shows a short run
# (BT_BOOK_DEPTH, BT_BOOK_RUNS) made with the book.
BT_DEPTH ?= 19
BT_RUNS ?= 3
BT_BOOK_DEPTH ?= 16
BT_BOOK_RUNS ?= 3
BT_CHECK_DEPTH ?= 12
TREES := glibc mimalloc jemalloc tcmalloc boehm
TREESLIBS_glibc := -DTREES_MALLOC
TREESLIBS_mimalloc := -DTREES_MALLOC -lmimalloc
TREESLIBS_jemalloc := -DTREES_MALLOC -ljemalloc
TREESLIBS_tcmalloc := -DTREES_MALLOC -ltcmalloc_minimal
TREESLIBS_boehm := -DTREES_BOEHM -lgc
TREESBIN := $(B)/rel/demo/binarytrees $(B)/bench/trees-go $(addprefix $(B)/bench/trees-,$(TREES))
TREESRUN := gomm=$(B)/rel/demo/binarytrees go=$(B)/bench/trees-go $(foreach t,$(TREES),$(t)=$(B)/bench/trees-$(t))
bench-binarytrees:
	@rm -f $(B)/out/bench-binarytrees.csv
	@$(MAKE) --no-print-directory $(B)/out/bench-binarytrees.txt
	@cat $(B)/out/bench-binarytrees.txt
$(B)/bench/trees-%: tangled/bench/binarytrees.c
	@mkdir -p $(@D)
	$(CC) $(BENCHFLAGS) -DTREES_NAME=$* $< $(TREESLIBS_$*) -o $@
$(B)/bench/trees-go: tangled/go/binarytrees/binarytrees.go
	@mkdir -p $(@D) $(B)/go
	cd $(<D) && $(GOENV) go build -o $(abspath $@) binarytrees.go
$(B)/bench/memlimit-go: tangled/go/memlimit/memlimit.go
	@mkdir -p $(@D) $(B)/go
	cd $(<D) && $(GOENV) go build -o $(abspath $@) memlimit.go
# make test: GOMEMLIMIT must be read as Go 1.19 reads it (chapter "The pacer").
check-gomemlimit: $(B)/bench/memlimit-go $(B)/rel/demo/memlimit
	sh tangled/tools/gomemlimit-check.sh $(B)/bench/memlimit-go $(B)/rel/demo/memlimit
$(B)/bench/measure: tangled/bench/measure.c
	@mkdir -p $(@D)
	$(CC) $(BENCHFLAGS) $< -o $@
$(B)/out/bench-binarytrees.csv: $(TREESBIN) $(B)/bench/measure tangled/bench/trees-run.sh
	@mkdir -p $(@D)
	sh tangled/bench/trees-run.sh $(B)/bench/measure $(BT_DEPTH) $(BT_RUNS) $(TREESRUN) > $@
$(B)/out/bench-binarytrees-book.csv: $(TREESBIN) $(B)/bench/measure tangled/bench/trees-run.sh
	@mkdir -p $(@D)
	sh tangled/bench/trees-run.sh $(B)/bench/measure $(BT_BOOK_DEPTH) $(BT_BOOK_RUNS) $(TREESRUN) > $@
$(B)/out/bench-binarytrees.txt $(B)/out/bench-binarytrees-book.txt: $(B)/out/%.txt: $(B)/out/%.csv tangled/bench/trees-table.sh
	sh tangled/bench/trees-table.sh $< > $@
# make test: gomm's binary trees must print what Go's print.
# Chapter 11 shows real gctrace lines, gomm's and Go's, of binary-trees at depth 16 (each line
# folded after its CPU figures, to fit the page).
$(B)/out/gctrace-gomm.txt: $(B)/rel/demo/binarytrees
	@mkdir -p $(@D)
	GODEBUG=gctrace=1 $< 16 2>&1 >/dev/null | grep '^gc ' | sed -n '1,2p;$$p' | sed 's/ ms cpu, / ms cpu,\n      /' > $@
$(B)/out/gctrace-go.txt: $(B)/bench/trees-go
	@mkdir -p $(@D)
	GODEBUG=gctrace=1 $< 16 2>&1 >/dev/null | grep '^gc ' | sed -n '1,2p;$$p' | sed 's/ ms cpu, / ms cpu,\n      /' > $@
# Chapter 17 shows the pacer's two lines and the gctrace line of binary-trees' tenth cycle at
# depth 16, gomm's and Go's (folded to fit the page).
PACERFOLD := sed 's/ (scan / (scan\n      /; s/ B exp\.) in / B exp.) in\n      /; s/ ms cpu, / ms cpu,\n      /; s/\xe2\x88\x86/\\ensuremath{\\Delta}/'
$(B)/out/pacertrace-gomm.txt: $(B)/rel/demo/binarytrees
	@mkdir -p $(@D)
	GODEBUG=gcpacertrace=1,gctrace=1 $< 16 2>&1 >/dev/null | awk '/^pacer: assist/ {n++} n == 10' | head -3 | $(PACERFOLD) > $@
$(B)/out/pacertrace-go.txt: $(B)/bench/trees-go
	@mkdir -p $(@D)
	GODEBUG=gcpacertrace=1,gctrace=1 $< 16 2>&1 >/dev/null | awk '/^pacer: assist/ {n++} n == 10' | head -3 | $(PACERFOLD) > $@

# Chapter 24 walks through a heap profile of demo/heapdemo, as go tool pprof shows it.
$(B)/out/heapdemo.pb.gz $(B)/out/heapdemo.txt &: $(B)/rel/demo/heapdemo
	@mkdir -p $(B)/out
	$< $(B)/out/heapdemo.pb.gz > $(B)/out/heapdemo.txt
$(B)/out/heapdemo-alloc.txt: $(B)/out/heapdemo.pb.gz
	go tool pprof -top -sample_index=alloc_space $< 2>&1 | head -n 12 > $@
$(B)/out/heapdemo-inuse.txt: $(B)/out/heapdemo.pb.gz
	go tool pprof -top -sample_index=inuse_space $< 2>&1 | head -n 12 > $@
$(B)/figures-gen/heapdemo-alloc.pdf: $(B)/out/heapdemo.pb.gz
	@mkdir -p $(@D)
	go tool pprof -pdf -sample_index=alloc_space -output=$@ $< 2>/dev/null

# Chapter 25 reads an execution trace of demo/tracedemo, with Go 1.19's go tool trace, in headless Chromium.
$(B)/out/tracedemo.trace $(B)/out/tracedemo.txt &: $(B)/rel/demo/tracedemo
	@mkdir -p $(B)/out
	$< $(B)/out/tracedemo.trace > $(B)/out/tracedemo.txt
$(B)/out/tracedemo-events.txt: $(B)/out/tracedemo.trace
	go tool trace -d $< 2>/dev/null | awk '{ n[$$2]++ } END { for (e in n) printf "%-18s %6d\n", e, n[e] }' | LC_ALL=C sort > $@
$(B)/figures-gen/tracedemo-view.png $(B)/out/traceview.txt &: $(B)/out/tracedemo.trace tangled/tools/traceview.py
	@mkdir -p $(B)/figures-gen
	python3 tangled/tools/traceview.py $< $(B)/figures-gen/tracedemo-view.png > $(B)/out/traceview.txt
# make test: go tool trace's view, in Chromium, shows the collector's events of a fresh trace.
check-traceview: $(B)/rel/demo/tracedemo
	@mkdir -p $(B)/check
	$< $(B)/check/tracedemo.trace
	python3 tangled/tools/traceview.py $(B)/check/tracedemo.trace

# Chapter 26: the escape analysis tool, and its corpus checked against Go 1.19's compiler.
ESCSRC := $(sort $(wildcard tangled/tools/escape/*.c))
ESCCORPUS := $(sort $(wildcard tangled/go/escape/*.go))
ESCCHECK = $(GOENV) sh tangled/tools/escape-check.sh
$(B)/rel/tools/escape: $(ESCSRC) tangled/tools/escape/esc.h
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Werror -o $@ $(ESCSRC)
$(B)/asan/tools/escape: $(ESCSRC) tangled/tools/escape/esc.h
	@mkdir -p $(@D)
	$(CC) -std=gnu11 $(FLAGS_asan) -g -Wall -Wextra -Werror -o $@ $(ESCSRC)
# The release build's comparison, at -m and -m=2, fails on any difference and leaves its summary for
# the book; make test adds the ASan+UBSan build's.
$(B)/out/escape-agreement.txt: $(B)/rel/tools/escape $(ESCCORPUS) tangled/tools/escape-check.sh
	@mkdir -p $(@D)
	@{ $(ESCCHECK) $(abspath $<) -m $(ESCCORPUS) && $(ESCCHECK) $(abspath $<) -m=2 $(ESCCORPUS); } > $@.log \
		|| { cat $@.log; exit 1; }
	@grep 'snippets agree' $@.log | tee $@
check-escape: $(B)/out/escape-agreement.txt $(B)/asan/tools/escape
	@ASAN_OPTIONS=detect_leaks=0 $(ESCCHECK) $(abspath $(B)/asan/tools/escape) -m=2 $(ESCCORPUS)
$(B)/figures-gen/escape-graph.pdf: $(B)/rel/tools/escape tangled/go/escape/24-loop-addr.go
	@mkdir -p $(@D)
	$< -dot=loop tangled/go/escape/24-loop-addr.go | dot -Tpdf -o $@
$(B)/figures-gen/escape-closure.pdf: $(B)/rel/tools/escape tangled/go/escape/12-closure-ref.go
	@mkdir -p $(@D)
	$< -dot=counter tangled/go/escape/12-closure-ref.go | dot -Tpdf -o $@

# Chapter 20's figures: CSV files from runs of demo/pacerdemo (about half a minute).
$(B)/out/pacerplots.stamp: $(B)/rel/demo/pacerdemo tangled/tools/pacerplots.sh
	sh tangled/tools/pacerplots.sh $< $(B)/out
	@touch $@

check-binarytrees: $(B)/rel/demo/binarytrees $(B)/bench/trees-go
	@mkdir -p $(B)/check
	$(B)/bench/trees-go $(BT_CHECK_DEPTH) > $(B)/check/binarytrees-go.txt
	$(B)/rel/demo/binarytrees $(BT_CHECK_DEPTH) > $(B)/check/binarytrees-gomm.txt
	@diff $(B)/check/binarytrees-go.txt $(B)/check/binarytrees-gomm.txt || { echo "make test: gomm's binary trees differ from Go's"; exit 1; }
	@echo "check-binarytrees: gomm's binary trees print what Go's print (depth $(BT_CHECK_DEPTH))"

# `make bench` ends with the collector's benchmarks (chapter "Measuring the collector: pauses
# and mark throughput"): churn, tangled/bench/churn.c on gomm and tangled/go/churn by Go 1.19,
# run CHURN_RUNS times round-robin through measure by churn-run.sh, CHURN_STEPS steps each
# (churn-table.sh makes the table); and markrate, C and Go, run by markrate-run.sh with
# GODEBUG=gctrace=1 under GOMAXPROCS=1 and 2, MARK_MIB MiB and MARK_CYCLES forced cycles
# (markrate-table.sh makes the table).  `make bench-collector` runs these two alone.
CHURN_STEPS ?= 1000000
CHURN_RUNS ?= 3
MARK_MIB ?= 256
MARK_CYCLES ?= 5
COLLECTORBENCH := churn markrate
bench-collector:
	@rm -f $(B)/out/bench-pauses.csv $(B)/out/bench-markrate.csv
	@$(MAKE) --no-print-directory $(B)/out/bench-pauses.txt $(B)/out/bench-markrate.txt
	@cat $(B)/out/bench-pauses.txt; echo; cat $(B)/out/bench-markrate.txt
$(addprefix $(B)/bench/,$(addsuffix -gomm,$(COLLECTORBENCH))): $(B)/bench/%-gomm: tangled/bench/%.c $(B)/rel/libgomm.a tangled/include/gomm.h
	@mkdir -p $(@D)
	$(CC) $(BENCHFLAGS) -Itangled/include $< $(B)/rel/libgomm.a -o $@
$(B)/bench/churn-go: tangled/go/churn/churn.go
$(B)/bench/markrate-go: tangled/go/markrate/markrate.go
$(addprefix $(B)/bench/,$(addsuffix -go,$(COLLECTORBENCH))):
	@mkdir -p $(@D) $(B)/go
	cd $(<D) && $(GOENV) go build -o $(abspath $@) $(<F)
$(B)/out/bench-pauses.csv: $(B)/bench/churn-gomm $(B)/bench/churn-go $(B)/bench/measure tangled/bench/churn-run.sh
	@mkdir -p $(@D)
	sh tangled/bench/churn-run.sh $(B)/bench/measure $(CHURN_STEPS) $(CHURN_RUNS) \
		gomm=$(B)/bench/churn-gomm go=$(B)/bench/churn-go > $@
$(B)/out/bench-pauses.txt: $(B)/out/bench-pauses.csv tangled/bench/churn-table.sh
	sh tangled/bench/churn-table.sh $< > $@
$(B)/out/bench-markrate.csv: $(B)/bench/markrate-gomm $(B)/bench/markrate-go tangled/bench/markrate-run.sh
	@mkdir -p $(@D)
	sh tangled/bench/markrate-run.sh $(MARK_MIB) $(MARK_CYCLES) \
		gomm=$(B)/bench/markrate-gomm go=$(B)/bench/markrate-go > $@
$(B)/out/bench-markrate.txt: $(B)/out/bench-markrate.csv tangled/bench/markrate-table.sh
	sh tangled/bench/markrate-table.sh $< > $@

# ---- Doxygen ---------------------------------------------------------------------------
doc: $(B)/doc/html/index.html
$(B)/doc/html/index.html: Doxyfile tangled/include/gomm.h
	@mkdir -p $(B)/doc
	doxygen Doxyfile

# ---- Debug build: tangled with #line, so errors and gdb point into the chapters ------
DEBUGFLAGS := -std=gnu11 -O0 -g3 -pthread -Wall -Wextra -Werror -DGOMM_DEBUG=1 -I$(B)/debug/include -I$(B)/debug/src -I$(B)/gen
debug: $(B)/tangle.stamp $(B)/gen/sizeclasses.h
	@rm -rf $(B)/debug && mkdir -p $(B)/debug/obj
	sh tangled/tools/tangle.sh -L $(B)/debug
	for f in $(notdir $(SRC)); do $(CC) $(DEBUGFLAGS) -c $(B)/debug/src/$$f -o $(B)/debug/obj/$${f%.c}.o && objcopy $(RTSECTIONS) $(B)/debug/obj/$${f%.c}.o || exit 1; done
	ar rcs $(B)/debug/libgomm.a $(B)/debug/obj/*.o
	for t in $(TESTS); do $(CC) $(DEBUGFLAGS) $(B)/debug/tests/$$t.c $(B)/debug/libgomm.a -lcunit -o $(B)/debug/$$t; done
	@echo "debug: build in $(B)/debug; compiler messages and gdb point at chapter lines"

# ---- Grading ---------------------------------------------------------------------------
grade: $(B)/rel/libgomm.a $(B)/rel/tools/escape
	$(GOENV) CC="$(CC)" B=$(B) sh tangled/tools/grade.sh $(EX)

# ---- make test ------------------------------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory check-tangle
	@$(MAKE) --no-print-directory check-cites check-defs check-outline check-sizeclasses
	@$(MAKE) --no-print-directory test-rel test-clang test-debug test-asan test-tsan
	@$(MAKE) --no-print-directory check-binarytrees check-barrier check-gomemlimit check-traceview check-escape
	@$(MAKE) --no-print-directory check-grade check-doc check-book check-path
	@echo "make test: all checks passed"

check-tangle:
	@rm -rf $(B)/tangle-check && mkdir -p $(B)/tangle-check
	sh tangled/tools/tangle.sh $(B)/tangle-check
	@diff -r $(B)/tangle-check tangled || { echo "make test: tangled/ differs from what chapters/ produce: run 'make tangle' and commit"; exit 1; }
	@echo "check-tangle: tangled/ is what the chapters produce"

# The generator's table must be Go's, byte for byte.
check-sizeclasses: $(B)/out/sizeclasses.txt
	@goroot=$$($(GOENV) go env GOROOT); \
	sed -n '/^\/\/ class  bytes\/obj/,/^$$/p; /^\/\/ alignment  bits/,/^$$/p' $$goroot/src/runtime/sizeclasses.go > $(B)/out/sizeclasses.go.txt; \
	diff $(B)/out/sizeclasses.go.txt $< && echo "check-sizeclasses: the 67 size classes equal Go's ($$goroot/src/runtime/sizeclasses.go)"

check-cites:
	sh tangled/tools/checkcites.sh
check-defs:
	sh tangled/tools/checkdefs.sh
check-outline:
	sh tangled/tools/checkoutline.sh
# The learning path (chapter 84) names programs and files: they must all exist.
check-path: build $(COLLBIN)
	sh tangled/tools/path.sh --check

define RUNTESTS
test-$(1): $(addprefix $(B)/$(1)/,$(TESTS))
	@for t in $$^; do echo "== $$$$t"; $$$$t; done
endef
$(foreach b,rel asan tsan clang,$(eval $(call RUNTESTS,$(b))))

test-debug: debug
	@for t in $(TESTS); do echo "== $(B)/debug/$$t"; $(B)/debug/$$t; done

# The stress test must catch a write barrier without its deletion half, and one without its insertion half.
check-barrier: $(B)/nodel/test_mgcconc $(B)/noins/test_mgcconc
	@mkdir -p $(B)/out
	@for b in nodel noins; do \
		if GOGC=400 GODEBUG=gccheckmark=1,clobberfree=1 STRESS_CYCLES=100 $(B)/$$b/test_mgcconc stress > $(B)/out/barrier-$$b.txt 2>&1; then \
			echo "make test: the stress test did not catch the build $$b (see $(B)/out/barrier-$$b.txt)"; exit 1; fi; \
		echo "check-barrier: the stress test caught the build $$b: $$(grep -E 'bad nodes|fatal error' $(B)/out/barrier-$$b.txt | head -1)"; \
	done

check-grade: $(B)/rel/libgomm.a $(B)/rel/tools/escape
	$(GOENV) CC="$(CC)" B=$(B) sh tangled/tools/grade.sh --check

check-doc:
	@rm -rf $(B)/doc
	@$(MAKE) --no-print-directory doc
	@if [ -s $(B)/doc/warnings.log ]; then cat $(B)/doc/warnings.log; echo "make test: Doxygen warnings"; exit 1; fi
	@echo "check-doc: Doxygen ran without warnings"

check-book: book.pdf
	@log=$(B)/tex/book.log; \
	if grep -E -n 'undefined|Missing character|multiply defined|^!|Error' $$log; then \
		echo "make test: the book's build is not clean (see $$log)"; exit 1; fi
	@echo "check-book: book.pdf built cleanly"

clean:
	rm -rf $(B) book.pdf
