// tangled from chapters/01-memory.nw by notangle; do not edit: edit the chapter, then run 'make tangle'
/**
 * \file gomm.h
 * \brief The public interface of gomm, a C implementation of the memory
 * manager and garbage collector of Go 1.19.8's runtime.
 *
 * Names follow Go's user-facing API with the package as a prefix:
 * runtime_GC() is Go's runtime.GC(), debug_SetGCPercent() is
 * runtime/debug.SetGCPercent().  Each function's documentation cites the
 * Go function it mirrors and says where the C version differs.
 */
#ifndef GOMM_H
#define GOMM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief The runtime's version string, as runtime_Version() returns it.
 *
 * Mirrors the variable runtime.buildVersion.  Its address is taken below so
 * that every program including this header links the runtime's start-up
 * code (see proc.c), which a static library would otherwise leave out.
 */
extern const char runtime_buildVersion[];
/** \cond */
static const char *const gomm_linkStartup __attribute__((used)) = runtime_buildVersion;
/** \endcond */

/**
 * \brief The version of the Go runtime this library mirrors, and of the
 * library itself: "go1.19.8 gomm/" followed by the library version.
 *
 * Mirrors runtime.Version().
 */
const char *runtime_Version(void);

/**
 * \brief The number of logical CPUs the process may run on, read once at
 * start-up from the affinity mask (sched_getaffinity).
 *
 * Mirrors runtime.NumCPU().
 */
int runtime_NumCPU(void);

#ifdef __cplusplus
}
#endif

#endif /* GOMM_H */
