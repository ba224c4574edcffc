// LikePattern: a compiled SQL LIKE pattern for like / ilike / notLike / notILike. `%` matches
// any bytes, `_` one UTF-8 code point, `\` escapes `%`, `_` and `\` (before anything else it is
// a literal backslash), as in ClickHouse. Patterns of the shapes product analytics uses most —
// 'abc', 'abc%', '%abc', '%abc%' — run as plain comparisons or one memmem; others match their
// %-separated pieces left to right without backtracking.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace larder::functions {

class LikePattern {
 public:
  // ilike when `case_insensitive`: the pattern and each text are lowercased (UTF-8) first.
  LikePattern(std::string_view pattern, bool case_insensitive);

  // `scratch` is working memory the caller keeps across rows (no allocation per row).
  bool Matches(std::string_view text, std::string* scratch) const;

 private:
  // Text between two `%`: literal bytes, some of which may be `_` wildcards.
  struct Piece {
    std::string bytes;
    std::vector<bool> any_one;  // any_one[i]: bytes[i] stands for `_`.
    bool has_wildcard = false;
  };
  enum class Shape { kAll, kExact, kPrefix, kSuffix, kContains, kGeneral };

  bool MatchesGeneral(std::string_view text) const;
  // Matches `piece` at text[pos]; on success sets *end past the match.
  static bool MatchAt(const Piece& piece, std::string_view text, size_t pos, size_t* end);
  // Matches `piece` ending exactly at text[end]; on success sets *start.
  static bool MatchBefore(const Piece& piece, std::string_view text, size_t end, size_t* start);
  // Leftmost match of `piece` at or after `from`; sets *end past it.
  static bool Find(const Piece& piece, std::string_view text, size_t from, size_t* end);

  bool case_insensitive_ = false;
  bool ascii_pattern_ = true;  // ilike lowercases texts byte-wise when the pattern is ASCII.
  Shape shape_ = Shape::kGeneral;
  std::vector<Piece> pieces_;
  bool anchored_start_ = true;  // The pattern does not begin with `%`.
  bool anchored_end_ = true;    // The pattern does not end with `%`.
};

}  // namespace larder::functions
