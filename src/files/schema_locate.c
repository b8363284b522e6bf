/* Finding the Prisma schema of a folder as Prisma does (see pf_schema_locate in schema.h):
 * what prisma.config.* and package.json name, then the conventional places.
 *
 * A config file is TypeScript or JavaScript that poolfix does not run: its `schema` is read
 * when it is written in one of the forms people use — a string, a template without
 * substitutions, or path.join()/path.resolve() of __dirname, import.meta.dirname,
 * process.cwd() and strings — and otherwise counts as not given. */
#include "poolfix/schema.h"

#include "poolfix/buf.h"
#include "poolfix/conventions.h"
#include "poolfix/listings.h"
#include "poolfix/map.h"
#include "poolfix/path.h"
#include "poolfix/source.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- Paths ---------------------------------------------------------------------- */

/* `rel` joined to `dir` (an absolute `rel` stays), without `.` segments, doubled slashes
 * or `name/..` pairs, so that one schema always has one spelling: the run loads it once and
 * the report names it once. */
static char *join_clean(pf_arena *arena, const char *dir, const char *rel) {
    const char *joined = rel[0] == '/' || !dir[0] ? rel : pf_arena_printf(arena, "%s/%s", dir, rel);
    size_t len = strlen(joined);
    char *out = pf_arena_alloc(arena, len + 2);
    size_t n = 0, kept = 0; /* kept: segments written that a `..` may take back */
    bool absolute = joined[0] == '/';
    if (absolute) out[n++] = '/';
    for (const char *p = joined; *p;) {
        size_t seg = strcspn(p, "/");
        bool dot = seg == 1 && p[0] == '.', dotdot = seg == 2 && p[0] == '.' && p[1] == '.';
        if (dotdot && kept > 0) {
            while (n > (size_t)absolute && out[n - 1] != '/') n--;
            if (n > (size_t)absolute) n--;
            kept--;
        } else if (seg > 0 && !dot && !(dotdot && absolute)) {
            if (n > (size_t)absolute) out[n++] = '/';
            memcpy(out + n, p, seg);
            n += seg;
            kept += !dotdot;
        }
        p += seg + (p[seg] == '/');
    }
    if (n == 0) out[n++] = '.';
    out[n] = '\0';
    return out;
}

typedef enum path_kind { PATH_MISSING, PATH_FILE, PATH_FOLDER } path_kind;

/* What is at `path`, following symbolic links. */
static path_kind kind_of(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return PATH_MISSING;
    return S_ISDIR(st.st_mode) ? PATH_FOLDER : S_ISREG(st.st_mode) ? PATH_FILE : PATH_MISSING;
}

/* Reads a whole file into `arena` (a regular file of bounded size: pf_file_read); false
 * when it cannot. */
static bool read_text(pf_arena *arena, const char *path, pf_str *text) {
    pf_buf buf = PF_BUF_INIT;
    bool ok = pf_file_read(path, PF_FILE_MAX_BYTES, &buf, NULL);
    if (ok) *text = pf_str_make(pf_arena_strndup(arena, buf.data, buf.len), buf.len);
    pf_buf_free(&buf);
    return ok;
}

/* ---- What a schema file holds --------------------------------------------------- */

/* The number of `model Name {` lines of a schema text: a quick look, not a parse. */
static size_t count_models(pf_str text) {
    size_t models = 0;
    for (size_t i = 0; i < text.len;) {
        size_t end = i;
        while (end < text.len && text.ptr[end] != '\n') end++;
        size_t p = i;
        while (p < end && (text.ptr[p] == ' ' || text.ptr[p] == '\t')) p++;
        if (end - p > 6 && memcmp(text.ptr + p, "model", 5) == 0 && (text.ptr[p + 5] == ' ' || text.ptr[p + 5] == '\t'))
            models += memchr(text.ptr + p, '{', end - p) != NULL;
        i = end + 1;
    }
    return models;
}

