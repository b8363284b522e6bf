/* Tests of Next.js route mapping. */
#include "support.h"

#include "poolfix/endpoint.h"

#include <stdlib.h>

/* The route for `path`, and its router. */
static void assert_route(const char *path, const char *route, pf_router router) {
    pf_arena arena;
    pf_arena_init(&arena);
    pf_router got;
    const char *r = pf_route_for_path(&arena, path, &got);
    if (route) assert_string_equal(r, route);
    else assert_null(r);
    assert_int_equal(got, router);
    pf_arena_free(&arena);
}

static void test_app_router(void **state) {
    (void)state;
    assert_route("app/api/reports/dashboard/route.ts", "/api/reports/dashboard", PF_ROUTER_APP);
    assert_route("src/app/api/users/route.js", "/api/users", PF_ROUTER_APP);
    assert_route("app/(admin)/api/(stats)/users/route.ts", "/api/users", PF_ROUTER_APP);
    assert_route("app/@modal/api/x/route.ts", "/api/x", PF_ROUTER_APP);
    assert_route("app/api/students/[id]/assessment-history/route.ts", "/api/students/[id]/assessment-history",
                 PF_ROUTER_APP);
    assert_route("app/api/files/[...slug]/route.mts", "/api/files/[...slug]", PF_ROUTER_APP);
    assert_route("app/docs/[[...slug]]/route.tsx", "/docs/[[...slug]]", PF_ROUTER_APP);
    assert_route("apps/web/app/api/x/route.ts", "/api/x", PF_ROUTER_APP);
    assert_route("app/api/app/route.ts", "/api/app", PF_ROUTER_APP);
    assert_route("app/route.ts", "/", PF_ROUTER_APP);
    assert_route("app/api/users/page.tsx", NULL, PF_ROUTER_NONE);
    assert_route("app/api/users/route.d.ts.bak", NULL, PF_ROUTER_NONE);
    assert_route("lib/route.ts", NULL, PF_ROUTER_NONE);
}

static void test_pages_router(void **state) {
    (void)state;
    assert_route("pages/api/users.ts", "/api/users", PF_ROUTER_PAGES);
    assert_route("pages/api/users/index.ts", "/api/users", PF_ROUTER_PAGES);
    assert_route("src/pages/api/users/[id].js", "/api/users/[id]", PF_ROUTER_PAGES);
    assert_route("pages/api/index.ts", "/api", PF_ROUTER_PAGES);
    assert_route("pages/about.tsx", NULL, PF_ROUTER_NONE);
}

static void test_methods_and_normalize(void **state) {
    (void)state;
    assert_true(pf_is_http_method("GET", 3));
    assert_true(pf_is_http_method("OPTIONS", 7));
    assert_false(pf_is_http_method("get", 3));
    assert_false(pf_is_http_method("GETX", 4));
    char *n = pf_endpoint_normalize("api/users/");
    assert_string_equal(n, "/api/users");
    free(n);
    n = pf_endpoint_normalize("/");
    assert_string_equal(n, "/");
    free(n);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_app_router),
        cmocka_unit_test(test_pages_router),
        cmocka_unit_test(test_methods_and_normalize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
