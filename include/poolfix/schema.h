/* The Prisma schema model: which models exist, their fields, and which relations are
 * to-many (where `take` is valid) or to-one (where it is a type error).
 *
 * A pf_schema owns all of its memory in one arena; pf_schema_free() releases it. It is
 * read-only once loaded, so one schema is shared by every worker thread. */
#ifndef POOLFIX_SCHEMA_H
#define POOLFIX_SCHEMA_H

#include "poolfix/arena.h"
#include "poolfix/hash.h"
#include "poolfix/str.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum pf_field_kind {
    PF_FIELD_SCALAR,   /* String, Int, DateTime, Json, Unsupported(...), ... */
    PF_FIELD_ENUM,     /* a type declared with `enum` */
    PF_FIELD_RELATION, /* a type declared with `model` (or `view`) */
    PF_FIELD_COMPOSITE /* a MongoDB `type` block: embedded, not a relation */
} pf_field_kind;

typedef struct pf_schema_field {
    const char *name;          /* as written in the model */
    const char *type;          /* the type name, without `[]` or `?` */
    const char *db_name;       /* @map("...") or the name */
    const char *relation_name; /* @relation("Name") / @relation(name: "Name"), else NULL */
    const char *native_type;   /* the X of @db.X(...) (`Timestamptz`, `VarChar`), else NULL */
    pf_field_kind kind;
    bool is_list;              /* `Type[]`: for a relation, to-many */
    bool is_optional;          /* `Type?` */
    bool is_id;                /* @id on this field */
    bool is_unique;            /* @unique on this field */
    int related_model;         /* index in pf_schema.models for a relation, else -1 */
    int line;                  /* 1-based line in `file` */
} pf_schema_field;

typedef struct pf_schema_model {
    const char *name;     /* `Student` */
    const char *delegate; /* client property: name with a lower-case first letter, `student` */
    const char *db_name;  /* @@map("...") or the name */
    const char *db_schema; /* @@schema("...") (multiSchema), else NULL */
    bool is_view;         /* declared with `view` */
    pf_schema_field *fields;
    size_t field_count;
    const char **id_fields; /* the @id field, or the fields of @@id([...]); may be empty */
    size_t id_field_count;
    const char *file;
    int line;
} pf_schema_model;

typedef struct pf_schema_enum {
    const char *name;
    const char **values; /* as used in client code (not @map'ed) */
    size_t value_count;
    const char *file;
    int line;
} pf_schema_enum;

typedef struct pf_schema_generator {
    const char *name;
    const char *provider; /* unquoted, e.g. prisma-client-js; NULL if not given */
    const char *output;   /* unquoted; NULL if not given */
} pf_schema_generator;

typedef struct pf_schema_error {
    const char *file;
    int line;
    const char *message;
} pf_schema_error;

typedef struct pf_schema {
    pf_arena arena;
    const char *path;     /* the file or folder this schema was loaded from */
    const char *provider; /* datasource provider, unquoted ("postgresql"), or NULL */
    pf_schema_model *models;
    size_t model_count;
    pf_schema_enum *enums;
    size_t enum_count;
    pf_schema_generator *generators;
    size_t generator_count;
    pf_schema_error *errors; /* a schema with errors must not be used for rewrites */
    size_t error_count;
    pf_hash fingerprint;     /* pf_schema_load: of every source read (names and bytes), for the cache */
} pf_schema;

/* One named source, for parsing several files as one schema (a prisma/schema/ folder). */
typedef struct pf_schema_source {
    const char *file; /* name used in errors and pf_schema_model.file */
    const char *text;
    size_t len;
} pf_schema_source;

/* Parses in-memory sources into one schema. Never returns NULL: problems are recorded in
 * `errors` (one per problem, with file and line), and the caller decides. */
pf_schema *pf_schema_parse(const pf_schema_source *sources, size_t count);

/* Loads a schema file, or every `*.prisma` file of a folder (sorted by name), as Prisma
 * does for a multi-file schema. Returns NULL only when the path itself cannot be read
 * (with a one-line cause in `*error`, malloc'd, caller frees); parse problems are in
 * `errors` as for pf_schema_parse(). */
pf_schema *pf_schema_load(const char *path, char **error);

void pf_schema_free(pf_schema *schema);

/* A schema reduced to what names it (its path, provider, fingerprint and error count), in an
 * arena of its own: what a report needs once no file is analysed with it again. It has no
 * models, enums or generators, and no list of its errors (`errors` is NULL whatever
 * `error_count` says). */
pf_schema *pf_schema_outline(const pf_schema *schema);

const pf_schema_model *pf_schema_model_named(const pf_schema *schema, pf_str name);
const pf_schema_model *pf_schema_model_by_delegate(const pf_schema *schema, pf_str delegate);
const pf_schema_field *pf_schema_field_named(const pf_schema_model *model, pf_str name);
const pf_schema_enum *pf_schema_enum_named(const pf_schema *schema, pf_str name);
/* The model a relation field points to, or NULL when `field` is not a relation. */
const pf_schema_model *pf_schema_related(const pf_schema *schema, const pf_schema_field *field);

/* Where the schema for the files of one folder is, found as Prisma finds it. */
typedef struct pf_schema_location {
    char *path; /* the schema file or folder to load (malloc'd), or NULL when there is none */
    char *note; /* malloc'd, or NULL: a line to show once, when a configured schema does not
                   exist (and what is used instead) */
} pf_schema_location;

/* Finds the schema for files in `dir`, looking in `dir` and then each parent up to and
 * including `top` (the nearest wins, for monorepos). In each folder, the first of:
 * the `schema` of prisma.config.{ts,mts,cts,js,mjs,cjs} (a string, a template, or
 * path.join/path.resolve of __dirname, import.meta.dirname, process.cwd() and strings);
 * package.json `prisma.schema`; prisma/schema.prisma, unless it defines no model and other
 * .prisma files under prisma/ do; a prisma/schema/ folder, then the prisma/ folder, of
 * .prisma files (subfolders included); schema.prisma. A configured path that does not
 * exist is replaced by the .prisma file beside it that defines the most models, and
 * `note` says so. Conventional places in docs, examples, fixtures or test folders below
 * `walk_root` (the PATH scanned) are never picked. A folder holding one .prisma file is
 * returned as that file. The explicit choices (--schema, poolfix.json) are the caller's. */
void pf_schema_locate(const char *dir, const char *top, const char *walk_root, pf_schema_location *out);
void pf_schema_location_free(pf_schema_location *location);

/* pf_schema_locate for the many folders of one run: each folder is looked at once per walk
 * root and each path resolved once, however many searches climb through it (a monorepo's
 * thousands of folders share their ancestors). Finds what pf_schema_locate finds. */
typedef struct pf_schema_locator pf_schema_locator;
struct pf_listings;
/* `listings` (the discovery's, or NULL) answers what it can without a probe; it must outlive
 * the locator. */
pf_schema_locator *pf_schema_locator_new(const struct pf_listings *listings);
void pf_schema_locator_free(pf_schema_locator *locator);
void pf_schema_locator_find(pf_schema_locator *locator, const char *dir, const char *top, const char *walk_root,
                            pf_schema_location *out);

#endif
