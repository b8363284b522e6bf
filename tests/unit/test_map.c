/* Tests of the hash map: keys of one length told apart by their bytes (a slot keeps no hash),
 * keys that are prefixes of others, binary keys, growth, and values up to 32 bits; and of the
 * index map: entries found by their names, the first of a name, none for an entry without. */
#include "support.h"

#include "poolfix/map.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Ten thousand keys of one length, set while the map grows from empty: each is found with
 * its value, and a key of that length never set is not. */
static void test_keys_of_one_length(void **state) {
    (void)state;
    enum { COUNT = 10000 };
    static char keys[COUNT][8];
    pf_map map = PF_MAP_INIT;
    for (size_t i = 0; i < COUNT; i++) {
        snprintf(keys[i], sizeof(keys[i]), "k%05zu", i);
        pf_map_set(&map, keys[i], strlen(keys[i]), i * 3);
    }
    for (size_t i = 0; i < COUNT; i++) {
        size_t value = 0;
        assert_true(pf_map_find(&map, keys[i], strlen(keys[i]), &value));
        assert_int_equal(value, i * 3);
    }
    assert_false(pf_map_find(&map, "k99999", 6, NULL));
    assert_false(pf_map_find(&map, "x00001", 6, NULL));
    pf_map_free(&map);
    assert_false(pf_map_find(&map, "k00001", 6, NULL));
}

/* A key is its `len` bytes: a prefix of a longer string, a string with a prefix in the map,
 * and bytes that hold zeros are each a key of their own. */
static void test_key_bytes_and_lengths(void **state) {
    (void)state;
    pf_map map = PF_MAP_INIT;
    const char *text = "abcdef";
    pf_map_set(&map, text, 3, 1);   /* "abc" */
    pf_map_set(&map, text, 6, 2);   /* "abcdef" */
    static const char zero_a[4] = {0, 1, 2, 0}, zero_b[4] = {0, 1, 2, 1};
    pf_map_set(&map, zero_a, 4, 3);
    pf_map_set(&map, zero_b, 4, 4);
    size_t value = 0;
    assert_true(pf_map_find(&map, "abc", 3, &value));
    assert_int_equal(value, 1);
    assert_true(pf_map_find(&map, "abcdefgh", 6, &value));
    assert_int_equal(value, 2);
    assert_false(pf_map_find(&map, "abcd", 4, NULL));
    assert_false(pf_map_find(&map, "ab", 2, NULL));
    assert_true(pf_map_find(&map, zero_a, 4, &value));
    assert_int_equal(value, 3);
    assert_true(pf_map_find(&map, zero_b, 4, &value));
    assert_int_equal(value, 4);
    assert_false(pf_map_find(&map, zero_a, 3, NULL));
    pf_map_free(&map);
}

/* Setting a key again (from other memory) replaces its value and adds no key; values go up
 * to UINT32_MAX. */
static void test_values(void **state) {
    (void)state;
    pf_map map = PF_MAP_INIT;
    char first[] = "name", second[] = "name";
    pf_map_set(&map, first, 4, 7);
    pf_map_set(&map, second, 4, UINT32_MAX);
    assert_int_equal(map.len, 1);
    size_t value = 0;
    assert_true(pf_map_find(&map, "name", 4, &value));
    assert_int_equal(value, UINT32_MAX);
    pf_map_set(&map, "other", 5, 0);
    assert_true(pf_map_find(&map, "other", 5, &value));
    assert_int_equal(value, 0);
    assert_int_equal(map.len, 2);
    pf_map_free(&map);
}

/* Room made for n keys holds them without growing again, whatever was in the map, and a map
 * never shrinks; a reserve of none makes no table. */
static void test_reserve(void **state) {
    (void)state;
    pf_map map = PF_MAP_INIT;
    pf_map_reserve(&map, 0);
    assert_null(map.slots);
    pf_map_set(&map, "a", 1, 1);
    pf_map_reserve(&map, 100);
    size_t cap = map.cap;
    assert_true(cap * 3 >= 100 * 4);
    char keys[100][8];
    for (int i = 0; i < 99; i++) {
        snprintf(keys[i], sizeof(keys[i]), "k%d", i);
        pf_map_set(&map, keys[i], strlen(keys[i]), (size_t)i);
    }
    assert_int_equal(map.cap, cap);
    assert_int_equal(map.len, 100);
    size_t value;
    assert_true(pf_map_find(&map, "a", 1, &value));
    assert_int_equal(value, 1);
    for (int i = 0; i < 99; i++) {
        assert_true(pf_map_find(&map, keys[i], strlen(keys[i]), &value));
        assert_int_equal(value, (size_t)i);
    }
    pf_map_reserve(&map, 3);
    assert_int_equal(map.cap, cap);
    pf_map_free(&map);
}

/* Names of a test array; "" stands for an entry without one. */
static const char *test_name(const void *array, uint32_t index) {
    const char *name = ((const char *const *)array)[index];
    return *name ? name : NULL;
}

/* Entries are found by name, by a key that is a prefix of a longer text (a dotted path), and
 * the first of two with one name wins; an entry without a name, a prefix of a name and a
 * name past it are not found; an empty array finds nothing. Many entries: each is found. */
static void test_index_map(void **state) {
    (void)state;
    static const char *const names[] = {"users", "user", "", "posts", "users", "u"};
    pf_index_map map;
    pf_index_map_build(&map, names, 6, test_name);
    uint32_t index = 99;
    assert_true(pf_index_map_find(&map, names, test_name, "users", 5, &index));
    assert_int_equal(index, 0); /* the first of the two */
    assert_true(pf_index_map_find(&map, names, test_name, "user.find", 4, &index));
    assert_int_equal(index, 1);
    assert_true(pf_index_map_find(&map, names, test_name, "posts", 5, &index));
    assert_int_equal(index, 3);
    assert_false(pf_index_map_find(&map, names, test_name, "", 0, &index));
    assert_false(pf_index_map_find(&map, names, test_name, "use", 3, &index));
    assert_false(pf_index_map_find(&map, names, test_name, "usersx", 6, &index));
    pf_index_map_free(&map);
    pf_index_map_build(&map, names, 0, test_name);
    assert_false(pf_index_map_find(&map, names, test_name, "users", 5, &index));
    pf_index_map_free(&map);
    enum { COUNT = 5000 };
    static char text[COUNT][8];
    static const char *many[COUNT];
    for (int i = 0; i < COUNT; i++) {
        snprintf(text[i], sizeof(text[i]), "n%d", i);
        many[i] = text[i];
    }
    pf_index_map_build(&map, many, COUNT, test_name);
    for (uint32_t i = 0; i < COUNT; i++) {
        assert_true(pf_index_map_find(&map, many, test_name, many[i], strlen(many[i]), &index));
        assert_int_equal(index, i);
    }
    assert_true(map.cap >= COUNT * 4 / 3);
    pf_index_map_free(&map);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_of_one_length),
        cmocka_unit_test(test_key_bytes_and_lengths),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_reserve),
        cmocka_unit_test(test_index_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