/* The models of the schema file at `path`; 0 when it cannot be read. */
static size_t models_in_file(pf_arena *arena, const char *path) {
    pf_str text;
    return read_text(arena, path, &text) ? count_models(text) : 0;
}

/* The `.prisma` files below `dir`, subfolders included (hidden entries, node_modules and
 * links to folders skipped), counted up to `limit`: with `with_models`, only those that
 * define models, and never `except`. `*first` (if given) is set to the first one found. */
typedef struct file_query {
    const char *except;
    bool with_models;
    size_t limit;
    const char *first;
    size_t count;
} file_query;

static void find_schema_files(pf_arena *arena, const char *dir, file_query *q) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *entry;
    while (q->count < q->limit && (entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.' || strcmp(entry->d_name, "node_modules") == 0) continue;
        const char *path = join_clean(arena, dir, entry->d_name);
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            find_schema_files(arena, path, q);
        } else if (pf_str_ends_with(pf_str_c(entry->d_name), ".prisma") && kind_of(path) == PATH_FILE &&
                   !(q->except && strcmp(path, q->except) == 0) && (!q->with_models || models_in_file(arena, path))) {
            if (!q->first) q->first = path;
            q->count++;
        }
    }
    closedir(d);
}

/* A folder of `.prisma` files as the schema to load: the file itself when it holds only
 * one, so that one schema has one name; NULL when it holds none. */
static const char *schema_folder(pf_arena *arena, const char *dir) {
    if (kind_of(dir) != PATH_FOLDER) return NULL;
    file_query q = {.limit = 2};
    find_schema_files(arena, dir, &q);
    return q.count == 0 ? NULL : q.count == 1 ? q.first : dir;
}

/* The `.prisma` file directly in `dir` that defines the most models (the first by name on a
 * tie), or NULL when none defines any. */
static const char *richest_file(pf_arena *arena, const char *dir) {
    struct dirent **entries;
    int count = scandir(dir, &entries, NULL, alphasort);
    if (count < 0) return NULL;
    const char *best = NULL;
    size_t best_models = 0;
    for (int i = 0; i < count; i++) {
        const char *name = entries[i]->d_name;
        if (name[0] != '.' && pf_str_ends_with(pf_str_c(name), ".prisma")) {
            const char *path = join_clean(arena, dir, name);
            size_t models = kind_of(path) == PATH_FILE ? models_in_file(arena, path) : 0;
            if (models > best_models) best = path, best_models = models;
        }
        free(entries[i]);
    }
    free(entries);
    return best;
}

/* ---- prisma.config.* ------------------------------------------------------------ */

/* JavaScript identifiers: letters, digits, `_` and `$`. */
static bool is_js_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/* The index just past the first `end` at or after `i` in `s`, or s.len. */
static size_t skip_past(pf_str s, size_t i, const char *end) {
    size_t len = strlen(end);
    for (; i + len <= s.len; i++)
        if (memcmp(s.ptr + i, end, len) == 0) return i + len;
    return s.len;
}

/* Skips spaces and comments of JavaScript or TypeScript text from `i`. */
static size_t js_skip_space(pf_str s, size_t i) {
    while (i < s.len) {
        char c = s.ptr[i], next = i + 1 < s.len ? s.ptr[i + 1] : '\0';
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            i++;
        else if (c == '/' && next == '/')
            i = skip_past(s, i, "\n");
        else if (c == '/' && next == '*')
            i = skip_past(s, i + 2, "*/");
        else
            break;
    }
    return i;
}

/* The index of the quote that closes the string or template opened at `i`, or s.len when
 * there is none ('...' and "..." also end, unclosed, at their line's end). */
static size_t js_string_end(pf_str s, size_t i) {
    char quote = s.ptr[i];
    for (i++; i < s.len && s.ptr[i] != quote; i++) {
        if (s.ptr[i] == '\\')
            i++;
        else if (s.ptr[i] == '\n' && quote != '`')
            return s.len;
    }
    return i < s.len ? i : s.len;
}

