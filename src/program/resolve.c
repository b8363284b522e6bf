/* Module resolution (see resolve.h). Paths are handled lexically, as absolute paths with
 * `.` and `..` folded, so that a lookup is a hash probe rather than a system call; only
 * config files (tsconfig.json, package.json, pnpm-workspace.yaml) are read from disk. */
#include "poolfix/resolve.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"
#include "poolfix/map.h"
#include "poolfix/source.h"
#include "poolfix/str.h"

#include <cJSON.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A tsconfig.json or jsconfig.json with its `extends` applied. */
typedef struct tsconfig {
    const char *base_url;   /* absolute folder, or NULL */
    const char *paths_base; /* the folder `paths` targets are relative to */
    const cJSON *paths;     /* the `paths` object, or NULL */
} tsconfig;

typedef PF_VEC(const char *) string_list;

/* A package of the workspace. */
typedef struct package {
    const char *name;
    const char *dir;
    const cJSON *json;
} package;

struct pf_resolver {
    pf_arena arena;
    /* By index: a file under the current folder as its normalised path from there (mostly the
     * end of the path the caller gave, borrowed: a copy per file was 3.4 MB on a monorepo of
     * 50,000 files); any other file as its normalised absolute path. */
    const char **files;
    size_t count;
    const char *cwd;      /* the current folder, absolute; "" for "/" */
    size_t cwd_len;
    pf_map file_index;    /* files[i] → i */
    pf_map dir_config;    /* folder → config index + 1, 0 for none */
    PF_VEC(tsconfig) configs;
    pf_map config_index;  /* config file → config index, CONFIG_LOADING while it loads (an `extends` cycle) */
    PF_VEC(cJSON *) documents; /* every JSON document read, freed with the resolver */
    PF_VEC(package) packages;
    bool packages_loaded;
    pf_map package_dirs;  /* package.json paths already read */
    pf_map bare;          /* "<config>:<specifier>" → file index + 1, 0 for none */
};

/* The value of a config in `config_index` while it loads: map values are 32-bit. */
#define CONFIG_LOADING ((size_t)UINT32_MAX)

