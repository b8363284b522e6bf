/* A file's result as bytes and back, for the cache (see pf_result_encode in engine.h).
 *
 * The bytes are a flat sequence: fixed-size numbers in this machine's order, strings as a
 * length (all ones for NULL) and their bytes, lists as a count and their items, the summary
 * as its own bytes (summary_codec.c). Reading checks every length against what is left and
 * every enum and count against its range, so a damaged entry is refused, never followed. */
#include "poolfix/engine.h"

#include <stdlib.h>
#include <string.h>

#define RESULT_MAGIC 0x31524650u /* "PFR1" */
#define NULL_LENGTH UINT32_MAX

/* --- writing ------------------------------------------------------------------------ */

static void put_u32(pf_buf *out, uint32_t v) {
    pf_buf_append(out, (const char *)&v, sizeof(v));
}

static void put_i64(pf_buf *out, int64_t v) {
    pf_buf_append(out, (const char *)&v, sizeof(v));
}

static void put_string(pf_buf *out, const char *s) {
    if (!s) {
        put_u32(out, NULL_LENGTH);
        return;
    }
    size_t len = strlen(s);
    put_u32(out, (uint32_t)len);
    pf_buf_append(out, s, len);
}

static void put_bytes(pf_buf *out, const char *bytes, size_t len) {
    put_u32(out, (uint32_t)len);
    pf_buf_append(out, bytes, len);
}

static void put_finding(pf_buf *out, const pf_finding *f) {
    put_u32(out, (uint32_t)f->rule);
    put_u32(out, (uint32_t)f->severity);
    put_u32(out, f->start);
    put_u32(out, f->end);
    put_i64(out, f->line);
    put_i64(out, f->end_line);
    put_i64(out, f->queries);
    put_i64(out, f->trips);
    put_u32(out, (uint32_t)f->unbounded | (uint32_t)f->fixable << 1 | (uint32_t)f->changes_results << 2 |
                     (uint32_t)f->suppressed << 3 | (uint32_t)f->in_transaction << 4);
    const char *strings[] = {f->pass, f->message, f->decline, f->relation, f->function, f->method};
    for (size_t i = 0; i < sizeof(strings) / sizeof(*strings); i++) put_string(out, strings[i]);
}

void pf_result_encode(const pf_file_result *r, pf_buf *out) {
    put_u32(out, RESULT_MAGIC);
    put_string(out, r->skipped);
    put_string(out, r->generated);
    put_string(out, r->route);
    put_u32(out, r->syntax_errors);
    put_u32(out, r->output != NULL);
    if (r->output) put_bytes(out, r->output, r->output_len);
    put_u32(out, (uint32_t)r->findings.len);
    for (size_t i = 0; i < r->findings.len; i++) put_finding(out, &r->findings.items[i]);
    put_u32(out, (uint32_t)r->imports.count);
    for (size_t i = 0; i < r->imports.count; i++) put_string(out, r->imports.specifiers[i]);
    put_u32(out, r->imports.may_declare_endpoint);
    put_u32(out, (uint32_t)r->problems.len);
    for (size_t i = 0; i < r->problems.len; i++) put_string(out, r->problems.items[i]);
    put_u32(out, (uint32_t)r->passes_applied.len);
    for (size_t i = 0; i < r->passes_applied.len; i++) put_string(out, r->passes_applied.items[i]);
    put_u32(out, r->pass_rewrites != NULL);
    for (size_t i = 0; r->pass_rewrites && i < pf_pass_count; i++) put_i64(out, (int64_t)r->pass_rewrites[i]);
    size_t clients = 0;
    while (r->clients && r->clients[clients]) clients++;
    put_u32(out, r->clients != NULL);
    put_u32(out, (uint32_t)clients);
    for (size_t i = 0; i < clients; i++) put_string(out, r->clients[i]);
    put_u32(out, r->summary != NULL);
    if (r->summary) {
        pf_buf summary = PF_BUF_INIT;
        pf_summary_encode(r->summary, &summary);
        put_bytes(out, summary.data, summary.len);
        pf_buf_free(&summary);
        put_u32(out, r->call_costs != NULL);
        for (size_t i = 0; r->call_costs && i < r->summary->calls.len; i++) {
            const pf_measure *m = &r->call_costs[i];
            put_i64(out, m->width);
            put_i64(out, m->total);
            put_i64(out, m->rounds);
            put_u32(out, m->unbounded);
            put_u32(out, m->writes);
        }
    }
}

/* --- reading ------------------------------------------------------------------------ */

