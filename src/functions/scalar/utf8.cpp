#include "functions/scalar/utf8.h"

namespace larder::functions::utf8 {
namespace {

bool IsContinuation(uint8_t byte) { return (byte & 0xC0) == 0x80; }

bool InRange(uint32_t c, uint32_t low, uint32_t high) { return c >= low && c <= high; }

// Blocks where upper and lower case alternate: even code points upper, odd lower (or the reverse
// when `upper_is_odd`).
bool IsUpperOfPair(uint32_t c, uint32_t low, uint32_t high, bool upper_is_odd) {
  return InRange(c, low, high) && (c % 2 == 1) == upper_is_odd;
}

}  // namespace

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += !IsContinuation(static_cast<uint8_t>(c));
  return count;
}

size_t CodePointLength(std::string_view text, size_t pos) {
  size_t end = pos + 1;
  while (end < text.size() && IsContinuation(static_cast<uint8_t>(text[end])) && end - pos < 4) {
    ++end;
  }
  return end - pos;
}

size_t Decode(std::string_view text, size_t pos, uint32_t* code_point) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[pos + i]); };
  const size_t left = text.size() - pos;
  uint8_t lead = byte(0);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  size_t length = 0;
  uint32_t value = 0;
  uint8_t second_low = 0x80, second_high = 0xBF;
  if (InRange(lead, 0xC2, 0xDF)) {
    length = 2, value = lead & 0x1F;
  } else if (InRange(lead, 0xE0, 0xEF)) {
    length = 3, value = lead & 0x0F;
    if (lead == 0xE0) second_low = 0xA0;
    if (lead == 0xED) second_high = 0x9F;  // No surrogates.
  } else if (InRange(lead, 0xF0, 0xF4)) {
    length = 4, value = lead & 0x07;
    if (lead == 0xF0) second_low = 0x90;
    if (lead == 0xF4) second_high = 0x8F;
  } else {
    return 0;
  }
  if (left < length || !InRange(byte(1), second_low, second_high)) return 0;
  for (size_t i = 1; i < length; ++i) {
    if (!IsContinuation(byte(i))) return 0;
    value = (value << 6) | (byte(i) & 0x3F);
  }
  *code_point = value;
  return length;
}

void Append(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

uint32_t ToLower(uint32_t c) {
  if (c < 0x80) return InRange(c, 'A', 'Z') ? c + 32 : c;
  if (InRange(c, 0xC0, 0xDE) && c != 0xD7) return c + 0x20;
  if (c < 0x100) return c;
  if (c == 0x130) return 'i';
  if (c == 0x178) return 0xFF;
  if (IsUpperOfPair(c, 0x100, 0x12F, false) || IsUpperOfPair(c, 0x132, 0x137, false) ||
      IsUpperOfPair(c, 0x139, 0x148, true) || IsUpperOfPair(c, 0x14A, 0x177, false) ||
      IsUpperOfPair(c, 0x179, 0x17E, true)) {
    return c + 1;
  }
  if (c == 0x386) return 0x3AC;
  if (InRange(c, 0x388, 0x38A)) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (InRange(c, 0x38E, 0x38F)) return c + 63;
  if (InRange(c, 0x391, 0x3AB) && c != 0x3A2) return c + 0x20;
  if (InRange(c, 0x400, 0x40F)) return c + 0x50;
  if (InRange(c, 0x410, 0x42F)) return c + 0x20;
  if (c == 0x4C0) return 0x4CF;
  if (IsUpperOfPair(c, 0x460, 0x481, false) || IsUpperOfPair(c, 0x48A, 0x4BF, false) ||
      IsUpperOfPair(c, 0x4C1, 0x4CE, true) || IsUpperOfPair(c, 0x4D0, 0x52F, false)) {
    return c + 1;
  }
  if (InRange(c, 0x531, 0x556)) return c + 0x30;
  if (c == 0x1E9E) return 0xDF;
  if (IsUpperOfPair(c, 0x1E00, 0x1E95, false) || IsUpperOfPair(c, 0x1EA0, 0x1EFF, false)) {
    return c + 1;
  }
  if (InRange(c, 0xFF21, 0xFF3A)) return c + 0x20;
  return c;
}

uint32_t ToUpper(uint32_t c) {
  if (c < 0x80) return InRange(c, 'a', 'z') ? c - 32 : c;
  if (InRange(c, 0xE0, 0xFE) && c != 0xF7) return c - 0x20;
  if (c == 0xFF) return 0x178;
  if (c == 0xB5) return 0x39C;
  if (c < 0x100) return c;
  if (c == 0x131) return 'I';
  if (c == 0x17F) return 'S';
  if (IsUpperOfPair(c, 0x101, 0x12F, true) || IsUpperOfPair(c, 0x133, 0x137, true) ||
      IsUpperOfPair(c, 0x13A, 0x148, false) || IsUpperOfPair(c, 0x14B, 0x177, true) ||
      IsUpperOfPair(c, 0x17A, 0x17E, false)) {
    return c - 1;
  }
  if (c == 0x3AC) return 0x386;
  if (InRange(c, 0x3AD, 0x3AF)) return c - 37;
  if (c == 0x3CC) return 0x38C;
  if (InRange(c, 0x3CD, 0x3CE)) return c - 63;
  if (c == 0x3C2) return 0x3A3;
  if (InRange(c, 0x3B1, 0x3CB)) return c - 0x20;
  if (InRange(c, 0x450, 0x45F)) return c - 0x50;
  if (InRange(c, 0x430, 0x44F)) return c - 0x20;
  if (c == 0x4CF) return 0x4C0;
  if (IsUpperOfPair(c, 0x461, 0x481, true) || IsUpperOfPair(c, 0x48B, 0x4BF, true) ||
      IsUpperOfPair(c, 0x4C2, 0x4CE, false) || IsUpperOfPair(c, 0x4D1, 0x52F, true)) {
    return c - 1;
  }
  if (InRange(c, 0x561, 0x586)) return c - 0x30;
  if (IsUpperOfPair(c, 0x1E01, 0x1E95, true) || IsUpperOfPair(c, 0x1EA1, 0x1EFF, true)) {
    return c - 1;
  }
  if (InRange(c, 0xFF41, 0xFF5A)) return c - 0x20;
  return c;
}

namespace {

template <typename Map>
void AppendMapped(std::string_view text, std::string* out, Map&& map) {
  out->reserve(out->size() + text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    uint8_t byte = static_cast<uint8_t>(text[pos]);
    if (byte < 0x80) {
      out->push_back(static_cast<char>(map(byte)));
      ++pos;
      continue;
    }
    uint32_t code_point = 0;
    size_t length = Decode(text, pos, &code_point);
    if (length == 0) {
      out->push_back(text[pos]);
      ++pos;
      continue;
    }
    Append(map(code_point), out);
    pos += length;
  }
}

}  // namespace

void AppendLower(std::string_view text, std::string* out) { AppendMapped(text, out, ToLower); }

void AppendUpper(std::string_view text, std::string* out) { AppendMapped(text, out, ToUpper); }

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<uint8_t>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace larder::functions::utf8
