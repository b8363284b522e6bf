/* Finding the files to process (see discover.h): stats each PATH, walks folders with the
 * .gitignore rules in force, and returns the files sorted and deduplicated. */
#include "poolfix/discover.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"
#include "poolfix/conventions.h"
#include "poolfix/listings.h"
#include "poolfix/path.h"
#include "poolfix/source.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A memo from folder to the project folder above it, since many files share folders. */
typedef struct project_memo {
    char **dirs, **projects; /* projects[i] is NULL when dirs[i] has none above it */
    size_t count;
} project_memo;

/* pf_discover's result while it is being filled, with the capacities of its arrays. */
typedef struct collector {
    pf_discovery *out;
    size_t file_cap;
    size_t problem_cap;
    size_t left_out_cap;
    project_memo projects;
} collector;

/* What a folder is to Next.js routing, which decides whether its subfolders can follow a
 * convention: the folders of an app/ or pages/ tree are URL segments. */
typedef enum folder_role {
    FOLDER_PLAIN,
    FOLDER_PROJECT,     /* holds a package.json or next.config.*: its app/ and pages/ route */
    FOLDER_PROJECT_SRC, /* the src/ of a project: its app/ and pages/ route too */
    FOLDER_ROUTES       /* app/, pages/ or any folder below them */
} folder_role;

/* One folder PATH being walked. */
typedef struct walk {
    collector *collect;
    const char *root;     /* the cleaned PATH */
    pf_buf path;          /* the current entry as it is opened: root joined with its relative path */
    pf_buf rel;           /* the current entry relative to the work tree top, which rules match */
    size_t rel_start;     /* where the entry's path relative to `root` starts in `rel` */
    pf_ignore **rules;    /* info/exclude, then .gitignore files from the top down: later ones win */
    size_t rule_count;
    size_t rule_cap;
    pf_ignore *extra;     /* poolfix.json's patterns, which win over every .gitignore */
    bool include_tests;   /* keep what follows a convention */
    const pf_convention *left_out_by; /* the convention of a folder being walked, whose files are left out */
    folder_role role;     /* of the folder being walked */
    char *real_root;      /* the root with symbolic links resolved, and the top of its work */
    char *top;            /* tree (NULL outside one): where a linked file must lie */
    const char *root_project; /* the canonical project folder at or above the root, or NULL */
    size_t project_rel;       /* w->rel length of the innermost project folder walked, or SIZE_MAX */
} walk;

/* Where a walk stands before it steps into an entry, to step back out. */
typedef struct walk_mark {
    size_t path_len;
    size_t rel_len;
} walk_mark;

typedef enum entry_kind { ENTRY_FOLDER, ENTRY_FILE, ENTRY_OTHER } entry_kind;

const char *const pf_skipped_folders[] = {"node_modules", ".next", "dist", "build", "coverage", ".git", NULL};

bool pf_is_skipped_folder(const char *name) {
    for (size_t i = 0; pf_skipped_folders[i]; i++)
        if (strcmp(name, pf_skipped_folders[i]) == 0) return true;
    return false;
}

/* Records a "<path>: <cause>" line; discovery goes on with the other paths. */
static void add_problem(collector *collect, const char *path, const char *cause) {
    pf_discovery *out = collect->out;
    out->problems = pf_xgrow(out->problems, out->problem_count, &collect->problem_cap, sizeof(char *));
    pf_buf line = PF_BUF_INIT;
    pf_path_append_quoted(&line, "", path, false);
    pf_buf_printf(&line, ": %s", cause);
    out->problems[out->problem_count++] = pf_buf_take(&line, NULL);
}

/* Where `s` sits at the end of the `len` bytes of `packed` (the strings packed so far), or
 * NULL: a relative path is most often the end of the path before it. */
static const char *packed_suffix(const char *packed, size_t len, const char *s) {
    size_t n = strlen(s);
    for (size_t end = 0; end < len; end += strlen(packed + end) + 1) {
        size_t at_end = strlen(packed + end);
        if (at_end >= n && memcmp(packed + end + at_end - n, s, n) == 0) return packed + end + at_end - n;
    }
    return NULL;
}

