/* `poolfix explain` (see explain.h). */
#include "poolfix/explain.h"

#include "poolfix/conventions.h"
#include "poolfix/findings.h"
#include "poolfix/pass.h"

#include <string.h>

/* Documents without a pass of their own, compiled in from docs/rules/. */
#include "sequential-queries.md.h"
#include "severity.md.h"
#include "transaction-outer-client.md.h"

static const struct {
    const char *topic;
    const char *doc;
} standalone_docs[] = {
    {"sequential-queries", pf_doc_sequential_queries},
    {"severity", pf_doc_severity},
    {"transaction-outer-client", pf_doc_transaction_outer_client},
};

const char *pf_explain_doc(const char *topic) {
    const pf_pass *named = pf_pass_named(topic, strlen(topic), NULL);
    for (size_t i = 0; i < pf_pass_count; i++)
        if (named == pf_passes[i] || strcmp(topic, pf_rule_id(pf_passes[i]->rule)) == 0) return pf_passes[i]->doc;
    for (size_t i = 0; i < sizeof(standalone_docs) / sizeof(*standalone_docs); i++)
        if (strcmp(topic, standalone_docs[i].topic) == 0) return standalone_docs[i].doc;
    return NULL;
}

int pf_explain(const char *topic, FILE *out, FILE *err) {
    size_t standalone = sizeof(standalone_docs) / sizeof(*standalone_docs);
    if (!topic) {
        fputs("usage: poolfix explain TOPIC\n\ntopics:\n", out);
        for (size_t i = 0; i < pf_pass_count; i++)
            fprintf(out, "  %-20s %-20s %s\n", pf_passes[i]->name, pf_rule_id(pf_passes[i]->rule),
                    pf_passes[i]->summary);
        for (size_t i = 0; i < standalone; i++) fprintf(out, "  %s\n", standalone_docs[i].topic);
        fputs("  paths\n", out);
        return 0;
    }
    if (strcmp(topic, "paths") == 0) {
        pf_conventions_explain(out);
        return 0;
    }
    const char *doc = pf_explain_doc(topic);
    if (doc) {
        fputs(doc, out);
        return 0;
    }
    fprintf(err, "poolfix: no rule or pass named '%s' (see poolfix explain)\n", topic);
    return 2;
}