/* Whether the text at `i` is `word` as a whole identifier (or member chain). */
static bool js_word_at(pf_str s, size_t i, const char *word) {
    size_t len = strlen(word);
    return i + len <= s.len && memcmp(s.ptr + i, word, len) == 0 && (i + len == s.len || !is_js_word_char(s.ptr[i + len]));
}

/* What a config expression reads as: a path relative to the config's folder, or unknown. */
typedef struct js_path {
    bool known;
    const char *rel; /* "" for the folder itself */
    size_t end;      /* the index just past the expression */
} js_path;

/* A quoted string or a template literal at `i`, with its escapes undone. A template may
 * start with `${__dirname}` or `${import.meta.dirname}` (the config's folder) and have no
 * other substitution. */
static js_path js_literal(pf_arena *arena, pf_str s, size_t i) {
    js_path result = {false, NULL, i};
    char quote = i < s.len ? s.ptr[i] : '\0';
    if (quote != '"' && quote != '\'' && quote != '`') return result;
    size_t close = js_string_end(s, i);
    if (close == s.len) return result;
    size_t from = i + 1;
    if (quote == '`' && close - from >= 3 && memcmp(s.ptr + from, "${", 2) == 0) {
        size_t inner = js_skip_space(s, from + 2);
        bool anchor = js_word_at(s, inner, "__dirname") || js_word_at(s, inner, "import.meta.dirname");
        size_t after = anchor ? js_skip_space(s, inner + (js_word_at(s, inner, "__dirname") ? 9 : 19)) : inner;
        if (!anchor || after >= close || s.ptr[after] != '}') return result;
        from = after + 1;
        while (from < close && s.ptr[from] == '/') from++; /* `${__dirname}/prisma`: below the folder */
    }
    pf_buf text = PF_BUF_INIT;
    for (size_t k = from; k < close; k++) {
        if (quote == '`' && s.ptr[k] == '$' && k + 1 < close && s.ptr[k + 1] == '{') {
            pf_buf_free(&text);
            return result;
        }
        if (s.ptr[k] == '\\' && k + 1 < close) k++;
        pf_buf_putc(&text, s.ptr[k]);
    }
    result.known = text.len > 0 || from > i + 1; /* "" names nothing; `${__dirname}` the folder */
    result.rel = pf_arena_strdup(arena, text.data ? text.data : "");
    result.end = close + 1;
    pf_buf_free(&text);
    return result;
}

/* `path.join(...)`, `path.resolve(...)` (also `join`/`resolve` imported by name, and
 * `path.posix.`) at `i`, whose arguments are __dirname, import.meta.dirname, process.cwd()
 * or strings; Prisma runs from the config's folder, so each of those anchors stands for it. */
static js_path js_path_call(pf_arena *arena, pf_str s, size_t i) {
    js_path result = {false, NULL, i};
    static const char *const callees[] = {"path.posix.join", "path.posix.resolve", "path.join", "path.resolve",
                                          "join", "resolve"};
    size_t open = s.len;
    bool resolve = false; /* path.resolve() starts again at an absolute part; join() appends it */
    for (size_t c = 0; c < sizeof callees / sizeof callees[0] && open == s.len; c++)
        if (js_word_at(s, i, callees[c])) {
            size_t after = js_skip_space(s, i + strlen(callees[c]));
            if (after < s.len && s.ptr[after] == '(') open = after, resolve = strstr(callees[c], "resolve") != NULL;
        }
    if (open == s.len) return result;
    const char *rel = "";
    size_t k = js_skip_space(s, open + 1);
    while (k < s.len && s.ptr[k] != ')') {
        if (js_word_at(s, k, "__dirname")) {
            rel = "", k += 9;
        } else if (js_word_at(s, k, "import.meta.dirname")) {
            rel = "", k += 19;
        } else if (js_word_at(s, k, "process.cwd")) {
            size_t paren = js_skip_space(s, k + 11);
            if (paren + 1 >= s.len || s.ptr[paren] != '(' || s.ptr[js_skip_space(s, paren + 1)] != ')') return result;
            rel = "", k = js_skip_space(s, paren + 1) + 1;
        } else {
            js_path part = js_literal(arena, s, k);
            if (!part.known) return result;
            const char *piece = part.rel;
            if (!resolve)
                while (*piece == '/') piece++;
            rel = piece[0] == '/' || !rel[0] ? piece : pf_arena_printf(arena, "%s/%s", rel, piece);
            k = part.end;
        }
        k = js_skip_space(s, k);
        if (k < s.len && s.ptr[k] == ',') k = js_skip_space(s, k + 1);
        else if (k < s.len && s.ptr[k] != ')') return result;
    }
    if (k >= s.len) return result;
    result.known = true;
    result.rel = rel;
    result.end = k + 1;
    return result;
}

