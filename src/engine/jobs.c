/* Jobs of a stage for the worker threads, large ones for worker 0 (see jobs.h). */
#include "poolfix/jobs.h"

#include "poolfix/arena.h"

#include <pthread.h>
#include <stdlib.h>

struct pf_jobs {
    const size_t *sizes;
    size_t count, large_bytes;
    size_t next;       /* the next job in order, small or large */
    size_t *large;     /* the large jobs in order: worker 0 takes large[large_next ..] first */
    size_t large_count, large_next;
    pthread_mutex_t lock;
};

pf_jobs *pf_jobs_new(const size_t *sizes, size_t count, size_t large_bytes, size_t workers) {
    pf_jobs *jobs = pf_xcalloc(1, sizeof(*jobs));
    jobs->sizes = sizes;
    jobs->count = count;
    /* One worker takes every job in order. */
    jobs->large_bytes = workers > 1 ? large_bytes : (size_t)-1;
    jobs->large = pf_xcalloc(count + 1, sizeof(size_t));
    for (size_t j = 0; j < count; j++)
        if (sizes[j] >= jobs->large_bytes) jobs->large[jobs->large_count++] = j;
    pthread_mutex_init(&jobs->lock, NULL);
    return jobs;
}

void pf_jobs_free(pf_jobs *jobs) {
    if (!jobs) return;
    pthread_mutex_destroy(&jobs->lock);
    free(jobs->large);
    free(jobs);
}

bool pf_jobs_take(pf_jobs *jobs, size_t worker, size_t *job) {
    pthread_mutex_lock(&jobs->lock);
    bool found = false;
    if (worker == 0 && jobs->large_next < jobs->large_count) {
        *job = jobs->large[jobs->large_next++];
        found = true;
    } else {
        /* The small jobs in order: the large ones among them are worker 0's list. */
        while (jobs->next < jobs->count && jobs->sizes[jobs->next] >= jobs->large_bytes) jobs->next++;
        if (jobs->next < jobs->count) {
            *job = jobs->next++;
            found = true;
        }
    }
    pthread_mutex_unlock(&jobs->lock);
    return found;
}
