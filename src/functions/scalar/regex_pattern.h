// RegexPattern: a regular expression for match, extract, extractAll and replaceRegexp*.
// ClickHouse uses re2; re2 is not installed here, so patterns run on std::regex (ECMAScript)
// after translating the re2 spellings that differ: leading flags such as (?i) and (?s), (?P<name>,
// \A and \z. As in ClickHouse, `.` also matches line breaks unless the pattern starts with (?-s).
// Text that is not all ASCII runs on a second form in which `.` and negated classes of ASCII
// members match one UTF-8 code point, as re2 does, rather than one byte. Patterns without
// metacharacters run as plain substring searches.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::functions {

class RegexPattern {
 public:
  // One capture group of a match: bytes [begin, end) of the text, or unmatched.
  struct Group {
    size_t begin = 0;
    size_t end = 0;
    bool matched = false;
  };

  // Fails with InvalidArgument (naming `function`) on a malformed pattern.
  static Result<RegexPattern> Compile(std::string_view function, std::string_view pattern);

  // Capture groups in the pattern (not counting the whole match).
  size_t group_count() const { return group_count_; }

  // True when the pattern matches somewhere in `text`.
  bool Search(std::string_view text) const;
  // Finds the leftmost match starting at or after `from` (anchors and \b see the bytes before
  // `from`). Fills `groups` with group_count() + 1 entries, the whole match first.
  bool Find(std::string_view text, size_t from, std::vector<Group>* groups) const;

 private:
  // The form for `text`: the code-point one when the text has multibyte characters.
  const std::regex& RegexFor(std::string_view text) const;

  std::optional<std::regex> regex_;
  std::optional<std::regex> utf8_regex_;  // When it differs from regex_.
  std::string literal_;                   // The whole pattern, when it has no metacharacters.
  size_t group_count_ = 0;
};

// Runs `body` (a loop over rows using RegexPattern) and turns std::regex's runtime failures
// (e.g. error_complexity on pathological patterns) into a Status.
template <typename Body>
Status RunRegex(std::string_view function, Body&& body) {
  try {
    return body();
  } catch (const std::regex_error& error) {
    return InvalidArgument("{}: the regular expression failed: {}", function, error.what());
  }
}

// Keeps the last compiled pattern of a non-constant pattern column, recompiling only when the
// pattern text changes.
class RegexCache {
 public:
  explicit RegexCache(std::string_view function) : function_(function) {}
  Result<const RegexPattern*> Get(std::string_view pattern);

 private:
  std::string function_;
  std::string text_;
  std::optional<RegexPattern> pattern_;
};

}  // namespace larder::functions