/* The `schema` property of a Prisma config file as a path relative to its folder, or NULL
 * when no `schema:` is followed by a form poolfix can read (then it counts as not given).
 * Comments and the contents of other strings are skipped. */
static const char *config_schema(pf_arena *arena, pf_str s) {
    size_t i = 0;
    while ((i = js_skip_space(s, i)) < s.len) {
        char c = s.ptr[i];
        if (c == '"' || c == '\'' || c == '`') {
            i = js_string_end(s, i) + 1;
            continue;
        }
        size_t word = i;
        while (i < s.len && is_js_word_char(s.ptr[i])) i++;
        if (i == word) {
            i++;
            continue;
        }
        if (i - word != 6 || memcmp(s.ptr + word, "schema", 6) != 0 || (word > 0 && s.ptr[word - 1] == '.')) continue;
        size_t colon = js_skip_space(s, i);
        if (colon >= s.len || s.ptr[colon] != ':') continue;
        size_t value = js_skip_space(s, colon + 1);
        js_path path = js_literal(arena, s, value);
        if (!path.known) path = js_path_call(arena, s, value);
        size_t after = js_skip_space(s, path.end);
        if (path.known && (after >= s.len || s.ptr[after] == ',' || s.ptr[after] == '}'))
            return path.rel[0] ? path.rel : ".";
    }
    return NULL;
}

/* The `prisma.schema` string of a package.json. */
static const char *package_json_schema(pf_arena *arena, pf_str s) {
    cJSON *json = cJSON_ParseWithLength(s.ptr, s.len);
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(json, "prisma"), "schema");
    const char *value = cJSON_IsString(schema) && schema->valuestring[0] ? pf_arena_strdup(arena, schema->valuestring)
                                                                         : NULL;
    cJSON_Delete(json);
    return value;
}

/* Files that may name the schema, in the order Prisma asks them; each path they name is
 * relative to the file's folder. */
static const struct {
    const char *file;
    const char *setting; /* how the setting is called in messages */
    const char *(*schema_of)(pf_arena *arena, pf_str text);
} SCHEMA_POINTERS[] = {
    {"prisma.config.ts", "schema", config_schema},          {"prisma.config.mts", "schema", config_schema},
    {"prisma.config.cts", "schema", config_schema},         {"prisma.config.js", "schema", config_schema},
    {"prisma.config.mjs", "schema", config_schema},         {"prisma.config.cjs", "schema", config_schema},
    {"package.json", "prisma.schema", package_json_schema},
};

/* ---- The search ----------------------------------------------------------------- */

/* What one folder names or holds, as schema_in_folder() found it. */
typedef struct folder_answer {
    const char *found; /* NULL: nothing here */
    const char *note;  /* a stand-in was chosen, or none could be: the line to show, or NULL */
} folder_answer;

/* The memo of a run's searches (see pf_schema_locator in schema.h). Everything it found lives
 * in `arena`; the maps' keys are arena strings too. */
struct pf_schema_locator {
    pf_arena arena;
    const pf_listings *listings; /* the run's folder listings, which spare probes; may be NULL */
    pf_map real_paths; /* a path as written → index in `reals` */
    PF_VEC(const char *) reals; /* its canonical path, or NULL when it does not resolve */
    pf_map answers;    /* "<folder>\n<canonical walk root>\n<canonical top>" → index in `folder_answers` */
    PF_VEC(folder_answer) folder_answers;
};