static const char *const source_extensions[] = {".ts", ".tsx", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs"};
#define EXTENSION_COUNT (sizeof(source_extensions) / sizeof(*source_extensions))

/* --- paths ------------------------------------------------------------------------- */

/* `rel` taken from the folder `base` (ignored when `rel` is absolute), with `.`, `..` and
 * repeated slashes folded. In the arena. */
static const char *join(pf_arena *arena, const char *base, const char *rel) {
    pf_buf path = PF_BUF_INIT;
    if (rel[0] != '/') {
        pf_buf_puts(&path, base);
        pf_buf_putc(&path, '/');
    }
    pf_buf_puts(&path, rel);
    /* Fold in place: `out` never runs ahead of `in`. */
    char *s = path.data;
    size_t out = 0;
    for (size_t in = 0; in < path.len;) {
        while (s[in] == '/') in++;
        size_t end = in;
        while (end < path.len && s[end] != '/') end++;
        size_t n = end - in;
        if (n == 0 || (n == 1 && s[in] == '.')) {
        } else if (n == 2 && s[in] == '.' && s[in + 1] == '.') {
            while (out > 0 && s[out - 1] != '/') out--;
            if (out > 0) out--;
        } else {
            s[out++] = '/';
            memmove(s + out, s + in, n);
            out += n;
        }
        in = end;
    }
    const char *result = out ? pf_arena_strndup(arena, s, out) : "/";
    pf_buf_free(&path);
    return result;
}

/* The folder of an absolute path ("/" for a file at the root). */
static const char *parent(pf_arena *arena, const char *path) {
    const char *slash = strrchr(path, '/');
    return slash && slash != path ? pf_arena_strndup(arena, path, (size_t)(slash - path)) : "/";
}

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* --- files of the run ---------------------------------------------------------------- */

/* The part of an absolute path the resolver keys a file by (see pf_resolver.files). */
static const char *file_key(const pf_resolver *r, const char *path) {
    bool below = strncmp(path, r->cwd, r->cwd_len) == 0 && path[r->cwd_len] == '/';
    return below ? path + r->cwd_len + 1 : path;
}

/* The absolute folder of file `index` in `out` ("/" for a file at the root). */
static void file_folder(const pf_resolver *r, size_t index, pf_buf *out) {
    pf_buf_clear(out);
    if (r->files[index][0] != '/') pf_buf_printf(out, "%s/", r->cwd);
    pf_buf_puts(out, r->files[index]);
    out->len = (size_t)(strrchr(out->data, '/') - out->data);
    if (out->len == 0) pf_buf_putc(out, '/');
    out->data[out->len] = '\0';
}

/* The file at exactly `path` (absolute), or -1. */
static long file_at(const pf_resolver *r, const char *path) {
    const char *key = file_key(r, path);
    size_t index;
    return pf_map_find(&r->file_index, key, strlen(key), &index) ? (long)index : -1;
}

/* The file a path names as TypeScript looks for it: itself, with a source extension, with
 * a `.js`-family extension replaced by its source one, or the `index` of a folder. */
static long probe(const pf_resolver *r, const char *path) {
    long found = file_at(r, path);
    if (found >= 0) return found;
    pf_buf candidate = PF_BUF_INIT;
    static const char *const mapped[][2] = {{".js", ".ts"}, {".js", ".tsx"}, {".jsx", ".tsx"},
                                            {".mjs", ".mts"}, {".cjs", ".cts"}};
    size_t len = strlen(path);
    for (size_t i = 0; found < 0 && i < sizeof(mapped) / sizeof(*mapped); i++) {
        if (!pf_str_ends_with(pf_str_make(path, len), mapped[i][0])) continue;
        pf_buf_clear(&candidate);
        pf_buf_append(&candidate, path, len - strlen(mapped[i][0]));
        pf_buf_puts(&candidate, mapped[i][1]);
        found = file_at(r, candidate.data);
    }
    for (size_t i = 0; found < 0 && i < EXTENSION_COUNT; i++) {
        pf_buf_clear(&candidate);
        pf_buf_printf(&candidate, "%s%s", path, source_extensions[i]);
        found = file_at(r, candidate.data);
    }
    for (size_t i = 0; found < 0 && i < EXTENSION_COUNT; i++) {
        pf_buf_clear(&candidate);
        pf_buf_printf(&candidate, "%s/index%s", path, source_extensions[i]);
        found = file_at(r, candidate.data);
    }
    pf_buf_free(&candidate);
    return found;
}

/* A package's entry point: the file itself, else its source when it names build output
 * (`dist/index.js` → `src/index.ts`; `index.d.ts` → `index.ts`). */
static long probe_entry(const pf_resolver *r, pf_arena *scratch, const char *path) {
    long found = probe(r, path);
    if (found >= 0) return found;
    pf_str p = pf_str_c(path);
    if (pf_str_ends_with(p, ".d.ts")) {
        const char *stem = pf_arena_strndup(scratch, path, p.len - 5);
        if ((found = probe(r, stem)) >= 0) return found;
    }
    static const char *const outputs[] = {"/dist/", "/build/", "/lib/", "/out/"};
    for (size_t i = 0; i < sizeof(outputs) / sizeof(*outputs); i++) {
        const char *at = strstr(path, outputs[i]);
        if (!at) continue;
        pf_buf source = PF_BUF_INIT;
        pf_buf_append(&source, path, (size_t)(at - path));
        pf_buf_puts(&source, "/src/");
        const char *rest = at + strlen(outputs[i]);
        const char *dot = strrchr(rest, '.');
        if (dot && !strchr(dot, '/')) pf_buf_append(&source, rest, (size_t)(dot - rest));
        else pf_buf_puts(&source, rest);
        if (pf_str_ends_with(pf_str_make(source.data, source.len), ".d")) {
            source.len -= 2;
            source.data[source.len] = '\0';
        }
        found = probe(r, source.data);
        pf_buf_free(&source);
        if (found >= 0) return found;
    }
    return -1;
}

pf_resolver *pf_resolver_new(const char *const *paths, size_t count) {
    pf_resolver *r = pf_xcalloc(1, sizeof(*r));
    pf_arena_init(&r->arena);
    char *cwd = getcwd(NULL, 0);
    r->cwd = cwd && strcmp(cwd, "/") != 0 ? pf_arena_strdup(&r->arena, cwd) : "";
    r->cwd_len = strlen(r->cwd);
    free(cwd);
    r->files = pf_arena_alloc(&r->arena, (count + 1) * sizeof(char *));
    r->count = count;
    pf_arena scratch;
    pf_arena_init(&scratch);
    pf_map_reserve(&r->file_index, count);
    for (size_t i = 0; i < count; i++) {
        const char *key = file_key(r, join(&scratch, r->cwd_len ? r->cwd : "/", paths[i]));
        size_t key_len = strlen(key), path_len = strlen(paths[i]);
        const char *tail = paths[i] + path_len - (key_len <= path_len ? key_len : path_len);
        bool ends_path = key[0] != '/' && key_len <= path_len && memcmp(tail, key, key_len) == 0;
        r->files[i] = ends_path ? tail : pf_arena_strdup(&r->arena, key);
        pf_map_set(&r->file_index, r->files[i], key_len, i);
        pf_arena_free(&scratch);
    }
    return r;
}

void pf_resolver_free(pf_resolver *r) {
    if (!r) return;
    for (size_t i = 0; i < r->documents.len; i++) cJSON_Delete(r->documents.items[i]);
    pf_map_free(&r->file_index);
    pf_map_free(&r->dir_config);
    pf_map_free(&r->config_index);
    pf_map_free(&r->package_dirs);
    pf_map_free(&r->bare);
    pf_arena_free(&r->arena);
    free(r);
}

/* --- JSON files ----------------------------------------------------------------------- */

/* Blanks out `//` and block comments and the trailing commas tsconfig files allow, outside
 * strings, so that cJSON reads the rest. */
static void strip_jsonc(char *s, size_t len) {
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        if (in_string) {
            if (s[i] == '\\' && i + 1 < len) i++;
            else if (s[i] == '"') in_string = false;
        } else if (s[i] == '"') {
            in_string = true;
        } else if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
            while (i < len && s[i] != '\n') s[i++] = ' ';
        } else if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
            size_t j = i;
            while (j < len && !(s[j] == '*' && j + 1 < len && s[j + 1] == '/') ) s[j++] = ' ';
            for (size_t k = j; k < len && k < j + 2; k++) s[k] = ' ';
            i = j + 1;
        } else if (s[i] == ',') {
            size_t j = i + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) j++;
            if (j < len && (s[j] == '}' || s[j] == ']')) s[i] = ' ';
        }
    }
}

