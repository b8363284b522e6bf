/* Object-literal helpers (see objects.h). */
#include "poolfix/objects.h"

#include <string.h>

pf_str pf_string_value(const pf_syntax *syntax, TSNode node) {
    if (!pf_node_is(node, "string")) return pf_str_make("", 0);
    TSNode fragment = pf_node_child_of_type(node, "string_fragment");
    return ts_node_is_null(fragment) ? pf_str_make("", 0) : pf_node_str(syntax, fragment);
}

pf_str pf_pair_key(const pf_syntax *syntax, TSNode pair) {
    TSNode key = pf_node_field(pair, "key");
    if (pf_node_is(key, "property_identifier") || pf_node_is(key, "number")) return pf_node_str(syntax, key);
    return pf_string_value(syntax, key);
}

TSNode pf_object_pair(const pf_syntax *syntax, TSNode object, const char *key) {
    if (ts_node_is_null(object)) return object; /* a call without arguments: `findMany()` */
    uint32_t n = pf_node_named_count(object);
    for (uint32_t i = 0; i < n; i++) {
        TSNode child = pf_node_named_child(object, i);
        if (pf_node_is(child, "pair") && pf_str_eq_c(pf_pair_key(syntax, child), key)) return child;
        if (pf_node_is(child, "shorthand_property_identifier") && pf_str_eq_c(pf_node_str(syntax, child), key))
            return child;
    }
    return pf_node_null();
}

TSNode pf_object_value(const pf_syntax *syntax, TSNode object, const char *key) {
    TSNode pair = pf_object_pair(syntax, object, key);
    return pf_node_is(pair, "pair") ? pf_node_field(pair, "value") : pair;
}

bool pf_object_has_spread(TSNode object) {
    return !ts_node_is_null(pf_node_child_of_type(object, "spread_element"));
}
