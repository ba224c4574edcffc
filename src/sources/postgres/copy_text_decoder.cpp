#include "sources/postgres/copy_text_decoder.h"

#include <bit>
#include <cstring>

namespace larder::sources {
namespace {

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends the character that the escape at line[*pos] (just after the backslash) stands for and
// advances *pos past it.
void AppendEscaped(std::string_view line, size_t* pos, std::string* out) {
  char c = line[*pos];
  ++*pos;
  switch (c) {
    case 'b':
      out->push_back('\b');
      return;
    case 'f':
      out->push_back('\f');
      return;
    case 'n':
      out->push_back('\n');
      return;
    case 'r':
      out->push_back('\r');
      return;
    case 't':
      out->push_back('\t');
      return;
    case 'v':
      out->push_back('\v');
      return;
    case 'x': {
      int value = 0;
      int digits = 0;
      while (digits < 2 && *pos < line.size() && HexValue(line[*pos]) >= 0) {
        value = value * 16 + HexValue(line[*pos]);
        ++*pos;
        ++digits;
      }
      if (digits == 0) {
        out->push_back('x');  // A lone \x is the letter x.
      } else {
        out->push_back(static_cast<char>(value));
      }
      return;
    }
    default:
      break;
  }
  if (IsOctal(c)) {
    int value = c - '0';
    for (int digits = 1; digits < 3 && *pos < line.size() && IsOctal(line[*pos]); ++digits) {
      value = value * 8 + (line[*pos] - '0');
      ++*pos;
    }
    out->push_back(static_cast<char>(value & 0xff));
    return;
  }
  out->push_back(c);
}

// Finding tabs and backslashes eight bytes at a time: a row of COPY text is mostly short fields,
// for which a memchr call per field costs more than the scan itself.
constexpr uint64_t kEveryByte = 0x0101010101010101ULL;
constexpr uint64_t kLow7Bits = 0x7f7f7f7f7f7f7f7fULL;

// 0x80 in each byte of `word` that equals `byte`, 0 in the others (exact: no false positives).
uint64_t MatchBytes(uint64_t word, uint8_t byte) {
  uint64_t x = word ^ (kEveryByte * byte);
  return ~(((x & kLow7Bits) + kLow7Bits) | x | kLow7Bits);
}

// Eight bytes, the first in the lowest bits; past `size`, zero bytes (neither tab nor backslash).
uint64_t LoadWord(const char* data, size_t size) {
  uint64_t word = 0;
  if (size >= 8) {
    std::memcpy(&word, data, 8);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    return word;
  }
  for (size_t byte_idx = 0; byte_idx < size; ++byte_idx) {
    word |= uint64_t{static_cast<uint8_t>(data[byte_idx])} << (8 * byte_idx);
  }
  return word;
}

}  // namespace

Status CopyTextDecoder::Decode(std::string_view line, size_t expected_fields) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  fields_.clear();
  nulls_.clear();
  text_.clear();
  // Unescaping never lengthens a field, so text_ is not reallocated while fields_ points into it.
  text_.reserve(line.size());
  size_t field_start = 0;
  bool escaped = false;
  for (size_t pos = 0; pos < line.size(); pos += 8) {
    const uint64_t word = LoadWord(line.data() + pos, line.size() - pos);
    uint64_t tabs = MatchBytes(word, '\t');
    uint64_t backslashes = MatchBytes(word, '\\');
    while (tabs != 0) {
      const uint64_t before_tab = (tabs & (~tabs + 1)) - 1;  // The bits below the lowest tab.
      escaped = escaped || (backslashes & before_tab) != 0;
      backslashes &= ~before_tab;
      const size_t tab = pos + static_cast<size_t>(std::countr_zero(tabs)) / 8;
      LARDER_RETURN_IF_ERROR(AddField(line, field_start, tab, escaped));
      field_start = tab + 1;
      escaped = false;
      tabs &= tabs - 1;
    }
    escaped = escaped || backslashes != 0;
  }
  LARDER_RETURN_IF_ERROR(AddField(line, field_start, line.size(), escaped));
  if (fields_.size() != expected_fields) {
    return Corruption("COPY row has {} fields, expected {}", fields_.size(), expected_fields);
  }
  return Status::OK();
}

Status CopyTextDecoder::AddField(std::string_view line, size_t start, size_t end, bool escaped) {
  std::string_view raw = line.substr(start, end - start);
  if (!escaped) {
    fields_.push_back(raw);
    nulls_.push_back(0);
    return Status::OK();
  }
  if (raw == "\\N") {
    fields_.emplace_back();
    nulls_.push_back(1);
    return Status::OK();
  }
  const size_t text_start = text_.size();
  size_t raw_pos = 0;
  while (raw_pos < raw.size()) {
    size_t backslash = raw.find('\\', raw_pos);
    if (backslash == std::string_view::npos) {
      text_.append(raw.substr(raw_pos));
      break;
    }
    text_.append(raw.substr(raw_pos, backslash - raw_pos));
    raw_pos = backslash + 1;
    if (raw_pos == raw.size()) return Corruption("COPY row ends inside a backslash escape");
    AppendEscaped(raw, &raw_pos, &text_);
  }
  fields_.push_back(std::string_view(text_).substr(text_start));
  nulls_.push_back(0);
  return Status::OK();
}

}  // namespace larder::sources