/* Gives a file its strings, copied into one malloc'd block that `path` owns: a relative path
 * that ends the path (or the relpath) points into it. A run keeps them to the end; four
 * allocations per file were a megabyte on civitai. `project_relpath` may be NULL. */
static void set_strings(pf_discovered *file, const char *path, const char *relpath, const char *root,
                        const char *project_relpath) {
    const char *parts[4] = {path, root, relpath, project_relpath};
    size_t total = 0;
    for (int k = 0; k < 4; k++) total += parts[k] ? strlen(parts[k]) + 1 : 0;
    char *block = pf_xmalloc(total);
    size_t len = 0;
    const char *placed[4] = {NULL, NULL, NULL, NULL};
    for (int k = 0; k < 4; k++) {
        if (!parts[k]) continue;
        placed[k] = k >= 2 ? packed_suffix(block, len, parts[k]) : NULL;
        if (placed[k]) continue;
        size_t n = strlen(parts[k]) + 1;
        memcpy(block + len, parts[k], n);
        placed[k] = block + len;
        len += n;
    }
    file->path = block;
    file->root = (char *)placed[1];
    file->relpath = (char *)placed[2];
    file->project_relpath = (char *)placed[3];
}

/* Records a file to process; the strings are copied (set_strings). `project_relpath` is NULL
 * when the walk cannot tell it (a symlink, a file named on the command line):
 * locate_projects() fills it. */
static void add_file(collector *collect, const char *path, const char *relpath, const char *root,
                     const char *project_relpath) {
    pf_discovery *out = collect->out;
    out->files = pf_xgrow(out->files, out->count, &collect->file_cap, sizeof(pf_discovered));
    pf_discovered *file = &out->files[out->count++];
    set_strings(file, path, relpath, root, project_relpath);
}

/* Records a file left out by `convention`; the path is copied. */
static void add_left_out(collector *collect, const char *path, const pf_convention *convention) {
    pf_discovery *out = collect->out;
    out->left_out = pf_xgrow(out->left_out, out->left_out_count, &collect->left_out_cap, sizeof(pf_left_out));
    out->left_out[out->left_out_count++] = (pf_left_out){pf_xstrdup(path), convention->name};
}

/* Appends a path component of `len` bytes, adding a `/` unless the buffer is empty or already
 * ends with one (the root `/`). Returns the old length, to step back with path_pop(). */
static size_t path_push(pf_buf *buf, const char *name, size_t len) {
    size_t old = buf->len;
    if (buf->len > 0 && buf->data[buf->len - 1] != '/') pf_buf_putc(buf, '/');
    pf_buf_append(buf, name, len);
    return old;
}

/* Cuts a path back to the length path_push() returned. */
static void path_pop(pf_buf *buf, size_t len) {
    buf->len = len;
    buf->data[len] = '\0';
}

/* A PATH argument without `.` components and without doubled or trailing slashes, so joined
 * paths never hold `./` or `//` and `src`, `./src/` and `src//` name the same files. */
static char *clean_path(const char *arg) {
    pf_buf clean = PF_BUF_INIT;
    if (arg[0] == '/') pf_buf_putc(&clean, '/');
    for (const char *p = arg; *p;) {
        size_t len = strcspn(p, "/");
        if (len > 0 && !(len == 1 && p[0] == '.')) path_push(&clean, p, len);
        p += len + (p[len] == '/');
    }
    if (clean.len == 0) pf_buf_putc(&clean, '.');
    return pf_buf_take(&clean, NULL);
}

/* Reads a rules file (.gitignore, info/exclude). NULL when there is none or it cannot be
 * read, which git also treats as no rules. */
static pf_ignore *load_rules(const char *file, const char *base) {
    pf_buf text = PF_BUF_INIT;
    pf_ignore *ignore = pf_file_read(file, PF_FILE_MAX_BYTES, &text, NULL) ? pf_ignore_parse(base, text.data, text.len)
                                                                            : NULL;
    pf_buf_free(&text);
    return ignore;
}

