/* Rule ids and severity names (see findings.h). */
#include "poolfix/findings.h"

#include <string.h>

static const char *const severity_names[PF_SEVERITY_COUNT] = {"info", "low", "medium", "high", "critical"};

static const char *const rule_ids[PF_RULE_COUNT] = {
    "parallel-fanout", "map-fanout", "loop-queries", "unbounded-include", "unbounded-findmany",
    "sequential-queries", "transaction-outer-client"};

const char *pf_severity_name(pf_severity severity) {
    return severity_names[severity];
}

bool pf_severity_parse(const char *name, pf_severity *out) {
    for (int i = 0; i < PF_SEVERITY_COUNT; i++)
        if (strcmp(name, severity_names[i]) == 0) return *out = (pf_severity)i, true;
    return false;
}

const char *pf_rule_id(pf_rule rule) {
    return rule_ids[rule];
}

bool pf_rule_parse(const char *id, size_t len, pf_rule *out) {
    for (int i = 0; i < PF_RULE_COUNT; i++)
        if (strlen(rule_ids[i]) == len && memcmp(rule_ids[i], id, len) == 0) return *out = (pf_rule)i, true;
    return false;
}
