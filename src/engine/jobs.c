/* Jobs of a stage for the worker threads, large ones for worker 0 (see jobs.h). */
#include "poolfix/jobs.h"

#include "poolfix/arena.h"

#include <pthread.h>
#include <stdlib.h>

struct pf_jobs {
    const size_t *sizes;
    size_t count, large_bytes;
    size_t next;            /* the next job in order */
    size_t *handed;         /* large jobs passed over for worker 0: handed[taken .. len) are left */
    size_t handed_taken, handed_len;
    size_t others_taking;   /* workers other than 0 that may still hand one over */
    pthread_mutex_t lock;
    pthread_cond_t changed; /* a job handed over, or a worker done */
};

pf_jobs *pf_jobs_new(const size_t *sizes, size_t count, size_t large_bytes, size_t workers) {
    pf_jobs *jobs = pf_xcalloc(1, sizeof(*jobs));
    jobs->sizes = sizes;
    jobs->count = count;
    jobs->large_bytes = large_bytes;
    jobs->handed = pf_xcalloc(count + 1, sizeof(size_t));
    jobs->others_taking = workers > 1 ? workers - 1 : 0;
    pthread_mutex_init(&jobs->lock, NULL);
    pthread_cond_init(&jobs->changed, NULL);
    return jobs;
}

void pf_jobs_free(pf_jobs *jobs) {
    if (!jobs) return;
    pthread_mutex_destroy(&jobs->lock);
    pthread_cond_destroy(&jobs->changed);
    free(jobs->handed);
    free(jobs);
}

bool pf_jobs_take(pf_jobs *jobs, size_t worker, size_t *job) {
    pthread_mutex_lock(&jobs->lock);
    bool found = false;
    for (;;) {
        if (worker == 0 && jobs->handed_taken < jobs->handed_len) {
            *job = jobs->handed[jobs->handed_taken++];
            found = true;
            break;
        }
        if (jobs->next < jobs->count) {
            size_t j = jobs->next++;
            if (worker != 0 && jobs->sizes[j] >= jobs->large_bytes) {
                jobs->handed[jobs->handed_len++] = j;
                pthread_cond_broadcast(&jobs->changed);
                continue;
            }
            *job = j;
            found = true;
            break;
        }
        if (worker != 0) {
            jobs->others_taking--;
            pthread_cond_broadcast(&jobs->changed);
            break;
        }
        if (jobs->others_taking == 0) break;
        pthread_cond_wait(&jobs->changed, &jobs->lock);
    }
    pthread_mutex_unlock(&jobs->lock);
    return found;
}
