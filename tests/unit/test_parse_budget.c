/* Tests of the parse budget: small files never wait, a large one waits for the large one in
 * flight and goes in when it leaves, and many threads parsing large files hold at most one
 * such tree at a time while small ones run beside it. */
#include "support.h"

#include "poolfix/parse_budget.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

static void test_small_files_never_wait(void **state) {
    (void)state;
    pf_parse_budget *budget = pf_parse_budget_new(100);
    assert_false(pf_parse_budget_enter(budget, 99)); /* small: nothing to leave */
    assert_true(pf_parse_budget_enter(budget, 100)); /* the threshold counts as large */
    assert_false(pf_parse_budget_would_wait(budget, 5));
    assert_false(pf_parse_budget_enter(budget, 5)); /* beside the large one */
    assert_true(pf_parse_budget_would_wait(budget, 1000));
    pf_parse_budget_leave(budget);
    assert_false(pf_parse_budget_would_wait(budget, 1000));
    pf_parse_budget_free(budget);
    /* No budget: no limit. */
    assert_false(pf_parse_budget_enter(NULL, 1 << 30));
    assert_false(pf_parse_budget_would_wait(NULL, 1 << 30));
}

typedef struct waiter {
    pf_parse_budget *budget;
    atomic_bool entered;
} waiter;

static void *enter_large(void *arg) {
    waiter *w = arg;
    pf_parse_budget_enter(w->budget, 1000);
    atomic_store(&w->entered, true);
    return NULL;
}

/* A second large file blocks until the first leaves, then holds the budget itself. */
static void test_large_file_waits_for_the_one_in_flight(void **state) {
    (void)state;
    pf_parse_budget *budget = pf_parse_budget_new(100);
    assert_true(pf_parse_budget_enter(budget, 1000));
    waiter w = {budget, false};
    pthread_t thread;
    pthread_create(&thread, NULL, enter_large, &w);
    struct timespec pause = {0, 50 * 1000 * 1000};
    nanosleep(&pause, NULL);
    assert_false(atomic_load(&w.entered)); /* it cannot have gone in, however slow the machine */
    pf_parse_budget_leave(budget);
    pthread_join(thread, NULL);
    assert_true(atomic_load(&w.entered));
    assert_true(pf_parse_budget_would_wait(budget, 1000)); /* the waiter holds it now */
    pf_parse_budget_leave(budget);
    pf_parse_budget_free(budget);
}

typedef struct crowd {
    pf_parse_budget *budget;
    atomic_int large_inside, most_large_inside, small_inside, most_small_inside;
} crowd;

/* Raises `most` to `now` if it is larger. */
static void note_most(atomic_int *most, int now) {
    int seen = atomic_load(most);
    while (now > seen && !atomic_compare_exchange_weak(most, &seen, now)) {
    }
}

static void *parse_many(void *arg) {
    crowd *c = arg;
    for (int i = 0; i < 200; i++) {
        size_t bytes = i % 3 == 0 ? 10 : 1000;
        bool large = pf_parse_budget_enter(c->budget, bytes);
        atomic_int *inside = large ? &c->large_inside : &c->small_inside;
        note_most(large ? &c->most_large_inside : &c->most_small_inside, atomic_fetch_add(inside, 1) + 1);
        sched_yield();
        atomic_fetch_sub(inside, 1);
        if (large) pf_parse_budget_leave(c->budget);
    }
    return NULL;
}

static void test_one_large_tree_at_a_time(void **state) {
    (void)state;
    crowd c = {pf_parse_budget_new(100), 0, 0, 0, 0};
    pthread_t threads[4];
    for (int t = 0; t < 4; t++) pthread_create(&threads[t], NULL, parse_many, &c);
    for (int t = 0; t < 4; t++) pthread_join(threads[t], NULL);
    assert_int_equal(atomic_load(&c.most_large_inside), 1);
    assert_int_equal(atomic_load(&c.large_inside), 0);
    assert_false(pf_parse_budget_would_wait(c.budget, 1000)); /* every large parse left */
    pf_parse_budget_free(c.budget);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_files_never_wait),
        cmocka_unit_test(test_large_file_waits_for_the_one_in_flight),
        cmocka_unit_test(test_one_large_tree_at_a_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
