/* Jobs of a stage for the worker threads, large ones for worker 0 (see jobs.h). */
#include "poolfix/jobs.h"

#include "poolfix/arena.h"

#include <pthread.h>
#include <stdlib.h>

struct pf_jobs {
    const size_t *sizes;
    size_t count, large_bytes;
    size_t next;       /* the next job in order, small or large */
    size_t *large;     /* the large jobs, largest first: worker 0 takes them from the front */
    size_t large_count, large_next;
    bool in_order;     /* the large list is in job order, and worker 0 takes the next job */
    pthread_mutex_t lock;
};

/* A large job and its size, to order the large list. */
typedef struct sized_job {
    size_t size, job;
} sized_job;

/* Orders jobs by size, largest first (ties by position, so the order is fixed). */
static int larger_first(const void *a, const void *b) {
    const sized_job *x = a, *y = b;
    if (x->size != y->size) return x->size > y->size ? -1 : 1;
    return x->job < y->job ? -1 : x->job > y->job;
}

pf_jobs *pf_jobs_new(const size_t *sizes, size_t count, size_t large_bytes, size_t workers, bool in_order) {
    pf_jobs *jobs = pf_xcalloc(1, sizeof(*jobs));
    jobs->sizes = sizes;
    jobs->count = count;
    jobs->in_order = in_order;
    /* One worker takes every job in order. */
    jobs->large_bytes = workers > 1 ? large_bytes : (size_t)-1;
    jobs->large = pf_xcalloc(count + 1, sizeof(size_t));
    sized_job *order = pf_xcalloc(count + 1, sizeof(sized_job));
    for (size_t j = 0; j < count; j++)
        if (sizes[j] >= jobs->large_bytes) order[jobs->large_count++] = (sized_job){sizes[j], j};
    if (!in_order) qsort(order, jobs->large_count, sizeof(sized_job), larger_first);
    for (size_t k = 0; k < jobs->large_count; k++) jobs->large[k] = order[k].job;
    free(order);
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
    /* The small jobs in order: the large ones among them are on the large list. */
    while (jobs->next < jobs->count && jobs->sizes[jobs->next] >= jobs->large_bytes) jobs->next++;
    bool large_first = jobs->large_next < jobs->large_count &&
                       (!jobs->in_order || jobs->next >= jobs->count || jobs->large[jobs->large_next] < jobs->next);
    if (worker == 0 && large_first) {
        *job = jobs->large[jobs->large_next++];
        found = true;
    } else if (jobs->next < jobs->count) {
        *job = jobs->next++;
        found = true;
    } else if (jobs->large_next < jobs->large_count) {
        /* No small job left: rather than wait for worker 0, take the smallest large job (in
         * order, the last). */
        *job = jobs->large[--jobs->large_count];
        found = true;
    }
    pthread_mutex_unlock(&jobs->lock);
    return found;
}
