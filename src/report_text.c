/* The text report (see report.h). */
#include "poolfix/report.h"

#include "poolfix/path.h"

#include <stdlib.h>

void pf_report_write(const pf_report *report, FILE *out) {
    for (size_t i = 0; i < report->count; i++) {
        const pf_file_result *r = &report->results[i];
        char *path = pf_path_for_display(r->file->path);
        for (size_t k = 0; k < r->findings.len; k++) {
            const pf_finding *f = &r->findings.items[k];
            fprintf(out, "%s:%d: %s %s: %s", path, f->line, pf_severity_name(f->severity), pf_rule_id(f->rule),
                    f->message);
            if (f->fixable) fprintf(out, " [rewrite: %s]", f->pass);
            else if (f->decline) fprintf(out, " [%s]", f->decline);
            fputc('\n', out);
        }
        free(path);
    }
}
