/* Tests of the arena: zeroed, aligned allocations that live until the arena is freed. Run
 * under ASan, a block freed twice or lost fails. */
#include "support.h"

#include "poolfix/arena.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Fills `n` allocations of growing sizes with a byte each, to read back. */
static void fill(pf_arena *arena, unsigned char **slots, size_t n, unsigned char byte) {
    for (size_t i = 0; i < n; i++) {
        slots[i] = pf_arena_alloc(arena, 1 + i * 97);
        for (size_t k = 0; k < 1 + i * 97; k++) assert_int_equal(slots[i][k], 0);
        memset(slots[i], byte, 1 + i * 97);
    }
}

static void assert_filled(unsigned char **slots, size_t n, unsigned char byte) {
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < 1 + i * 97; k++) assert_int_equal(slots[i][k], byte);
}

/* Allocations are zeroed and aligned for any type, and none overlaps another. */
static void test_allocations(void **state) {
    (void)state;
    pf_arena arena;
    pf_arena_init(&arena);
    unsigned char *slots[64];
    fill(&arena, slots, 64, 0xab);
    for (size_t i = 0; i < 64; i++) assert_int_equal((uintptr_t)slots[i] % _Alignof(max_align_t), 0);
    assert_filled(slots, 64, 0xab);
    pf_arena_free(&arena);
    assert_null(arena.head);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
