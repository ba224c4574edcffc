#include "sources/postgres/copy_text_decoder.h"

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

}  // namespace

Status CopyTextDecoder::Decode(std::string_view line, size_t expected_fields) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  text_.clear();
  starts_.clear();
  ends_.clear();
  nulls_.clear();
  size_t pos = 0;
  while (true) {
    size_t field_end = line.find('\t', pos);
    std::string_view raw = line.substr(
        pos, field_end == std::string_view::npos ? std::string_view::npos : field_end - pos);
    starts_.push_back(text_.size());
    nulls_.push_back(raw == "\\N" ? 1 : 0);
    if (!nulls_.back()) {
      size_t raw_pos = 0;
      while (raw_pos < raw.size()) {
        size_t backslash = raw.find('\\', raw_pos);
        if (backslash == std::string_view::npos) {
          text_.append(raw.substr(raw_pos));
          break;
        }
        text_.append(raw.substr(raw_pos, backslash - raw_pos));
        raw_pos = backslash + 1;
        if (raw_pos == raw.size()) {
          return Corruption("COPY row ends inside a backslash escape");
        }
        AppendEscaped(raw, &raw_pos, &text_);
      }
    }
    ends_.push_back(text_.size());
    if (field_end == std::string_view::npos) break;
    pos = field_end + 1;
  }
  if (starts_.size() != expected_fields) {
    return Corruption("COPY row has {} fields, expected {}", starts_.size(), expected_fields);
  }
  return Status::OK();
}

}  // namespace larder::sources
