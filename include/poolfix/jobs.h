/* The jobs of a stage, as the worker threads take them: small files by any worker, in order;
 * large ones by worker 0, and by the others only once no small file is left.
 *
 * A syntax tree takes about ten times its file's bytes (civitai's 394 KB router is a 4 MB
 * tree; with its model and scratch, 6 MB), and each worker thread allocates from a malloc
 * arena of its own, which keeps the pages of what it freed. Two workers that parse large
 * files each grow their arena to hold the largest tree they met, and may hold two at once:
 * one worker taking every large file holds one such tree at a time, in one arena (civitai:
 * peak memory 41.5 -> 37.3 MB, same wall time; trimming the arenas after each large file
 * instead gave 35.5 MB for 3 % more CPU). Owned by one stage. */
#ifndef POOLFIX_JOBS_H
#define POOLFIX_JOBS_H

#include <stdbool.h>
#include <stddef.h>

/* Files of at least this many bytes count as large (a tree of about half a megabyte). */
#define PF_LARGE_JOB_BYTES ((size_t)64 * 1024)

typedef struct pf_jobs pf_jobs;

/* `count` jobs of `sizes[j]` bytes each (the array is borrowed), for `workers` threads;
 * a job of `large_bytes` or more is large. `in_order`: worker 0 takes the large jobs in their
 * place in the order, not first (see pf_jobs_take). */
pf_jobs *pf_jobs_new(const size_t *sizes, size_t count, size_t large_bytes, size_t workers, bool in_order);
void pf_jobs_free(pf_jobs *jobs);

/* The next job for worker `worker` (0 .. workers - 1) in `*job`; false when none is left.
 * Worker 0 takes the large jobs first, largest first, then small ones with the others: it
 * starts on the long work while the others take the many small files. In order, worker 0
 * takes the next job, large or small, and the others the next small one: a stage whose
 * order matters (files callees first) keeps it but for the small files the others take
 * while worker 0 is on a large one. A worker with no small
 * file left takes the smallest large job rather than wait, so a project made of large files
 * still runs on every thread (and memory then holds two large trees at once). Every job is
 * taken once; never blocks but for the lock. */
bool pf_jobs_take(pf_jobs *jobs, size_t worker, size_t *job);

#endif
