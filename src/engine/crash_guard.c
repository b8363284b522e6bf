/* Crash isolation (see crash_guard.h). The handler and the thread-local return point are
 * the only process-wide state: the handler is installed once and never changes, and each
 * thread sees only its own return point. */
#include "poolfix/crash_guard.h"

#include "poolfix/arena.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#ifndef POOLFIX_NO_CRASH_GUARD
static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

#endif

/* Large enough for the handler and siglongjmp, whatever SIGSTKSZ says on this libc. */
#define ALTERNATE_STACK_BYTES (64 * 1024)

struct pf_crash_guard {
    stack_t alternate;
    stack_t previous;
};

#ifndef POOLFIX_NO_CRASH_GUARD

/* Where a fault on this thread returns to, while a guarded call runs. */
static _Thread_local sigjmp_buf *return_point;

/* Jumps back to the guarded call's start; outside one, restores the default action, so the
 * faulting instruction runs again and ends the process as it would have without us. */
static void on_fault(int sig, siginfo_t *info, void *context) {
    (void)info, (void)context;
    sigjmp_buf *target = return_point;
    if (target) {
        return_point = NULL;
        siglongjmp(*target, sig);
    }
    signal(sig, SIG_DFL);
}

/* Installs on_fault for every fault signal, once per process. */
static void install_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof(fault_signals) / sizeof(*fault_signals); i++)
        sigaction(fault_signals[i], &action, NULL);
}
#endif

pf_crash_guard *pf_crash_guard_new(void) {
    pf_crash_guard *guard = pf_xcalloc(1, sizeof(*guard));
#ifndef POOLFIX_NO_CRASH_GUARD
    static pthread_once_t installed = PTHREAD_ONCE_INIT;
    pthread_once(&installed, install_handler);
    guard->alternate.ss_sp = pf_xmalloc(ALTERNATE_STACK_BYTES);
    guard->alternate.ss_size = ALTERNATE_STACK_BYTES;
    if (sigaltstack(&guard->alternate, &guard->previous) != 0) {
        /* Without its own stack the handler still catches every fault but an overflow. */
        free(guard->alternate.ss_sp);
        guard->alternate.ss_sp = NULL;
    }
#endif
    return guard;
}

void pf_crash_guard_free(pf_crash_guard *guard) {
    if (!guard) return;
    if (guard->alternate.ss_sp) {
        sigaltstack(&guard->previous, NULL);
        free(guard->alternate.ss_sp);
    }
    free(guard);
}

int pf_crash_guard_run(pf_crash_guard *guard, void (*fn)(void *arg), void *arg) {
    (void)guard;
#ifdef POOLFIX_NO_CRASH_GUARD
    fn(arg);
    return 0;
#else
    sigjmp_buf here;
    int sig = sigsetjmp(here, 1);
    if (sig) return sig;
    return_point = &here;
    fn(arg);
    return_point = NULL;
    return 0;
#endif
}

const char *pf_crash_signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    default: return "a fault signal";
    }
}