/* Adds the rules of `file` (if any) above every rule set already in force. */
static void push_rules(walk *w, const char *file, const char *base) {
    pf_ignore *ignore = load_rules(file, base);
    if (!ignore) return;
    w->rules = pf_xgrow(w->rules, w->rule_count, &w->rule_cap, sizeof(*w->rules));
    w->rules[w->rule_count++] = ignore;
}

/* Drops the rule sets pushed since the count was `count`, on leaving their folder. */
static void pop_rules(walk *w, size_t count) {
    while (w->rule_count > count) pf_ignore_free(w->rules[--w->rule_count]);
}

/* Adds the rules of the `.gitignore` in the folder `dir`, whose path from the work tree top
 * is `base`. `dir` is restored before returning. */
static void push_gitignore(walk *w, pf_buf *dir, const char *base) {
    size_t len = path_push(dir, ".gitignore", strlen(".gitignore"));
    push_rules(w, dir->data, base);
    path_pop(dir, len);
}

/* Loads the rules in force above the walk root `abs` (absolute): the work tree top's
 * .git/info/exclude, then the .gitignore of every folder from the top down to the root's
 * parent (the root's own is read when it is walked). Outside a work tree the root stands
 * alone. Leaves w->rel holding the root's path from the top. */
static void push_enclosing_rules(walk *w, const char *abs) {
    char *top = pf_path_work_tree_top(abs);
    if (!top) return;
    size_t top_len = strlen(top);
    free(top);
    pf_buf dir = PF_BUF_INIT;
    pf_buf_append(&dir, abs, top_len);
    size_t len = path_push(&dir, ".git/info/exclude", strlen(".git/info/exclude"));
    push_rules(w, dir.data, "");
    path_pop(&dir, len);
    const char *below = abs + top_len + (abs[top_len] == '/');
    while (*below) {
        push_gitignore(w, &dir, w->rel.data);
        len = strcspn(below, "/");
        path_push(&dir, below, len);
        path_push(&w->rel, below, len);
        below += len + (below[len] == '/');
    }
    pf_buf_free(&dir);
}

/* poolfix.json's extra patterns as one rule set relative to the walk root; NULL if none. */
static pf_ignore *extra_rules(const pf_discover_options *options, const char *base) {
    if (!options || options->ignore_pattern_count == 0) return NULL;
    pf_buf text = PF_BUF_INIT;
    for (size_t i = 0; i < options->ignore_pattern_count; i++) {
        pf_buf_puts(&text, options->ignore_patterns[i]);
        pf_buf_putc(&text, '\n');
    }
    pf_ignore *ignore = pf_ignore_parse(base, text.data, text.len);
    pf_buf_free(&text);
    return ignore;
}

/* Whether the current entry is ignored: the highest-precedence rule set with a matching rule
 * decides, and a negation there re-includes it. */
static bool is_ignored(const walk *w, bool is_dir) {
    int verdict = w->extra ? pf_ignore_match(w->extra, w->rel.data, is_dir) : 0;
    for (size_t i = w->rule_count; verdict == 0 && i > 0; i--)
        verdict = pf_ignore_match(w->rules[i - 1], w->rel.data, is_dir);
    return verdict > 0;
}

/* Whether poolfix.json re-includes the current entry with a negated pattern, which keeps a
 * folder or file that only looks like a convention. */
static bool is_reincluded(const walk *w, bool is_dir) {
    return w->extra && pf_ignore_match(w->extra, w->rel.data, is_dir) < 0;
}

/* The convention that leaves the current entry out, or NULL to keep it: the convention of a
 * folder above it, else its own (a folder's name outside a routing tree, a file's name). */
static const pf_convention *leaves_out(const walk *w, const char *name, bool is_dir) {
    if (w->include_tests) return NULL;
    if (w->left_out_by) return w->left_out_by;
    const pf_convention *convention = !is_dir ? pf_convention_of_file(name)
                                      : w->role == FOLDER_ROUTES ? NULL
                                                                 : pf_convention_of_folder(name, strlen(name));
    return convention && !is_reincluded(w, is_dir) ? convention : NULL;
}

