// A small C interface to RE2, Google's linear-time regular-expression engine, so Swift can match
// suite patterns against untrusted bot text in time linear in the text (no backtracking).
#ifndef CHORUS_CRE2_H
#define CHORUS_CRE2_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled pattern; immutable, safe to use from many threads at once.
typedef struct cre2_regex cre2_regex;

/// Compiles `pattern` (UTF-8, `length` bytes). On failure returns NULL and writes RE2's reason,
/// NUL-terminated and cut to `error_capacity` bytes, into `error`.
cre2_regex *cre2_compile(const char *pattern, size_t length, char *error, size_t error_capacity);

/// Frees a compiled pattern.
void cre2_free(cre2_regex *regex);

/// The number of capture groups.
int cre2_groups(const cre2_regex *regex);

/// Finds the leftmost match in `text` (`length` bytes) that starts at or after byte `start`.
/// Writes the byte ranges of the whole match and each group as start/end pairs into `offsets`
/// (`2 * (groups + 1)` entries; -1 for a group that took no part). Returns 1 when found, else 0.
/// With `groups` of -1 nothing is written (`offsets` may be NULL): RE2 then only decides whether
/// there is a match, with its DFA, which is much faster.
int cre2_find(const cre2_regex *regex, const char *text, size_t length, size_t start, long *offsets, int groups);

#ifdef __cplusplus
}
#endif

#endif
