/* Prisma client receiver names (see clients.h). */
#include "poolfix/clients.h"

#include "poolfix/arena.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pf_default_client_names[] = {"prisma", "db", "tx", "prismaClient",
                                               "ctx.prisma", "ctx.db", "this.prisma"};
const size_t pf_default_client_name_count =
    sizeof(pf_default_client_names) / sizeof(*pf_default_client_names);

struct pf_client_names {
    char **names;
    size_t count;
    pcre2_code *pattern;
};

pf_client_names *pf_client_names_new(const char *const *names, size_t count, const char *pattern,
                                     char **error) {
    pf_client_names *clients = pf_xcalloc(1, sizeof(*clients));
    if (pattern) {
        int code;
        PCRE2_SIZE offset;
        clients->pattern = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                         PCRE2_ANCHORED | PCRE2_ENDANCHORED | PCRE2_UTF, &code,
                                         &offset, NULL);
        if (!clients->pattern) {
            PCRE2_UCHAR message[160];
            pcre2_get_error_message(code, message, sizeof(message));
            char text[256];
            snprintf(text, sizeof(text), "clientPattern does not compile at offset %zu: %s",
                     (size_t)offset, (const char *)message);
            *error = pf_xstrdup(text);
            free(clients);
            return NULL;
        }
        /* Matched once per call site that is not a listed name: worth compiling to machine
         * code (pcre2_match uses it when present; without JIT support it interprets). */
        pcre2_jit_compile(clients->pattern, PCRE2_JIT_COMPLETE);
    }
    clients->names = pf_xcalloc(count ? count : 1, sizeof(char *));
    for (size_t i = 0; i < count; i++) clients->names[i] = pf_xstrdup(names[i]);
    clients->count = count;
    return clients;
}

void pf_client_names_free(pf_client_names *clients) {
    if (!clients) return;
    for (size_t i = 0; i < clients->count; i++) free(clients->names[i]);
    free(clients->names);
    pcre2_code_free(clients->pattern);
    free(clients);
}

/* Copies the receiver without whitespace, so `ctx . prisma` compares equal to `ctx.prisma`. */
static size_t squeeze(pf_str receiver, char *out, size_t cap) {
    size_t n = 0;
    for (size_t i = 0; i < receiver.len; i++) {
        char c = receiver.ptr[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (n + 1 >= cap) return 0;
        out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

bool pf_client_name_is_generic(pf_str receiver) {
    static const char *const generic[] = {"db", "tx", "ctx.db"};
    char name[256];
    if (squeeze(receiver, name, sizeof(name)) == 0) return false;
    for (size_t i = 0; i < sizeof(generic) / sizeof(*generic); i++)
        if (strcmp(generic[i], name) == 0) return true;
    return false;
}

bool pf_client_names_match(const pf_client_names *clients, pf_str receiver) {
    char name[256];
    size_t n = squeeze(receiver, name, sizeof(name));
    if (n == 0) return false;
    for (size_t i = 0; i < clients->count; i++)
        if (strcmp(clients->names[i], name) == 0) return true;
    if (!clients->pattern) return false;
    pcre2_match_data *match = pcre2_match_data_create_from_pattern(clients->pattern, NULL);
    int rc = pcre2_match(clients->pattern, (PCRE2_SPTR)name, n, 0, 0, match, NULL);
    pcre2_match_data_free(match);
    return rc >= 0;
}
