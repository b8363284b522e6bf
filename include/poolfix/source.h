/* A source file as bytes, exactly as read, plus what a rewrite must preserve: the UTF-8
 * byte order mark and the line-ending style. (apply.c compares the bytes themselves to
 * notice a change between reading and writing, and takes mode and owner from the file.) */
#ifndef POOLFIX_SOURCE_H
#define POOLFIX_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

struct pf_buf;

typedef enum pf_source_status {
    PF_SOURCE_OK,
    PF_SOURCE_UNREADABLE, /* open/read failed: see `error` */
    PF_SOURCE_BINARY,     /* contains NUL bytes */
    PF_SOURCE_NOT_UTF8    /* not valid UTF-8: see `error` for the offset */
} pf_source_status;

typedef struct pf_source {
    char *bytes;       /* the whole file, owned (free with pf_source_free), NUL-terminated */
    size_t len;        /* byte count, without the terminating NUL */
    size_t bom_len;    /* 3 when the file starts with a UTF-8 BOM, else 0 */
    const char *text;  /* bytes + bom_len: what the parser sees */
    size_t text_len;
    const char *newline; /* the most common line break: "\r\n", a lone "\r", or "\n" (static) */
} pf_source;

/* The most poolfix reads of any one file (a source, a schema, a config): more is not code
 * someone wrote, and /dev/zero or a growing log must not take all memory. */
#define PF_FILE_MAX_BYTES ((size_t)16 << 20)

/* Reads the regular file at `path` whole into `out`, refusing what is not one (a FIFO would
 * block forever, a device never ends) and files over `max_len` bytes. False with a malloc'd
 * one-line cause (without the path) in `*error` unless `error` is NULL; `out` may then hold
 * part of the file. */
bool pf_file_read(const char *path, size_t max_len, struct pf_buf *out, char **error);

/* Reads `path` (pf_file_read, up to PF_FILE_MAX_BYTES). On anything but PF_SOURCE_OK, `*error` is a malloc'd one-line cause
 * (without the path) and `out` holds nothing to free. */
pf_source_status pf_source_read(const char *path, pf_source *out, char **error);

/* Checks in-memory bytes the way pf_source_read does, filling everything but the file
 * identity; the source takes ownership of `bytes` (malloc'd, len + 1 with a NUL). */
pf_source_status pf_source_from_bytes(char *bytes, size_t len, pf_source *out, char **error);

void pf_source_free(pf_source *source);

/* JavaScript ends a line at LF, CRLF and a lone CR alike, but the TypeScript grammar only at
 * LF: a file with lone CRs parses as one long line (no automatic semicolons, a `//` comment
 * up to the next LF). Fills `out` with a copy of `text` whose lone CRs are LFs, byte for
 * byte at the same offsets, and returns true; false (out untouched) when there is none. */
bool pf_text_unify_line_ends(const char *text, size_t len, struct pf_buf *out);

/* Returns the byte offset of the first invalid UTF-8 sequence, or (size_t)-1 if valid. */
size_t pf_utf8_invalid_offset(const char *bytes, size_t len);

/* The grammar a source file is parsed with, from its extension. */
typedef enum pf_lang {
    PF_LANG_TYPESCRIPT, /* .ts .mts .cts */
    PF_LANG_TSX         /* .tsx, and JavaScript (.js .jsx .mjs .cjs), which may hold JSX */
} pf_lang;

/* Which grammar a path needs; false when the extension is not one poolfix reads. */
bool pf_lang_for_path(const char *path, pf_lang *lang);
/* Whether a path may carry type annotations (TypeScript, not JavaScript). */
bool pf_path_has_types(const char *path);

#endif
