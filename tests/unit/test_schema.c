/* Unit tests for the Prisma schema parser and loader (src/files/schema.c). */
#include "support.h"

#include "poolfix/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Helpers -------------------------------------------------------------------- */

/* Parses several named in-memory files as one schema. */
static pf_schema *parse_files(const char *const *names, const char *const *texts, size_t count) {
    pf_schema_source sources[8];
    assert_true(count <= sizeof sources / sizeof sources[0]);
    for (size_t i = 0; i < count; i++) {
        sources[i].file = names[i];
        sources[i].text = texts[i];
        sources[i].len = strlen(texts[i]);
    }
    return pf_schema_parse(sources, count);
}

/* Parses one in-memory file named schema.prisma. */
static pf_schema *parse_text(const char *text) {
    const char *name = "schema.prisma";
    return parse_files(&name, &text, 1);
}

/* Fails with every recorded problem listed, so a broken test says what went wrong. */
static void assert_no_errors(const pf_schema *schema) {
    for (size_t i = 0; i < schema->error_count; i++)
        print_error("%s:%d: %s\n", schema->errors[i].file, schema->errors[i].line, schema->errors[i].message);
    assert_int_equal(schema->error_count, 0);
}

/* Asserts that some problem was recorded at file:line with `needle` in its message. */
static void assert_error(const pf_schema *schema, const char *file, int line, const char *needle) {
    for (size_t i = 0; i < schema->error_count; i++) {
        const pf_schema_error *e = &schema->errors[i];
        if (strcmp(e->file, file) == 0 && e->line == line && strstr(e->message, needle)) return;
    }
    for (size_t i = 0; i < schema->error_count; i++)
        print_error("have %s:%d: %s\n", schema->errors[i].file, schema->errors[i].line, schema->errors[i].message);
    fail_msg("no error at %s:%d containing \"%s\"", file, line, needle);
}

/* The model called `name`, which must exist. */
static const pf_schema_model *model(const pf_schema *schema, const char *name) {
    const pf_schema_model *m = pf_schema_model_named(schema, pf_str_c(name));
    if (!m) fail_msg("no model %s", name);
    return m;
}

/* The field `model_name.field_name`, which must exist. */
static const pf_schema_field *field(const pf_schema *schema, const char *model_name, const char *field_name) {
    const pf_schema_field *f = pf_schema_field_named(model(schema, model_name), pf_str_c(field_name));
    if (!f) fail_msg("no field %s.%s", model_name, field_name);
    return f;
}

/* Asserts that `f` is a relation to the model called `target`. */
static void assert_relation(const pf_schema *schema, const pf_schema_field *f, const char *target) {
    assert_int_equal(f->kind, PF_FIELD_RELATION);
    const pf_schema_model *related = pf_schema_related(schema, f);
    assert_non_null(related);
    assert_string_equal(related->name, target);
    assert_ptr_equal(related, &schema->models[f->related_model]);
}

/* The 1-based line of the first occurrence of `needle` in `text`, so tests need not count. */
static int line_of(const char *text, const char *needle) {
    const char *at = strstr(text, needle);
    if (!at) fail_msg("\"%s\" is not in the text", needle);
    int line = 1;
    for (const char *s = text; s < at; s++) line += *s == '\n';
    return line;
}

/* A path under the test data folder: $POOLFIX_TEST_DATA (set by CTest), else found from
 * this source file's location. */
static char *data_path(const char *rel) {
    const char *dir = getenv("POOLFIX_TEST_DATA");
    if (dir && *dir) return test_join(dir, rel);
    const char *slash = strrchr(__FILE__, '/');
    int len = slash ? (int)(slash - __FILE__) : 1;
    size_t size = (size_t)len + strlen(rel) + 16;
    char *path = malloc(size);
    snprintf(path, size, "%.*s/../data/%s", len, slash ? __FILE__ : ".", rel);
    return path;
}

static const char SCHOOL[] =
    "// School platform\n"
    "generator client {\n"
    "  provider = \"prisma-client-js\"\n"
    "  output   = \"../src/generated/prisma\"\n"
    "}\n"
    "\n"
    "datasource db {\n"
    "  provider = \"postgresql\"\n"
    "  url      = env(\"DATABASE_URL\")\n"
    "}\n"
    "\n"
    "/// A school in the pilot\n"
    "model PilotSchool {\n"
    "  id        String    @id @default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid\n"
    "  name      String    @db.VarChar(255)\n"
    "  code      String    @unique\n"
    "  createdAt DateTime  @default(now()) @map(\"created_at\") @db.Timestamptz(6)\n"
    "  updatedAt DateTime  @updatedAt\n"
    "  students  Student[]\n"
    "  principal Staff?    @relation(\"Principal\")\n"
    "  score     Decimal?\n"
    "  tags      String[]\n"
    "  data      Json\n"
    "  point     Unsupported(\"point\")?\n"
    "\n"
    "  @@map(\"pilot_schools\")\n"
    "  @@index([name], map: \"school_name_idx\")\n"
    "}\n"
    "\n"
    "model Student {\n"
    "  id       Int         @id @default(autoincrement())\n"
    "  schoolId String      @map(\"school_id\")\n"
    "  school   PilotSchool @relation(fields: [schoolId], references: [id], onDelete: Cascade)\n"
    "  big      BigInt\n"
    "  ratio    Float\n"
    "  active   Boolean     @default(true)\n"
    "  photo    Bytes?\n"
    "}\n"
    "\n"
    "model Staff {\n"
    "  id       Int          @id\n"
    "  schoolId String?      @unique\n"
    "  school   PilotSchool? @relation(\"Principal\", fields: [schoolId], references: [id])\n"
    "}\n";

/* ---- Parsing -------------------------------------------------------------------- */