/* Reads a JSON (or JSON-with-comments) file; NULL when it cannot be read or parsed. The
 * document lives as long as the resolver. */
static cJSON *read_json(pf_resolver *r, const char *path) {
    pf_buf text = PF_BUF_INIT;
    cJSON *json = NULL;
    if (pf_file_read(path, PF_FILE_MAX_BYTES, &text, NULL) && text.len) {
        strip_jsonc(text.data, text.len);
        json = cJSON_ParseWithLength(text.data, text.len);
    }
    pf_buf_free(&text);
    if (json) *PF_VEC_PUSH(&r->arena, r->documents) = json;
    return json;
}

/* A string member, or NULL. */
static const char *json_string(const cJSON *object, const char *key) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* --- workspace packages -------------------------------------------------------------- */

/* The members of a package.json that resolution reads (a package's name, its entry points,
 * its workspaces): the rest (dependencies, scripts, ...) is dropped once read, as the document
 * lives as long as the resolver (dub: 33 documents, 0.2 MB). */
static const char *const package_fields[] = {"name", "exports", "source", "module", "main", "types", "typings",
                                             "workspaces"};

/* Drops the members of a package.json that resolution does not read. */
static void keep_package_fields(cJSON *json) {
    cJSON *item = json ? json->child : NULL;
    while (item) {
        cJSON *next = item->next;
        bool kept = false;
        for (size_t i = 0; i < sizeof(package_fields) / sizeof(*package_fields) && !kept; i++)
            kept = item->string && strcmp(item->string, package_fields[i]) == 0;
        if (!kept) cJSON_Delete(cJSON_DetachItemViaPointer(json, item));
        item = next;
    }
}

/* Reads the package.json at `path` (once) and adds it when it has a name. Returns its document
 * (NULL when it was added before or cannot be read). */
static cJSON *add_package(pf_resolver *r, const char *path) {
    if (pf_map_find(&r->package_dirs, path, strlen(path), NULL)) return NULL;
    const char *key = pf_arena_strdup(&r->arena, path);
    pf_map_set(&r->package_dirs, key, strlen(key), 0);
    cJSON *json = read_json(r, path);
    keep_package_fields(json);
    const char *name = json_string(json, "name");
    if (!name) return json;
    package *p = PF_VEC_PUSH(&r->arena, r->packages);
    p->name = name;
    p->dir = parent(&r->arena, key);
    p->json = json;
    return json;
}

