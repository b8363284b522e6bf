/* An LD_PRELOAD shim for tests/isolation/run.sh: the prefilter's PCRE2 match, which
 * poolfix runs on every source file on a worker thread, faults when the file contains a
 * marker: POOLFIX-TEST-NULL-READ reads address 0, POOLFIX-TEST-STACK-OVERFLOW recurses
 * until the stack runs out. Every other file is matched by the real PCRE2. This puts a
 * crash inside poolfix's file processing without a test hook in poolfix itself. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

typedef int (*match_fn)(const void *code, const unsigned char *subject, size_t length, size_t start,
                        unsigned options, void *match_data, void *context);

/* Recurses without end; the volatile array keeps the frames from being optimised away. */
static int overflow(int depth) {
    volatile char frame[256];
    frame[0] = (char)depth;
    return overflow(depth + 1) + frame[0];
}

/* Faults if `subject` holds a marker; returns otherwise. */
static void maybe_fault(const unsigned char *subject, size_t length) {
    if (memmem(subject, length, "POOLFIX-TEST-NULL-READ", 22)) {
        volatile int *nowhere = NULL;
        (void)*nowhere;
    }
    if (memmem(subject, length, "POOLFIX-TEST-STACK-OVERFLOW", 27)) overflow(0);
}

int pcre2_jit_match_8(const void *code, const unsigned char *subject, size_t length, size_t start, unsigned options,
                      void *match_data, void *context) {
    maybe_fault(subject, length);
    match_fn real = (match_fn)dlsym(RTLD_NEXT, "pcre2_jit_match_8");
    return real(code, subject, length, start, options, match_data, context);
}

int pcre2_match_8(const void *code, const unsigned char *subject, size_t length, size_t start, unsigned options,
                  void *match_data, void *context) {
    maybe_fault(subject, length);
    match_fn real = (match_fn)dlsym(RTLD_NEXT, "pcre2_match_8");
    return real(code, subject, length, start, options, match_data, context);
}