/* A realistic one-file schema: every field flag, kind, name and line the passes read. */
static void test_single_file(void **state) {
    (void)state;
    pf_schema *s = parse_text(SCHOOL);
    assert_no_errors(s);
    assert_null(s->path);
    assert_int_equal(s->model_count, 3);
    assert_string_equal(s->models[0].name, "PilotSchool");
    assert_string_equal(s->models[1].name, "Student");
    assert_string_equal(s->models[2].name, "Staff");

    const pf_schema_model *school = model(s, "PilotSchool");
    assert_string_equal(school->delegate, "pilotSchool");
    assert_string_equal(school->db_name, "pilot_schools");
    assert_false(school->is_view);
    assert_string_equal(school->file, "schema.prisma");
    assert_int_equal(school->line, line_of(SCHOOL, "model PilotSchool"));
    assert_int_equal(school->field_count, 11);
    assert_int_equal(school->id_field_count, 1);
    assert_string_equal(school->id_fields[0], "id");

    const pf_schema_field *id = field(s, "PilotSchool", "id");
    assert_string_equal(id->type, "String");
    assert_int_equal(id->kind, PF_FIELD_SCALAR);
    assert_true(id->is_id);
    assert_false(id->is_unique);
    assert_false(id->is_list);
    assert_false(id->is_optional);
    assert_int_equal(id->related_model, -1);
    assert_null(id->relation_name);
    assert_int_equal(id->line, line_of(SCHOOL, "  id        String"));

    assert_true(field(s, "PilotSchool", "code")->is_unique);
    assert_string_equal(field(s, "PilotSchool", "createdAt")->db_name, "created_at");
    assert_string_equal(field(s, "PilotSchool", "createdAt")->native_type, "Timestamptz");
    assert_string_equal(field(s, "PilotSchool", "name")->native_type, "VarChar");
    assert_string_equal(field(s, "PilotSchool", "updatedAt")->db_name, "updatedAt");
    assert_null(field(s, "PilotSchool", "updatedAt")->native_type);
    assert_true(field(s, "PilotSchool", "score")->is_optional);
    assert_string_equal(field(s, "PilotSchool", "score")->type, "Decimal");

    const pf_schema_field *tags = field(s, "PilotSchool", "tags");
    assert_int_equal(tags->kind, PF_FIELD_SCALAR);
    assert_true(tags->is_list);
    assert_null(pf_schema_related(s, tags));

    const pf_schema_field *point = field(s, "PilotSchool", "point");
    assert_string_equal(point->type, "Unsupported");
    assert_int_equal(point->kind, PF_FIELD_SCALAR);
    assert_true(point->is_optional);

    const pf_schema_field *students = field(s, "PilotSchool", "students");
    assert_relation(s, students, "Student");
    assert_true(students->is_list);

    const pf_schema_field *school_of = field(s, "Student", "school");
    assert_relation(s, school_of, "PilotSchool");
    assert_false(school_of->is_list);
    assert_false(school_of->is_optional);
    assert_null(school_of->relation_name);
    assert_string_equal(field(s, "Student", "schoolId")->db_name, "school_id");
    assert_int_equal(field(s, "Student", "photo")->kind, PF_FIELD_SCALAR);

    assert_string_equal(field(s, "PilotSchool", "principal")->relation_name, "Principal");
    assert_string_equal(field(s, "Staff", "school")->relation_name, "Principal");
    pf_schema_free(s);
}

/* Client code names models by delegate; lookups must take slices of that code. */
static void test_delegates_and_lookups(void **state) {
    (void)state;
    pf_schema *s = parse_text("model URLRecord {\n  id Int @id\n}\nmodel PilotSchool {\n  id Int @id\n}\n"
                              "model lower {\n  id Int @id\n}\n");
    assert_no_errors(s);
    assert_string_equal(model(s, "URLRecord")->delegate, "uRLRecord");
    assert_string_equal(model(s, "PilotSchool")->delegate, "pilotSchool");
    assert_string_equal(model(s, "lower")->delegate, "lower");

    /* Lookups take slices that are not NUL-terminated. */
    const char *text = "pilotSchool.findMany";
    const pf_schema_model *m = pf_schema_model_by_delegate(s, pf_str_make(text, 11));
    assert_non_null(m);
    assert_string_equal(m->name, "PilotSchool");
    assert_ptr_equal(pf_schema_model_named(s, pf_str_make("URLRecords", 9)), model(s, "URLRecord"));
    assert_ptr_equal(pf_schema_field_named(m, pf_str_make("idx", 2)), &m->fields[0]);

    assert_null(pf_schema_model_by_delegate(s, pf_str_c("PilotSchool")));
    assert_null(pf_schema_model_named(s, pf_str_c("pilotSchool")));
    assert_null(pf_schema_model_named(s, pf_str_c("Nope")));
    assert_null(pf_schema_field_named(m, pf_str_c("nope")));
    assert_null(pf_schema_enum_named(s, pf_str_c("URLRecord")));
    pf_schema_free(s);
}

/* Comments may hold braces, quotes and block headers, and end any line. */
static void test_comments(void **state) {
    (void)state;
    static const char text[] = "// top comment { \"\n"
                               "/// doc comment for User }\n"
                               "model User { // trailing { comment\n"
                               "  // a whole-line comment with model X { inside\n"
                               "  /// doc comment on a field\n"
                               "  id    Int    @id // the key }\n"
                               "  email String @unique///no space\n"
                               "  posts Post[] // to-many ( [\n"
                               "} // done\n"
                               "// model Ghost {\n"
                               "model Post {\n"
                               "  id       Int  @id\n"
                               "  authorId Int\n"
                               "  author   User @relation(fields: [authorId], references: [id]) // }\n"
                               "}\n";
    pf_schema *s = parse_text(text);
    assert_no_errors(s);
    assert_int_equal(s->model_count, 2);
    assert_int_equal(model(s, "User")->field_count, 3);
    assert_true(field(s, "User", "email")->is_unique);
    assert_relation(s, field(s, "User", "posts"), "Post");
    assert_relation(s, field(s, "Post", "author"), "User");
    assert_int_equal(field(s, "Post", "author")->line, line_of(text, "  author   User"));
    pf_schema_free(s);
}