/* The role of the folder `name` below the folder being walked. */
static folder_role child_role(const walk *w, const char *name, bool is_project) {
    if (w->role == FOLDER_ROUTES) return FOLDER_ROUTES;
    bool routes = !strcmp(name, "app") || !strcmp(name, "pages");
    if (routes && (w->role == FOLDER_PROJECT || w->role == FOLDER_PROJECT_SRC)) return FOLDER_ROUTES;
    if (is_project) return FOLDER_PROJECT;
    return w->role == FOLDER_PROJECT && !strcmp(name, "src") ? FOLDER_PROJECT_SRC : FOLDER_PLAIN;
}

/* Steps the walk into the entry `name` of the folder it stands in. */
static walk_mark walk_enter(walk *w, const char *name) {
    size_t len = strlen(name);
    walk_mark mark = {path_push(&w->path, name, len), path_push(&w->rel, name, len)};
    return mark;
}

/* Steps back out of an entry walk_enter() stepped into. */
static void walk_leave(walk *w, walk_mark mark) {
    path_pop(&w->path, mark.path_len);
    path_pop(&w->rel, mark.rel_len);
}

/* What an entry is, without following a symlink to a folder (which could loop); a symlink
 * to a file counts as a file, and so does a dangling one, so that reading it reports the
 * broken link instead of skipping it in silence. `d_type` comes from readdir and may be
 * DT_UNKNOWN. */
static entry_kind classify(const char *path, unsigned char d_type) {
    struct stat st;
    if (d_type == DT_UNKNOWN) {
        if (lstat(path, &st) != 0) return ENTRY_OTHER;
        d_type = IFTODT(st.st_mode);
    }
    if (d_type == DT_DIR) return ENTRY_FOLDER;
    if (d_type == DT_REG) return ENTRY_FILE;
    if (d_type == DT_LNK) return stat(path, &st) != 0 || S_ISREG(st.st_mode) ? ENTRY_FILE : ENTRY_OTHER;
    return ENTRY_OTHER;
}

/* scandir filter: every entry but `.` and `..`. */
static int is_real_entry(const struct dirent *entry) {
    return strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
}

/* scandir order: bytewise, so a walk (and the problems it reports) never depends on readdir
 * order or the locale. */
