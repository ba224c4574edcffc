#include "sources/object_storage/glob.h"

#include <algorithm>

namespace larder::sources {
namespace {

using Token = Glob::Token;
using Kind = Glob::Token::Kind;

constexpr size_t kMaxAlternatives = 1024;

// The index of the ']' closing the set that opens at `pattern[open]`, or npos.
size_t SetEnd(std::string_view pattern, size_t open) {
  size_t pos = open + 1;
  if (pos < pattern.size() && (pattern[pos] == '!' || pattern[pos] == '^')) ++pos;
  if (pos < pattern.size() && pattern[pos] == ']') ++pos;  // A leading ']' is literal.
  for (; pos < pattern.size(); ++pos) {
    if (pattern[pos] == '\\') {
      ++pos;
    } else if (pattern[pos] == ']') {
      return pos;
    }
  }
  return std::string_view::npos;
}

// Finds the first top-level "{…}" of `pattern`: sets `*open`, `*close` and the positions of its
// top-level commas. False when there is none; an error for an unclosed one.
Result<bool> FindBraces(std::string_view pattern, size_t* open, size_t* close,
                        std::vector<size_t>* commas) {
  int depth = 0;
  for (size_t pos = 0; pos < pattern.size(); ++pos) {
    const char c = pattern[pos];
    if (c == '\\') {
      ++pos;
    } else if (c == '[') {
      const size_t end = SetEnd(pattern, pos);
      if (end != std::string_view::npos) pos = end;
    } else if (c == '{') {
      if (depth++ == 0) *open = pos;
    } else if (c == ',' && depth == 1) {
      commas->push_back(pos);
    } else if (c == '}' && depth > 0) {
      if (--depth == 0) {
        *close = pos;
        return true;
      }
    }
  }
  if (depth > 0) return InvalidArgument("the pattern '{}' has a '{{' without a '}}'", pattern);
  return false;
}

Status ExpandBraces(const std::string& pattern, const std::string& whole,
                    std::vector<std::string>* out) {
  size_t open = 0;
  size_t close = 0;
  std::vector<size_t> commas;
  LARDER_ASSIGN_OR_RETURN(bool found, FindBraces(pattern, &open, &close, &commas));
  if (!found) {
    if (out->size() >= kMaxAlternatives) {
      return InvalidArgument("the pattern '{}' expands to more than {} alternatives", whole,
                             kMaxAlternatives);
    }
    out->push_back(pattern);
    return Status::OK();
  }
  const std::string head = pattern.substr(0, open);
  const std::string tail = pattern.substr(close + 1);
  size_t start = open + 1;
  commas.push_back(close);
  for (size_t end : commas) {
    LARDER_RETURN_IF_ERROR(
        ExpandBraces(head + pattern.substr(start, end - start) + tail, whole, out));
    start = end + 1;
  }
  return Status::OK();
}

Result<Token> ParseSet(std::string_view pattern, size_t open, size_t close,
                       std::string_view whole) {
  Token token{.kind = Kind::kSet};
  size_t pos = open + 1;
  if (pattern[pos] == '!' || pattern[pos] == '^') {
    token.negated = true;
    ++pos;
  }
  std::string chars;
  for (; pos < close; ++pos) {
    if (pattern[pos] == '\\' && pos + 1 < close) ++pos;
    chars += pattern[pos];
  }
  for (size_t idx = 0; idx < chars.size(); ++idx) {
    if (idx + 2 < chars.size() && chars[idx + 1] == '-') {
      const auto low = static_cast<unsigned char>(chars[idx]);
      const auto high = static_cast<unsigned char>(chars[idx + 2]);
      for (unsigned c = low; c <= high; ++c) token.set += static_cast<char>(c);
      idx += 2;
    } else {
      token.set += chars[idx];
    }
  }
  if (token.set.empty()) {
    return InvalidArgument("the pattern '{}' has an empty set of characters '[]'", whole);
  }
  return token;
}

Result<std::vector<Token>> Tokenize(std::string_view pattern, std::string_view whole) {
  std::vector<Token> tokens;
  for (size_t pos = 0; pos < pattern.size(); ++pos) {
    const char c = pattern[pos];
    if (c == '\\' && pos + 1 < pattern.size()) {
      tokens.push_back({.kind = Kind::kLiteral, .literal = pattern[++pos]});
    } else if (c == '?') {
      tokens.push_back({.kind = Kind::kAnyChar});
    } else if (c == '[') {
      const size_t close = SetEnd(pattern, pos);
      if (close == std::string_view::npos) {
        return InvalidArgument("the pattern '{}' has a '[' without a ']'", whole);
      }
      LARDER_ASSIGN_OR_RETURN(Token set, ParseSet(pattern, pos, close, whole));
      tokens.push_back(std::move(set));
      pos = close;
    } else if (c == '*') {
      size_t stars = 1;
      while (pos + 1 < pattern.size() && pattern[pos + 1] == '*') {
        ++stars;
        ++pos;
      }
      const bool segment_start =
          tokens.empty() || (tokens.back().kind == Kind::kLiteral && tokens.back().literal == '/');
      if (stars == 1) {
        tokens.push_back({.kind = Kind::kStar});
      } else if (segment_start && pos + 1 < pattern.size() && pattern[pos + 1] == '/') {
        tokens.push_back({.kind = Kind::kGlobStarSlash});
        ++pos;
      } else {
        tokens.push_back({.kind = Kind::kGlobStar});
      }
    } else {
      tokens.push_back({.kind = Kind::kLiteral, .literal = c});
    }
  }
  return tokens;
}

bool SetHas(const Token& token, char c) {
  return (token.set.find(c) != std::string::npos) != token.negated;
}

bool MatchTokens(const std::vector<Token>& tokens, std::string_view text) {
  const size_t n = text.size();
  // next[j]: tokens after the current one match text[j..]; row[j]: the current one onwards do.
  std::vector<char> next(n + 1, 0);
  std::vector<char> row(n + 1, 0);
  next[n] = 1;
  for (size_t token_idx = tokens.size(); token_idx-- > 0;) {
    const Token& token = tokens[token_idx];
    bool slash_then_rest = false;  // kGlobStarSlash: some text[k] == '/' with next[k + 1].
    for (size_t j = n + 1; j-- > 0;) {
      const bool has_char = j < n;
      const char c = has_char ? text[j] : '\0';
      bool match = false;
      switch (token.kind) {
        case Kind::kLiteral:
          match = has_char && c == token.literal && next[j + 1];
          break;
        case Kind::kAnyChar:
          match = has_char && c != '/' && next[j + 1];
          break;
        case Kind::kSet:
          match = has_char && c != '/' && SetHas(token, c) && next[j + 1];
          break;
        case Kind::kStar:
          match = next[j] || (has_char && c != '/' && row[j + 1]);
          break;
        case Kind::kGlobStar:
          match = next[j] || (has_char && row[j + 1]);
          break;
        case Kind::kGlobStarSlash:
          slash_then_rest = slash_then_rest || (has_char && c == '/' && next[j + 1]);
          match = next[j] || slash_then_rest;
          break;
      }
      row[j] = match;
    }
    std::swap(row, next);
  }
  return next[0];
}

}  // namespace

Result<Glob> Glob::Compile(std::string_view pattern) {
  Glob glob;
  glob.pattern_ = std::string(pattern);
  std::vector<std::string> expanded;
  LARDER_RETURN_IF_ERROR(ExpandBraces(glob.pattern_, glob.pattern_, &expanded));
  bool first = true;
  for (const std::string& alternative : expanded) {
    LARDER_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(alternative, pattern));
    std::string leading;
    int slashes = 0;
    bool literal = true;
    for (const Token& token : tokens) {
      if (token.kind != Kind::kLiteral) literal = false;
      if (literal) leading += token.literal;
      if (token.kind == Kind::kLiteral && token.literal == '/') ++slashes;
      if (token.kind == Kind::kGlobStar || token.kind == Kind::kGlobStarSlash) slashes = -1;
      if (slashes < 0) break;
    }
    if (first) {
      glob.literal_prefix_ = leading;
      glob.max_slashes_ = slashes;
    } else {
      size_t common = 0;
      while (common < glob.literal_prefix_.size() && common < leading.size() &&
             glob.literal_prefix_[common] == leading[common]) {
        ++common;
      }
      glob.literal_prefix_.resize(common);
      glob.max_slashes_ =
          (glob.max_slashes_ < 0 || slashes < 0) ? -1 : std::max(glob.max_slashes_, slashes);
    }
    glob.is_literal_ = expanded.size() == 1 && literal;
    glob.alternatives_.push_back(std::move(tokens));
    first = false;
  }
  return glob;
}

bool Glob::Matches(std::string_view text) const {
  return std::any_of(alternatives_.begin(), alternatives_.end(),
                     [&](const std::vector<Token>& tokens) { return MatchTokens(tokens, text); });
}

bool HasGlobCharacters(std::string_view text) {
  return text.find_first_of("*?[{\\") != std::string_view::npos;
}

}  // namespace larder::sources