/* Strings hold brackets, `//` and escaped quotes that must not steer the parser. */
static void test_strings_hide_brackets_and_slashes(void **state) {
    (void)state;
    pf_schema *s = parse_text("model Weird {\n"
                              "  id    String @id @default(\"a // b {\")\n"
                              "  x     String @map(\"x)\")\n"
                              "  q     String @default(\"say \\\"hi\\\" } ]\") @map(\"q\\\"col\")\n"
                              "  uuid  String @default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid\n"
                              "  shape Unsupported(\"circle(\")\n"
                              "\n"
                              "  @@index([x], map: \"idx{\")\n"
                              "  @@unique([x, q], map: \"u)//\")\n"
                              "  @@map(\"weird}\")\n"
                              "}\n"
                              "model After {\n"
                              "  id Int @id\n"
                              "}\n");
    assert_no_errors(s);
    const pf_schema_model *weird = model(s, "Weird");
    assert_int_equal(weird->field_count, 5);
    assert_string_equal(weird->db_name, "weird}");
    assert_string_equal(field(s, "Weird", "x")->db_name, "x)");
    assert_string_equal(field(s, "Weird", "q")->db_name, "q\"col");
    assert_string_equal(field(s, "Weird", "shape")->type, "Unsupported");
    assert_non_null(pf_schema_model_named(s, pf_str_c("After")));
    pf_schema_free(s);
}

/* @map/@@map give column and table names, positional or named; the default is the name. */
static void test_map_names(void **state) {
    (void)state;
    pf_schema *s = parse_text("model Account {\n"
                              "  id     Int    @id @map(\"account_id\")\n"
                              "  userId Int    @map(name: \"user_id\")\n"
                              "  plain  String\n"
                              "  @@map(name: \"accounts\")\n"
                              "  @@schema(\"auth\")\n"
                              "}\n"
                              "model Other {\n"
                              "  id Int @id\n"
                              "}\n");
    assert_no_errors(s);
    assert_string_equal(model(s, "Account")->db_name, "accounts");
    assert_string_equal(model(s, "Account")->db_schema, "auth");
    assert_string_equal(model(s, "Other")->db_name, "Other");
    assert_null(model(s, "Other")->db_schema);
    assert_string_equal(field(s, "Account", "id")->db_name, "account_id");
    assert_string_equal(field(s, "Account", "userId")->db_name, "user_id");
    assert_string_equal(field(s, "Account", "plain")->db_name, "plain");
    pf_schema_free(s);
}

/* Enum values as client code uses them, and fields typed by an enum. */
static void test_enums(void **state) {
    (void)state;
    static const char text[] = "model User {\n"
                               "  id    Int    @id\n"
                               "  role  Role   @default(STUDENT)\n"
                               "  roles Role[]\n"
                               "  grade Grade?\n"
                               "}\n"
                               "\n"
                               "enum Role {\n"
                               "  STUDENT\n"
                               "  TEACHER @map(\"teacher\") // mapped in the database only\n"
                               "  ADMIN\n"
                               "  @@map(\"roles\")\n"
                               "}\n"
                               "enum Grade { A\n"
                               "}\n";
    pf_schema *s = parse_text(text);
    assert_no_errors(s);
    assert_int_equal(s->enum_count, 2);
    const pf_schema_enum *role = pf_schema_enum_named(s, pf_str_c("Role"));
    assert_non_null(role);
    assert_int_equal(role->value_count, 3);
    assert_string_equal(role->values[0], "STUDENT");
    assert_string_equal(role->values[1], "TEACHER");
    assert_string_equal(role->values[2], "ADMIN");
    assert_string_equal(role->file, "schema.prisma");
    assert_int_equal(role->line, line_of(text, "enum Role"));
    assert_int_equal(pf_schema_enum_named(s, pf_str_c("Grade"))->value_count, 1);

    const pf_schema_field *f = field(s, "User", "role");
    assert_int_equal(f->kind, PF_FIELD_ENUM);
    assert_int_equal(f->related_model, -1);
    assert_null(pf_schema_related(s, f));
    assert_int_equal(field(s, "User", "roles")->kind, PF_FIELD_ENUM);
    assert_true(field(s, "User", "roles")->is_list);
    assert_int_equal(field(s, "User", "grade")->kind, PF_FIELD_ENUM);
    assert_null(pf_schema_model_named(s, pf_str_c("Role")));
    pf_schema_free(s);
}

/* A model related to itself: both ends resolve to the same model. */
static void test_self_relation(void **state) {
    (void)state;
    pf_schema *s = parse_text("model Category {\n"
                              "  id       Int        @id\n"
                              "  parentId Int?\n"
                              "  parent   Category?  @relation(\"Tree\", fields: [parentId], references: [id])\n"
                              "  children Category[] @relation(\"Tree\")\n"
                              "}\n");
    assert_no_errors(s);
    const pf_schema_field *parent = field(s, "Category", "parent");
    const pf_schema_field *children = field(s, "Category", "children");
    assert_relation(s, parent, "Category");
    assert_relation(s, children, "Category");
    assert_true(parent->is_optional);
    assert_false(parent->is_list);
    assert_true(children->is_list);
    assert_false(children->is_optional);
    assert_string_equal(parent->relation_name, "Tree");
    assert_string_equal(children->relation_name, "Tree");
    pf_schema_free(s);
}

/* Two relations between the same models, told apart by positional or named `name`. */
static void test_named_relations(void **state) {
    (void)state;
    pf_schema *s = parse_text("model User {\n"
                              "  id       Int    @id\n"
                              "  written  Post[] @relation(\"Author\")\n"
                              "  edited   Post[] @relation(name: \"Editor\")\n"
                              "}\n"
                              "model Post {\n"
                              "  id       Int   @id\n"
                              "  authorId Int\n"
                              "  editorId Int?\n"
                              "  author   User  @relation(\"Author\", fields: [authorId], references: [id])\n"
                              "  editor   User? @relation(fields: [editorId], references: [id], name: \"Editor\")\n"
                              "}\n");
    assert_no_errors(s);
    assert_string_equal(field(s, "User", "written")->relation_name, "Author");
    assert_string_equal(field(s, "User", "edited")->relation_name, "Editor");
    assert_string_equal(field(s, "Post", "author")->relation_name, "Author");
    assert_string_equal(field(s, "Post", "editor")->relation_name, "Editor");
    assert_relation(s, field(s, "Post", "editor"), "User");
    assert_relation(s, field(s, "User", "edited"), "Post");
    pf_schema_free(s);
}