/* Adds the packages under `dir` that a workspace glob's rest `pattern` matches (`*`, `**`,
 * or a literal folder per segment). */
static void expand_glob(pf_resolver *r, const char *dir, const char *pattern, int depth) {
    if (depth > 6) return;
    if (*pattern == '\0') {
        add_package(r, join(&r->arena, dir, "package.json"));
        return;
    }
    const char *slash = strchr(pattern, '/');
    size_t n = slash ? (size_t)(slash - pattern) : strlen(pattern);
    const char *rest = slash ? slash + 1 : "";
    bool any = n == 1 && pattern[0] == '*', deep = n == 2 && pattern[0] == '*' && pattern[1] == '*';
    if (!any && !deep) {
        expand_glob(r, join(&r->arena, dir, pf_arena_strndup(&r->arena, pattern, n)), rest, depth + 1);
        return;
    }
    if (deep) expand_glob(r, dir, rest, depth + 1);
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *entry;
    while ((entry = readdir(d))) {
        if (entry->d_name[0] == '.' || strcmp(entry->d_name, "node_modules") == 0) continue;
        const char *sub = join(&r->arena, dir, entry->d_name);
        struct stat st;
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
        expand_glob(r, sub, deep ? pattern : rest, depth + 1);
    }
    closedir(d);
}

/* Adds the packages a workspace root declares: package.json `workspaces` (an array, or an
 * object with `packages`) and pnpm-workspace.yaml `packages:` entries. */
static void add_workspace(pf_resolver *r, const char *root, const cJSON *json) {
    const cJSON *globs = cJSON_GetObjectItemCaseSensitive(json, "workspaces");
    if (cJSON_IsObject(globs)) globs = cJSON_GetObjectItemCaseSensitive(globs, "packages");
    const cJSON *glob;
    cJSON_ArrayForEach(glob, (cJSON_IsArray(globs) ? globs : NULL)) {
        if (cJSON_IsString(glob) && glob->valuestring[0] != '!') expand_glob(r, root, glob->valuestring, 0);
    }
    pf_buf yaml = PF_BUF_INIT;
    if (pf_file_read(join(&r->arena, root, "pnpm-workspace.yaml"), PF_FILE_MAX_BYTES, &yaml, NULL) && yaml.len) {
        bool in_packages = false;
        for (char *line = yaml.data; line && *line;) {
            char *end = strchr(line, '\n');
            if (end) *end = '\0';
            char *s = line + strspn(line, " \t");
            if (s == line) in_packages = strncmp(s, "packages:", 9) == 0;
            else if (in_packages && *s == '-') {
                s += 1 + strspn(s + 1, " \t");
                size_t n = strcspn(s, "#\r");
                while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\'')) n--;
                if (*s == '"' || *s == '\'') s++, n--;
                if ((long)n > 0 && *s != '!') expand_glob(r, root, pf_arena_strndup(&r->arena, s, n), 0);
            }
            line = end ? end + 1 : NULL;
        }
    }
    pf_buf_free(&yaml);
}

/* Finds the workspace packages: the nearest package.json of every file, and the packages
 * of every workspace root above them. The folders walked are scratch (what the resolver
 * keeps, add_package and add_workspace copy): kept, they were a folder name per file of the
 * run (dub: 0.8 MB until the report). */
static void load_packages(pf_resolver *r) {
    if (r->packages_loaded) return;
    r->packages_loaded = true;
    pf_map seen_dirs = PF_MAP_INIT;
    pf_arena scratch;
    pf_arena_init(&scratch);
    /* A file's folder is copied only when it was not seen: most files share theirs (a copy per
     * file was 5 MB on a monorepo of 50,000 files). */
    pf_buf folder = PF_BUF_INIT;
    for (size_t i = 0; i < r->count; i++) {
        file_folder(r, i, &folder);
        if (pf_map_find(&seen_dirs, folder.data, folder.len, NULL)) continue;
        for (const char *dir = pf_arena_strdup(&scratch, folder.data);; dir = parent(&scratch, dir)) {
            if (pf_map_find(&seen_dirs, dir, strlen(dir), NULL)) break;
            pf_map_set(&seen_dirs, dir, strlen(dir), 0);
            const char *manifest = join(&scratch, dir, "package.json");
            if (is_file(manifest)) {
                /* Read once; again only when a workspace's glob added it before. */
                cJSON *json = add_package(r, manifest);
                if (!json) keep_package_fields(json = read_json(r, manifest));
                if (cJSON_GetObjectItemCaseSensitive(json, "workspaces") ||
                    is_file(join(&scratch, dir, "pnpm-workspace.yaml")))
                    add_workspace(r, dir, json);
            }
            if (strcmp(dir, "/") == 0) break;
        }
    }
    pf_buf_free(&folder);
    pf_map_free(&seen_dirs);
    pf_arena_free(&scratch);
}

