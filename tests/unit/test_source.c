/* Tests of source reading: bytes kept exactly, BOM, line endings, refusals. */
#include "support.h"

#include "poolfix/quoted.h"
#include "poolfix/source.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads dir/name after writing `len` bytes of `data` there. */
static pf_source_status read_back(const char *dir, const char *name, const char *data, size_t len, pf_source *out,
                                  char **error) {
    test_write(dir, name, data, len);
    char *path = test_join(dir, name);
    pf_source_status status = pf_source_read(path, out, error);
    free(path);
    return status;
}

static void test_plain_file(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    pf_source s;
    char *error = NULL;
    assert_int_equal(read_back(dir, "a.ts", "let a = 1;\nlet b = 2;\n", 22, &s, &error), PF_SOURCE_OK);
    assert_int_equal(s.len, 22);
    assert_int_equal(s.bom_len, 0);
    assert_ptr_equal(s.text, s.bytes);
    assert_string_equal(s.newline, "\n");
    assert_int_equal(s.bytes[s.len], '\0');
    pf_source_free(&s);
    test_rmtree(dir);
    free(dir);
}

static void test_bom_and_crlf(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    pf_source s;
    char *error = NULL;
    const char data[] = "\xEF\xBB\xBFlet a = 1;\r\nlet b = 2;\r\nlet c = 3;\n";
    assert_int_equal(read_back(dir, "a.ts", data, sizeof(data) - 1, &s, &error), PF_SOURCE_OK);
    assert_int_equal(s.bom_len, 3);
    assert_int_equal(s.text_len, s.len - 3);
    assert_memory_equal(s.text, "let a", 5);
    assert_string_equal(s.newline, "\r\n"); /* two CRLF against one LF */
    assert_memory_equal(s.bytes, data, sizeof(data) - 1); /* exact bytes */
    pf_source_free(&s);
    test_rmtree(dir);
    free(dir);
}

static void test_refusals(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    pf_source s;
    char *error = NULL;
    assert_int_equal(read_back(dir, "bin.ts", "ab\0cd", 5, &s, &error), PF_SOURCE_BINARY);
    assert_non_null(strstr(error, "binary"));
    free(error);
    assert_int_equal(read_back(dir, "latin1.ts", "caf\xE9;\n", 6, &s, &error), PF_SOURCE_NOT_UTF8);
    assert_string_equal(error, "not valid UTF-8 (byte offset 3)");
    free(error);
    char *missing = test_join(dir, "missing.ts");
    assert_int_equal(pf_source_read(missing, &s, &error), PF_SOURCE_UNREADABLE);
    assert_string_equal(error, "No such file or directory");
    free(error);
    free(missing);
    assert_int_equal(pf_source_read(dir, &s, &error), PF_SOURCE_UNREADABLE);
    assert_string_equal(error, "Is a directory");
    free(error);
    if (geteuid() != 0) { /* root reads anything: the permission case needs a normal user */
        test_write_str(dir, "locked.ts", "x");
        char *locked = test_join(dir, "locked.ts");
        chmod(locked, 0);
        assert_int_equal(pf_source_read(locked, &s, &error), PF_SOURCE_UNREADABLE);
        free(error);
        free(locked);
    }
    test_rmtree(dir);
    free(dir);
}