pf_schema_locator *pf_schema_locator_new(const pf_listings *listings) {
    pf_schema_locator *locator = pf_xcalloc(1, sizeof(*locator));
    pf_arena_init(&locator->arena);
    locator->listings = listings;
    return locator;
}

void pf_schema_locator_free(pf_schema_locator *locator) {
    if (!locator) return;
    pf_map_free(&locator->real_paths);
    pf_map_free(&locator->answers);
    pf_arena_free(&locator->arena);
    free(locator);
}

/* The canonical path of `path` (symbolic links, `.` and `..` resolved), or NULL when it does
 * not exist; memoised. A folder's is its parent's with its name appended unless it is a link
 * itself, so a tree of folders costs one lstat each rather than one per component. */
static const char *real_path(pf_schema_locator *l, const char *path) {
    size_t index, len = strlen(path);
    if (pf_map_find(&l->real_paths, path, len, &index)) return l->reals.items[index];
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *real = NULL;
    struct stat st;
    bool plain_name = slash && slash != path && base[0] && strcmp(base, ".") != 0 && strcmp(base, "..") != 0;
    int status = plain_name ? lstat(path, &st) : -1;
    bool missing = status != 0 && plain_name && errno == ENOENT;
    if (status == 0 && !S_ISLNK(st.st_mode)) {
        char *parent = pf_arena_strndup(&l->arena, path, (size_t)(slash - path));
        const char *parent_real = real_path(l, parent);
        if (parent_real)
            real = strcmp(parent_real, "/") == 0 ? pf_arena_printf(&l->arena, "/%s", base)
                                                 : pf_arena_printf(&l->arena, "%s/%s", parent_real, base);
    }
    if (!real && !missing) {
        char *resolved = realpath(path, NULL);
        real = resolved ? pf_arena_strdup(&l->arena, resolved) : NULL;
        free(resolved);
    }
    *PF_VEC_PUSH(&l->arena, l->reals) = real;
    pf_map_set(&l->real_paths, pf_arena_strndup(&l->arena, path, len), len, l->reals.len - 1);
    return real;
}

/* One climb: where it may look, and what it found. */
typedef struct search {
    pf_schema_locator *locator;
    pf_arena *arena;            /* the locator's */
    const char *walk_root_real; /* the PATH being scanned, canonical; NULL when it cannot be resolved */
    const char *top_real;       /* the top of the search, canonical: a schema found must lie below it */
    const char *note;           /* the note of the folder being looked at */
} search;

/* Whether `path` lies below the top of the search once symbolic links are resolved. A
 * repository's package.json or prisma.config (or a committed link) may point anywhere: what
 * lies outside the project is not its schema, and must not be read and quoted in errors. */
static bool inside_top(search *s, const char *path) {
    const char *real = s->top_real ? real_path(s->locator, path) : NULL;
    return real && pf_path_below(real, s->top_real);
}

/* Whether a schema found by convention at `path` (a file, or a folder of files) lies in a
 * docs, examples, fixtures or test folder below the PATH being scanned, where it is an
 * example, not the application's. */
static bool in_example_folder(search *s, const char *path, bool is_folder) {
    const char *real = s->walk_root_real ? real_path(s->locator, path) : NULL;
    const char *below = real ? pf_path_below(real, s->walk_root_real) : NULL;
    bool example = false;
    for (const char *p = below; p && *p && !example;) {
        size_t len = strcspn(p, "/");
        example = (p[len] == '/' || is_folder) && pf_is_example_folder(p, len);
        p += len + (p[len] == '/');
    }
    return example;
}

/* A configured schema that does not exist: the `.prisma` file beside where it should be that
 * defines the most models stands in for it (a generated schema.prisma missing from a
 * checkout, with the source it is generated from beside it), and the note says so. */
