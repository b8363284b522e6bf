/* Prisma schema parser and loader (see schema.h; the locator is schema_locate.c).
 *
 * Each source is split into tokens (kept in a scratch arena until parsing ends) and read
 * block by block, one statement per line as PSL is written; argument lists in brackets
 * may span lines. Field types are resolved only once every source has been read, because
 * a relation may name a model that another file declares. Nothing stops a parse: each
 * problem is recorded with its file and line, and reading resumes at the next line
 * (inside a block) or at the next block (outside one). */
#include "poolfix/schema.h"

#include "poolfix/buf.h"
#include "poolfix/path.h"
#include "poolfix/source.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A pf_str as the two arguments of a "%.*s" conversion. */
#define STR_ARG(s) (int)(s).len, (s).ptr

typedef enum tok_kind {
    TOK_EOF,
    TOK_NEWLINE,
    TOK_IDENT,
    TOK_STRING, /* text is what lies between the quotes, escapes still in place */
    TOK_PUNCT,  /* one character, or `@@` */
    TOK_BAD     /* an unterminated string, reported when it was read */
} tok_kind;

typedef struct token {
    tok_kind kind;
    int line;
    pf_str text;
} token;

typedef enum block_kind {
    BLOCK_MODEL,
    BLOCK_VIEW,
    BLOCK_TYPE,
    BLOCK_ENUM,
    BLOCK_DATASOURCE,
    BLOCK_GENERATOR,
    BLOCK_UNKNOWN
} block_kind;

static const char *const BLOCK_KEYWORDS[] = {
    [BLOCK_MODEL] = "model",           [BLOCK_VIEW] = "view",
    [BLOCK_TYPE] = "type",             [BLOCK_ENUM] = "enum",
    [BLOCK_DATASOURCE] = "datasource", [BLOCK_GENERATOR] = "generator",
};

static const char *const SCALAR_TYPES[] = {"String", "Boolean",  "Int",  "BigInt", "Float",
                                           "Decimal", "DateTime", "Json", "Bytes",  "Unsupported"};

typedef PF_VEC(token) token_vec;
typedef PF_VEC(pf_schema_model) model_vec;
typedef PF_VEC(const char *) name_vec;

/* Where a declared name lives: in models (BLOCK_MODEL, BLOCK_VIEW), composites
 * (BLOCK_TYPE) or enums (BLOCK_ENUM) of the parser, at `index`. */
typedef struct declaration {
    pf_str name; /* NULL ptr in a free slot */
    block_kind kind;
    size_t index;
    const char *file;
    int line;
} declaration;

/* Model, view, type and enum names, hashed with linear probing: a schema may declare
 * thousands, and the type of every field is looked up. */
typedef struct name_table {
    declaration *slots;
    size_t cap; /* 0, or a power of two at least twice `len` */
    size_t len;
} name_table;

typedef struct parser {
    pf_schema *schema;    /* being built: its arena owns everything that outlives parsing */
    pf_arena scratch;     /* tokens and `names`, freed when parsing ends */
    name_table names;     /* every kept declaration, for duplicates and type resolution */
    const char *file;     /* where problems are reported: the source being read, or the
                             model whose fields are being resolved */
    const token *tok;     /* the next token to read */
    model_vec models;     /* models and views */
    model_vec composites; /* `type` blocks: resolved like models, never relations */
    PF_VEC(pf_schema_enum) enums;
    PF_VEC(pf_schema_generator) generators;
    PF_VEC(pf_schema_error) errors;
    const char *datasource_file; /* where the first datasource block is, or NULL */
    int datasource_line;
} parser;

/* A field's or block's attribute as read, for the few whose arguments matter here. */
typedef struct attribute {
    pf_str name;       /* `id`, `map`, `db.VarChar`: without its `@` or `@@` */
    const token *args; /* the `(` of its argument list, or NULL */
} attribute;

/* A model (or view, or composite type) while its body is read. */
typedef struct model_builder {
    pf_schema_model model;
    PF_VEC(pf_schema_field) fields;
    name_vec id_fields;
} model_builder;

/* ---- Problems ------------------------------------------------------------------- */