/* Bytes being read; `ok` turns false at the first thing out of place, and stays false. */
typedef struct reader {
    const char *at, *end;
    bool ok;
    pf_arena *arena;
} reader;

static uint32_t get_u32(reader *r) {
    uint32_t v = 0;
    if (r->ok && (size_t)(r->end - r->at) >= sizeof(v)) memcpy(&v, r->at, sizeof(v)), r->at += sizeof(v);
    else r->ok = false;
    return v;
}

static int64_t get_i64(reader *r) {
    int64_t v = 0;
    if (r->ok && (size_t)(r->end - r->at) >= sizeof(v)) memcpy(&v, r->at, sizeof(v)), r->at += sizeof(v);
    else r->ok = false;
    return v;
}

/* A count of a measure: in [0, PF_COUNT_MAX], anything else is damage. */
static int32_t get_measure_count(reader *r) {
    int64_t v = get_i64(r);
    if (v < 0 || v > PF_COUNT_MAX) r->ok = false;
    return r->ok ? (int32_t)v : 0;
}

/* A flag: 0 or 1, anything else is damage. */
static bool get_flag(reader *r) {
    uint32_t v = get_u32(r);
    if (v > 1) r->ok = false;
    return v == 1;
}

/* `len` bytes in place, or NULL when fewer are left. */
static const char *get_span(reader *r, uint32_t len) {
    if (!r->ok || (size_t)(r->end - r->at) < len) {
        r->ok = false;
        return NULL;
    }
    const char *span = r->at;
    r->at += len;
    return span;
}

/* A string copied into the arena; NULL stands for NULL (and for damage, with `ok` cleared). */
static const char *get_string(reader *r) {
    uint32_t len = get_u32(r);
    if (!r->ok || len == NULL_LENGTH) return NULL;
    const char *span = get_span(r, len);
    return span ? pf_arena_strndup(r->arena, span, len) : NULL;
}

/* A string malloc'd for an owner outside the arena (an import scan): not copied into the
 * arena first, where the copy would stay until the report. NULL, with `ok` cleared, for NULL
 * or damage. */
static char *get_malloced_string(reader *r) {
    uint32_t len = get_u32(r);
    const char *span = r->ok && len != NULL_LENGTH ? get_span(r, len) : NULL;
    if (!span) r->ok = false;
    return span ? pf_xstrndup(span, len) : NULL;
}

/* A pass's name as the static string of its pass (pf_passes), so that the findings and the
 * passes applied of thousands of results share them; NULL stands for NULL. A name no pass has
 * is damage. */
static const char *get_pass_name(reader *r) {
    uint32_t len = get_u32(r);
    if (!r->ok || len == NULL_LENGTH) return NULL;
    const char *span = get_span(r, len);
    const pf_pass *pass = span ? pf_pass_named(span, len, NULL) : NULL;
    if (pass && (strlen(pass->name) != len || memcmp(pass->name, span, len) != 0)) pass = NULL; /* an alias */
    if (!pass) r->ok = false;
    return pass ? pass->name : NULL;
}

/* A count of items that each take at least `item_min` bytes: more than the bytes left can
 * hold is damage (and would be a huge allocation). */
static uint32_t get_count(reader *r, size_t item_min) {
    uint32_t n = get_u32(r);
    if (r->ok && (size_t)n > (size_t)(r->end - r->at) / item_min) r->ok = false;
    return r->ok ? n : 0;
}

static void get_finding(reader *r, pf_finding *f) {
    uint32_t rule = get_u32(r), severity = get_u32(r);
    if (rule >= PF_RULE_COUNT || severity >= PF_SEVERITY_COUNT) r->ok = false;
    f->rule = (pf_rule)rule;
    f->severity = (pf_severity)severity;
    f->start = get_u32(r);
    f->end = get_u32(r);
    f->line = (int)get_i64(r);
    f->end_line = (int)get_i64(r);
    f->queries = (int)get_i64(r);
    f->trips = (long)get_i64(r);
    uint32_t flags = get_u32(r);
    if (flags > 31) r->ok = false;
    f->unbounded = flags & 1;
    f->fixable = (flags >> 1) & 1;
    f->changes_results = (flags >> 2) & 1;
    f->suppressed = (flags >> 3) & 1;
    f->in_transaction = (flags >> 4) & 1;
    f->pass = get_pass_name(r);
    f->message = get_string(r);
    f->decline = get_string(r);
    f->relation = get_string(r);
    f->function = get_string(r);
    f->method = get_string(r);
    if (!f->message || !f->function) r->ok = false; /* every finding has these */
}