static const char *stand_in(search *s, const char *pointer, const char *setting, const char *named) {
    char *folder = pf_path_dirname(named);
    const char *chosen = richest_file(s->arena, folder);
    free(folder);
    char *pointer_shown = pf_path_for_display(pointer), *named_shown = pf_path_for_display(named);
    char *chosen_shown = chosen ? pf_path_for_display(chosen) : NULL;
    s->note = chosen ? pf_arena_printf(s->arena, "%s: %s %s does not exist; using %s, the .prisma file beside it that "
                                                 "defines models",
                                       pointer_shown, setting, named_shown, chosen_shown)
                     : pf_arena_printf(s->arena, "%s: %s %s does not exist, and no .prisma file beside it defines "
                                                 "models; looking further",
                                       pointer_shown, setting, named_shown);
    free(pointer_shown);
    free(named_shown);
    free(chosen_shown);
    return chosen;
}

/* Whether a `.prisma` file below `prisma` other than `main` defines models. */
static bool others_define_models(search *s, const char *prisma, const char *main) {
    file_query q = {.except = main, .with_models = true, .limit = 1};
    find_schema_files(s->arena, prisma, &q);
    return q.count > 0;
}

/* What the discovery walk saw at `name` in `dir`: PF_LISTED_UNKNOWN unless it listed that
 * folder (found by its canonical path, which the locator resolves once per folder anyway). */
static pf_listed listed_kind(search *s, const char *dir, const char *name) {
    if (!s->locator->listings) return PF_LISTED_UNKNOWN;
    const char *real = real_path(s->locator, dir);
    return real ? pf_listings_find(s->locator->listings, real, name) : PF_LISTED_UNKNOWN;
}

/* What is at `name` in `dir`: from the walk's listing of `dir` when it has one, else probed. */
static path_kind kind_in(search *s, const char *dir, const char *name) {
    switch (listed_kind(s, dir, name)) {
    case PF_LISTED_MISSING: return PATH_MISSING;
    case PF_LISTED_FILE: return PATH_FILE;
    case PF_LISTED_FOLDER: return PATH_FOLDER;
    case PF_LISTED_UNKNOWN: break;
    }
    return kind_of(join_clean(s->arena, dir, name));
}

/* The schema that the folder `dir` itself names or holds, or NULL. Rules in order: a config
 * file's `schema`, package.json's `prisma.schema` (a missing one replaced by a stand-in, or
 * passed over); prisma/schema.prisma when it defines models or is alone; prisma/schema/,
 * then prisma/, holding .prisma files; schema.prisma. Conventional places in example
 * folders are passed over. */
static const char *schema_in_folder(search *s, const char *dir) {
    for (size_t i = 0; i < sizeof SCHEMA_POINTERS / sizeof SCHEMA_POINTERS[0]; i++) {
        if (listed_kind(s, dir, SCHEMA_POINTERS[i].file) == PF_LISTED_MISSING) continue;
        const char *pointer = join_clean(s->arena, dir, SCHEMA_POINTERS[i].file);
        pf_str text;
        if (!read_text(s->arena, pointer, &text)) continue;
        const char *named = SCHEMA_POINTERS[i].schema_of(s->arena, text);
        if (!named) continue;
        const char *path = join_clean(s->arena, dir, named);
        path_kind kind = kind_of(path);
        if (kind != PATH_MISSING && !inside_top(s, path)) {
            char *pointer_shown = pf_path_for_display(pointer);
            s->note = pf_arena_printf(s->arena, "%s: %s names a path outside the project; not read (pass it with "
                                                 "--schema to use it)", pointer_shown, SCHEMA_POINTERS[i].setting);
            free(pointer_shown);
            continue;
        }
        if (kind == PATH_FILE) return path;
        const char *files = kind == PATH_FOLDER ? schema_folder(s->arena, path) : NULL;
        if (kind == PATH_FOLDER) return files ? files : path; /* none: loading says so */
        const char *chosen = stand_in(s, pointer, SCHEMA_POINTERS[i].setting, path);
        if (chosen) return chosen;
    }

    const char *prisma = join_clean(s->arena, dir, "prisma");
    if (kind_in(s, dir, "prisma") == PATH_FOLDER && !in_example_folder(s, prisma, true)) {
        /* prisma/schema.prisma, unless it defines no model and other files there do: then
         * it is the main file of a multi-file schema (a `models/` folder beside it). */
        const char *file = join_clean(s->arena, prisma, "schema.prisma");
        if (kind_of(file) == PATH_FILE && inside_top(s, file) &&
            (models_in_file(s->arena, file) > 0 || !others_define_models(s, prisma, file)))
            return file;
        const char *folder = schema_folder(s->arena, join_clean(s->arena, prisma, "schema"));
        if (!folder) folder = schema_folder(s->arena, prisma);
        if (folder && inside_top(s, folder)) return folder;
    }
    const char *file = join_clean(s->arena, dir, "schema.prisma");
    if (kind_in(s, dir, "schema.prisma") == PATH_FILE && !in_example_folder(s, file, false) && inside_top(s, file))
        return file;
    return NULL;
}

