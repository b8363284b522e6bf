/* How many large files the worker threads of a run parse at once: one.
 *
 * A syntax tree takes about thirteen times its file's bytes (civitai's 394 KB router is a
 * 5 MB tree), and it lives until the file's analysis ends. Two workers that meet two large
 * files at the same time hold both trees, and that moment was the peak memory of a whole run.
 * A large file waits for the other large one to be done; small files never wait, so the
 * workers stay busy with them. The budget is owned by the run and shared by its workers. */
#ifndef POOLFIX_PARSE_BUDGET_H
#define POOLFIX_PARSE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

/* Files of at least this many bytes count as large (a tree of about a megabyte). */
#define PF_LARGE_PARSE_BYTES ((size_t)64 * 1024)

typedef struct pf_parse_budget pf_parse_budget;

/* A budget for files of `large_bytes` or more (PF_LARGE_PARSE_BYTES in a run). */
pf_parse_budget *pf_parse_budget_new(size_t large_bytes);
void pf_parse_budget_free(pf_parse_budget *budget);

/* Waits until a file of `bytes` may be parsed. Returns whether the file counts as large:
 * then pf_parse_budget_leave() must follow once its tree is freed. A NULL budget never waits. */
bool pf_parse_budget_enter(pf_parse_budget *budget, size_t bytes);
/* Ends the parse of a large file that pf_parse_budget_enter() let in, waking a waiting one. */
void pf_parse_budget_leave(pf_parse_budget *budget);
/* Whether `bytes` would have to wait now (another large file is being parsed); for tests. */
bool pf_parse_budget_would_wait(pf_parse_budget *budget, size_t bytes);

#endif
