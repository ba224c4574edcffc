// Glob: the wildcard patterns of object URLs (`s3://bucket/logs/**/*.parquet`,
// `file:///data/{2024,2025}-*.csv`), matched against object keys or file paths.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::sources {

// A compiled pattern. Syntax:
//   *       any run of characters without '/' (within one path segment)
//   **      any run of characters, '/' included; "a/**/b" also matches "a/b"
//   ?       one character other than '/'
//   [abc]   one of the listed characters; ranges "[a-z]"; "[!abc]" or "[^abc]" negates; a ']'
//           first in the set is literal
//   {a,b}   any of the comma-separated alternatives, which may hold wildcards and nest
//   \x      the character x itself (to match a literal '*', '{', …)
// Everything else matches itself. Immutable and thread-safe once compiled.
class Glob {
 public:
  // kInvalidArgument naming the pattern for an unclosed '[' or '{', an empty set "[]", or more
  // than 1024 alternatives after expanding braces.
  static Result<Glob> Compile(std::string_view pattern);

  bool Matches(std::string_view text) const;
  // The longest leading part every match starts with: "logs/2024-" for "logs/2024-*/x.csv".
  const std::string& literal_prefix() const { return literal_prefix_; }
  // True when the pattern has no wildcard: it matches exactly literal_prefix().
  bool is_literal() const { return is_literal_; }
  // The most '/' a match can contain, or -1 when unbounded ("**" appears).
  int max_slashes() const { return max_slashes_; }
  const std::string& pattern() const { return pattern_; }

  // One step of a compiled alternative.
  struct Token {
    enum class Kind { kLiteral, kAnyChar, kSet, kStar, kGlobStar, kGlobStarSlash };
    Kind kind;
    char literal = 0;
    std::string set;  // kSet: the characters, ranges expanded.
    bool negated = false;
  };

 private:
  Glob() = default;

  std::string pattern_;
  std::vector<std::vector<Token>> alternatives_;
  std::string literal_prefix_;
  bool is_literal_ = false;
  int max_slashes_ = 0;
};

// True when `text` has a character Glob treats as a wildcard.
bool HasGlobCharacters(std::string_view text);

}  // namespace larder::sources
