#include "analytics/form_decoding.h"

#include <array>
#include <cstdint>

namespace larder::analytics {

namespace {

constexpr size_t kSniffBytes = 128;
constexpr int8_t kNotBase64 = -1;
constexpr int8_t kPadding = -2;
constexpr int8_t kSpace = -3;

constexpr std::array<int8_t, 256> MakeBase64Table() {
  std::array<int8_t, 256> table{};
  for (auto& entry : table) entry = kNotBase64;
  constexpr std::string_view kStandard =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < kStandard.size(); ++i) {
    table[static_cast<unsigned char>(kStandard[i])] = static_cast<int8_t>(i);
  }
  table['-'] = 62;  // URL-safe alphabet.
  table['_'] = 63;
  table['='] = kPadding;
  for (char c : std::string_view(" \t\r\n")) table[static_cast<unsigned char>(c)] = kSpace;
  return table;
}
constexpr std::array<int8_t, 256> kBase64Table = MakeBase64Table();

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string DecodeFormComponent(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::string> FindFormField(std::string_view form, std::string_view name) {
  while (!form.empty()) {
    size_t amp = form.find('&');
    std::string_view field = form.substr(0, amp);
    form = amp == std::string_view::npos ? std::string_view() : form.substr(amp + 1);
    size_t eq = field.find('=');
    std::string_view key = field.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : field.substr(eq + 1);
    bool matches = key.find_first_of("%+") == std::string_view::npos
                       ? key == name
                       : DecodeFormComponent(key) == name;
    if (matches) return DecodeFormComponent(value);
  }
  return std::nullopt;
}

bool LooksLikeCaptureForm(std::string_view payload) {
  std::string_view prefix = payload.substr(0, kSniffBytes);
  for (std::string_view field : {"data=", "compression=", "ver=", "_=", "ip="}) {
    if (prefix.starts_with(field)) return true;
    for (size_t amp = prefix.find('&'); amp != std::string_view::npos;
         amp = prefix.find('&', amp + 1)) {
      if (prefix.substr(amp + 1).starts_with(field)) return true;
    }
  }
  return false;
}

bool LooksLikeBase64(std::string_view text, bool allow_spaces, bool allow_unpadded) {
  if (text.empty()) return false;
  for (char c : text.substr(0, kSniffBytes)) {
    int8_t value = kBase64Table[static_cast<unsigned char>(c)];
    if (value == kNotBase64 || (value == kSpace && !allow_spaces)) return false;
  }
  if (allow_unpadded) return true;
  size_t significant = text.size();
  if (allow_spaces) {
    for (char c : text) significant -= kBase64Table[static_cast<unsigned char>(c)] == kSpace;
  }
  return significant % 4 == 0;
}

Result<std::string> DecodeBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  uint32_t accumulator = 0;
  int pending_bits = 0;
  size_t sextets = 0;
  bool padding_seen = false;
  for (size_t i = 0; i < text.size(); ++i) {
    int8_t value = kBase64Table[static_cast<unsigned char>(text[i])];
    if (value == kSpace) continue;
    if (value == kPadding) {
      padding_seen = true;
      continue;
    }
    if (value == kNotBase64 || padding_seen) {
      return InvalidArgument("not valid base64: unexpected character at byte {}", i);
    }
    accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
    pending_bits += 6;
    ++sextets;
    if (pending_bits >= 8) {
      pending_bits -= 8;
      out.push_back(static_cast<char>((accumulator >> pending_bits) & 0xFF));
    }
  }
  if (sextets % 4 == 1) return InvalidArgument("not valid base64: its length is impossible");
  return out;
}

}  // namespace larder::analytics
