/* The on-disk cache of per-file results (see cache.h). */
#include "poolfix/cache.h"

#include "poolfix/arena.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ENTRY_MAGIC 0x31434650u /* "PFC1" */

/* What precedes a payload in an entry file. */
typedef struct entry_header {
    uint32_t magic;
    uint32_t reserved;
    pf_hash key;      /* the key the entry was written for: a file renamed into another key's place is refused */
    uint64_t length;  /* of the payload */
    uint64_t checksum; /* XXH64 of the payload */
} entry_header;

struct pf_cache {
    char *dir;
    char *entries;        /* dir/<build>: this build's entries */
    atomic_bool prepared; /* the folder and its .gitignore exist (or could not be made) */
    pthread_mutex_t prepare;
    atomic_ulong temporaries; /* numbers temporary files of this process */
    atomic_size_t hits, misses;
};

pf_cache *pf_cache_open(const char *dir, const char *build) {
    pf_cache *cache = pf_xcalloc(1, sizeof(*cache));
    cache->dir = pf_xstrdup(dir);
    pf_buf entries = PF_BUF_INIT;
    pf_buf_printf(&entries, "%s/%s", dir, build);
    cache->entries = pf_buf_take(&entries, NULL);
    pthread_mutex_init(&cache->prepare, NULL);
    return cache;
}

void pf_cache_close(pf_cache *cache) {
    if (!cache) return;
    pthread_mutex_destroy(&cache->prepare);
    free(cache->dir);
    free(cache->entries);
    free(cache);
}

const char *pf_cache_dir(const pf_cache *cache) {
    return cache->dir;
}

size_t pf_cache_hits(const pf_cache *cache, size_t *lookups) {
    size_t hits = atomic_load(&cache->hits);
    *lookups = hits + atomic_load(&cache->misses);
    return hits;
}

/* The path of the entry for `key`: <dir>/<first two hex digits>/<the other thirty>, so that
 * no folder holds more than a small share of the entries. */
static void entry_path(const pf_cache *cache, pf_hash key, pf_buf *path) {
    char hex[33];
    pf_hash_hex(key, hex);
    pf_buf_printf(path, "%s/%.2s/%s", cache->entries, hex, hex + 2);
}

bool pf_cache_get(pf_cache *cache, pf_hash key, pf_buf *out) {
    pf_buf path = PF_BUF_INIT;
    entry_path(cache, key, &path);
    int fd = open(path.data, O_RDONLY | O_CLOEXEC);
    pf_buf_free(&path);
    if (fd < 0) {
        atomic_fetch_add(&cache->misses, 1);
        return false;
    }
    bool ok = false;
    struct stat st;
    entry_header h;
    size_t start = out->len;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size >= sizeof(h) &&
        read(fd, &h, sizeof(h)) == (ssize_t)sizeof(h) && h.magic == ENTRY_MAGIC && h.key.lo == key.lo &&
        h.key.hi == key.hi && h.length == (uint64_t)st.st_size - sizeof(h)) {
        size_t len = (size_t)h.length, got = 0;
        pf_buf_reserve(out, len);
        while (got < len) {
            ssize_t n = read(fd, out->data + start + got, len - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += (size_t)n;
        }
        ok = got == len && pf_xxh64(out->data + start, len, 0) == h.checksum;
        if (ok) {
            out->len = start + len;
            out->data[out->len] = '\0';
        }
    }
    close(fd);
    atomic_fetch_add(ok ? &cache->hits : &cache->misses, 1);
    if (!ok && out->data) {
        out->len = start;
        out->data[start] = '\0';
    }
    return ok;
}

/* Makes `path` a folder unless it is one. */
static bool make_folder(const char *path) {
    return mkdir(path, 0777) == 0 || errno == EEXIST;
}

/* Whether `name` is `digits` lower-case hex digits, and then a suffix of this build's
 * temporary files or nothing. */
static bool is_hex_name(const char *name, size_t digits, bool temporary_ok) {
    for (size_t i = 0; i < digits; i++)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f'))) return false;
    return name[digits] == '\0' || (temporary_ok && name[digits] == '.' && strstr(name + digits, ".tmp"));
}

/* Calls `visit(path)` for each entry of folder `dir` whose name `keep` accepts. */
static void each_entry(const char *dir, bool (*keep)(const char *name), void (*visit)(const char *path)) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (!keep(entry->d_name)) continue;
        pf_buf path = PF_BUF_INIT;
        pf_buf_printf(&path, "%s/%s", dir, entry->d_name);
        visit(path.data);
        pf_buf_free(&path);
    }
    closedir(d);
}

static bool is_entry_name(const char *name) {
    return is_hex_name(name, 30, true);
}

static bool is_shard_name(const char *name) {
    return is_hex_name(name, 2, false);
}

static bool is_build_name(const char *name) {
    return is_hex_name(name, 32, false);
}

