/* Tests, e2e tests, seeds, scripts and migrations by folder and file name (see conventions.h). */
#include "poolfix/conventions.h"

#include "poolfix/discover.h"

#include <fnmatch.h>
#include <string.h>

static const char *const TEST_FOLDERS[] = {"test", "tests", "__tests__", "spec", "__mocks__", "__fixtures__",
                                           "fixtures", NULL};
static const char *const TEST_FILES[] = {"*.test.*", "*.spec.*", "*.test-d.*", NULL};
static const char *const E2E_FOLDERS[] = {"e2e", "e2e-tests", "playwright", "cypress", NULL};
static const char *const E2E_FILES[] = {"*.e2e.*", "*.e2e-spec.*", "*.cy.*", NULL};
static const char *const SEED_FOLDERS[] = {"seed", "seeds", "seeders", "seeding", NULL};
static const char *const SEED_FILES[] = {"seed.*", "seed-*.*", "seed_*.*", "*.seed.*", "seeds.*", NULL};
static const char *const SCRIPT_FOLDERS[] = {"scripts", NULL};
static const char *const MIGRATION_FOLDERS[] = {"migrations", "migration", NULL};
static const char *const NONE[] = {NULL};

const pf_convention pf_conventions[] = {
    {"tests", TEST_FOLDERS, TEST_FILES},
    {"e2e", E2E_FOLDERS, E2E_FILES},
    {"seeds", SEED_FOLDERS, SEED_FILES},
    {"scripts", SCRIPT_FOLDERS, NONE},
    {"migrations", MIGRATION_FOLDERS, NONE},
};
const size_t pf_convention_count = sizeof pf_conventions / sizeof pf_conventions[0];

/* Whether `name` (not NUL-terminated) is one of `names`. */
static bool listed(const char *const *names, const char *name, size_t len) {
    for (; *names; names++)
        if (strlen(*names) == len && memcmp(*names, name, len) == 0) return true;
    return false;
}

const pf_convention *pf_convention_of_folder(const char *name, size_t len) {
    for (size_t i = 0; i < pf_convention_count; i++)
        if (listed(pf_conventions[i].folders, name, len)) return &pf_conventions[i];
    return NULL;
}

const pf_convention *pf_convention_of_file(const char *name) {
    for (size_t i = 0; i < pf_convention_count; i++)
        for (const char *const *pattern = pf_conventions[i].files; *pattern; pattern++)
            if (fnmatch(*pattern, name, FNM_PERIOD) == 0) return &pf_conventions[i];
    return NULL;
}

bool pf_is_example_folder(const char *name, size_t len) {
    static const char *const examples[] = {"docs", "doc", "examples", "example", NULL};
    const pf_convention *convention = pf_convention_of_folder(name, len);
    bool test_like = convention && (convention == &pf_conventions[0] || convention == &pf_conventions[1]);
    return test_like || listed(examples, name, len);
}

/* Writes "a, b, c" for a NULL-terminated list, each in backquotes. */
static void write_list(FILE *out, const char *const *names, const char *suffix) {
    for (size_t i = 0; names[i]; i++) fprintf(out, "%s`%s%s`", i ? ", " : "", names[i], suffix);
}

void pf_conventions_explain(FILE *out) {
    fputs("# Paths poolfix leaves out\n\n"
          "poolfix reports on the application: the code a request runs. Tests, end-to-end tests,\n"
          "seed data, one-off scripts and migrations also query the database, but a pool they\n"
          "exhaust is not a production incident, so by default a file is left out when a folder\n"
          "on its path, below the folder being scanned, or its own name follows one of these\n"
          "conventions:\n\n",
          out);
    for (size_t i = 0; i < pf_convention_count; i++) {
        fprintf(out, "- %s: folders ", pf_conventions[i].name);
        write_list(out, pf_conventions[i].folders, "/");
        if (pf_conventions[i].files[0]) {
            fputs("; files ", out);
            write_list(out, pf_conventions[i].files, "");
        }
        fputs("\n", out);
    }
    fputs("\nFolders inside a Next.js `app/` or `pages/` folder are URL segments: a route handler\n"
          "under `app/api/seed/` or `app/api/e2e/` serves requests, and is kept. A file named on\n"
          "the command line is always read, and so is everything below a PATH that is itself such\n"
          "a folder (`poolfix scan scripts`).\n\n"
          "Always skipped, whatever the options: ",
          out);
    write_list(out, pf_skipped_folders, "/");
    fputs(", and what `.gitignore` files and poolfix.json's `ignore` patterns ignore.\n\n"
          "To scan them too: `--include-tests`, or `\"includeTests\": true` in poolfix.json. To keep\n"
          "one folder that only looks like a convention, re-include it in poolfix.json with a\n"
          "negated pattern: `\"ignore\": [\"!src/scripts/\"]`. `--verbose` lists every file left out.\n\n"
          "A Prisma schema in `docs/`, `doc/`, `examples/`, `example/`, or a test or e2e folder is\n"
          "never picked as the application's schema unless it is named (`--schema`, poolfix.json,\n"
          "`prisma.config.*`, package.json).\n",
          out);
}
