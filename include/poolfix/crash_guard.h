/* Crash isolation for worker threads: a fault while processing one file (a poolfix bug: a
 * null read, a stack overflow) skips that file, named, instead of ending the whole run.
 *
 * A fault signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL) raised while a guarded call runs on this
 * thread returns from pf_crash_guard_run() with the signal's number, on an alternate signal
 * stack so that a stack overflow can be caught too. What the interrupted call allocated is
 * leaked, not freed: its structures may be half-built. Heap corruption is not a fault here
 * (glibc aborts with SIGABRT, which is not caught). Anywhere else a fault kills the process
 * as usual. Sanitizer and fuzzing builds (POOLFIX_NO_CRASH_GUARD) leave faults to their
 * own reports. */
#ifndef POOLFIX_CRASH_GUARD_H
#define POOLFIX_CRASH_GUARD_H

typedef struct pf_crash_guard pf_crash_guard;

/* Sets up guarding for the calling thread (its alternate signal stack; the process-wide
 * handler is installed once). Free it on the same thread. */
pf_crash_guard *pf_crash_guard_new(void);
void pf_crash_guard_free(pf_crash_guard *guard);

/* Runs fn(arg) on the calling thread; 0 when it returned, or the number of the fault
 * signal that interrupted it. */
int pf_crash_guard_run(pf_crash_guard *guard, void (*fn)(void *arg), void *arg);

/* "SIGSEGV" and the like, for messages. */
const char *pf_crash_signal_name(int sig);

#endif