/* What `dir` names or holds, looked at once per folder and walk root. */
static folder_answer answer_of(search *s, const char *dir) {
    pf_schema_locator *l = s->locator;
    const char *key = pf_arena_printf(s->arena, "%s\n%s\n%s", dir, s->walk_root_real ? s->walk_root_real : "",
                                      s->top_real ? s->top_real : "");
    size_t index, len = strlen(key);
    if (pf_map_find(&l->answers, key, len, &index)) return l->folder_answers.items[index];
    s->note = NULL;
    folder_answer answer = {schema_in_folder(s, dir), NULL};
    answer.note = s->note;
    *PF_VEC_PUSH(s->arena, l->folder_answers) = answer;
    pf_map_set(&l->answers, key, len, l->folder_answers.len - 1);
    return answer;
}

/* `dir` spelled from `top` (`top` followed by the folders below it), so that the climb
 * stops at `top` and the paths found read like the caller's. NULL when `dir` is not `top`
 * or inside it (symbolic links resolved). */
static char *path_from_top(search *s, const char *dir, const char *top) {
    const char *real_dir = real_path(s->locator, dir), *real_top = real_path(s->locator, top);
    const char *rest = real_dir && real_top ? pf_path_below(real_dir, real_top) : NULL;
    return rest ? join_clean(s->arena, top, rest[0] ? rest : ".") : NULL;
}

/* The folder above `path` (cleaned): "." above a bare name, "/" above a folder at the root. */
static char *parent_of(pf_arena *arena, const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return pf_arena_strdup(arena, ".");
    return pf_arena_strndup(arena, path, slash == path ? 1 : (size_t)(slash - path));
}

void pf_schema_locator_find(pf_schema_locator *locator, const char *dir, const char *top, const char *walk_root,
                            pf_schema_location *out) {
    search s = {.locator = locator, .arena = &locator->arena};
    s.walk_root_real = walk_root ? real_path(locator, walk_root) : NULL;
    s.top_real = real_path(locator, top);
    const char *folder = path_from_top(&s, dir, top);
    const char *last = join_clean(s.arena, top, ".");
    folder_answer answer = {NULL, NULL};
    const char *note = NULL;
    while (folder) {
        answer = answer_of(&s, folder);
        if (answer.note) note = answer.note;
        if (answer.found || strcmp(folder, last) == 0) break;
        folder = parent_of(s.arena, folder);
    }
    out->path = answer.found ? pf_xstrdup(answer.found) : NULL;
    out->note = note ? pf_xstrdup(note) : NULL;
}

void pf_schema_locate(const char *dir, const char *top, const char *walk_root, pf_schema_location *out) {
    pf_schema_locator *locator = pf_schema_locator_new(NULL);
    pf_schema_locator_find(locator, dir, top, walk_root, out);
    pf_schema_locator_free(locator);
}

void pf_schema_location_free(pf_schema_location *location) {
    free(location->path);
    free(location->note);
    location->path = location->note = NULL;
}
