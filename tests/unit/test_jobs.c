/* Tests of a stage's jobs: every job is taken exactly once, in order for one worker; with
 * more, large ones by worker 0 only, first, and small ones by anyone, in order. */
#include "support.h"

#include "poolfix/jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* One worker alone takes every job, large or not, in order. */
static void test_one_worker_takes_all_in_order(void **state) {
    (void)state;
    size_t sizes[] = {5, 500, 7, 1000, 0};
    pf_jobs *jobs = pf_jobs_new(sizes, 5, 100, 1);
    size_t j;
    for (size_t expected = 0; expected < 5; expected++) {
        assert_true(pf_jobs_take(jobs, 0, &j));
        assert_int_equal(j, expected);
    }
    assert_false(pf_jobs_take(jobs, 0, &j));
    pf_jobs_free(jobs);
    pf_jobs *none = pf_jobs_new(NULL, 0, 100, 1);
    assert_false(pf_jobs_take(none, 0, &j));
    pf_jobs_free(none);
}

/* Worker 0 takes the large jobs first, in order, then the small ones left; worker 1 takes
 * small ones only, passing over the large. */
static void test_large_jobs_go_to_worker_zero_first(void **state) {
    (void)state;
    size_t sizes[] = {5, 600, 6, 500, 7, 700, 8};
    pf_jobs *jobs = pf_jobs_new(sizes, 7, 100, 2);
    size_t j;
    assert_true(pf_jobs_take(jobs, 1, &j));
    assert_int_equal(j, 0);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 1); /* the first large job, not the next in order */
    assert_true(pf_jobs_take(jobs, 1, &j));
    assert_int_equal(j, 2);
    assert_true(pf_jobs_take(jobs, 1, &j));
    assert_int_equal(j, 4); /* 3 is large: worker 0's */
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 3);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 5);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 6); /* large ones done: the small ones left */
    assert_false(pf_jobs_take(jobs, 1, &j));
    assert_false(pf_jobs_take(jobs, 0, &j));
    pf_jobs_free(jobs);
}

/* A worker other than 0 never takes a large job, even with nothing else left: it is done. */
static void test_other_workers_never_take_large_jobs(void **state) {
    (void)state;
    size_t sizes[] = {900, 800};
    pf_jobs *jobs = pf_jobs_new(sizes, 2, 100, 3);
    size_t j;
    assert_false(pf_jobs_take(jobs, 2, &j));
    assert_false(pf_jobs_take(jobs, 1, &j));
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 0);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 1);
    assert_false(pf_jobs_take(jobs, 0, &j));
    pf_jobs_free(jobs);
}

enum { CROWD_JOBS = 3000, CROWD_WORKERS = 4 };

typedef struct crowd {
    pf_jobs *jobs;
    const size_t *sizes;
    atomic_int taken[CROWD_JOBS];
    atomic_int large_elsewhere; /* large jobs taken by a worker other than 0 */
} crowd;

typedef struct crowd_worker {
    crowd *crowd;
    size_t index;
} crowd_worker;

static void *take_all(void *arg) {
    crowd_worker *w = arg;
    size_t j;
    while (pf_jobs_take(w->crowd->jobs, w->index, &j)) {
        atomic_fetch_add(&w->crowd->taken[j], 1);
        if (w->index != 0 && w->crowd->sizes[j] >= 100) atomic_fetch_add(&w->crowd->large_elsewhere, 1);
    }
    return NULL;
}

/* Four workers at once: each job once, every large one by worker 0. */
static void test_every_job_once_large_ones_by_worker_zero(void **state) {
    (void)state;
    size_t *sizes = calloc(CROWD_JOBS, sizeof(size_t));
    for (size_t j = 0; j < CROWD_JOBS; j++) sizes[j] = j % 7 == 0 ? 1000 : 10;
    crowd *c = calloc(1, sizeof(crowd));
    c->jobs = pf_jobs_new(sizes, CROWD_JOBS, 100, CROWD_WORKERS);
    c->sizes = sizes;
    pthread_t threads[CROWD_WORKERS];
    crowd_worker workers[CROWD_WORKERS];
    for (size_t t = 0; t < CROWD_WORKERS; t++) {
        workers[t] = (crowd_worker){c, t};
        pthread_create(&threads[t], NULL, take_all, &workers[t]);
    }
    for (size_t t = 0; t < CROWD_WORKERS; t++) pthread_join(threads[t], NULL);
    for (size_t j = 0; j < CROWD_JOBS; j++) assert_int_equal(atomic_load(&c->taken[j]), 1);
    assert_int_equal(atomic_load(&c->large_elsewhere), 0);
    pf_jobs_free(c->jobs);
    free(c);
    free(sizes);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_worker_takes_all_in_order),
        cmocka_unit_test(test_large_jobs_go_to_worker_zero_first),
        cmocka_unit_test(test_other_workers_never_take_large_jobs),
        cmocka_unit_test(test_every_job_once_large_ones_by_worker_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