/* The package whose name is the longest prefix of `specifier` (`@acme/db/client` → `@acme/db`),
 * with the rest of the specifier as a subpath ("." or "./client"). */
static const package *package_for(pf_resolver *r, const char *specifier, const char **subpath) {
    load_packages(r);
    const package *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < r->packages.len; i++) {
        const package *p = &r->packages.items[i];
        size_t n = strlen(p->name);
        if (n > best_len && strncmp(specifier, p->name, n) == 0 && (specifier[n] == '\0' || specifier[n] == '/')) {
            best = p;
            best_len = n;
        }
    }
    if (best) *subpath = specifier[best_len] ? pf_arena_printf(&r->arena, ".%s", specifier + best_len) : ".";
    return best;
}

/* Appends the strings an `exports` value leads to, preferring the conditions that name source
 * files, each with `*` replaced by `star` when it is not NULL. */
static void export_targets(pf_arena *scratch, const cJSON *value, const char *star, string_list *out, int depth) {
    static const char *const conditions[] = {"source", "development", "import", "module", "default",
                                             "require", "node", "browser", "types"};
    if (!value || depth > 8) return;
    if (cJSON_IsString(value)) {
        const char *target = value->valuestring, *at = star ? strchr(target, '*') : NULL;
        if (at) target = pf_arena_printf(scratch, "%.*s%s%s", (int)(at - target), target, star, at + 1);
        *PF_VEC_PUSH(scratch, *out) = target;
    } else if (cJSON_IsArray(value)) {
        const cJSON *item;
        cJSON_ArrayForEach(item, value) export_targets(scratch, item, star, out, depth + 1);
    } else if (cJSON_IsObject(value)) {
        for (size_t i = 0; i < sizeof(conditions) / sizeof(*conditions); i++)
            export_targets(scratch, cJSON_GetObjectItemCaseSensitive(value, conditions[i]), star, out, depth + 1);
        const cJSON *item;
        cJSON_ArrayForEach(item, value) export_targets(scratch, item, star, out, depth + 1);
    }
}

/* The file a package subpath names: through `exports` when the package has it, else its
 * entry fields (for ".") or the path itself. The candidates are scratch: asked for every
 * import of a package, they were kept until the run ended (dub: 0.26 MB). */
static long resolve_package(pf_resolver *r, pf_arena *scratch, const package *p, const char *subpath) {
    const cJSON *exports = cJSON_GetObjectItemCaseSensitive(p->json, "exports");
    string_list targets = {0};
    if (cJSON_IsString(exports) || cJSON_IsArray(exports)) {
        if (strcmp(subpath, ".") == 0) export_targets(scratch, exports, NULL, &targets, 0);
    } else if (cJSON_IsObject(exports)) {
        bool subpaths = exports->child && exports->child->string && exports->child->string[0] == '.';
        if (!subpaths) {
            if (strcmp(subpath, ".") == 0) export_targets(scratch, exports, NULL, &targets, 0);
        } else {
            const cJSON *exact = cJSON_GetObjectItemCaseSensitive(exports, subpath), *best = NULL, *item;
            size_t best_len = 0;
            const char *star = NULL;
            cJSON_ArrayForEach(item, (exact ? NULL : exports)) {
                const char *key = item->string, *at = strchr(key, '*');
                if (!at) continue;
                size_t pre = (size_t)(at - key), post = strlen(at + 1), len = strlen(subpath);
                if (len >= pre + post && strncmp(subpath, key, pre) == 0 &&
                    strcmp(subpath + len - post, at + 1) == 0 && pre >= best_len) {
                    best = item;
                    best_len = pre;
                    star = pf_arena_strndup(scratch, subpath + pre, len - pre - post);
                }
            }
            export_targets(scratch, exact ? exact : best, exact ? NULL : star, &targets, 0);
        }
    } else if (strcmp(subpath, ".") == 0) {
        static const char *const fields[] = {"source", "module", "main", "types", "typings"};
        for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
            if (json_string(p->json, fields[i])) *PF_VEC_PUSH(scratch, targets) = json_string(p->json, fields[i]);
        *PF_VEC_PUSH(scratch, targets) = "./index";
        *PF_VEC_PUSH(scratch, targets) = "./src/index";
    } else {
        *PF_VEC_PUSH(scratch, targets) = subpath;
        *PF_VEC_PUSH(scratch, targets) = pf_arena_printf(scratch, "./src/%s", subpath + 2);
    }
    for (size_t i = 0; i < targets.len; i++) {
        long found = probe_entry(r, scratch, join(scratch, p->dir, targets.items[i]));
        if (found >= 0) return found;
    }
    return -1;
}

