/* Tests of the import scan: specifiers in the order met, and whether a file may declare an
 * endpoint. Both are checked against their definitions as single PCRE2 searches (what the
 * scan's patterns, anchored where literals occur, must keep), on shapes written here and on
 * every TypeScript and JavaScript file of the repository. */
#include "support.h"

#include "poolfix/imports.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Every shape of an endpoint declaration, as one alternation: what the scan must agree with. */
static const char endpoint_definition[] =
    "(?:['\"]use server['\"]"
    "|\\.(?:query|mutation|subscription)\\s*\\("
    "|\\b(?:router|createTRPCRouter|createRouter)\\s*\\(\\s*\\{"
    "|@Controller\\s*\\("
    "|\\.(?:get|post|put|patch|delete|all|options|head|use|route)\\s*\\(\\s*['\"`]/"
    "|\\bexport\\s+(?:async\\s+)?(?:function\\*?|const|let|var)\\s+(?:loader|action|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\b)";

/* A specifier, as the scan defines it: every match in turn, each search from the last's end. */
static const char specifier_definition[] = "\\b(?:from|import|require)\\s*\\(?\\s*(['\"])([^'\"\\n]{1,300})\\1";

typedef struct scan_state {
    pf_import_scanner *scanner;
    pf_import_scratch *scratch;
    pcre2_code *specifier;
    pcre2_code *definition;
    pcre2_match_data *match;
    size_t files_checked;
} scan_state;

static int setup(void **state) {
    scan_state *s = calloc(1, sizeof(*s));
    s->scanner = pf_import_scanner_new();
    s->scratch = pf_import_scratch_new(s->scanner);
    int code;
    PCRE2_SIZE offset;
    s->definition = pcre2_compile((PCRE2_SPTR)endpoint_definition, PCRE2_ZERO_TERMINATED, 0, &code, &offset, NULL);
    s->specifier = pcre2_compile((PCRE2_SPTR)specifier_definition, PCRE2_ZERO_TERMINATED, 0, &code, &offset, NULL);
    s->match = pcre2_match_data_create_from_pattern(s->specifier, NULL);
    *state = s;
    return s->definition && s->specifier ? 0 : -1;
}

static int teardown(void **state) {
    scan_state *s = *state;
    pf_import_scratch_free(s->scratch);
    pf_import_scanner_free(s->scanner);
    pcre2_match_data_free(s->match);
    pcre2_code_free(s->definition);
    pcre2_code_free(s->specifier);
    free(s);
    return 0;
}

/* Whether the scan of `text` agrees with the definitions: the same specifiers in the same
 * order, each once, and the same answer on endpoints. */
static bool agrees(scan_state *s, const char *text, size_t len) {
    pf_import_scan scan;
    pf_import_scan_text(s->scanner, s->scratch, text, len, &scan);
    bool same = true;
    size_t listed = 0;
    for (PCRE2_SIZE at = 0; at < len;) {
        if (pcre2_match(s->specifier, (PCRE2_SPTR)text, len, at, 0, s->match, NULL) < 3) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->match);
        bool earlier = false; /* met before: listed once (the lists agree up to `listed`) */
        for (size_t i = 0; i < listed && i < scan.count && !earlier; i++)
            earlier = strlen(scan.specifiers[i]) == ov[5] - ov[4] &&
                      memcmp(scan.specifiers[i], text + ov[4], ov[5] - ov[4]) == 0;
        if (!earlier) {
            same = same && listed < scan.count && strlen(scan.specifiers[listed]) == ov[5] - ov[4] &&
                   memcmp(scan.specifiers[listed], text + ov[4], ov[5] - ov[4]) == 0;
            listed++;
        }
        at = ov[1];
    }
    same = same && listed == scan.count;
    bool defined = pcre2_match(s->definition, (PCRE2_SPTR)text, len, 0, 0, s->match, NULL) >= 0;
    same = same && scan.may_declare_endpoint == defined;
    pf_import_scan_free(&scan);
    if (!same) print_error("the scan disagrees with the definitions: %.*s\n", (int)(len > 200 ? 200 : len), text);
    return same;
}

/* Each shape, at the start of a text and after a word character that breaks its \b, with
 * spacing, and near misses. */