/* Records a problem at `line` of p->file; parsing always goes on. */
static void report(parser *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void report(parser *p, int line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    pf_schema_error *error = PF_VEC_PUSH(&p->schema->arena, p->errors);
    error->file = p->file;
    error->line = line;
    error->message = pf_arena_vprintf(&p->schema->arena, fmt, ap);
    va_end(ap);
}

/* How a token reads in a message: in backquotes, cut short when long, or what it ends. */
static const char *describe(parser *p, const token *t) {
    if (t->kind == TOK_NEWLINE) return "end of line";
    if (t->kind == TOK_EOF) return "end of file";
    int len = t->text.len > 40 ? 40 : (int)t->text.len;
    const char *fmt = t->kind == TOK_STRING ? "`\"%.*s\"`" : "`%.*s`";
    return pf_arena_printf(&p->schema->arena, fmt, len, t->text.ptr);
}

/* ---- Lexer ---------------------------------------------------------------------- */

/* ASCII letters, digits and `_`, independent of the locale. */
static bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* PSL identifiers may also hold `-` after their first character. */
static bool is_ident_char(char c) {
    return is_word_char(c) || c == '-';
}

/* Moves `*s` past the string literal it starts; TOK_BAD when the line or the text ends
 * first (PSL strings never span lines). */
static tok_kind lex_string(const char **s, const char *end) {
    const char *q = *s + 1;
    while (q < end && *q != '"' && *q != '\n') q += (*q == '\\' && q + 1 < end && q[1] != '\n') ? 2 : 1;
    bool closed = q < end && *q == '"';
    *s = closed ? q + 1 : q;
    return closed ? TOK_STRING : TOK_BAD;
}

/* Splits one source into tokens, dropping spaces and comments (`//`, `///`) but keeping
 * line ends, which end statements in PSL. The list always ends with TOK_EOF, so a parser
 * may look one token past anything that is not TOK_EOF. */
static void lex(parser *p, const pf_schema_source *src, token_vec *tokens) {
    const char *s = src->text ? src->text : "";
    const char *end = s + (src->text ? src->len : 0);
    int line = 1;
    if (end - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3; /* UTF-8 byte order mark */
    while (s < end) {
        const char *start = s;
        tok_kind kind = TOK_PUNCT;
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v') {
            s++;
            continue;
        }
        if (*s == '/' && s + 1 < end && s[1] == '/') {
            const char *newline = memchr(s, '\n', (size_t)(end - s));
            s = newline ? newline : end;
            continue;
        }
        if (*s == '\n') {
            kind = TOK_NEWLINE;
            s++;
        } else if (*s == '"') {
            kind = lex_string(&s, end);
        } else if (is_word_char(*s)) {
            kind = TOK_IDENT;
            while (s < end && is_ident_char(*s)) s++;
        } else {
            s += (*s == '@' && s + 1 < end && s[1] == '@') ? 2 : 1;
        }
        token *t = PF_VEC_PUSH(&p->scratch, *tokens);
        t->kind = kind;
        t->line = line;
        t->text = kind == TOK_STRING ? pf_str_make(start + 1, (size_t)(s - start) - 2)
                                     : pf_str_make(start, (size_t)(s - start));
        if (kind == TOK_BAD) report(p, line, "unterminated string");
        if (kind == TOK_NEWLINE) line++;
    }
    token *eof = PF_VEC_PUSH(&p->scratch, *tokens);
    eof->kind = TOK_EOF;
    eof->line = line;
}

/* ---- Token helpers -------------------------------------------------------------- */

/* Whether `t` is the punctuation `text`, such as "{" or "@@". */
static bool is_punct(const token *t, const char *text) {
    return t->kind == TOK_PUNCT && pf_str_eq_c(t->text, text);
}

/* The brackets that group attribute arguments and lists. */
static bool is_open(const token *t) {
    return is_punct(t, "(") || is_punct(t, "[");
}

/* The brackets that end what is_open() starts. */
static bool is_close(const token *t) {
    return is_punct(t, ")") || is_punct(t, "]");
}

/* Where a statement may end: its line's end, or the `}` of a block written on one line. */
static bool at_statement_end(const token *t) {
    return t->kind == TOK_NEWLINE || t->kind == TOK_EOF || is_punct(t, "}");
}

/* `keyword Name {`: the start of a block, and the only line shape that contains a `{`. */
static bool is_block_header(const token *t) {
    return t[0].kind == TOK_IDENT && t[1].kind == TOK_IDENT && is_punct(&t[2], "{");
}

/* Steps over line ends: inside brackets, and between statements, lines do not matter. */
static const token *skip_newlines(const token *t) {
    while (t->kind == TOK_NEWLINE) t++;
    return t;
}

/* Steps over the bracketed group that opens at `t`, which may span lines. NULL when it
 * never closes: a brace, an unterminated string or the end of the text comes first. */
static const token *skip_group(const token *t) {
    int depth = 0;
    for (;; t++) {
        if (t->kind == TOK_EOF || t->kind == TOK_BAD || is_punct(t, "{") || is_punct(t, "}")) return NULL;
        if (is_open(t)) depth++;
        else if (is_close(t) && --depth == 0) return t + 1;
    }
}

/* Steps over one value or argument, nested groups included, up to the `,`, closing
 * bracket or statement end after it; stops early at a group that never closes. */
static const token *skip_item(const token *t) {
    while (!at_statement_end(t) && t->kind != TOK_BAD && !is_punct(t, ",") && !is_close(t) &&
           !is_punct(t, "{")) {
        const token *after = is_open(t) ? skip_group(t) : t + 1;
        if (!after) break;
        t = after;
    }
    return t;
}

/* The first item of the list or argument list opened by `open`; NULL when it is empty. */
static const token *first_item(const token *open) {
    const token *t = skip_newlines(open + 1);
    return is_close(t) || t->kind == TOK_EOF ? NULL : t;
}

/* The item after `item` in its list, or NULL after the last one. Every call moves past a
 * `,`, so a walk always ends. */
static const token *next_item(const token *item) {
    const token *t = skip_newlines(skip_item(item));
    return is_punct(t, ",") ? first_item(t) : NULL;
}

/* ---- Values --------------------------------------------------------------------- */

/* Copies source text into `arena`, so the schema outlives the caller's buffers. */
static const char *save(parser *p, pf_str text) {
    return pf_arena_strndup(&p->schema->arena, text.ptr, text.len);
}

/* A string literal's contents with its escapes undone (PSL and JavaScript agree on the
 * ones a schema name or path can hold). */
static const char *unescape(pf_arena *arena, pf_str raw) {
    char *out = pf_arena_alloc(arena, raw.len + 1);
    char *o = out;
    for (size_t i = 0; i < raw.len; i++) {
        char c = raw.ptr[i];
        if (c == '\\' && i + 1 < raw.len) {
            c = raw.ptr[++i];
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        }
        *o++ = c;
    }
    *o = '\0';
    return out;
}

/* The client property for a model: its name with the first letter in lower case, which
 * is how Prisma derives it (`URLRecord` becomes `uRLRecord`). */
static const char *delegate_of(parser *p, pf_str name) {
    char *delegate = pf_arena_strndup(&p->schema->arena, name.ptr, name.len);
    if (delegate[0] >= 'A' && delegate[0] <= 'Z') delegate[0] = (char)(delegate[0] - 'A' + 'a');
    return delegate;
}

/* ---- Attributes ----------------------------------------------------------------- */

/* Reads one `@name(args)`, `@db.Name(args)` or `@@name(args)`. False, with the cursor on
 * the offending token, when the name is missing or the arguments never close. */
static bool read_attribute(parser *p, attribute *attr) {
    const token *t = p->tok + 1;
    if (t->kind != TOK_IDENT) return false;
    attr->name = t->text;
    for (t++; is_punct(t, ".") && t[1].kind == TOK_IDENT; t += 2)
        attr->name.len = (size_t)(t[1].text.ptr + t[1].text.len - attr->name.ptr);
    attr->args = NULL;
    if (is_punct(t, "(")) {
        const token *after = skip_group(t);
        if (!after) {
            p->tok = t;
            return false;
        }
        attr->args = t;
        t = after;
    }
    p->tok = t;
    return true;
}

/* The value of the argument called `name`, or else of the first unnamed argument (Prisma
 * lets the first argument go unnamed: `@map("x")` is `@map(name: "x")`). NULL if absent. */
static const token *attribute_arg(const attribute *attr, const char *name) {
    const token *unnamed = NULL;
    for (const token *t = attr->args ? first_item(attr->args) : NULL; t; t = next_item(t)) {
        if (t->kind == TOK_IDENT && is_punct(t + 1, ":")) {
            if (pf_str_eq_c(t->text, name)) return skip_newlines(t + 2);
        } else if (!unnamed) {
            unnamed = t;
        }
    }
    return unnamed;
}

/* The unescaped text of a string argument (see attribute_arg()), else `fallback`. */
static const char *string_arg(parser *p, const attribute *attr, const char *name, const char *fallback) {
    const token *value = attribute_arg(attr, name);
    return value && value->kind == TOK_STRING ? unescape(&p->schema->arena, value->text) : fallback;
}

/* Appends the field names of a list such as `[a, b(sort: Desc)]` to `names`; anything
 * that is not a list adds nothing. */
static void read_field_list(parser *p, const token *list, name_vec *names) {
    if (!list || !is_punct(list, "[")) return;
    for (const token *t = first_item(list); t; t = next_item(t))
        if (t->kind == TOK_IDENT) *PF_VEC_PUSH(&p->schema->arena, *names) = save(p, t->text);
}

/* ---- Statements and recovery ---------------------------------------------------- */

/* Moves to the end of the current line; true when it passed an unterminated string. */
static bool skip_line(parser *p) {
    bool bad = false;
    for (; p->tok->kind != TOK_NEWLINE && p->tok->kind != TOK_EOF; p->tok++)
        if (p->tok->kind == TOK_BAD) bad = true;
    return bad;
}

/* Reports the token a statement cannot start or go on with, and skips the rest of its
 * line: the parser's one way to recover inside a block (`header`), or outside any
 * (NULL). A line whose unterminated string was reported gets no second error. */
static void reject_line(parser *p, const token *header) {
    const token *t = p->tok;
    if (skip_line(p)) return;
    if (is_open(t))
        report(p, t->line, "`%.*s` is never closed", STR_ARG(t->text));
    else if (header)
        report(p, t->line, "unexpected %s in %.*s `%.*s`", describe(p, t), STR_ARG(header[0].text),
               STR_ARG(header[1].text));
    else
        report(p, t->line, "unexpected %s outside a block (expected `model Name {` or the like)",
               describe(p, t));
}

/* Checks that nothing is left on a statement's line once it has been read. */
static void end_statement(parser *p, const token *header) {
    if (!at_statement_end(p->tok)) reject_line(p, header);
}

/* Reports a block whose closing `}` never comes, at the line that opens it. */
static void report_unterminated(parser *p, const token *header) {
    report(p, header->line, "unterminated block `%.*s %.*s`: no closing `}`", STR_ARG(header[0].text),
           STR_ARG(header[1].text));
}

/* Moves to the next statement of the block that `header` opens. False at the block's
 * end: its `}` (consumed), or the end of the text or another block's header, which means
 * the `}` is missing (reported; the next block is then read as usual). */
static bool next_statement(parser *p, const token *header) {
    p->tok = skip_newlines(p->tok);
    if (is_punct(p->tok, "}")) {
        p->tok++;
        return false;
    }
    if (p->tok->kind == TOK_EOF || is_block_header(p->tok)) {
        report_unterminated(p, header);
        return false;
    }
    return true;
}

/* ---- Declarations --------------------------------------------------------------- */

/* The hash-table hash of a name. */
static size_t hash_name(pf_str name) {
    return (size_t)pf_fnv1a(PF_FNV1A_BASIS, name.ptr, name.len);
}

/* The slot that holds `name`, or the free slot where it belongs; the table has room. */
static declaration *name_slot(const name_table *table, pf_str name) {
    size_t mask = table->cap - 1;
    for (size_t i = hash_name(name) & mask;; i = (i + 1) & mask) {
        declaration *slot = &table->slots[i];
        if (!slot->name.ptr || pf_str_eq(slot->name, name)) return slot;
    }
}

/* The kept declaration called `name`, or NULL. */
static const declaration *find_declaration(const parser *p, pf_str name) {
    if (p->names.cap == 0) return NULL;
    const declaration *slot = name_slot(&p->names, name);
    return slot->name.ptr ? slot : NULL;
}

/* Records a kept declaration (its name must be new), doubling the table when half full. */
static void declare(parser *p, const declaration *d) {
    name_table *table = &p->names;
    if (2 * (table->len + 1) > table->cap) {
        name_table bigger = {NULL, table->cap ? 2 * table->cap : 64, table->len};
        bigger.slots = pf_arena_alloc(&p->scratch, bigger.cap * sizeof *bigger.slots);
        for (size_t i = 0; i < table->cap; i++)
            if (table->slots[i].name.ptr) *name_slot(&bigger, table->slots[i].name) = table->slots[i];
        *table = bigger;
    }
    *name_slot(table, d->name) = *d;
    table->len++;
}

/* Model, view, type and enum names share one namespace across all sources. Reports the
 * name of `header` when an earlier declaration took it. */
static bool claim_name(parser *p, const token *header) {
    const declaration *first = find_declaration(p, header[1].text);
    if (!first) return true;
    report(p, header->line, "duplicate %.*s `%.*s` (first declared at %s:%d)", STR_ARG(header[0].text),
           STR_ARG(header[1].text), first->file, first->line);
    return false;
}

/* Applies what a field attribute says about the field's identity, uniqueness, column,
 * relation and native database type; the rest (defaults) does not matter here. */
static void apply_field_attribute(parser *p, pf_schema_field *field, const attribute *attr) {
    if (pf_str_eq_c(attr->name, "id"))
        field->is_id = true;
    else if (pf_str_eq_c(attr->name, "unique"))
        field->is_unique = true;
    else if (pf_str_eq_c(attr->name, "map"))
        field->db_name = string_arg(p, attr, "name", field->db_name);
    else if (pf_str_eq_c(attr->name, "relation"))
        field->relation_name = string_arg(p, attr, "name", NULL);
    else if (pf_str_starts_with(attr->name, "db."))
        field->native_type = save(p, pf_str_make(attr->name.ptr + 3, attr->name.len - 3));
}

/* Reads one field line, `name Type[] @attr...`. The field is kept only when the whole
 * line reads cleanly, so that a garbage line gives one error, not two. */
static void parse_field(parser *p, const token *header, model_builder *b) {
    const token *name = p->tok, *type = p->tok + 1;
    p->tok = type;
    if (type->kind != TOK_IDENT) {
        reject_line(p, header);
        return;
    }
    pf_schema_field field = {0};
    field.name = save(p, name->text);
    field.type = save(p, type->text);
    field.db_name = field.name;
    field.related_model = -1;
    field.line = name->line;
    p->tok++;
    if (is_punct(p->tok, "(")) { /* Unsupported("...") */
        const token *after = skip_group(p->tok);
        if (after) p->tok = after;
    }
    if (is_punct(p->tok, "[") && is_punct(p->tok + 1, "]")) {
        field.is_list = true;
        p->tok += 2;
    } else if (is_punct(p->tok, "?")) {
        field.is_optional = true;
        p->tok++;
    }
    attribute attr;
    while (is_punct(p->tok, "@") && read_attribute(p, &attr)) apply_field_attribute(p, &field, &attr);
    if (!at_statement_end(p->tok)) {
        reject_line(p, header);
        return;
    }
    *PF_VEC_PUSH(&p->schema->arena, b->fields) = field;
    if (field.is_id) *PF_VEC_PUSH(&p->schema->arena, b->id_fields) = field.name;
}

/* Reads a `@@attribute` line of a model: the table name, its database schema and the
 * compound id matter. */
static void parse_block_attribute(parser *p, const token *header, model_builder *b) {
    attribute attr;
    if (read_attribute(p, &attr)) {
        if (pf_str_eq_c(attr.name, "map"))
            b->model.db_name = string_arg(p, &attr, "name", b->model.db_name);
        else if (pf_str_eq_c(attr.name, "schema"))
            b->model.db_schema = string_arg(p, &attr, "name", NULL);
        else if (pf_str_eq_c(attr.name, "id"))
            read_field_list(p, attribute_arg(&attr, "fields"), &b->id_fields);
    }
    end_statement(p, header);
}

/* Reads a `model`, `view` or `type` block. A block whose name is taken is read to its end
 * (so its own problems are found too) but not kept. */
static void parse_model(parser *p, const token *header, block_kind kind) {
    bool fresh = claim_name(p, header);
    model_builder b = {0};
    b.model.name = save(p, header[1].text);
    b.model.delegate = delegate_of(p, header[1].text);
    b.model.db_name = b.model.name;
    b.model.is_view = kind == BLOCK_VIEW;
    b.model.file = p->file;
    b.model.line = header->line;
    while (next_statement(p, header)) {
        if (is_punct(p->tok, "@@"))
            parse_block_attribute(p, header, &b);
        else if (p->tok->kind == TOK_IDENT)
            parse_field(p, header, &b);
        else
            reject_line(p, header);
    }
    if (!fresh) return;
    b.model.fields = b.fields.items;
    b.model.field_count = b.fields.len;
    b.model.id_fields = b.id_fields.items;
    b.model.id_field_count = b.id_fields.len;
    model_vec *list = kind == BLOCK_TYPE ? &p->composites : &p->models;
    *PF_VEC_PUSH(&p->schema->arena, *list) = b.model;
    declare(p, &(declaration){pf_str_c(b.model.name), kind, list->len - 1, b.model.file, b.model.line});
}

/* Steps over attributes that change nothing for the client (`@map` on an enum value:
 * client code uses the value's own name). */
static void skip_attributes(parser *p) {
    attribute attr;
    while ((is_punct(p->tok, "@") || is_punct(p->tok, "@@")) && read_attribute(p, &attr)) continue;
}

/* Reads an `enum` block: one value per line, with optional attributes. As with fields, a
 * value is kept only when its whole line reads cleanly. */
static void parse_enum(parser *p, const token *header) {
    bool fresh = claim_name(p, header);
    name_vec values = {0};
    while (next_statement(p, header)) {
        const token *value = p->tok->kind == TOK_IDENT ? p->tok++ : NULL;
        if (value || is_punct(p->tok, "@@")) skip_attributes(p);
        if (!at_statement_end(p->tok)) {
            reject_line(p, header);
            continue;
        }
        if (value) *PF_VEC_PUSH(&p->schema->arena, values) = save(p, value->text);
    }
    if (!fresh) return;
    pf_schema_enum *enumeration = PF_VEC_PUSH(&p->schema->arena, p->enums);
    enumeration->name = save(p, header[1].text);
    enumeration->values = values.items;
    enumeration->value_count = values.len;
    enumeration->file = p->file;
    enumeration->line = header->line;
    declare(p, &(declaration){pf_str_c(enumeration->name), BLOCK_ENUM, p->enums.len - 1, p->file, header->line});
}

/* Reads a `datasource` or `generator` body of `key = value` lines. values[i] gets the
 * value of keys[i] when that is a plain string (`env("X")` and the like stay NULL). */
static void parse_settings(parser *p, const token *header, const char *const *keys, const char **values,
                           size_t count) {
    while (next_statement(p, header)) {
        const token *key = p->tok;
        if (key->kind != TOK_IDENT || !is_punct(key + 1, "=")) {
            reject_line(p, header);
            continue;
        }
        const token *value = key + 2;
        p->tok = skip_item(value);
        if (p->tok == value) {
            reject_line(p, header);
            continue;
        }
        for (size_t i = 0; i < count; i++)
            if (pf_str_eq_c(key->text, keys[i]) && value->kind == TOK_STRING && value + 1 == p->tok)
                values[i] = unescape(&p->schema->arena, value->text);
        end_statement(p, header);
    }
}

/* Keeps the provider of the datasource. Prisma allows only one: a second one means files
 * that are not one schema (a folder such as /tmp given as --schema). */
static void parse_datasource(parser *p, const token *header) {
    static const char *const keys[] = {"provider"};
    const char *provider = NULL;
    parse_settings(p, header, keys, &provider, 1);
    if (p->datasource_file) {
        report(p, header->line, "a second datasource block (the first is at %s:%d): these files are not one schema",
               p->datasource_file, p->datasource_line);
        return;
    }
    p->datasource_file = p->file;
    p->datasource_line = header->line;
    p->schema->provider = provider;
}

/* Records a generator: its provider and output tell which client the code imports. */
static void parse_generator(parser *p, const token *header) {
    static const char *const keys[] = {"provider", "output"};
    const char *values[2] = {NULL, NULL};
    parse_settings(p, header, keys, values, 2);
    pf_schema_generator *generator = PF_VEC_PUSH(&p->schema->arena, p->generators);
    generator->name = save(p, header[1].text);
    generator->provider = values[0];
    generator->output = values[1];
}

/* Steps over a block of a kind this tool does not know (a newer Prisma's, say), braces
 * balanced; strings and comments cannot confuse the count, being tokens or dropped. */
static void skip_block(parser *p, const token *header) {
    int depth = 1;
    for (; p->tok->kind != TOK_EOF; p->tok++) {
        if (is_punct(p->tok, "{")) {
            depth++;
        } else if (is_punct(p->tok, "}") && --depth == 0) {
            p->tok++;
            return;
        }
    }
    report_unterminated(p, header);
}

/* What a block header's keyword declares; BLOCK_UNKNOWN for a keyword this tool skips. */
static block_kind block_kind_of(pf_str keyword) {
    for (size_t i = 0; i < BLOCK_UNKNOWN; i++)
        if (pf_str_eq_c(keyword, BLOCK_KEYWORDS[i])) return (block_kind)i;
    return BLOCK_UNKNOWN;
}

/* Reads the block whose header is at the cursor. */
static void parse_block(parser *p) {
    const token *header = p->tok;
    block_kind kind = block_kind_of(header->text);
    p->tok = header + 3;
    switch (kind) {
    case BLOCK_MODEL:
    case BLOCK_VIEW:
    case BLOCK_TYPE:
        parse_model(p, header, kind);
        break;
    case BLOCK_ENUM:
        parse_enum(p, header);
        break;
    case BLOCK_DATASOURCE:
        parse_datasource(p, header);
        break;
    case BLOCK_GENERATOR:
        parse_generator(p, header);
        break;
    case BLOCK_UNKNOWN:
        skip_block(p, header);
        break;
    }
}

/* After a stray line outside any block, moves to the next line that opens a block, so
 * that the body of a block with a broken header gives one error rather than one a line. */
static void skip_to_block(parser *p) {
    while (p->tok->kind != TOK_EOF && !(p->tok->kind == TOK_NEWLINE && is_block_header(p->tok + 1))) p->tok++;
}

/* Reads every block of one source; its models' types are resolved later, with all sources. */
static void parse_source(parser *p, const pf_schema_source *src) {
    token_vec tokens = {0};
    p->file = pf_arena_strdup(&p->schema->arena, src->file);
    lex(p, src, &tokens);
    p->tok = tokens.items;
    for (;;) {
        p->tok = skip_newlines(p->tok);
        if (p->tok->kind == TOK_EOF) return;
        if (is_block_header(p->tok)) {
            parse_block(p);
        } else {
            reject_line(p, NULL);
            skip_to_block(p);
        }
    }
}

/* ---- Resolution ----------------------------------------------------------------- */

/* Prisma's built-in field types, which need no declaration. */
static bool is_scalar_type(pf_str type) {
    for (size_t i = 0; i < sizeof SCALAR_TYPES / sizeof SCALAR_TYPES[0]; i++)
        if (pf_str_eq_c(type, SCALAR_TYPES[i])) return true;
    return false;
}

/* Gives each field of `model` its kind, once every source has declared its names; a
 * type that names nothing is reported at the field. */
static void resolve_fields(parser *p, pf_schema_model *model) {
    p->file = model->file;
    for (size_t i = 0; i < model->field_count; i++) {
        pf_schema_field *field = &model->fields[i];
        pf_str type = pf_str_c(field->type);
        if (is_scalar_type(type)) {
            field->kind = PF_FIELD_SCALAR;
            continue;
        }
        const declaration *d = find_declaration(p, type);
        if (!d) {
            report(p, field->line, "unknown type `%s` for field `%s.%s`", field->type, model->name, field->name);
        } else if (d->kind == BLOCK_ENUM) {
            field->kind = PF_FIELD_ENUM;
        } else if (d->kind == BLOCK_TYPE) {
            field->kind = PF_FIELD_COMPOSITE;
        } else {
            field->kind = PF_FIELD_RELATION;
            field->related_model = (int)d->index;
        }
    }
}

/* Two passes: read every source, then resolve field types across all of them. */
pf_schema *pf_schema_parse(const pf_schema_source *sources, size_t count) {
    pf_arena arena;
    pf_arena_init(&arena);
    pf_schema *schema = pf_arena_alloc(&arena, sizeof *schema);
    schema->arena = arena; /* from here on the schema's own copy is the arena */
    parser p = {.schema = schema};
    pf_arena_init(&p.scratch);
    for (size_t i = 0; i < count; i++) parse_source(&p, &sources[i]);
    for (size_t i = 0; i < p.models.len; i++) resolve_fields(&p, &p.models.items[i]);
    for (size_t i = 0; i < p.composites.len; i++) resolve_fields(&p, &p.composites.items[i]);
    pf_arena_free(&p.scratch);
    schema->models = p.models.items;
    schema->model_count = p.models.len;
    schema->enums = p.enums.items;
    schema->enum_count = p.enums.len;
    schema->generators = p.generators.items;
    schema->generator_count = p.generators.len;
    schema->errors = p.errors.items;
    schema->error_count = p.errors.len;
    return schema;
}

/* Releases the schema's arena, the schema itself included. */
void pf_schema_free(pf_schema *schema) {
    if (!schema) return;
    pf_arena arena = schema->arena; /* the schema lives in its own arena */
    pf_arena_free(&arena);
}

pf_schema *pf_schema_outline(const pf_schema *schema) {
    pf_arena arena;
    pf_arena_init(&arena);
    pf_schema *outline = pf_arena_alloc(&arena, sizeof(*outline));
    outline->path = pf_arena_strdup(&arena, schema->path);
    outline->provider = schema->provider ? pf_arena_strdup(&arena, schema->provider) : NULL;
    outline->error_count = schema->error_count;
    outline->fingerprint = schema->fingerprint;
    outline->arena = arena; /* last: the copies may have added a block */
    return outline;
}

/* Lookups for the passes, by the names that client code and the schema use. They scan:
 * the schema's layout is public and keeps no index, and a pass asks once per query. */
const pf_schema_model *pf_schema_model_named(const pf_schema *schema, pf_str name) {
    for (size_t i = 0; i < schema->model_count; i++)
        if (pf_str_eq_c(name, schema->models[i].name)) return &schema->models[i];
    return NULL;
}

/* The model behind `prisma.<delegate>` in client code. */
const pf_schema_model *pf_schema_model_by_delegate(const pf_schema *schema, pf_str delegate) {
    for (size_t i = 0; i < schema->model_count; i++)
        if (pf_str_eq_c(delegate, schema->models[i].delegate)) return &schema->models[i];
    return NULL;
}

/* A field of `model` by its schema name (which client code uses, not the column's). */
const pf_schema_field *pf_schema_field_named(const pf_schema_model *model, pf_str name) {
    for (size_t i = 0; i < model->field_count; i++)
        if (pf_str_eq_c(name, model->fields[i].name)) return &model->fields[i];
    return NULL;
}

/* An enum by its schema name. */
const pf_schema_enum *pf_schema_enum_named(const pf_schema *schema, pf_str name) {
    for (size_t i = 0; i < schema->enum_count; i++)
        if (pf_str_eq_c(name, schema->enums[i].name)) return &schema->enums[i];
    return NULL;
}

/* Follows a relation field to its model. */
const pf_schema_model *pf_schema_related(const pf_schema *schema, const pf_schema_field *field) {
    if (field->kind != PF_FIELD_RELATION || field->related_model < 0) return NULL;
    return &schema->models[field->related_model];
}

/* ---- Files ---------------------------------------------------------------------- */

typedef PF_VEC(pf_schema_source) source_vec;

/* Joins a folder and a relative path without doubling the `/`; an absolute path stays. */
static char *join_path(pf_arena *arena, const char *dir, const char *rel) {
    if (rel[0] == '/') return pf_arena_strdup(arena, rel);
    size_t len = strlen(dir);
    return pf_arena_printf(arena, "%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", rel);
}

/* Reads a whole file into `arena`; NULL, or why it cannot (in `arena`). */
static const char *read_text(pf_arena *arena, const char *path, pf_str *text) {
    pf_buf buf = PF_BUF_INIT;
    char *error = NULL;
    const char *problem = NULL;
    if (pf_file_read(path, PF_FILE_MAX_BYTES, &buf, &error))
        *text = pf_str_make(pf_arena_strndup(arena, buf.data, buf.len), buf.len);
    else
        problem = pf_arena_printf(arena, "cannot read schema %s: %s", path, error);
    free(error);
    pf_buf_free(&buf);
    return problem;
}

/* How much of a folder tree a multi-file schema may span: `--schema /tmp` must not walk all
 * of /tmp. A prisma/schema folder holds tens of files. */
#define SCHEMA_FOLDER_MAX_ENTRIES 10000
#define SCHEMA_FOLDER_MAX_DEPTH 16

/* Collects the `*.prisma` files below `dir`, subfolders included, as Prisma's multi-file
 * schema does. Hidden entries and node_modules are skipped, and links to folders are not
 * followed (they could loop). False, with `*failed` set and errno kept, when a folder cannot
 * be read; false with errno 0 when the tree is too large to be a schema folder. */
static bool collect_prisma_files(pf_arena *arena, const char *dir, int depth, size_t *entries_left, name_vec *files,
                                 const char **failed) {
    DIR *d = opendir(dir);
    if (!d) {
        *failed = dir;
        return false;
    }
    bool ok = true;
    struct dirent *entry;
    while (ok && (entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.' || strcmp(entry->d_name, "node_modules") == 0) continue;
        if ((*entries_left)-- == 0 || depth > SCHEMA_FOLDER_MAX_DEPTH) {
            *failed = dir;
            errno = 0;
            ok = false;
            break;
        }
        const char *path = join_path(arena, dir, entry->d_name);
        struct stat st;
        if (lstat(path, &st) != 0) continue; /* gone since readdir(): nothing to read */
        if (S_ISDIR(st.st_mode))
            ok = collect_prisma_files(arena, path, depth + 1, entries_left, files, failed);
        else if (pf_str_ends_with(pf_str_c(path), ".prisma") && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            *PF_VEC_PUSH(arena, *files) = path;
    }
    int saved = errno;
    closedir(d);
    errno = saved;
    return ok;
}

/* qsort() order for the files of a multi-file schema: by path, so runs are repeatable. */
static int compare_paths(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Why `path` cannot be read, as a one-line message naming it. */
static const char *cannot_read(pf_arena *arena, const char *path) {
    return pf_arena_printf(arena, "cannot read schema %s: %s", path, strerror(errno));
}

/* Reads the schema file `path`, or the `*.prisma` files below the folder `path` in order
 * of their paths, into `sources`. Returns NULL, or the problem. A folder without any
 * `*.prisma` file is a problem too: it is almost surely the wrong folder. */
static const char *gather_sources(pf_arena *arena, const char *path, source_vec *sources) {
    struct stat st;
    if (stat(path, &st) != 0) return cannot_read(arena, path);
    name_vec files = {0};
    const char *failed = NULL;
    if (!S_ISDIR(st.st_mode))
        *PF_VEC_PUSH(arena, files) = path;
    else if (!collect_prisma_files(arena, path, 0, &(size_t){SCHEMA_FOLDER_MAX_ENTRIES}, &files, &failed))
        return errno ? cannot_read(arena, failed)
                     : pf_arena_printf(arena, "cannot read schema %s: a folder of more than %d entries or %d levels "
                                              "is not a Prisma schema folder", path, SCHEMA_FOLDER_MAX_ENTRIES,
                                       SCHEMA_FOLDER_MAX_DEPTH);
    if (files.len == 0) return pf_arena_printf(arena, "cannot read schema %s: no .prisma file in it", path);
    qsort(files.items, files.len, sizeof files.items[0], compare_paths);
    for (size_t i = 0; i < files.len; i++) {
        pf_str text = pf_str_make("", 0);
        const char *problem = read_text(arena, files.items[i], &text);
        if (problem) return problem;
        pf_schema_source *src = PF_VEC_PUSH(arena, *sources);
        src->file = files.items[i];
        src->text = text.ptr;
        src->len = text.len;
    }
    return NULL;
}

/* Reads the files into a scratch arena, parses them, and lets the scratch go: the schema
 * keeps copies of everything it needs. */
/* The hash of a schema's sources: each file's name and the hash of its bytes, in order. */
static pf_hash fingerprint(const pf_schema_source *sources, size_t count) {
    pf_buf all = PF_BUF_INIT;
    for (size_t i = 0; i < count; i++) {
        pf_hash text = pf_hash_bytes(sources[i].text, sources[i].len);
        pf_buf_append(&all, sources[i].file, strlen(sources[i].file) + 1);
        pf_buf_append(&all, (const char *)&text, sizeof(text));
    }
    pf_hash hash = pf_hash_bytes(all.data, all.len);
    pf_buf_free(&all);
    return hash;
}

pf_schema *pf_schema_load(const char *path, char **error) {
    if (error) *error = NULL;
    pf_arena scratch;
    pf_arena_init(&scratch);
    source_vec sources = {0};
    const char *problem = gather_sources(&scratch, path, &sources);
    pf_schema *schema = NULL;
    if (problem) {
        if (error) *error = pf_xstrdup(problem);
    } else {
        schema = pf_schema_parse(sources.items, sources.len);
        schema->path = pf_arena_strdup(&schema->arena, path);
        schema->fingerprint = fingerprint(sources.items, sources.len);
    }
    pf_arena_free(&scratch);
    return schema;
}