static int by_name(const struct dirent **a, const struct dirent **b) {
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void walk_folder(walk *w, const char *name);
static const char *project_of(project_memo *memo, const char *dir);
static folder_role root_role(const char *abs);

/* Whether the current entry is a symbolic link to a file outside the walk root and its work
 * tree: a committed link can point anywhere, and what it points to is not the project's to
 * read, quote in a report or rewrite. A dangling link is not: reading it reports it. The
 * listing's type spares a regular file the lstat. */
static bool links_outside(const walk *w, const struct dirent *entry) {
    if (entry->d_type == DT_REG) return false;
    struct stat st;
    if (lstat(w->path.data, &st) != 0 || !S_ISLNK(st.st_mode)) return false;
    char *real = realpath(w->path.data, NULL);
    bool outside = real && !(w->real_root && pf_path_below(real, w->real_root)) &&
                   !(w->top && pf_path_below(real, w->top));
    free(real);
    return outside;
}

/* Whether a folder holds a package.json or next.config.*: the top of a (Next.js) project. */
static bool is_project_folder(const char *dir);

/* The path of the current entry relative to its project, when the walk knows the project: a
 * file below a project folder it walked, or below the walk root's own project. NULL when
 * it is a symlink, whose target may lie anywhere (locate_projects() resolves it). */
static const char *project_relpath_of(const walk *w, const struct dirent *entry, pf_buf *scratch) {
    if (entry->d_type != DT_REG || !w->real_root) return NULL;
    if (w->project_rel != SIZE_MAX) return w->rel.data + w->project_rel + 1;
    const char *below_root = w->rel.data + w->rel_start;
    if (!w->root_project) return w->rel.data + w->rel_start;
    pf_buf_clear(scratch);
    pf_buf_printf(scratch, "%s/%s", w->real_root, below_root);
    return pf_path_below(scratch->data, w->root_project);
}

/* Keeps, walks, leaves out or skips one folder entry, which the walk has already entered. */
static void visit_entry(walk *w, const struct dirent *entry) {
    const char *name = entry->d_name;
    switch (classify(w->path.data, entry->d_type)) {
    case ENTRY_FOLDER: {
        if (pf_is_skipped_folder(name) || is_ignored(w, true)) break;
        const pf_convention *outer = w->left_out_by;
        w->left_out_by = leaves_out(w, name, true);
        walk_folder(w, name);
        w->left_out_by = outer;
        break;
    }
    case ENTRY_FILE: {
        pf_lang lang;
        if (!pf_lang_for_path(name, &lang) || is_ignored(w, false)) break;
        const pf_convention *convention = leaves_out(w, name, false);
        if (convention) {
            add_left_out(w->collect, w->path.data, convention);
        } else if (links_outside(w, entry)) {
            add_problem(w->collect, w->path.data, "a symbolic link to a file outside the scanned folder and its git "
                                                  "work tree: skipped");
        } else {
            pf_buf scratch = PF_BUF_INIT;
            add_file(w->collect, w->path.data, w->rel.data + w->rel_start, w->root,
                     project_relpath_of(w, entry, &scratch));
            pf_buf_free(&scratch);
        }
        break;
    }
    case ENTRY_OTHER:
        break;
    }
}

/* The entry called `name` of a folder's sorted entries, or NULL. */
static const struct dirent *entry_named(struct dirent **entries, int count, const char *name) {
    int lo = 0, hi = count;
    while (lo < hi) {
        int mid = (lo + hi) / 2, cmp = strcmp(entries[mid]->d_name, name);
        if (cmp == 0) return entries[mid];
        if (cmp < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Whether the folder the walk stands in, listed as `entries`, has an entry `name` that exists
 * (a symlink only when its target does, as stat() would say). */
static bool folder_has(walk *w, struct dirent **entries, int count, const char *name) {
    const struct dirent *entry = entry_named(entries, count, name);
    if (!entry) return false;
    if (entry->d_type != DT_LNK && entry->d_type != DT_UNKNOWN) return true;
    size_t len = path_push(&w->path, name, strlen(name));
    struct stat st;
    bool exists = stat(w->path.data, &st) == 0;
    path_pop(&w->path, len);
    return exists;
}

/* Records in the run's listings what the folder the walk stands in, listed as `entries`,
 * holds of the names the listings answer for, under its canonical path: the walk root's
 * with the path below it (the walk follows no link to a folder). */
static void record_listing(walk *w, struct dirent **entries, int count) {
    pf_listed kinds[PF_LISTED_NAME_COUNT];
    for (size_t i = 0; i < PF_LISTED_NAME_COUNT; i++) {
        const struct dirent *entry = entry_named(entries, count, pf_listed_names[i]);
        kinds[i] = PF_LISTED_MISSING;
        if (entry && entry->d_type == DT_REG) kinds[i] = PF_LISTED_FILE;
        else if (entry && entry->d_type == DT_DIR) kinds[i] = PF_LISTED_FOLDER;
        else if (entry && (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN)) {
            size_t len = path_push(&w->path, entry->d_name, strlen(entry->d_name));
            struct stat st;
            if (stat(w->path.data, &st) == 0)
                kinds[i] = S_ISDIR(st.st_mode) ? PF_LISTED_FOLDER : S_ISREG(st.st_mode) ? PF_LISTED_FILE
                                                                                       : PF_LISTED_MISSING;
            path_pop(&w->path, len);
        }
    }
    pf_buf folder = PF_BUF_INIT;
    pf_buf_puts(&folder, w->real_root);
    if (w->rel.len > w->rel_start) pf_buf_printf(&folder, "/%s", w->rel.data + w->rel_start);
    pf_listings_add(w->collect->out->listings, folder.data, kinds);
    pf_buf_free(&folder);
}

/* Whether a folder listed as `entries` is a project: it holds a package.json or next.config.*
 * (the markers is_project_folder() probes for, read from the listing). */
static bool lists_project(walk *w, struct dirent **entries, int count) {
    static const char *const markers[] = {"package.json", "next.config.js", "next.config.mjs", "next.config.ts"};
    for (size_t i = 0; i < sizeof(markers) / sizeof(*markers); i++)
        if (folder_has(w, entries, count, markers[i])) return true;
    return false;
}

/* Walks the folder the walk stands in (`name` in its parent; NULL for the walk root), with its
 * .gitignore in force for what is below it. The entries are listed and the folder closed
 * before descending, so a deep tree does not hold one descriptor per level; the listing also
 * tells whether the folder is a project and has a .gitignore, without probing for them. */
static void walk_folder(walk *w, const char *name) {
    const char *folder = w->path.len > 0 ? w->path.data : ".";
    struct dirent **entries;
    int count = scandir(folder, &entries, is_real_entry, by_name);
    if (count < 0) {
        add_problem(w->collect, folder, strerror(errno));
        return;
    }
    size_t rule_count = w->rule_count, outer_project = w->project_rel;
    folder_role outer_role = w->role;
    bool project = lists_project(w, entries, count);
    if (w->real_root) record_listing(w, entries, count);
    if (!name) w->role = w->real_root ? root_role(w->real_root) : FOLDER_PLAIN;
    else w->role = child_role(w, name, project);
    if (project && name && w->real_root) w->project_rel = w->rel.len;
    if (folder_has(w, entries, count, ".gitignore")) push_gitignore(w, &w->path, w->rel.data);
    for (int i = 0; i < count; i++) {
        walk_mark mark = walk_enter(w, entries[i]->d_name);
        visit_entry(w, entries[i]);
        walk_leave(w, mark);
        free(entries[i]);
    }
    free(entries);
    pop_rules(w, rule_count);
    w->role = outer_role;
    w->project_rel = outer_project;
}

/* The role of a walk root: a project, its src/, or a folder of its routing tree when the
 * nearest project above it says so (`poolfix scan app/api` walks URL segments). */
static folder_role root_role(const char *abs) {
    if (is_project_folder(abs)) return FOLDER_PROJECT;
    size_t len = strlen(abs);
    for (const char *slash = abs + len; slash > abs;) {
        while (--slash > abs && *slash != '/') {}
        char *dir = pf_xstrndup(abs, slash > abs ? (size_t)(slash - abs) : 1);
        bool project = is_project_folder(dir);
        free(dir);
        if (!project) continue;
        const char *below = slash + 1;
        static const char *const route_roots[] = {"app", "pages", "src/app", "src/pages"};
        for (size_t i = 0; i < sizeof route_roots / sizeof route_roots[0]; i++)
            if (pf_path_below(below, route_roots[i])) return FOLDER_ROUTES;
        return strcmp(below, "src") == 0 ? FOLDER_PROJECT_SRC : FOLDER_PLAIN;
    }
    return FOLDER_PLAIN;
}

/* Walks a folder PATH (cleaned) with the rules of the work tree around it. */
static void walk_root(collector *collect, const char *root, const pf_discover_options *options) {
    walk w = {.collect = collect, .root = root, .project_rel = SIZE_MAX};
    /* Both buffers start allocated, even when empty: rules and scandir read their data. */
    pf_buf_puts(&w.path, strcmp(root, ".") == 0 ? "" : root);
    pf_buf_puts(&w.rel, "");
    w.real_root = realpath(root, NULL);
    w.top = w.real_root ? pf_path_work_tree_top(w.real_root) : NULL;
    if (w.real_root) push_enclosing_rules(&w, w.real_root);
    w.rel_start = w.rel.len > 0 ? w.rel.len + 1 : 0;
    w.extra = extra_rules(options, w.rel.data);
    w.include_tests = options && options->include_tests;
    w.root_project = w.real_root ? project_of(&collect->projects, w.real_root) : NULL;
    walk_folder(&w, NULL);
    pop_rules(&w, 0);
    free(w.rules);
    pf_ignore_free(w.extra);
    pf_buf_free(&w.path);
    pf_buf_free(&w.rel);
    free(w.real_root);
    free(w.top);
}

/* Takes a file PATH the user named, whatever .gitignore says: its walk root is its folder. */
static void add_named_file(collector *collect, const char *path) {
    const char *slash = strrchr(path, '/');
    char *root = pf_path_dirname(path);
    add_file(collect, path, slash ? slash + 1 : path, root, NULL);
    free(root);
}

/* Handles one PATH argument: a folder is walked, a file taken, anything else reported. */
static void discover_path(collector *collect, const char *arg, const pf_discover_options *options) {
    struct stat st;
    if (stat(arg, &st) != 0) {
        add_problem(collect, arg, strerror(errno));
        return;
    }
    char *path = clean_path(arg);
    pf_lang lang;
    if (S_ISDIR(st.st_mode)) walk_root(collect, path, options);
    else if (pf_lang_for_path(path, &lang)) add_named_file(collect, path);
    else add_problem(collect, arg, "not a TypeScript or JavaScript file");
    free(path);
}

/* Releases the strings of one result, for pf_discovery_free() and for dropped duplicates. */
static void free_file(pf_discovered *file) {
    free(file->path); /* with the other strings: see set_strings */
}

/* Output order. A file reached from two overlapping PATHs sorts first under the outermost walk
 * root (the longest relpath), which is the copy sort_and_dedupe() keeps. */
static int by_path(const void *a, const void *b) {
    const pf_discovered *x = a, *y = b;
    int cmp = strcmp(x->path, y->path);
    if (cmp != 0) return cmp;
    size_t x_len = strlen(x->relpath), y_len = strlen(y->relpath);
    return (x_len < y_len) - (x_len > y_len);
}

/* A file's identity on disk, to find one file reached under two names. */
typedef struct file_identity {
    dev_t dev;
    ino_t ino;
    bool is_link;
    size_t index;
} file_identity;

/* Orders identities so equal files are adjacent, the real file (not a symlink) first, then
 * the first in path order. */
static int by_identity(const void *a, const void *b) {
    const file_identity *x = a, *y = b;
    if (x->dev != y->dev) return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino) return x->ino < y->ino ? -1 : 1;
    if (x->is_link != y->is_link) return x->is_link ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Keeps one name of a file reached twice through a symlink or hard link (the real file over
 * a symlink, else the first path), so each file is processed and written once. Files that
 * cannot be stat'ed are kept, to report their error. */
static void drop_aliases(pf_discovery *out) {
    file_identity *ids = pf_xcalloc(out->count, sizeof(*ids));
    bool *alias = pf_xcalloc(out->count, sizeof(bool));
    size_t known = 0;
    for (size_t i = 0; i < out->count; i++) {
        /* lstat() is the file itself unless it is a link: then stat() says what it points to. */
        struct stat st, lst;
        if (lstat(out->files[i].path, &lst) != 0) continue;
        bool link = S_ISLNK(lst.st_mode);
        if (link && stat(out->files[i].path, &st) != 0) continue;
        if (!link) st = lst;
        ids[known++] = (file_identity){st.st_dev, st.st_ino, link, i};
        out->files[i].size = (size_t)st.st_size;
    }
    qsort(ids, known, sizeof(*ids), by_identity);
    for (size_t i = 1; i < known; i++)
        if (ids[i].dev == ids[i - 1].dev && ids[i].ino == ids[i - 1].ino) alias[ids[i].index] = true;
    size_t kept = 0;
    for (size_t i = 0; i < out->count; i++) {
        if (alias[i]) free_file(&out->files[i]);
        else out->files[kept++] = out->files[i];
    }
    out->count = kept;
    free(alias);
    free(ids);
}

/* Puts the files in output order, dropping the second copy of a file reached twice. */
static void sort_and_dedupe(pf_discovery *out) {
    if (out->count == 0) return;
    qsort(out->files, out->count, sizeof(*out->files), by_path);
    size_t kept = 1;
    for (size_t i = 1; i < out->count; i++) {
        if (strcmp(out->files[i].path, out->files[kept - 1].path) == 0) free_file(&out->files[i]);
        else out->files[kept++] = out->files[i];
    }
    out->count = kept;
    drop_aliases(out);
}

static bool is_project_folder(const char *dir) {
    static const char *const markers[] = {"package.json", "next.config.js", "next.config.mjs", "next.config.ts"};
    pf_buf probe = PF_BUF_INIT;
    bool found = false;
    for (size_t i = 0; i < sizeof(markers) / sizeof(*markers) && !found; i++) {
        pf_buf_clear(&probe);
        pf_buf_printf(&probe, "%s/%s", dir, markers[i]);
        struct stat st;
        found = stat(probe.data, &st) == 0;
    }
    pf_buf_free(&probe);
    return found;
}

/* The project folder holding `dir` (absolute), or NULL. Parents go through the memo too, so
 * sibling folders do not probe the same ancestors again. */
static const char *project_of(project_memo *memo, const char *dir) {
    for (size_t i = 0; i < memo->count; i++)
        if (strcmp(memo->dirs[i], dir) == 0) return memo->projects[i];
    char *found = NULL;
    const char *slash = strrchr(dir, '/');
    if (is_project_folder(dir)) {
        found = pf_xstrdup(dir);
    } else if (slash && slash != dir) {
        char *parent = pf_xstrndup(dir, (size_t)(slash - dir));
        const char *above = project_of(memo, parent);
        found = above ? pf_xstrdup(above) : NULL;
        free(parent);
    }
    memo->dirs = pf_xrealloc(memo->dirs, (memo->count + 1) * sizeof(char *));
    memo->projects = pf_xrealloc(memo->projects, (memo->count + 1) * sizeof(char *));
    memo->dirs[memo->count] = pf_xstrdup(dir);
    memo->projects[memo->count++] = found;
    return found;
}

/* Fills the path relative to its project of each file the walk could not place (symlinks,
 * files named on the command line), so `poolfix diff app/api` and a route file named on its
 * own still map to their routes. */
static void locate_projects(pf_discovery *out, project_memo *memo) {
    for (size_t i = 0; i < out->count; i++) {
        pf_discovered *file = &out->files[i];
        if (file->project_relpath) continue;
        char *real = realpath(file->path, NULL);
        char *dir = real ? pf_path_dirname(real) : NULL;
        const char *project = dir ? project_of(memo, dir) : NULL;
        size_t n = project ? strlen(project) : 0;
        bool inside = project && strncmp(real, project, n) == 0 && real[n] == '/';
        char *strings = file->path;
        set_strings(file, strings, file->relpath, file->root, inside ? real + n + 1 : file->relpath);
        free(strings);
        free(dir);
        free(real);
    }
}

void pf_discover(const char *const *paths, size_t count, const pf_discover_options *options,
                 pf_discovery *out) {
    memset(out, 0, sizeof(*out));
    out->listings = pf_listings_new();
    collector collect = {.out = out};
    for (size_t i = 0; i < count; i++) discover_path(&collect, paths[i], options);
    sort_and_dedupe(out);
    /* The run keeps the list to its end: the room doubling left (up to half) goes back. */
    if (out->count) out->files = pf_xrealloc(out->files, out->count * sizeof(*out->files));
    locate_projects(out, &collect.projects);
    project_memo *memo = &collect.projects;
    for (size_t i = 0; i < memo->count; i++) free(memo->dirs[i]), free(memo->projects[i]);
    free(memo->dirs);
    free(memo->projects);
}

void pf_discovery_free(pf_discovery *discovery) {
    for (size_t i = 0; i < discovery->count; i++) free_file(&discovery->files[i]);
    free(discovery->files);
    for (size_t i = 0; i < discovery->problem_count; i++) free(discovery->problems[i]);
    free(discovery->problems);
    for (size_t i = 0; i < discovery->left_out_count; i++) free(discovery->left_out[i].path);
    free(discovery->left_out);
    pf_listings_free(discovery->listings);
    memset(discovery, 0, sizeof(*discovery));
}