static void test_endpoint_shapes(void **state) {
    scan_state *s = *state;
    static const struct {
        const char *text;
        bool endpoint;
    } cases[] = {
        {"'use server'\nexport async function save() {}", true},
        {"\"use server\";", true},
        {"'use server\"", true},
        {"use server", false},
        {"`use server`", false},
        {"router({ a })", true},
        {"export const appRouter = router ( \n { a })", true},
        {"createTRPCRouter({})", true},
        {"x=createRouter( {", true},
        {"myrouter({})", false},
        {"Router({})", false},
        {"createTRPCRouter(() => {})", false},
        {"@Controller('users')", true},
        {"@Controller", false},
        {"t.procedure.query(() => 1)", true},
        {"api.mutation ( async () => {})", true},
        {".subscription(", true},
        {"query(", false},
        {"app.get('/users', h)", true},
        {"router.post( \"/x\", h)", true},
        {"app.use(`/api`, r)", true},
        {"app.get('users')", false},
        {"map.get(key)", false},
        {"export async function loader() {}", true},
        {"export function* action() {}", true},
        {"export const GET = handler", true},
        {"export   let   POST=1", true},
        {"export var OPTIONS", true},
        {"reexport const GET = 1", false},
        {"export const GETTER = 1", false},
        {"export default function GET() {}", false},
        {"export async const loader = 1", true},
        {"", false},
        {"outer export", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        pf_import_scan scan;
        pf_import_scan_text(s->scanner, s->scratch, cases[i].text, strlen(cases[i].text), &scan);
        if (scan.may_declare_endpoint != cases[i].endpoint) fail_msg("%s: expected %d", cases[i].text, cases[i].endpoint);
        pf_import_scan_free(&scan);
        assert_true(agrees(s, cases[i].text, strlen(cases[i].text)));
    }
}

/* Specifiers come in the order met, each once, from every form of import; a keyword without
 * its boundary, or whose string breaks, names none. */
static void test_specifiers(void **state) {
    scan_state *s = *state;
    const char *text = "import a from './a';\nimport './side'\nconst b = require( \"./b\" );\n"
                       "export { c } from './a';\nconst d = await import('./d');\n// from 'x\ny'\n"
                       "reimport './no'; fromage './no'; from 'mixed\"; from\n(\n'./e'); from 'fromimport './f';"
                       "import 'from' + 'g'";
    pf_import_scan scan;
    pf_import_scan_text(s->scanner, s->scratch, text, strlen(text), &scan);
    assert_int_equal(scan.count, 7);
    assert_string_equal(scan.specifiers[0], "./a");
    assert_string_equal(scan.specifiers[1], "./side");
    assert_string_equal(scan.specifiers[2], "./b");
    assert_string_equal(scan.specifiers[3], "./d");
    assert_string_equal(scan.specifiers[4], "./e");
    assert_string_equal(scan.specifiers[5], "fromimport ");
    assert_string_equal(scan.specifiers[6], "from"); /* the search goes on after a match's end */
    pf_import_scan_free(&scan);
    assert_true(agrees(s, text, strlen(text)));
}

/* Checks every source file under `dir` (node_modules and build folders left out). */
static void check_tree(scan_state *s, const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.' || strcmp(name, "node_modules") == 0) continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, name);
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            check_tree(s, path);
            continue;
        }
        const char *dot = strrchr(name, '.');
        if (!S_ISREG(st.st_mode) || !dot ||
            (strcmp(dot, ".ts") && strcmp(dot, ".tsx") && strcmp(dot, ".js") && strcmp(dot, ".jsx")))
            continue;
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        char *text = malloc((size_t)st.st_size + 1);
        size_t len = fread(text, 1, (size_t)st.st_size, f);
        fclose(f);
        if (!agrees(s, text, len)) fail_msg("%s", path);
        s->files_checked++;
        free(text);
    }
    closedir(d);
}

/* The scan agrees with the definition on every source file of the repository. */
static void test_endpoint_on_repository(void **state) {
    scan_state *s = *state;
    const char *root = getenv("POOLFIX_SOURCE_DIR");
    assert_non_null(root);
    static const char *const trees[] = {"examples", "golden", "tests"};
    for (size_t i = 0; i < 3; i++) {
        char dir[4096];
        snprintf(dir, sizeof(dir), "%s/%s", root, trees[i]);
        check_tree(s, dir);
    }
    assert_true(s->files_checked > 500);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_endpoint_shapes),
        cmocka_unit_test(test_specifiers),
        cmocka_unit_test(test_endpoint_on_repository),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