static void test_utf8_validation(void **state) {
    (void)state;
    assert_int_equal(pf_utf8_invalid_offset("plain", 5), (size_t)-1);
    assert_int_equal(pf_utf8_invalid_offset("é 概 📊", strlen("é 概 📊")), (size_t)-1);
    assert_int_equal(pf_utf8_invalid_offset("a\xC0\x80", 3), 1);         /* overlong NUL */
    assert_int_equal(pf_utf8_invalid_offset("ab\xED\xA0\x80", 5), 2);    /* UTF-16 surrogate */
    assert_int_equal(pf_utf8_invalid_offset("\xF4\x90\x80\x80", 4), 0);  /* past U+10FFFF */
    assert_int_equal(pf_utf8_invalid_offset("abc\xE6\xA6", 5), 3);       /* truncated */
    assert_int_equal(pf_utf8_invalid_offset("\x80", 1), 0);              /* stray continuation */
    /* Long ASCII runs are read eight bytes at a time: a bad byte at any offset in or after
     * one, and a good sequence straddling a word, are still found. */
    const char *run = "const answer = await prisma.user.count(); // ok";
    for (size_t at = 0; at <= strlen(run); at++) {
        char text[80];
        memcpy(text, run, at);
        memcpy(text + at, "\xE6\xA6\x82", 3); /* 概, valid */
        strcpy(text + at + 3, run + at);
        assert_int_equal(pf_utf8_invalid_offset(text, strlen(text)), (size_t)-1);
        text[at + 2] = 'x'; /* now cut short */
        assert_int_equal(pf_utf8_invalid_offset(text, strlen(text)), at);
    }
}

/* Asserts that `quoted` holds line `number` with `text` starting at byte `start`. */
static void assert_line(const pf_quoted_lines *quoted, int number, const char *text, uint32_t start) {
    const pf_quoted_line *line = pf_quoted_line_numbered(quoted, number);
    assert_non_null(line);
    assert_int_equal(line->start, start);
    assert_int_equal(line->len, strlen(text));
    assert_memory_equal(pf_quoted_text(quoted, line), text, strlen(text));
}

/* The lines a report quotes: by number as the reports count lines (each ends at '\n', a '\r'
 * before it kept), and by the offset of a byte on them, an offset on a '\n' belonging to the
 * line it ends; nothing else is kept. */
static void test_quoted_lines(void **state) {
    (void)state;
    const char *text = "first\n  second\r\n\nfourth";
    size_t len = strlen(text);
    const int numbers[] = {4, 2, 2, 9};
    const uint32_t offsets[] = {5, 0};
    pf_quoted_lines *quoted = pf_quoted_lines_new(text, len, numbers, 4, offsets, 2);
    assert_int_equal(quoted->count, 3);
    assert_line(quoted, 1, "first", 0);
    assert_line(quoted, 2, "  second\r", 6);
    assert_line(quoted, 4, "fourth", 17);
    assert_null(pf_quoted_line_numbered(quoted, 3)); /* not asked for */
    assert_null(pf_quoted_line_numbered(quoted, 9)); /* past the end */
    assert_int_equal(pf_quoted_line_at(quoted, 5)->number, 1);
    assert_int_equal(pf_quoted_line_at(quoted, 8)->number, 2);
    assert_int_equal(pf_quoted_line_at(quoted, 100)->number, 4); /* past the end: the end */
    assert_null(pf_quoted_line_at(quoted, 16)); /* line 3, not kept */
    pf_quoted_lines_free(quoted);
    /* A result without quoted lines has none of them. */
    assert_null(pf_quoted_line_numbered(NULL, 1));
    assert_null(pf_quoted_line_at(NULL, 0));

    /* After a final '\n', the end is on an empty line that only an offset finds. */
    const int third[] = {3};
    const uint32_t end[] = {9};
    quoted = pf_quoted_lines_new("one\ntwo\n", 8, third, 1, end, 1);
    assert_int_equal(quoted->count, 1);
    assert_null(pf_quoted_line_numbered(quoted, 3));
    const pf_quoted_line *last = pf_quoted_line_at(quoted, 8);
    assert_non_null(last);
    assert_int_equal(last->start, 8);
    assert_int_equal(last->len, 0);
    pf_quoted_lines_free(quoted);

    quoted = pf_quoted_lines_new("", 0, third, 1, end, 1);
    assert_int_equal(quoted->count, 1);
    assert_null(pf_quoted_line_numbered(quoted, 1));
    assert_int_equal(pf_quoted_line_at(quoted, 0)->len, 0);
    pf_quoted_lines_free(quoted);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_file),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_utf8_validation),
        cmocka_unit_test(test_quoted_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