/* @@id lists, positional or `fields:`, with per-field arguments. */
static void test_compound_ids(void **state) {
    (void)state;
    pf_schema *s = parse_text("model Enrollment {\n"
                              "  studentId Int\n"
                              "  courseId  Int\n"
                              "  @@id([studentId, courseId])\n"
                              "}\n"
                              "model Named {\n"
                              "  a Int\n"
                              "  b String\n"
                              "  c Int\n"
                              "  @@id(fields: [a, b(sort: Desc), c], name: \"abc\")\n"
                              "}\n"
                              "model NoId {\n"
                              "  a Int @unique\n"
                              "}\n");
    assert_no_errors(s);
    const pf_schema_model *enrollment = model(s, "Enrollment");
    assert_int_equal(enrollment->id_field_count, 2);
    assert_string_equal(enrollment->id_fields[0], "studentId");
    assert_string_equal(enrollment->id_fields[1], "courseId");
    assert_false(field(s, "Enrollment", "studentId")->is_id);

    const pf_schema_model *named = model(s, "Named");
    assert_int_equal(named->id_field_count, 3);
    assert_string_equal(named->id_fields[0], "a");
    assert_string_equal(named->id_fields[1], "b");
    assert_string_equal(named->id_fields[2], "c");
    assert_int_equal(model(s, "NoId")->id_field_count, 0);
    pf_schema_free(s);
}

/* Whether `take` is valid depends on is_list; optional to-one is still to-one. */
static void test_to_one_and_to_many(void **state) {
    (void)state;
    pf_schema *s = parse_text("model User {\n"
                              "  id      Int      @id\n"
                              "  profile Profile?\n"
                              "  posts   Post[]\n"
                              "}\n"
                              "model Profile {\n"
                              "  id     Int  @id\n"
                              "  userId Int  @unique\n"
                              "  user   User @relation(fields: [userId], references: [id])\n"
                              "}\n"
                              "model Post {\n"
                              "  id     Int   @id\n"
                              "  userId Int?\n"
                              "  user   User? @relation(fields: [userId], references: [id])\n"
                              "}\n");
    assert_no_errors(s);
    const pf_schema_field *profile = field(s, "User", "profile");
    assert_relation(s, profile, "Profile");
    assert_true(profile->is_optional);
    assert_false(profile->is_list);

    const pf_schema_field *posts = field(s, "User", "posts");
    assert_relation(s, posts, "Post");
    assert_true(posts->is_list);
    assert_false(posts->is_optional);

    const pf_schema_field *owner = field(s, "Profile", "user");
    assert_relation(s, owner, "User");
    assert_false(owner->is_optional);
    assert_false(owner->is_list);
    assert_true(field(s, "Post", "user")->is_optional);
    pf_schema_free(s);
}

/* MongoDB `type` blocks embed: composite fields are not relations or models. */
static void test_composite_types(void **state) {
    (void)state;
    pf_schema *s = parse_text("datasource db {\n"
                              "  provider = \"mongodb\"\n"
                              "  url      = env(\"DATABASE_URL\")\n"
                              "}\n"
                              "type Address {\n"
                              "  street String\n"
                              "  geo    Geo?\n"
                              "  kind   Kind\n"
                              "}\n"
                              "type Geo {\n"
                              "  lat Float\n"
                              "  lng Float\n"
                              "}\n"
                              "enum Kind {\n"
                              "  HOME\n"
                              "}\n"
                              "model Customer {\n"
                              "  id       String    @id @default(auto()) @map(\"_id\") @db.ObjectId\n"
                              "  address  Address\n"
                              "  previous Address[]\n"
                              "  orders   Order[]\n"
                              "}\n"
                              "model Order {\n"
                              "  id         String   @id @default(auto()) @map(\"_id\") @db.ObjectId\n"
                              "  customerId String   @db.ObjectId\n"
                              "  customer   Customer @relation(fields: [customerId], references: [id])\n"
                              "}\n");
    assert_no_errors(s);
    assert_string_equal(s->provider, "mongodb");
    assert_int_equal(s->model_count, 2);
    assert_null(pf_schema_model_named(s, pf_str_c("Address")));

    const pf_schema_field *address = field(s, "Customer", "address");
    assert_int_equal(address->kind, PF_FIELD_COMPOSITE);
    assert_int_equal(address->related_model, -1);
    assert_null(pf_schema_related(s, address));
    assert_int_equal(field(s, "Customer", "previous")->kind, PF_FIELD_COMPOSITE);
    assert_true(field(s, "Customer", "previous")->is_list);
    assert_relation(s, field(s, "Customer", "orders"), "Order");
    assert_string_equal(field(s, "Customer", "id")->db_name, "_id");
    pf_schema_free(s);
}

/* Fields of a composite type are resolved too, so their typos are caught. */
static void test_composite_type_fields_are_checked(void **state) {
    (void)state;
    pf_schema *s = parse_text("type Address {\n  street Strnig\n}\nmodel A {\n  id Int @id\n  at Address\n}\n");
    assert_int_equal(s->error_count, 1);
    assert_error(s, "schema.prisma", 2, "unknown type `Strnig` for field `Address.street`");
    pf_schema_free(s);
}

/* Views are queried like models and can be related to. */
static void test_views(void **state) {
    (void)state;
    pf_schema *s = parse_text("model User {\n"
                              "  id   Int       @id\n"
                              "  info UserInfo?\n"
                              "}\n"
                              "view UserInfo {\n"
                              "  id    Int    @unique\n"
                              "  email String\n"
                              "  user  User   @relation(fields: [id], references: [id])\n"
                              "}\n");
    assert_no_errors(s);
    const pf_schema_model *info = model(s, "UserInfo");
    assert_true(info->is_view);
    assert_false(model(s, "User")->is_view);
    assert_string_equal(info->delegate, "userInfo");
    assert_true(field(s, "UserInfo", "id")->is_unique);
    assert_int_equal(info->id_field_count, 0);
    assert_relation(s, field(s, "User", "info"), "UserInfo");
    assert_relation(s, field(s, "UserInfo", "user"), "User");
    pf_schema_free(s);
}

