/* tree-sitter's allocator: blocks per file inside a tree memory, malloc outside (see
 * tree_memory.h). Built on its own, below the tree-sitter core that calls it. */
#include "poolfix/tree_memory.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each allocation follows one word: its size in bytes shifted left once, and a low bit set
 * when it lives in a tree memory. realloc needs the size; free and pf_tree_memory_holds need
 * the bit. tree-sitter's objects hold nothing aligned beyond a word. */
typedef uint64_t word;
#define IN_TREE_MEMORY ((word)1)

/* Blocks of this many words make the bulk of a tree memory; an allocation of more than a
 * quarter of one gets a block to itself. Freed allocations of fewer than FREE_CLASSES words
 * are carved again for one of the same size: a parse frees a tenth of what it allocates,
 * and every node's children are moved once to make room for the node (ts_subtree_new_node). */
enum { BLOCK_WORDS = 8 * 1024, FREE_CLASSES = 64 };

typedef struct block {
    struct block *next;
    size_t used, cap; /* words of data */
    word data[];
} block;

struct pf_tree_memory {
    block *blocks;             /* since pf_tree_memory_enter, the one carved from first */
    word *freed[FREE_CLASSES]; /* per size in words, linked through their first data word */
};

/* The tree memory the calling thread is inside, or NULL (see tree_memory.h for why a
 * thread's). Initial-exec: this code is always in the executable, and the general model,
 * which position-independent code gets by default, would make the binary need ld.so's
 * __tls_get_addr (the npm package's binary may need libc alone). */
static _Thread_local pf_tree_memory *current __attribute__((tls_model("initial-exec")));

/* tree-sitter cannot go on without the memory it asks for (its own allocator aborts too). */
static void out_of_memory(size_t size) {
    fprintf(stderr, "poolfix: out of memory (allocating %zu bytes for the parser)\n", size);
    abort();
}

/* Words an allocation of `size` bytes takes, with its header word and room for the link
 * of a freed one. */
static size_t words_for(size_t size) {
    size_t data = (size + sizeof(word) - 1) / sizeof(word);
    return 1 + (data ? data : 1);
}

static block *block_new(size_t cap) {
    block *b = malloc(sizeof(block) + cap * sizeof(word));
    if (!b) out_of_memory(cap * sizeof(word));
    b->next = NULL;
    b->used = 0;
    b->cap = cap;
    return b;
}

/* `size` bytes from `memory`, after their header. */
static void *carve(pf_tree_memory *memory, size_t size) {
    size_t words = words_for(size);
    if (words < FREE_CLASSES && memory->freed[words]) {
        word *header = memory->freed[words];
        memory->freed[words] = (word *)header[1];
        *header = (word)size << 1 | IN_TREE_MEMORY;
        return header + 1;
    }
    block *head = memory->blocks;
    block *b = head;
    if (words > BLOCK_WORDS / 4) {
        /* Behind the head, whose free words stay the ones carved from next. */
        b = block_new(words);
        if (head) b->next = head->next, head->next = b;
        else memory->blocks = b;
    } else if (!head || head->used + words > head->cap) {
        b = block_new(BLOCK_WORDS);
        b->next = head;
        memory->blocks = b;
    }
    word *header = b->data + b->used;
    b->used += words;
    *header = (word)size << 1 | IN_TREE_MEMORY;
    return header + 1;
}

/* `size` bytes from malloc, after their header. */
static void *from_malloc(size_t size) {
    word *header = malloc(sizeof(word) + size);
    if (!header) out_of_memory(size);
    *header = (word)size << 1;
    return header + 1;
}

void *pf_tree_malloc(size_t size) {
    return current ? carve(current, size) : from_malloc(size);
}

void *pf_tree_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / 2 / size) out_of_memory(SIZE_MAX);
    void *p = pf_tree_malloc(count * size);
    memset(p, 0, count * size);
    return p;
}

void *pf_tree_realloc(void *p, size_t size) {
    if (!p) return pf_tree_malloc(size);
    word *header = (word *)p - 1;
    if (!(*header & IN_TREE_MEMORY)) {
        header = realloc(header, sizeof(word) + size);
        if (!header) out_of_memory(size);
        *header = (word)size << 1;
        return header + 1;
    }
    if (!current) {
        fprintf(stderr, "poolfix: internal error: the parser grew memory of a file it is done with\n");
        abort();
    }
    size_t old = (size_t)(*header >> 1), had = words_for(old), needs = words_for(size);
    block *head = current->blocks;
    /* The last allocation of the block carved from grows in place (tree-sitter's arrays
     * double as they fill). */
    bool last = head && header + had == head->data + head->used;
    if (needs <= had || (last && head->used - had + needs <= head->cap)) {
        if (last) head->used = head->used - had + needs;
        else if (needs < had) return p; /* shrinks: keeps its words, and the size they hold */
        *header = (word)size << 1 | IN_TREE_MEMORY;
        return p;
    }
    void *grown = carve(current, size);
    memcpy(grown, p, old);
    pf_tree_free(p);
    return grown;
}

void pf_tree_free(void *p) {
    if (!p) return;
    word *header = (word *)p - 1;
    if (!(*header & IN_TREE_MEMORY)) {
        free(header);
        return;
    }
    size_t words = words_for((size_t)(*header >> 1));
    if (current && words < FREE_CLASSES) {
        header[1] = (word)current->freed[words];
        current->freed[words] = header;
    }
}

bool pf_tree_memory_holds(const void *p) {
    return p && (((const word *)p)[-1] & IN_TREE_MEMORY);
}

pf_tree_memory *pf_tree_memory_new(void) {
    pf_tree_memory *memory = calloc(1, sizeof(*memory));
    if (!memory) out_of_memory(sizeof(*memory));
    return memory;
}

void pf_tree_memory_enter(pf_tree_memory *memory) {
    current = memory;
}

void pf_tree_memory_leave(pf_tree_memory *memory) {
    current = NULL;
    for (block *b = memory->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    memory->blocks = NULL;
    memset(memory->freed, 0, sizeof(memory->freed));
}

void pf_tree_memory_free(pf_tree_memory *memory) {
    if (!memory) return;
    pf_tree_memory_leave(memory);
    free(memory);
}
