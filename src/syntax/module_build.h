/* What module.c (imports, exports, bindings) and entries.c (endpoints) share while they
 * build one pf_module: the state of the build and the helpers that copy names out of the
 * syntax. Private to src/syntax/. */
#ifndef POOLFIX_MODULE_BUILD_H
#define POOLFIX_MODULE_BUILD_H

#include "poolfix/module.h"

typedef struct module_builder {
    pf_module *module;
    pf_arena *arena;
    const pf_model *model;
    const pf_syntax *syntax;
    bool mentions_client; /* the text names PrismaClient or $extends at all */
} module_builder;

/* The node's text, copied into the arena. */
const char *mb_copy(module_builder *b, TSNode node);
/* The name a callee or value is written as when it is an identifier, `this` or a member
 * chain of them (`svc.get`, `this.users.find`), copied into the arena; NULL otherwise. */
const char *mb_name(module_builder *b, TSNode node);
/* The contents of a string literal (or a template without substitutions), copied; NULL for
 * anything else. */
const char *mb_string(module_builder *b, TSNode node);
/* The index of the function whose node is exactly `node`, or PF_NONE. */
uint32_t mb_function(module_builder *b, TSNode node);
/* The index of the innermost function containing `node`, or PF_NONE at top level. */
uint32_t mb_enclosing_function(module_builder *b, TSNode node);
/* Adds a ref for `value`: an inline function, or a name (a call's callee when `value` is a
 * call such as `rateLimit({...})`, whose result is what runs). PF_NONE when it is neither. */
uint32_t mb_ref(module_builder *b, TSNode value);
/* Adds a ref to the export `name` of this file. */
uint32_t mb_export_ref(module_builder *b, const char *name, int line);
/* Whether a statement block or program starts with the directive `text` ('use server'). */
bool mb_has_directive(module_builder *b, TSNode block, const char *text);

/* Whether `call` creates a tRPC router: `router({...})`, `t.router({...})`,
 * `createTRPCRouter({...})`; its object literal argument goes to `*object`. */
bool mb_is_router_call(module_builder *b, TSNode call, TSNode *object);

/* Adds the endpoints the file declares (entries.c); bindings and exports must be built. */
void mb_build_entries(module_builder *b);

#endif