/* Settings keep plain strings only; arrays and env() values are read past. */
static void test_datasource_and_generators(void **state) {
    (void)state;
    pf_schema *s = parse_text("generator client {\n"
                              "  provider        = \"prisma-client\"\n"
                              "  output          = \"../src/generated/prisma\"\n"
                              "  previewFeatures = [\"views\", \"multiSchema\"]\n"
                              "  binaryTargets   = [\"native\"]\n"
                              "}\n"
                              "generator erd {\n"
                              "  provider = \"prisma-erd-generator\"\n"
                              "  output   = env(\"ERD_OUT\")\n"
                              "}\n"
                              "generator bare {\n"
                              "}\n"
                              "datasource db {\n"
                              "  provider   = \"postgresql\"\n"
                              "  url        = env(\"DATABASE_URL\")\n"
                              "  extensions = [pgcrypto, postgis(version: \"3.1\")]\n"
                              "  schemas    = [\"public\", \"audit\"]\n"
                              "}\n"
                              "model A {\n"
                              "  id Int @id\n"
                              "  @@schema(\"audit\")\n"
                              "}\n");
    assert_no_errors(s);
    assert_string_equal(s->provider, "postgresql");
    assert_int_equal(s->generator_count, 3);
    assert_string_equal(s->generators[0].name, "client");
    assert_string_equal(s->generators[0].provider, "prisma-client");
    assert_string_equal(s->generators[0].output, "../src/generated/prisma");
    assert_string_equal(s->generators[1].name, "erd");
    assert_string_equal(s->generators[1].provider, "prisma-erd-generator");
    assert_null(s->generators[1].output);
    assert_string_equal(s->generators[2].name, "bare");
    assert_null(s->generators[2].provider);
    assert_null(s->generators[2].output);
    assert_string_equal(model(s, "A")->db_name, "A");
    pf_schema_free(s);
}

/* A schema without settings blocks has none recorded. */
static void test_no_datasource(void **state) {
    (void)state;
    pf_schema *s = parse_text("model A {\n  id Int @id\n}\n");
    assert_no_errors(s);
    assert_null(s->provider);
    assert_int_equal(s->generator_count, 0);
    assert_int_equal(s->enum_count, 0);
    pf_schema_free(s);
}

/* A newer Prisma's block kind is skipped whole, nested braces and all. */
static void test_unknown_block_is_skipped(void **state) {
    (void)state;
    pf_schema *s = parse_text("plugin Extra {\n"
                              "  nested {\n"
                              "    x = \"}\"\n"
                              "    model Inner {\n"
                              "    }\n"
                              "  }\n"
                              "  // }\n"
                              "  garbage ( [ !!\n"
                              "}\n"
                              "model After {\n"
                              "  id Int @id\n"
                              "}\n");
    assert_no_errors(s);
    assert_int_equal(s->model_count, 1);
    assert_string_equal(s->models[0].name, "After");
    pf_schema_free(s);
}

/* Bracketed arguments may span lines without breaking field lines or numbers. */
static void test_multiline_arguments(void **state) {
    (void)state;
    static const char text[] = "model Post {\n"
                               "  id       Int  @id\n"
                               "  authorId Int\n"
                               "  author   User @relation(\n"
                               "    \"Written\",\n"
                               "    fields: [authorId],\n"
                               "    references: [id]\n"
                               "  )\n"
                               "  title    String\n"
                               "  @@index([\n"
                               "    authorId,\n"
                               "    title\n"
                               "  ])\n"
                               "  @@id(fields: [\n"
                               "    id\n"
                               "  ])\n"
                               "}\n"
                               "model User {\n"
                               "  id    Int    @id\n"
                               "  posts Post[] @relation(\"Written\")\n"
                               "}\n";
    pf_schema *s = parse_text(text);
    assert_no_errors(s);
    const pf_schema_field *author = field(s, "Post", "author");
    assert_relation(s, author, "User");
    assert_string_equal(author->relation_name, "Written");
    assert_int_equal(author->line, line_of(text, "  author   User"));
    assert_int_equal(field(s, "Post", "title")->line, line_of(text, "  title"));
    assert_int_equal(model(s, "Post")->field_count, 4);
    pf_schema_free(s);
}

/* A byte order mark, CRLF line ends and one-line blocks read as usual. */
static void test_one_line_blocks_and_crlf(void **state) {
    (void)state;
    pf_schema *s = parse_text("\xEF\xBB\xBF"
                              "model Empty {}\r\n"
                              "model One { id Int @id }\r\n"
                              "enum E { A }\r\n"
                              "datasource db { provider = \"sqlite\" }\r\n"
                              "model Two {\r\n"
                              "  id Int @id\r\n"
                              "  e  E\r\n"
                              "}\r\n");
    assert_no_errors(s);
    assert_int_equal(s->model_count, 3);
    assert_int_equal(model(s, "Empty")->field_count, 0);
    assert_true(field(s, "One", "id")->is_id);
    assert_string_equal(s->provider, "sqlite");
    assert_int_equal(field(s, "Two", "e")->kind, PF_FIELD_ENUM);
    assert_int_equal(field(s, "Two", "e")->line, 7);
    pf_schema_free(s);
}

/* A multi-file schema resolves relations and enums across files. */
static void test_cross_file_relations(void **state) {
    (void)state;
    const char *names[] = {"prisma/schema/post.prisma", "prisma/schema/user.prisma"};
    const char *texts[] = {"model Post {\n"
                           "  id       Int  @id\n"
                           "  authorId Int\n"
                           "  author   User @relation(fields: [authorId], references: [id])\n"
                           "  status   Status\n"
                           "}\n",
                           "datasource db {\n"
                           "  provider = \"postgresql\"\n"
                           "}\n"
                           "\n"
                           "model User {\n"
                           "  id    Int    @id\n"
                           "  posts Post[]\n"
                           "}\n"
                           "enum Status {\n"
                           "  DRAFT\n"
                           "}\n"};
    pf_schema *s = parse_files(names, texts, 2);
    assert_no_errors(s);
    assert_string_equal(s->provider, "postgresql");
    assert_relation(s, field(s, "Post", "author"), "User");
    assert_relation(s, field(s, "User", "posts"), "Post");
    assert_int_equal(field(s, "Post", "status")->kind, PF_FIELD_ENUM);
    assert_string_equal(model(s, "Post")->file, "prisma/schema/post.prisma");
    assert_string_equal(model(s, "User")->file, "prisma/schema/user.prisma");
    assert_int_equal(model(s, "User")->line, 5);
    pf_schema_free(s);
}

