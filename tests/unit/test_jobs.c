/* Tests of a stage's jobs: every job is taken exactly once, in order for one worker; with
 * more, large ones by worker 0 first, largest first (or in their place, in order), small ones
 * by anyone, in order, and a large one by another worker only when no small one is left. */
#include "support.h"

#include "poolfix/jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* One worker alone takes every job, large or not, in order. */
static void test_one_worker_takes_all_in_order(void **state) {
    (void)state;
    size_t sizes[] = {5, 500, 7, 1000, 0};
    pf_jobs *jobs = pf_jobs_new(sizes, 5, 100, 1, false);
    size_t j;
    for (size_t expected = 0; expected < 5; expected++) {
        assert_true(pf_jobs_take(jobs, 0, &j));
        assert_int_equal(j, expected);
    }
    assert_false(pf_jobs_take(jobs, 0, &j));
    pf_jobs_free(jobs);
    pf_jobs *none = pf_jobs_new(NULL, 0, 100, 1, false);
    assert_false(pf_jobs_take(none, 0, &j));
    pf_jobs_free(none);
}

/* One take: the worker that asks, and the job it should get. */
typedef struct take {
    size_t worker, job;
} take;

/* Asserts that the takes come as `takes` lists (`count` of them), then that no job is left. */
static void assert_takes(pf_jobs *jobs, const take *takes, size_t count) {
    size_t j;
    for (size_t k = 0; k < count; k++) {
        assert_true(pf_jobs_take(jobs, takes[k].worker, &j));
        assert_int_equal(j, takes[k].job);
    }
    assert_false(pf_jobs_take(jobs, 0, &j));
    assert_false(pf_jobs_take(jobs, 1, &j));
}

/* Worker 0 takes the large jobs first, largest first, then the small ones left; worker 1
 * takes small ones in order, passing over the large, and once none is left, the smallest
 * large job rather than wait. */
static void test_large_jobs_go_to_worker_zero_first(void **state) {
    (void)state;
    size_t sizes[] = {5, 600, 6, 500, 7, 700, 8};
    pf_jobs *jobs = pf_jobs_new(sizes, 7, 100, 2, false);
    static const take takes[] = {
        {1, 0},
        {0, 5}, /* the largest job, not the next in order */
        {1, 2},
        {1, 4}, /* 3 is large: worker 0's while small ones are left */
        {0, 1},
        {1, 6}, /* the last small one */
        {1, 3}, /* no small one left: the smallest large one */
    };
    assert_takes(jobs, takes, sizeof(takes) / sizeof(*takes));
    pf_jobs_free(jobs);
}

/* In order, worker 0 takes the next job, large or small, and the others the next small one;
 * once no small one is left, the others take the last large one rather than wait. */
static void test_large_jobs_in_order(void **state) {
    (void)state;
    size_t sizes[] = {5, 600, 6, 500, 7, 700, 8};
    pf_jobs *jobs = pf_jobs_new(sizes, 7, 100, 2, true);
    static const take takes[] = {
        {0, 0},
        {0, 1}, /* large, and next in order: not the largest */
        {1, 2},
        {1, 4}, /* 3 is large: worker 0's */
        {0, 3},
        {1, 6}, /* the last small one */
        {1, 5}, /* no small one left: the last large one */
    };
    assert_takes(jobs, takes, sizeof(takes) / sizeof(*takes));
    pf_jobs_free(jobs);
}

/* With only large jobs, the other workers take them from the smallest up while worker 0
 * takes them from the largest down: all run at once, each once. */
static void test_only_large_jobs_are_shared(void **state) {
    (void)state;
    size_t sizes[] = {900, 800, 850, 950};
    pf_jobs *jobs = pf_jobs_new(sizes, 4, 100, 3, false);
    size_t j;
    assert_true(pf_jobs_take(jobs, 2, &j));
    assert_int_equal(j, 1);
    assert_true(pf_jobs_take(jobs, 1, &j));
    assert_int_equal(j, 2);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 3);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 0);
    assert_false(pf_jobs_take(jobs, 0, &j));
    assert_false(pf_jobs_take(jobs, 1, &j));
    pf_jobs_free(jobs);
}

enum { CROWD_JOBS = 3000, CROWD_WORKERS = 4 };

typedef struct crowd {
    pf_jobs *jobs;
    atomic_int taken[CROWD_JOBS];
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
    }
    return NULL;
}

/* Four workers at once: each job taken once. */
static void test_every_job_once(void **state) {
    (void)state;
    size_t *sizes = calloc(CROWD_JOBS, sizeof(size_t));
    for (size_t j = 0; j < CROWD_JOBS; j++) sizes[j] = j % 7 == 0 ? 1000 : 10;
    crowd *c = calloc(1, sizeof(crowd));
    c->jobs = pf_jobs_new(sizes, CROWD_JOBS, 100, CROWD_WORKERS, false);
    pthread_t threads[CROWD_WORKERS];
    crowd_worker workers[CROWD_WORKERS];
    for (size_t t = 0; t < CROWD_WORKERS; t++) {
        workers[t] = (crowd_worker){c, t};
        pthread_create(&threads[t], NULL, take_all, &workers[t]);
    }
    for (size_t t = 0; t < CROWD_WORKERS; t++) pthread_join(threads[t], NULL);
    for (size_t j = 0; j < CROWD_JOBS; j++) assert_int_equal(atomic_load(&c->taken[j]), 1);
    pf_jobs_free(c->jobs);
    free(c);
    free(sizes);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_worker_takes_all_in_order),
        cmocka_unit_test(test_large_jobs_go_to_worker_zero_first),
        cmocka_unit_test(test_large_jobs_in_order),
        cmocka_unit_test(test_only_large_jobs_are_shared),
        cmocka_unit_test(test_every_job_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
