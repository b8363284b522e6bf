/* libFuzzer target: the Prisma schema parser. The input is one schema file, or several
 * (a prisma/schema/ folder) separated by a line `// ---- next file`; after parsing, every
 * lookup the passes make is run over what was parsed. */
#include "poolfix/schema.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char separator[] = "\n// ---- next file\n";
    enum { MAX_FILES = 8 };
    pf_schema_source sources[MAX_FILES];
    static const char *const names[MAX_FILES] = {"a.prisma", "b.prisma", "c.prisma", "d.prisma",
                                                 "e.prisma", "f.prisma", "g.prisma", "h.prisma"};
    const char *text = (const char *)data, *end = text + size;
    size_t count = 0;
    while (count < MAX_FILES) {
        const char *cut = count + 1 < MAX_FILES ? memmem(text, (size_t)(end - text), separator, sizeof(separator) - 1)
                                                : NULL;
        sources[count].file = names[count];
        sources[count].text = text;
        sources[count].len = (size_t)((cut ? cut : end) - text);
        count++;
        if (!cut) break;
        text = cut + sizeof(separator) - 1;
    }
    pf_schema *schema = pf_schema_parse(sources, count);
    for (size_t m = 0; m < schema->model_count; m++) {
        const pf_schema_model *model = &schema->models[m];
        if (pf_schema_model_named(schema, pf_str_c(model->name)) == NULL) __builtin_trap();
        pf_schema_model_by_delegate(schema, pf_str_c(model->delegate));
        for (size_t f = 0; f < model->field_count; f++) {
            const pf_schema_field *field = &model->fields[f];
            pf_schema_field_named(model, pf_str_c(field->name));
            pf_schema_related(schema, field);
            pf_schema_enum_named(schema, pf_str_c(field->type));
        }
    }
    pf_schema_free(schema);
    return 0;
}