/* ---- Errors --------------------------------------------------------------------- */

/* An undeclared type is reported at its field, and the rest still parses. */
static void test_error_unknown_type(void **state) {
    (void)state;
    static const char text[] = "model Post {\n"
                               "  id     Int    @id\n"
                               "  author Writer\n"
                               "  tags   Tag[]\n"
                               "}\n"
                               "model Later {\n"
                               "  id Int @id\n"
                               "}\n";
    pf_schema *s = parse_text(text);
    assert_int_equal(s->error_count, 2);
    assert_error(s, "schema.prisma", 3, "unknown type `Writer` for field `Post.author`");
    assert_error(s, "schema.prisma", 4, "unknown type `Tag` for field `Post.tags`");
    assert_non_null(pf_schema_model_named(s, pf_str_c("Later")));
    assert_null(pf_schema_related(s, field(s, "Post", "author")));
    pf_schema_free(s);
}

/* A missing `}` is reported at the block's header; the next block still reads. */
static void test_error_unterminated_block(void **state) {
    (void)state;
    pf_schema *s = parse_text("model A {\n"
                              "  id Int @id\n"
                              "\n"
                              "model B {\n"
                              "  id Int @id\n"
                              "  a  A\n"
                              "}\n"
                              "enum Open {\n"
                              "  X\n");
    assert_int_equal(s->error_count, 2);
    assert_error(s, "schema.prisma", 1, "unterminated block `model A`");
    assert_error(s, "schema.prisma", 8, "unterminated block `enum Open`");
    assert_int_equal(model(s, "A")->field_count, 1);
    assert_relation(s, field(s, "B", "a"), "A");
    assert_int_equal(pf_schema_enum_named(s, pf_str_c("Open"))->value_count, 1);
    pf_schema_free(s);

    s = parse_text("generator client {\n  provider = \"x\"\n");
    assert_int_equal(s->error_count, 1);
    assert_error(s, "schema.prisma", 1, "unterminated block `generator client`");
    pf_schema_free(s);

    s = parse_text("mystery Block {\n  { }\n");
    assert_int_equal(s->error_count, 1);
    assert_error(s, "schema.prisma", 1, "unterminated block `mystery Block`");
    pf_schema_free(s);
}

/* Each bad line gives one error at its line, in every kind of block. */
static void test_error_garbage_lines(void **state) {
    (void)state;
    pf_schema *s = parse_text("model A {\n"
                              "  id Int @id\n"
                              "  this is not a field\n"
                              "  !!!\n"
                              "  name String\n"
                              "  email String @unique @\n"
                              "  lonely\n"
                              "  bad String[]?\n"
                              "}\n"
                              "enum E {\n"
                              "  ONE TWO\n"
                              "  = \n"
                              "}\n"
                              "datasource db {\n"
                              "  provider \"postgresql\"\n"
                              "  url =\n"
                              "}\n"
                              "model B {\n"
                              "  id Int @id\n"
                              "}\n");
    assert_error(s, "schema.prisma", 3, "unexpected `not` in model `A`");
    assert_error(s, "schema.prisma", 4, "unexpected `!` in model `A`");
    assert_error(s, "schema.prisma", 6, "unexpected `@` in model `A`");
    assert_error(s, "schema.prisma", 7, "unexpected end of line in model `A`");
    assert_error(s, "schema.prisma", 8, "unexpected `?` in model `A`");
    assert_error(s, "schema.prisma", 11, "unexpected `TWO` in enum `E`");
    assert_error(s, "schema.prisma", 12, "unexpected `=` in enum `E`");
    assert_error(s, "schema.prisma", 15, "unexpected `provider` in datasource `db`");
    assert_error(s, "schema.prisma", 16, "unexpected end of line in datasource `db`");
    assert_int_equal(s->error_count, 9);
    /* Only the lines that read cleanly are kept; everything after goes on. */
    const pf_schema_model *a = model(s, "A");
    assert_int_equal(a->field_count, 2);
    assert_string_equal(a->fields[0].name, "id");
    assert_string_equal(a->fields[1].name, "name");
    assert_int_equal(pf_schema_enum_named(s, pf_str_c("E"))->value_count, 0);
    assert_non_null(pf_schema_model_named(s, pf_str_c("B")));
    assert_null(s->provider);
    pf_schema_free(s);
}

/* A second declaration of a name is reported, and the first one is kept. */
static void test_error_duplicate_model(void **state) {
    (void)state;
    const char *names[] = {"a.prisma", "b.prisma"};
    const char *texts[] = {"model User {\n  id Int @id\n}\nenum Role {\n  A\n}\n",
                           "model Post {\n"
                           "  id Int @id\n"
                           "}\n"
                           "model User {\n"
                           "  id    Int @id\n"
                           "  extra Nope\n"
                           "}\n"
                           "model Role {\n"
                           "  id Int @id\n"
                           "}\n"
                           "model After {\n"
                           "  id   Int  @id\n"
                           "  user User\n"
                           "}\n"};
    pf_schema *s = parse_files(names, texts, 2);
    assert_int_equal(s->error_count, 2);
    assert_error(s, "b.prisma", 4, "duplicate model `User` (first declared at a.prisma:1)");
    assert_error(s, "b.prisma", 8, "duplicate model `Role` (first declared at a.prisma:4)");
    /* The first declaration is kept; the duplicate is neither listed nor resolved. */
    assert_int_equal(s->model_count, 3);
    assert_int_equal(model(s, "User")->field_count, 1);
    assert_string_equal(model(s, "User")->file, "a.prisma");
    assert_relation(s, field(s, "After", "user"), "User");
    pf_schema_free(s);
}

