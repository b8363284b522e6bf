/* One large parse at a time across a run's workers (see parse_budget.h). */
#include "poolfix/parse_budget.h"

#include "poolfix/arena.h"

#include <pthread.h>
#include <stdlib.h>

struct pf_parse_budget {
    size_t large_bytes;
    bool large_in_flight; /* a worker holds a large file's tree */
    pthread_mutex_t lock;
    pthread_cond_t freed; /* signalled when the large tree is freed */
};

pf_parse_budget *pf_parse_budget_new(size_t large_bytes) {
    pf_parse_budget *budget = pf_xcalloc(1, sizeof(*budget));
    budget->large_bytes = large_bytes;
    pthread_mutex_init(&budget->lock, NULL);
    pthread_cond_init(&budget->freed, NULL);
    return budget;
}

void pf_parse_budget_free(pf_parse_budget *budget) {
    if (!budget) return;
    pthread_mutex_destroy(&budget->lock);
    pthread_cond_destroy(&budget->freed);
    free(budget);
}

bool pf_parse_budget_enter(pf_parse_budget *budget, size_t bytes) {
    if (!budget || bytes < budget->large_bytes) return false;
    pthread_mutex_lock(&budget->lock);
    while (budget->large_in_flight) pthread_cond_wait(&budget->freed, &budget->lock);
    budget->large_in_flight = true;
    pthread_mutex_unlock(&budget->lock);
    return true;
}

void pf_parse_budget_leave(pf_parse_budget *budget) {
    pthread_mutex_lock(&budget->lock);
    budget->large_in_flight = false;
    pthread_cond_signal(&budget->freed);
    pthread_mutex_unlock(&budget->lock);
}

bool pf_parse_budget_would_wait(pf_parse_budget *budget, size_t bytes) {
    if (!budget || bytes < budget->large_bytes) return false;
    pthread_mutex_lock(&budget->lock);
    bool wait = budget->large_in_flight;
    pthread_mutex_unlock(&budget->lock);
    return wait;
}
