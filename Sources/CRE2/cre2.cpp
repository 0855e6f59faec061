#include "cre2.h"

#include <re2/re2.h>

#include <cstring>
#include <string>
#include <vector>

struct cre2_regex {
    re2::RE2 re;
    explicit cre2_regex(const re2::StringPiece &pattern, const re2::RE2::Options &options) : re(pattern, options) {}
};

extern "C" cre2_regex *cre2_compile(const char *pattern, size_t length, char *error, size_t error_capacity) {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    auto *regex = new cre2_regex(re2::StringPiece(pattern, length), options);
    if (regex->re.ok()) return regex;
    if (error != nullptr && error_capacity > 0) {
        const std::string &reason = regex->re.error();
        size_t count = reason.size() < error_capacity - 1 ? reason.size() : error_capacity - 1;
        std::memcpy(error, reason.data(), count);
        error[count] = '\0';
    }
    delete regex;
    return nullptr;
}

extern "C" void cre2_free(cre2_regex *regex) { delete regex; }

extern "C" int cre2_groups(const cre2_regex *regex) { return regex->re.NumberOfCapturingGroups(); }

extern "C" int cre2_find(const cre2_regex *regex, const char *text, size_t length, size_t start, long *offsets, int groups) {
    if (start > length) return 0;
    int count = groups + 1;
    std::vector<re2::StringPiece> found(count);
    re2::StringPiece input(text, length);
    if (!regex->re.Match(input, start, length, re2::RE2::UNANCHORED, found.data(), count)) return 0;
    for (int i = 0; i < count; i++) {
        if (found[i].data() == nullptr) {
            offsets[2 * i] = -1;
            offsets[2 * i + 1] = -1;
        } else {
            offsets[2 * i] = static_cast<long>(found[i].data() - text);
            offsets[2 * i + 1] = static_cast<long>(found[i].data() - text + found[i].size());
        }
    }
    return 1;
}
