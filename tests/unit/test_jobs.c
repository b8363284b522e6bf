/* Tests of a stage's jobs: every job is taken exactly once, large ones by worker 0 only
 * (handed over by the others, which never wait for them), in order for one worker, and
 * worker 0 waits for what another worker may still hand it. */
#include "support.h"

#include "poolfix/jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* Worker 1 passes over the large jobs and takes the next small one; worker 0 then takes
 * what was handed over before going on in order. */
static void test_large_jobs_are_handed_to_worker_zero(void **state) {
    (void)state;
    size_t sizes[] = {500, 600, 5, 6, 700, 7};
    pf_jobs *jobs = pf_jobs_new(sizes, 6, 100, 2);
    size_t j;
    assert_true(pf_jobs_take(jobs, 1, &j));
    assert_int_equal(j, 2); /* 0 and 1 are large: handed over */
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 0);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 1);
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 3); /* nothing handed over: the next in order */
    assert_true(pf_jobs_take(jobs, 1, &j));
    assert_int_equal(j, 5); /* 4 is large */
    assert_false(pf_jobs_take(jobs, 1, &j)); /* worker 1 is done */
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 4);
    assert_false(pf_jobs_take(jobs, 0, &j)); /* no one left to hand one over */
    pf_jobs_free(jobs);
}

typedef struct taker {
    pf_jobs *jobs;
    atomic_bool returned;
    bool found;
    size_t job;
} taker;

static void *take_as_worker_zero(void *arg) {
    taker *t = arg;
    t->found = pf_jobs_take(t->jobs, 0, &t->job);
    atomic_store(&t->returned, true);
    return NULL;
}

/* Worker 0 with nothing left in order waits while worker 1 may still hand it a job. */
static void test_worker_zero_waits_for_the_others(void **state) {
    (void)state;
    size_t sizes[] = {5, 500};
    pf_jobs *jobs = pf_jobs_new(sizes, 2, 100, 2);
    size_t j;
    assert_true(pf_jobs_take(jobs, 0, &j));
    assert_int_equal(j, 0);
    taker t = {jobs, false, false, 0};
    pthread_t thread;
    pthread_create(&thread, NULL, take_as_worker_zero, &t);
    /* Job 1 is in order still, so worker 0 takes it at once. */
    pthread_join(thread, NULL);
    assert_true(t.found);
    assert_int_equal(t.job, 1);
    taker again = {jobs, false, false, 0};
    pthread_create(&thread, NULL, take_as_worker_zero, &again);
    struct timespec pause = {0, 50 * 1000 * 1000};
    nanosleep(&pause, NULL);
    assert_false(atomic_load(&again.returned)); /* worker 1 has not said it is done */
    assert_false(pf_jobs_take(jobs, 1, &j));
    pthread_join(thread, NULL);
    assert_false(again.found);
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
        cmocka_unit_test(test_large_jobs_are_handed_to_worker_zero),
        cmocka_unit_test(test_worker_zero_waits_for_the_others),
        cmocka_unit_test(test_every_job_once_large_ones_by_worker_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