/* An unterminated string is one error; the next lines still read. */
static void test_error_unterminated_string(void **state) {
    (void)state;
    pf_schema *s = parse_text("model A {\n"
                              "  id   Int    @id\n"
                              "  name String @default(\"abc)\n"
                              "  note String @map(\"ends with backslash\\\")\n"
                              "  ok   String\n"
                              "}\n"
                              "\"dangling\n"
                              "model B {\n"
                              "  id Int @id\n"
                              "}\n");
    assert_int_equal(s->error_count, 3);
    assert_error(s, "schema.prisma", 3, "unterminated string");
    assert_error(s, "schema.prisma", 4, "unterminated string");
    assert_error(s, "schema.prisma", 7, "unterminated string");
    assert_int_equal(model(s, "A")->field_count, 2);
    assert_non_null(pf_schema_field_named(model(s, "A"), pf_str_c("ok")));
    assert_non_null(pf_schema_model_named(s, pf_str_c("B")));
    pf_schema_free(s);
}

/* An unclosed bracket costs its own line only. */
static void test_error_unclosed_bracket(void **state) {
    (void)state;
    pf_schema *s = parse_text("model A {\n"
                              "  id   Int    @id @default(autoincrement(\n"
                              "  name String\n"
                              "  @@index([name)\n"
                              "  list Weird(\n"
                              "}\n");
    assert_error(s, "schema.prisma", 2, "`(` is never closed");
    assert_error(s, "schema.prisma", 4, "`(` is never closed");
    assert_error(s, "schema.prisma", 5, "`(` is never closed");
    assert_int_equal(s->error_count, 3);
    assert_int_equal(model(s, "A")->field_count, 1);
    assert_string_equal(model(s, "A")->fields[0].name, "name");
    pf_schema_free(s);
}

/* Stray text outside blocks is reported once, up to the next block. */
static void test_error_outside_blocks(void **state) {
    (void)state;
    pf_schema *s = parse_text("hello there\n"
                              "model Broken\n"
                              "{\n"
                              "  id Int @id\n"
                              "}\n"
                              "}\n"
                              "model Fine {\n"
                              "  id Int @id\n"
                              "}\n"
                              "42\n");
    assert_error(s, "schema.prisma", 1, "unexpected `hello` outside a block");
    assert_error(s, "schema.prisma", 10, "unexpected `42` outside a block");
    assert_int_equal(s->error_count, 2);
    assert_int_equal(s->model_count, 1);
    assert_string_equal(s->models[0].name, "Fine");
    pf_schema_free(s);
}

/* Errors name the source they come from, parse and resolution errors alike. */
static void test_errors_name_their_file(void **state) {
    (void)state;
    const char *names[] = {"one.prisma", "two.prisma"};
    const char *texts[] = {"model A {\n  id Int @id\n  b  Bee\n}\n", "\n\nmodel C {\n  ?\n}\n"};
    pf_schema *s = parse_files(names, texts, 2);
    assert_int_equal(s->error_count, 2);
    assert_error(s, "one.prisma", 3, "unknown type `Bee` for field `A.b`");
    assert_error(s, "two.prisma", 4, "unexpected `?` in model `C`");
    pf_schema_free(s);
}

/* Every prefix of a valid schema, and scrambled bytes, must parse without a crash or a
 * leak (the sanitizers watch), each problem with a file, a line and a message. */
static void test_garbage_never_crashes(void **state) {
    (void)state;
    static const char tail[] = "model T {\n  a Int @default(\n  b String @map(\"x\\\"\n  c Unsupported(\"p\")[]\n"
                               "  @@id([a, b(\n}\nenum E { A @map(\"a\") }\nfoo Bar { {\n";
    size_t len = strlen(SCHOOL) + strlen(tail);
    char *text = malloc(len + 1);
    snprintf(text, len + 1, "%s%s", SCHOOL, tail);
    for (size_t n = 0; n <= len; n++) {
        pf_schema_source src = {"prefix.prisma", text, n};
        pf_schema *s = pf_schema_parse(&src, 1);
        for (size_t i = 0; i < s->error_count; i++) {
            assert_string_equal(s->errors[i].file, "prefix.prisma");
            assert_true(s->errors[i].line >= 1);
            assert_non_null(s->errors[i].message);
            assert_null(strchr(s->errors[i].message, '\n'));
        }
        pf_schema_free(s);
    }
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        char scrambled[256];
        for (size_t i = 0; i < sizeof scrambled; i++) {
            seed = seed * 1103515245u + 12345u;
            /* Mostly the characters that steer the parser, plus arbitrary bytes. */
            static const char steer[] = "{}()[]@\"\\/\n =?:,.ab";
            unsigned r = (seed >> 16) & 0xffff;
            scrambled[i] = r % 4 ? steer[r % (sizeof steer - 1)] : (char)(r & 0xff);
        }
        pf_schema_source src = {"random.prisma", scrambled, sizeof scrambled};
        pf_schema_free(pf_schema_parse(&src, 1));
    }
    free(text);
    pf_schema_free(pf_schema_parse(NULL, 0));
    pf_schema_free(NULL);
}

/* ---- Loading -------------------------------------------------------------------- */

/* Loading one file records its path, and models name it as their file. */
static void test_load_file(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "prisma/schema.prisma", SCHOOL);
    char *path = test_join(root, "prisma/schema.prisma");
    char *error = (char *)"untouched";
    pf_schema *s = pf_schema_load(path, &error);
    assert_non_null(s);
    assert_null(error);
    assert_no_errors(s);
    assert_string_equal(s->path, path);
    assert_string_equal(model(s, "Student")->file, path);
    assert_int_equal(s->model_count, 3);
    pf_schema_free(s);
    free(path);
    test_rmtree(root);
    free(root);
}

/* An outline keeps what names a schema (path, provider, error count, fingerprint) and none of
 * its models, and outlives the schema it was made from. */
