/* Tests of the memory tree-sitter allocates from: inside a tree memory, blocks dropped at
 * once; outside, malloc. Run under ASan, memory used after pf_tree_memory_leave, or a block
 * lost, fails. */
#include "support.h"

#include "poolfix/syntax.h"
#include "poolfix/tree_memory.h"

#include <stdint.h>
#include <string.h>

/* Whether `n` bytes at `p` all hold `byte`. */
static bool all_bytes(const unsigned char *p, size_t n, unsigned char byte) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != byte) return false;
    return true;
}

/* Outside a tree memory, tree-sitter's allocations are malloc's: each is freed on its own. */
static void test_outside_is_malloc(void **state) {
    (void)state;
    unsigned char *p = pf_tree_malloc(40);
    assert_false(pf_tree_memory_holds(p));
    memset(p, 7, 40);
    p = pf_tree_realloc(p, 4000);
    assert_true(all_bytes(p, 40, 7));
    unsigned char *zeroed = pf_tree_calloc(10, 30);
    assert_true(all_bytes(zeroed, 300, 0));
    pf_tree_free(p);
    pf_tree_free(zeroed);
    pf_tree_free(NULL);
}

/* Inside, allocations are held, word-aligned, zeroed by calloc even where a freed one was,
 * and none overlaps another, small or larger than a block's quarter. */
static void test_inside_is_held(void **state) {
    (void)state;
    pf_tree_memory *memory = pf_tree_memory_new();
    pf_tree_memory_enter(memory);
    unsigned char *slots[200];
    for (size_t i = 0; i < 200; i++) {
        size_t n = 1 + i * 211; /* up to 42 KB: past a quarter of a block */
        slots[i] = pf_tree_malloc(n);
        assert_true(pf_tree_memory_holds(slots[i]));
        assert_int_equal((uintptr_t)slots[i] % sizeof(uint64_t), 0);
        memset(slots[i], (int)(i & 0xff), n);
    }
    for (size_t i = 0; i < 200; i++) assert_true(all_bytes(slots[i], 1 + i * 211, (unsigned char)(i & 0xff)));
    pf_tree_free(slots[1]); /* 212 bytes */
    unsigned char *zeroed = pf_tree_calloc(1, 1 + 1 * 211);
    assert_ptr_equal(zeroed, slots[1]); /* a freed allocation is carved again for its size */
    assert_true(all_bytes(zeroed, 1 + 1 * 211, 0));
    pf_tree_memory_leave(memory);
    pf_tree_memory_free(memory);
}

/* realloc keeps the bytes: in place for the last allocation of a block, moved otherwise,
 * and the place it left is carved again. */
static void test_realloc_keeps_bytes(void **state) {
    (void)state;
    pf_tree_memory *memory = pf_tree_memory_new();
    pf_tree_memory_enter(memory);
    unsigned char *last = pf_tree_malloc(16);
    memset(last, 1, 16);
    unsigned char *grown = pf_tree_realloc(last, 64);
    assert_ptr_equal(grown, last);
    assert_true(all_bytes(grown, 16, 1));
    unsigned char *other = pf_tree_malloc(24);
    memset(other, 2, 24);
    unsigned char *moved = pf_tree_realloc(grown, 128);
    assert_ptr_not_equal(moved, grown);
    assert_true(all_bytes(moved, 16, 1));
    assert_true(all_bytes(other, 24, 2));
    assert_ptr_equal(pf_tree_malloc(64), grown);
    assert_ptr_equal(pf_tree_realloc(other, 8), other); /* shrinks where it is */
    assert_true(all_bytes(other, 8, 2));
    unsigned char *large = pf_tree_malloc(30000);
    memset(large, 3, 30000);
    large = pf_tree_realloc(large, 90000);
    assert_true(all_bytes(large, 30000, 3));
    pf_tree_memory_leave(memory);
    pf_tree_memory_free(memory);
}

/* Memory malloc'd outside stays malloc's when grown inside, and outlives the tree memory. */
static void test_malloc_kept_across(void **state) {
    (void)state;
    unsigned char *outside = pf_tree_malloc(32);
    memset(outside, 5, 32);
    pf_tree_memory *memory = pf_tree_memory_new();
    pf_tree_memory_enter(memory);
    outside = pf_tree_realloc(outside, 3000);
    assert_false(pf_tree_memory_holds(outside));
    pf_tree_memory_leave(memory);
    assert_true(all_bytes(outside, 32, 5));
    pf_tree_free(outside);
    pf_tree_memory_free(memory);
}

/* The tree of a text as an S-expression, malloc'd. */
static char *parsed(const char *text, bool in_memory, pf_tree_memory *memory) {
    if (in_memory) pf_tree_memory_enter(memory);
    TSParser *parser = ts_parser_new();
    pf_syntax syntax;
    assert_true(pf_syntax_parse(parser, PF_LANG_TSX, text, strlen(text), &syntax));
    assert_int_equal(pf_tree_memory_holds(syntax.tree), in_memory);
    char *tree = ts_node_string(syntax.root);
    char *copy = strdup(tree);
    pf_tree_free(tree);
    pf_syntax_free(&syntax);
    if (in_memory) pf_tree_memory_leave(memory);
    else ts_parser_delete(parser);
    return copy;
}

/* A parse inside a tree memory gives the tree a parse outside gives, file after file. */
static void test_parse_inside_as_outside(void **state) {
    (void)state;
    const char *texts[] = {
        "export async function GET() { return Promise.all([prisma.a.count(), prisma.b.findMany()]); }",
        "const Page = () => <div>{items.map(i => <Item key={i.id} {...i} />)}</div>;\nexport default Page;",
        "for (const user of users) { await db.post.findMany({ where: { authorId: user.id } }) } /* a comment */",
        "class A<T> extends B<T> implements C { private x?: Map<string, T[]> = new Map(); m() { return (x as any)!; } }",
        "function broken( { if (",
    };
    pf_tree_memory *memory = pf_tree_memory_new();
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
            char *inside = parsed(texts[i], true, memory);
            char *outside = parsed(texts[i], false, memory);
            assert_string_equal(inside, outside);
            free(inside);
            free(outside);
        }
    }
    pf_tree_memory_free(memory);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outside_is_malloc),
        cmocka_unit_test(test_inside_is_held),
        cmocka_unit_test(test_realloc_keeps_bytes),
        cmocka_unit_test(test_malloc_kept_across),
        cmocka_unit_test(test_parse_inside_as_outside),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
