#include "analytics/lz_string.h"

#include <array>
#include <cstdint>
#include <vector>

namespace larder::analytics {

namespace {

// lz-string's stream format: codes of a growing bit width, read least significant bit first
// from 6-bit base64 characters (each read most significant bit first). Code 0 is followed by an
// 8-bit literal, code 1 by a 16-bit literal, code 2 ends the stream; any other code is a
// dictionary index. Every dictionary entry is a run of the output so far, so entries are kept as
// (offset, length) spans of the output instead of as strings.

constexpr std::array<int8_t, 256> MakeBase64Values() {
  std::array<int8_t, 256> values{};
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    values[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return values;
}
constexpr std::array<int8_t, 256> kBase64Values = MakeBase64Values();

class BitReader {
 public:
  explicit BitReader(std::string_view text) : text_(text) { value_ = CharValue(0); }

  // True once every character has been read (lz-string's decoder checks this before each code;
  // bits read past the end are zeros).
  bool exhausted() const { return index_ > text_.size(); }

  // Reads `count` bits, least significant first.
  uint32_t Read(int count) {
    uint32_t result = 0;
    for (int bit = 0; bit < count; ++bit) {
      if (value_ & position_) result |= 1u << bit;
      position_ >>= 1;
      if (position_ == 0) {
        position_ = 32;
        value_ = CharValue(index_++);
      }
    }
    return result;
  }

 private:
  uint32_t CharValue(size_t index) const {
    if (index >= text_.size()) return 0;
    return static_cast<uint32_t>(kBase64Values[static_cast<unsigned char>(text_[index])]);
  }

  std::string_view text_;
  uint32_t value_ = 0;
  uint32_t position_ = 32;
  size_t index_ = 1;
};

struct Span {
  uint32_t offset;
  uint32_t length;
};

Status NotLzString(std::string_view why) {
  return InvalidArgument("the body is not valid lz-string (lz64) data: {}", why);
}

Status TooLarge(size_t max_bytes) {
  return ResourceExhausted("the body decompresses past the limit of {} bytes; send smaller batches",
                           max_bytes);
}

// Decodes the UTF-16 `units` to UTF-8.
Result<std::string> Utf16ToUtf8(const std::vector<uint16_t>& units, size_t max_bytes) {
  std::string out;
  out.reserve(units.size() + units.size() / 4);
  for (size_t i = 0; i < units.size(); ++i) {
    uint32_t code = units[i];
    if (code >= 0xD800 && code <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
        units[i + 1] <= 0xDFFF) {
      code = 0x10000 + ((code - 0xD800) << 10) + (units[++i] - 0xDC00);
    } else if (code >= 0xD800 && code <= 0xDFFF) {
      return NotLzString("it decodes to UTF-16 with an unpaired surrogate");
    }
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (code >> 18)));
      out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }
  if (out.size() > max_bytes) return TooLarge(max_bytes);
  return out;
}

}  // namespace

Result<std::string> DecompressLzStringBase64(std::string_view base64_text, size_t max_bytes) {
  if (base64_text.empty()) return NotLzString("it is empty");
  BitReader reader(base64_text);
  std::vector<uint16_t> out;
  // Codes 0, 1 and 2 are reserved; entries start at index 3.
  std::vector<Span> dictionary(3, Span{0, 0});
  int num_bits = 3;
  uint32_t enlarge_in = 4;
  auto count_new_entry = [&] {
    if (--enlarge_in == 0) {
      enlarge_in = 1u << num_bits;
      ++num_bits;
    }
  };

  uint32_t code = reader.Read(2);
  if (code == 2) return std::string();
  if (code > 2) return NotLzString("it does not start with a literal");
  out.push_back(static_cast<uint16_t>(reader.Read(code == 0 ? 8 : 16)));
  dictionary.push_back(Span{0, 1});
  Span previous{0, 1};

  while (true) {
    if (reader.exhausted()) return NotLzString("it ends before its end marker");
    if (num_bits > 31) return NotLzString("its codes grow wider than any real input's");
    code = reader.Read(num_bits);
    if (code == 2) break;
    const uint32_t start = static_cast<uint32_t>(out.size());
    Span entry;
    if (code <= 1) {
      // A literal: it becomes a dictionary entry and is written out.
      out.push_back(static_cast<uint16_t>(reader.Read(code == 0 ? 8 : 16)));
      entry = Span{start, 1};
      dictionary.push_back(entry);
      count_new_entry();
    } else if (code < dictionary.size()) {
      entry = dictionary[code];
      if (out.size() + entry.length > max_bytes) return TooLarge(max_bytes);
      for (uint32_t i = 0; i < entry.length; ++i) out.push_back(out[entry.offset + i]);
    } else if (code == dictionary.size()) {
      // The entry about to be defined: the previous one plus its own first character.
      entry = Span{previous.offset, previous.length + 1};
      if (out.size() + entry.length > max_bytes) return TooLarge(max_bytes);
      for (uint32_t i = 0; i < previous.length; ++i) out.push_back(out[previous.offset + i]);
      out.push_back(out[previous.offset]);
    } else {
      return NotLzString("it refers to a dictionary entry that does not exist");
    }
    // `previous` is followed in the output by `entry`, so previous plus the first character of
    // entry is one contiguous run.
    dictionary.push_back(Span{previous.offset, previous.length + 1});
    count_new_entry();
    previous = Span{start, entry.length};
    if (out.size() > max_bytes) return TooLarge(max_bytes);
  }
  return Utf16ToUtf8(out, max_bytes);
}

}  // namespace larder::analytics