static void remove_file(const char *path) {
    unlink(path);
}

static void remove_shard(const char *path) {
    each_entry(path, is_entry_name, remove_file);
    rmdir(path);
}

static void remove_build(const char *path) {
    each_entry(path, is_shard_name, remove_shard);
    rmdir(path);
}

/* Removes the entries of other builds: no build reads another's (the keys say which build
 * wrote them), so they would only fill the disk after every upgrade. Only what has the
 * shape of this cache's own files is removed, whatever else a --cache-dir folder holds. */
static void remove_other_builds(const pf_cache *cache) {
    DIR *d = opendir(cache->dir);
    if (!d) return;
    const char *own = strrchr(cache->entries, '/') + 1;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (!is_build_name(entry->d_name) || !strcmp(entry->d_name, own)) continue;
        pf_buf path = PF_BUF_INIT;
        pf_buf_printf(&path, "%s/%s", cache->dir, entry->d_name);
        remove_build(path.data);
        pf_buf_free(&path);
    }
    closedir(d);
}

/* Creates the cache folder, its parents, and a .gitignore saying to ignore all of it, once;
 * the first write of a build also removes the entries of other builds. */
static void prepare(pf_cache *cache) {
    if (atomic_load(&cache->prepared)) return;
    pthread_mutex_lock(&cache->prepare);
    if (!atomic_load(&cache->prepared)) {
        char *path = pf_xstrdup(cache->dir);
        for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
            *slash = '\0';
            make_folder(path);
            *slash = '/';
        }
        struct stat st;
        if (stat(cache->entries, &st) != 0) remove_other_builds(cache);
        if (make_folder(path) && make_folder(cache->entries)) {
            pf_buf ignore = PF_BUF_INIT;
            pf_buf_printf(&ignore, "%s/.gitignore", cache->dir);
            int fd = open(ignore.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd >= 0) {
                static const char text[] = "# poolfix's cache: nothing here belongs in git\n*\n";
                ssize_t written = write(fd, text, sizeof(text) - 1);
                (void)written;
                close(fd);
            }
            pf_buf_free(&ignore);
        }
        free(path);
        atomic_store(&cache->prepared, true);
    }
    pthread_mutex_unlock(&cache->prepare);
}

/* Writes all of `len` bytes; false on any error. */
static bool write_all(int fd, const void *bytes, size_t len) {
    const char *p = bytes;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

void pf_cache_put(pf_cache *cache, pf_hash key, const void *payload, size_t len) {
    prepare(cache);
    pf_buf path = PF_BUF_INIT, temporary = PF_BUF_INIT;
    entry_path(cache, key, &path);
    /* The shard folder: <entries>/xx. */
    size_t shard = strlen(cache->entries) + 3;
    path.data[shard] = '\0';
    make_folder(path.data);
    path.data[shard] = '/';
    pf_buf_printf(&temporary, "%s.%ld.%lu.tmp", path.data, (long)getpid(),
                  (unsigned long)atomic_fetch_add(&cache->temporaries, 1));
    int fd = open(temporary.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
        entry_header h = {ENTRY_MAGIC, 0, key, (uint64_t)len, pf_xxh64(payload, len, 0)};
        bool ok = write_all(fd, &h, sizeof(h)) && write_all(fd, payload, len);
        ok = close(fd) == 0 && ok;
        if (!ok || rename(temporary.data, path.data) != 0) unlink(temporary.data);
    }
    pf_buf_free(&temporary);
    pf_buf_free(&path);
}

char *pf_cache_default_dir(const char *path) {
    char *dir = realpath(path, NULL);
    if (!dir) return NULL;
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        if (slash) slash[slash == dir] = '\0';
    }
    for (;;) {
        pf_buf probe = PF_BUF_INIT;
        pf_buf_printf(&probe, "%s/package.json", strcmp(dir, "/") == 0 ? "" : dir);
        bool found = stat(probe.data, &st) == 0 && S_ISREG(st.st_mode);
        pf_buf_free(&probe);
        if (found) {
            /* Only into a node_modules that is there: creating one would turn a project with
             * no dependencies installed into one whose packages cannot be found. */
            pf_buf cache = PF_BUF_INIT;
            pf_buf_printf(&cache, "%s/node_modules", strcmp(dir, "/") == 0 ? "" : dir);
            bool installed = stat(cache.data, &st) == 0 && S_ISDIR(st.st_mode);
            pf_buf_puts(&cache, "/.cache/poolfix");
            free(dir);
            if (installed) return pf_buf_take(&cache, NULL);
            pf_buf_free(&cache);
            return NULL;
        }
        char *slash = strrchr(dir, '/');
        if (!slash || strcmp(dir, "/") == 0) break;
        slash[slash == dir] = '\0';
    }
    free(dir);
    return NULL;
}