/* --- tsconfig ----------------------------------------------------------------------- */

static long load_config(pf_resolver *r, const char *path, int depth);

/* The config an `extends` entry names, loaded, or -1. */
static long load_base(pf_resolver *r, const char *dir, const char *spec, int depth) {
    const char *path = NULL;
    if (spec[0] == '.' || spec[0] == '/') {
        path = join(&r->arena, dir, spec);
        if (!is_file(path)) path = pf_arena_printf(&r->arena, "%s.json", path);
    } else {
        const char *subpath;
        const package *p = package_for(r, spec, &subpath);
        if (p) {
            path = join(&r->arena, p->dir, strcmp(subpath, ".") == 0 ? "tsconfig.json" : subpath);
        } else {
            for (const char *d = dir;; d = parent(&r->arena, d)) {
                const char *candidate = join(&r->arena, join(&r->arena, d, "node_modules"), spec);
                if (is_file(candidate)) {
                    path = candidate;
                    break;
                }
                if (strcmp(d, "/") == 0) break;
            }
        }
        if (path && !is_file(path) && is_file(pf_arena_printf(&r->arena, "%s.json", path)))
            path = pf_arena_printf(&r->arena, "%s.json", path);
    }
    return path ? load_config(r, path, depth + 1) : -1;
}

/* Loads a config (once) with what it inherits; -1 when it cannot be read. */
static long load_config(pf_resolver *r, const char *path, int depth) {
    size_t index;
    if (pf_map_find(&r->config_index, path, strlen(path), &index)) return index == CONFIG_LOADING ? -1 : (long)index;
    if (depth > 16) return -1;
    const char *key = pf_arena_strdup(&r->arena, path);
    pf_map_set(&r->config_index, key, strlen(key), CONFIG_LOADING);
    const cJSON *json = read_json(r, path);
    if (!json) return -1;
    const char *dir = parent(&r->arena, key);
    tsconfig config = {0};
    const cJSON *extends = cJSON_GetObjectItemCaseSensitive(json, "extends");
    const cJSON *item;
    cJSON_ArrayForEach(item, (cJSON_IsArray(extends) ? extends : NULL)) {
        long base = cJSON_IsString(item) ? load_base(r, dir, item->valuestring, depth) : -1;
        if (base >= 0) {
            const tsconfig *b = &r->configs.items[base];
            if (b->base_url) config.base_url = b->base_url;
            if (b->paths) config.paths = b->paths, config.paths_base = b->paths_base;
        }
    }
    if (cJSON_IsString(extends)) {
        long base = load_base(r, dir, extends->valuestring, depth);
        if (base >= 0) config = r->configs.items[base];
    }
    const cJSON *options = cJSON_GetObjectItemCaseSensitive(json, "compilerOptions");
    const char *base_url = json_string(options, "baseUrl");
    if (base_url) {
        config.base_url = join(&r->arena, dir, base_url);
        if (config.paths) config.paths_base = config.base_url;
    }
    const cJSON *paths = cJSON_GetObjectItemCaseSensitive(options, "paths");
    if (cJSON_IsObject(paths)) {
        config.paths = paths;
        config.paths_base = config.base_url ? config.base_url : dir;
    }
    index = r->configs.len;
    *PF_VEC_PUSH(&r->arena, r->configs) = config;
    pf_map_set(&r->config_index, key, strlen(key), index);
    return (long)index;
}

