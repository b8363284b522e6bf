/* Connection-usage analysis and the severity rules (see analysis.h). */
#include "poolfix/analysis.h"

pf_severity pf_severity_for_parallel(const pf_thresholds *thresholds, int queries, bool unbounded) {
    if (unbounded || queries >= thresholds->parallel_critical) return PF_SEVERITY_CRITICAL;
    if (queries >= thresholds->parallel_high) return PF_SEVERITY_HIGH;
    if (queries >= thresholds->parallel_low) return PF_SEVERITY_LOW;
    return PF_SEVERITY_INFO;
}

void pf_analyze(const pf_model *model, const pf_options *options, pf_arena *arena, pf_finding_list *findings,
                pf_handler_report_list *reports) {
    (void)model, (void)arena, (void)reports;
    for (size_t i = 0; i < findings->len; i++) {
        pf_finding *f = &findings->items[i];
        if (f->rule == PF_RULE_PARALLEL_FANOUT)
            f->severity = pf_severity_for_parallel(&options->thresholds, f->queries, f->unbounded);
    }
}