static void test_outline(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "prisma/schema.prisma", SCHOOL);
    test_write_str(root, "broken/schema.prisma", "model A {\n  id Int @id\n  b Missing\n}\n");
    const char *names[] = {"prisma/schema.prisma", "broken/schema.prisma"};
    for (size_t k = 0; k < 2; k++) {
        char *path = test_join(root, names[k]);
        char *error = NULL;
        pf_schema *s = pf_schema_load(path, &error);
        assert_non_null(s);
        pf_schema *outline = pf_schema_outline(s);
        size_t errors = s->error_count;
        pf_hash fingerprint = s->fingerprint;
        const char *provider = s->provider ? strdup(s->provider) : NULL;
        pf_schema_free(s);
        assert_string_equal(outline->path, path);
        assert_int_equal(outline->error_count, errors);
        assert_true(k == 0 ? errors == 0 : errors > 0);
        assert_memory_equal(&outline->fingerprint, &fingerprint, sizeof(fingerprint));
        if (provider) assert_string_equal(outline->provider, provider);
        else assert_null(outline->provider);
        assert_int_equal(outline->model_count, 0);
        assert_null(outline->models);
        pf_schema_free(outline);
        free((char *)provider);
        free(path);
    }
    test_rmtree(root);
    free(root);
}

/* A prisma/schema/ style folder, subfolder included, read in path order. */
static void test_load_folder_fixture(void **state) {
    (void)state;
    char *dir = data_path("schema/multi");
    char *error = NULL;
    pf_schema *s = pf_schema_load(dir, &error);
    if (!s) fail_msg("%s", error);
    assert_no_errors(s);
    assert_string_equal(s->path, dir);
    assert_string_equal(s->provider, "postgresql");
    assert_int_equal(s->generator_count, 1);
    /* Files are read in path order: blog/post.prisma, schema.prisma, user.prisma. */
    assert_int_equal(s->model_count, 3);
    assert_string_equal(s->models[0].name, "Post");
    assert_string_equal(s->models[1].name, "Comment");
    assert_string_equal(s->models[2].name, "User");
    assert_non_null(strstr(s->models[0].file, "multi/blog/post.prisma"));
    assert_non_null(strstr(s->models[2].file, "multi/user.prisma"));
    assert_relation(s, field(s, "Post", "author"), "User");
    assert_relation(s, field(s, "User", "posts"), "Post");
    assert_relation(s, field(s, "Comment", "post"), "Post");
    assert_int_equal(field(s, "User", "role")->kind, PF_FIELD_ENUM);
    pf_schema_free(s);
    free(dir);
}

/* Only visible *.prisma files count, and errors name the file inside the folder. */
static void test_load_folder_reports_file_errors(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "schema/b.prisma", "model B {\n  id Int @id\n  a  A\n  c  Cee\n}\n");
    test_write_str(root, "schema/a.prisma", "model A {\n  id Int @id\n}\n");
    test_write_str(root, "schema/notes.txt", "model Ignored {\n}\n");
    test_write_str(root, "schema/.hidden.prisma", "model Hidden {\n}\n");
    test_write_str(root, "schema/deep/er/z.prisma", "model Z {\n  id Int @id\n}\n");
    char *dir = test_join(root, "schema/");
    char *error = NULL;
    pf_schema *s = pf_schema_load(dir, &error);
    assert_non_null(s);
    assert_int_equal(s->model_count, 3);
    assert_string_equal(s->models[0].name, "A");
    assert_string_equal(s->models[1].name, "B");
    assert_string_equal(s->models[2].name, "Z");
    char *b_file = test_join(root, "schema/b.prisma");
    assert_string_equal(model(s, "B")->file, b_file);
    assert_int_equal(s->error_count, 1);
    assert_error(s, b_file, 4, "unknown type `Cee` for field `B.c`");
    assert_relation(s, field(s, "B", "a"), "A");
    free(b_file);
    pf_schema_free(s);
    free(dir);
    test_rmtree(root);
    free(root);
}

/* A path that cannot be read is the caller's one-line error, not a schema. */
static void test_load_missing_path(void **state) {
    (void)state;
    char *error = NULL;
    assert_null(pf_schema_load("/nonexistent/poolfix/schema.prisma", &error));
    assert_non_null(error);
    assert_non_null(strstr(error, "/nonexistent/poolfix/schema.prisma"));
    assert_non_null(strstr(error, "No such file or directory"));
    assert_null(strchr(error, '\n'));
    free(error);
    assert_null(pf_schema_load("/nonexistent", NULL));
}

/* A folder without a schema file is the wrong folder: an error, not an empty schema. */
static void test_load_empty_folder(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "readme.md", "no schema here\n");
    char *error = NULL;
    assert_null(pf_schema_load(root, &error));
    assert_non_null(error);
    assert_non_null(strstr(error, root));
    assert_non_null(strstr(error, "no .prisma file"));
    free(error);
    test_rmtree(root);
    free(root);
}

/* One program, one CTest test: every case above in the order written. */
int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_file),
        cmocka_unit_test(test_outline),
        cmocka_unit_test(test_delegates_and_lookups),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_strings_hide_brackets_and_slashes),
        cmocka_unit_test(test_map_names),
        cmocka_unit_test(test_enums),
        cmocka_unit_test(test_self_relation),
        cmocka_unit_test(test_named_relations),
        cmocka_unit_test(test_compound_ids),
        cmocka_unit_test(test_to_one_and_to_many),
        cmocka_unit_test(test_composite_types),
        cmocka_unit_test(test_composite_type_fields_are_checked),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_datasource_and_generators),
        cmocka_unit_test(test_no_datasource),
        cmocka_unit_test(test_unknown_block_is_skipped),
        cmocka_unit_test(test_multiline_arguments),
        cmocka_unit_test(test_one_line_blocks_and_crlf),
        cmocka_unit_test(test_cross_file_relations),
        cmocka_unit_test(test_error_unknown_type),
        cmocka_unit_test(test_error_unterminated_block),
        cmocka_unit_test(test_error_garbage_lines),
        cmocka_unit_test(test_error_duplicate_model),
        cmocka_unit_test(test_error_unterminated_string),
        cmocka_unit_test(test_error_unclosed_bracket),
        cmocka_unit_test(test_error_outside_blocks),
        cmocka_unit_test(test_errors_name_their_file),
        cmocka_unit_test(test_garbage_never_crashes),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_load_folder_fixture),
        cmocka_unit_test(test_load_folder_reports_file_errors),
        cmocka_unit_test(test_load_missing_path),
        cmocka_unit_test(test_load_empty_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
