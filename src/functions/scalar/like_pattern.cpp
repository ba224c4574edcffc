#include "functions/scalar/like_pattern.h"

#include <cstring>

#include "functions/scalar/utf8.h"

namespace larder::functions {
namespace {

bool IsContinuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

size_t MemFind(std::string_view text, size_t from, std::string_view needle) {
  if (from > text.size()) return std::string_view::npos;
  const void* found = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  if (found == nullptr) return std::string_view::npos;
  return static_cast<size_t>(static_cast<const char*>(found) - text.data());
}

}  // namespace

LikePattern::LikePattern(std::string_view pattern, bool case_insensitive)
    : case_insensitive_(case_insensitive) {
  std::string lowered;
  if (case_insensitive) {
    utf8::AppendLower(pattern, &lowered);
    pattern = lowered;
    ascii_pattern_ = utf8::IsAscii(pattern);
  }
  Piece piece;
  bool any_percent = false;
  auto close_piece = [&] {
    if (!piece.bytes.empty()) pieces_.push_back(std::move(piece));
    piece = Piece();
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '%') {
      if (i == 0) anchored_start_ = false;
      if (i + 1 == pattern.size()) anchored_end_ = false;
      any_percent = true;
      close_piece();
      continue;
    }
    bool wildcard = c == '_';
    if (c == '\\' && i + 1 < pattern.size()) {
      char next = pattern[i + 1];
      if (next == '%' || next == '_' || next == '\\') {
        c = next;
        ++i;
      }
    }
    piece.bytes.push_back(c);
    piece.any_one.push_back(wildcard);
    piece.has_wildcard = piece.has_wildcard || wildcard;
  }
  close_piece();
  bool wildcards = false;
  for (const Piece& p : pieces_) wildcards = wildcards || p.has_wildcard;
  if (wildcards) {
    shape_ = Shape::kGeneral;
  } else if (pieces_.empty()) {
    shape_ = any_percent ? Shape::kAll : Shape::kExact;
  } else if (pieces_.size() == 1) {
    shape_ = anchored_start_ && anchored_end_ ? Shape::kExact
             : anchored_start_                ? Shape::kPrefix
             : anchored_end_                  ? Shape::kSuffix
                                              : Shape::kContains;
  }
}

bool LikePattern::Matches(std::string_view text, std::string* scratch) const {
  if (shape_ == Shape::kAll) return true;
  if (case_insensitive_ && ascii_pattern_ && shape_ != Shape::kContains &&
      shape_ != Shape::kGeneral) {
    // Anchored shapes compare only the bytes they cover, folding ASCII case on the fly.
    std::string_view expected = pieces_.empty() ? std::string_view() : pieces_[0].bytes;
    if (text.size() < expected.size() ||
        (shape_ == Shape::kExact && text.size() != expected.size())) {
      return false;
    }
    size_t offset = shape_ == Shape::kSuffix ? text.size() - expected.size() : 0;
    for (size_t i = 0; i < expected.size(); ++i) {
      if (utf8::AsciiLower(text[offset + i]) != expected[i]) return false;
    }
    return true;
  }
  if (case_insensitive_) {
    scratch->clear();
    if (ascii_pattern_) {
      scratch->resize(text.size());
      for (size_t i = 0; i < text.size(); ++i) (*scratch)[i] = utf8::AsciiLower(text[i]);
    } else {
      utf8::AppendLower(text, scratch);
    }
    text = *scratch;
  }
  switch (shape_) {
    case Shape::kExact:
      return pieces_.empty() ? text.empty() : text == pieces_[0].bytes;
    case Shape::kPrefix:
      return text.starts_with(pieces_[0].bytes);
    case Shape::kSuffix:
      return text.ends_with(pieces_[0].bytes);
    case Shape::kContains:
      return MemFind(text, 0, pieces_[0].bytes) != std::string_view::npos;
    case Shape::kAll:
    case Shape::kGeneral:
      break;
  }
  return MatchesGeneral(text);
}

bool LikePattern::MatchesGeneral(std::string_view text) const {
  if (pieces_.empty()) return !anchored_start_ || text.empty();
  size_t first = 0, last = pieces_.size();  // Pieces [first, last) float between the anchors.
  size_t begin = 0, end = text.size();
  if (anchored_start_ && anchored_end_ && pieces_.size() == 1) {
    return MatchAt(pieces_[0], text, 0, &begin) && begin == text.size();
  }
  if (anchored_start_) {
    if (!MatchAt(pieces_[0], text, 0, &begin)) return false;
    first = 1;
  }
  if (anchored_end_) {
    if (!MatchBefore(pieces_.back(), text, text.size(), &end)) return false;
    last = pieces_.size() - 1;
  }
  if (end < begin) return false;
  std::string_view window = text.substr(0, end);
  for (size_t i = first; i < last; ++i) {
    if (!Find(pieces_[i], window, begin, &begin)) return false;
  }
  return true;
}

bool LikePattern::MatchAt(const Piece& piece, std::string_view text, size_t pos, size_t* end) {
  for (size_t i = 0; i < piece.bytes.size(); ++i) {
    if (pos >= text.size()) return false;
    if (piece.any_one[i]) {
      pos += utf8::CodePointLength(text, pos);
    } else {
      if (text[pos] != piece.bytes[i]) return false;
      ++pos;
    }
  }
  *end = pos;
  return true;
}

bool LikePattern::MatchBefore(const Piece& piece, std::string_view text, size_t end,
                              size_t* start) {
  size_t pos = end;
  for (size_t i = piece.bytes.size(); i-- > 0;) {
    if (pos == 0) return false;
    --pos;
    if (piece.any_one[i]) {
      for (int steps = 0; steps < 3 && pos > 0 && IsContinuation(text[pos]); ++steps) --pos;
    } else if (text[pos] != piece.bytes[i]) {
      return false;
    }
  }
  *start = pos;
  return true;
}

bool LikePattern::Find(const Piece& piece, std::string_view text, size_t from, size_t* end) {
  if (!piece.has_wildcard) {
    size_t found = MemFind(text, from, piece.bytes);
    if (found == std::string_view::npos) return false;
    *end = found + piece.bytes.size();
    return true;
  }
  for (size_t pos = from; pos < text.size(); ++pos) {
    if (MatchAt(piece, text, pos, end)) return true;
  }
  return false;
}

}  // namespace larder::functions