/* Undoes a partial read: whatever it put in `out` goes, the rest of `out` is untouched. */
static void forget(pf_file_result *out) {
    pf_arena_free(&out->arena);
    pf_arena_free(&out->summary_arena);
    free(out->output);
    pf_import_scan_free(&out->imports);
    out->skipped = out->generated = out->route = NULL;
    out->syntax_errors = false;
    out->output = NULL;
    out->output_len = 0;
    memset(&out->findings, 0, sizeof(out->findings));
    memset(&out->problems, 0, sizeof(out->problems));
    memset(&out->passes_applied, 0, sizeof(out->passes_applied));
    out->summary = NULL;
    out->call_costs = NULL;
    out->clients = NULL;
    out->pass_rewrites = NULL;
}

bool pf_result_decode(const char *bytes, size_t len, pf_file_result *out) {
    reader r = {bytes, bytes + len, true, &out->arena};
    if (get_u32(&r) != RESULT_MAGIC) return false;
    out->skipped = get_string(&r);
    out->generated = get_string(&r);
    out->route = get_string(&r);
    out->syntax_errors = get_flag(&r);
    if (get_flag(&r)) {
        uint32_t n = get_u32(&r);
        const char *span = get_span(&r, n);
        if (span) {
            out->output = pf_xmalloc((size_t)n + 1);
            memcpy(out->output, span, n);
            out->output[n] = '\0';
            out->output_len = n;
        }
    }
    /* Lists of known length are made at that length: a result lasts until the report, and a
     * list grown by doubling would leave its outgrown copies in the arena. */
    uint32_t findings = get_count(&r, 60);
    if (findings) {
        out->findings.items = pf_arena_alloc(&out->arena, findings * sizeof(pf_finding));
        out->findings.cap = findings;
    }
    for (uint32_t i = 0; i < findings && r.ok; i++) get_finding(&r, PF_VEC_PUSH(&out->arena, out->findings));
    uint32_t imports = get_count(&r, 4);
    if (imports) out->imports.specifiers = pf_xcalloc((size_t)imports + 1, sizeof(char *));
    for (uint32_t i = 0; i < imports && r.ok; i++) {
        char *s = get_malloced_string(&r);
        if (s) out->imports.specifiers[out->imports.count++] = s;
    }
    out->imports.may_declare_endpoint = get_flag(&r);
    uint32_t problems = get_count(&r, 4);
    for (uint32_t i = 0; i < problems && r.ok; i++) {
        const char *s = get_string(&r);
        if (!s) r.ok = false;
        *PF_VEC_PUSH(&out->arena, out->problems) = s;
    }
    uint32_t passes = get_count(&r, 4);
    for (uint32_t i = 0; i < passes && r.ok; i++) {
        const char *s = get_pass_name(&r);
        if (!s) r.ok = false;
        *PF_VEC_PUSH(&out->arena, out->passes_applied) = s;
    }
    if (get_flag(&r)) {
        out->pass_rewrites = pf_arena_alloc(&out->arena, pf_pass_count * sizeof(size_t));
        for (size_t i = 0; i < pf_pass_count; i++) {
            int64_t n = get_i64(&r);
            if (n < 0) r.ok = false;
            out->pass_rewrites[i] = (size_t)n;
        }
    }
    bool has_clients = get_flag(&r);
    uint32_t clients = get_count(&r, 4);
    if (has_clients) out->clients = pf_arena_alloc(&out->arena, ((size_t)clients + 1) * sizeof(char *));
    for (uint32_t i = 0; i < clients && r.ok; i++) {
        const char *s = get_string(&r);
        if (!s || !has_clients) r.ok = false;
        else out->clients[i] = s;
    }
    if (get_flag(&r)) {
        uint32_t n = get_u32(&r);
        const char *span = get_span(&r, n);
        /* In an arena of its own, one block: when the file is processed again, the program
         * keeps linking this summary while the rest of this result goes (see
         * pf_file_result_replace). */
        out->summary = span ? pf_summary_decode(span, n, &out->summary_arena) : NULL;
        if (!out->summary) r.ok = false;
        if (r.ok && get_flag(&r)) {
            size_t calls = out->summary->calls.len;
            pf_measure *costs = pf_arena_alloc(&out->arena, (calls + 1) * sizeof(pf_measure));
            for (size_t i = 0; i < calls && r.ok; i++) {
                costs[i].width = get_measure_count(&r);
                costs[i].total = get_measure_count(&r);
                costs[i].rounds = get_measure_count(&r);
                costs[i].unbounded = get_flag(&r);
                costs[i].writes = get_flag(&r);
            }
            out->call_costs = costs;
        }
    }
    if (r.ok && r.at == r.end) return true;
    forget(out);
    return false;
}