/* The nearest tsconfig.json (else jsconfig.json) at or above `dir`, or -1; memoised per folder.
 * Only the folder's key stays with the resolver: the paths probed and the parent folder are
 * scratch (kept, they were three strings per folder of the run: 0.2 MB on dub). */
static long config_for(pf_resolver *r, const char *dir) {
    size_t found;
    if (pf_map_find(&r->dir_config, dir, strlen(dir), &found)) return (long)found - 1;
    const char *key = pf_arena_strdup(&r->arena, dir);
    long config = -1;
    pf_arena scratch;
    pf_arena_init(&scratch);
    static const char *const names[] = {"tsconfig.json", "jsconfig.json"};
    for (size_t i = 0; i < 2 && config < 0; i++) {
        const char *path = join(&scratch, key, names[i]);
        if (is_file(path)) config = load_config(r, path, 0);
    }
    if (config < 0 && strcmp(key, "/") != 0) config = config_for(r, parent(&scratch, key));
    pf_arena_free(&scratch);
    pf_map_set(&r->dir_config, key, strlen(key), (size_t)(config + 1));
    return config;
}

/* The file a bare specifier names through a config's `paths`: the pattern with the longest
 * prefix before its `*` (an exact key wins), its targets in order. */
static long resolve_paths(const pf_resolver *r, pf_arena *scratch, const tsconfig *config, const char *specifier) {
    const cJSON *best = NULL, *item;
    size_t best_len = 0, len = strlen(specifier);
    const char *star = NULL;
    cJSON_ArrayForEach(item, config->paths) {
        const char *key = item->string, *at = strchr(key, '*');
        if (!at) {
            if (strcmp(key, specifier) == 0) {
                best = item;
                star = NULL;
                break;
            }
            continue;
        }
        size_t pre = (size_t)(at - key), post = strlen(at + 1);
        if (len >= pre + post && strncmp(specifier, key, pre) == 0 && strcmp(specifier + len - post, at + 1) == 0 &&
            (!best || pre > best_len)) {
            best = item;
            best_len = pre;
            star = pf_arena_strndup(scratch, specifier + pre, len - pre - post);
        }
    }
    const cJSON *target;
    cJSON_ArrayForEach(target, (best && cJSON_IsArray(best) ? best : NULL)) {
        if (!cJSON_IsString(target)) continue;
        const char *t = target->valuestring, *at = star ? strchr(t, '*') : NULL;
        if (at) t = pf_arena_printf(scratch, "%.*s%s%s", (int)(at - t), t, star, at + 1);
        long found = probe(r, join(scratch, config->paths_base, t));
        if (found >= 0) return found;
    }
    return -1;
}

/* pf_resolve with the temporary paths in `scratch`. */
static long resolve(pf_resolver *r, pf_arena *scratch, size_t from, const char *specifier) {
    pf_buf folder = PF_BUF_INIT;
    file_folder(r, from, &folder);
    const char *dir = pf_arena_strndup(scratch, folder.data, folder.len);
    pf_buf_free(&folder);
    if (specifier[0] == '.' || specifier[0] == '/') return probe(r, join(scratch, dir, specifier));
    long config = config_for(r, dir);
    const char *key = pf_arena_printf(scratch, "%ld:%s", config, specifier);
    size_t memo;
    if (pf_map_find(&r->bare, key, strlen(key), &memo)) return (long)memo - 1;
    long found = -1;
    const tsconfig *c = config >= 0 ? &r->configs.items[config] : NULL;
    if (c && c->paths) found = resolve_paths(r, scratch, c, specifier);
    if (found < 0 && c && c->base_url) found = probe(r, join(scratch, c->base_url, specifier));
    const char *subpath;
    const package *p = found < 0 ? package_for(r, specifier, &subpath) : NULL;
    if (p) found = resolve_package(r, scratch, p, subpath);
    key = pf_arena_strdup(&r->arena, key);
    pf_map_set(&r->bare, key, strlen(key), (size_t)(found + 1));
    return found;
}

long pf_resolve(pf_resolver *r, size_t from, const char *specifier) {
    if (from >= r->count || !specifier[0]) return -1;
    pf_arena scratch;
    pf_arena_init(&scratch);
    long found = resolve(r, &scratch, from, specifier);
    pf_arena_free(&scratch);
    return found;
}
