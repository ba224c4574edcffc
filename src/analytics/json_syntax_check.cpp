#include "analytics/json_syntax_check.h"

#include <cstdint>
#include <vector>

namespace larder::analytics {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A scanner over one JSON value: an explicit stack of open containers instead of recursion.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<JsonSyntaxError> Run() {
    SkipSpace();
    if (!Value()) return error_;
    while (!stack_.empty()) {
      if (!Step()) return error_;
    }
    SkipSpace();
    if (pos_ != text_.size()) return Fail("unexpected text after the JSON value");
    return std::nullopt;
  }

 private:
  struct OpenContainer {
    char open;   // '{' or '['.
    bool empty;  // Nothing read inside it yet.
  };

  // Reads one value. A container is only opened (pushed); Step reads what it holds, so nesting
  // costs stack entries, not recursion.
  bool Value() {
    if (pos_ >= text_.size()) return FailBool("the JSON ends where a value was expected");
    char c = text_[pos_];
    switch (c) {
      case '{':
      case '[':
        ++pos_;
        stack_.push_back(OpenContainer{c, true});
        return true;
      case '"':
        return String();
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        if (c == '-' || IsDigit(c)) return Number();
        return FailBool("expected a JSON value");
    }
  }

  // Reads `"key": ` and the value after it.
  bool Member() {
    if (Peek() != '"') return FailBool("expected a quoted object key");
    if (!String()) return false;
    SkipSpace();
    if (Peek() != ':') return FailBool("expected ':' after an object key");
    ++pos_;
    SkipSpace();
    return Value();
  }

  // One step inside the innermost open container: its close, or the next item (after a ','
  // unless it is the first).
  bool Step() {
    SkipSpace();
    OpenContainer& top = stack_.back();
    bool is_object = top.open == '{';
    if (Peek() == (is_object ? '}' : ']')) {
      ++pos_;
      stack_.pop_back();
      return true;
    }
    if (top.empty) {
      top.empty = false;
    } else {
      if (Peek() != ',') {
        return FailBool(is_object ? "expected ',' or '}' after an object member"
                                  : "expected ',' or ']' after an array element");
      }
      ++pos_;
      SkipSpace();
    }
    return is_object ? Member() : Value();
  }

  bool String() {
    const size_t open_quote = pos_;
    ++pos_;
    while (pos_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return FailBool("a control character inside a string must be escaped");
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) break;
        char escaped = text_[pos_ + 1];
        if (escaped == 'u') {
          for (size_t i = 2; i < 6; ++i) {
            if (pos_ + i >= text_.size() || !IsHex(text_[pos_ + i])) {
              return FailBool("\\u must be followed by four hex digits");
            }
          }
          pos_ += 6;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(escaped) == std::string_view::npos) {
          return FailBool("invalid escape in a string");
        }
        pos_ += 2;
        continue;
      }
      ++pos_;
    }
    pos_ = open_quote;
    return FailBool("a string is not closed");
  }

  bool Literal(std::string_view word) {
    for (size_t i = 0; i < word.size(); ++i) {
      if (pos_ + i >= text_.size() || text_[pos_ + i] != word[i]) {
        pos_ += i;
        return FailBool("expected a JSON value");
      }
    }
    pos_ += word.size();
    return true;
  }

  bool Number() {
    size_t start = pos_;
    bool negative = Peek() == '-';
    if (negative) ++pos_;
    if (!IsDigit(Peek())) return FailBool("expected a digit in a number");
    bool integer = true;
    if (Peek() == '0') {
      ++pos_;
    } else {
      while (IsDigit(Peek())) ++pos_;
    }
    if (Peek() == '.') {
      integer = false;
      ++pos_;
      if (!IsDigit(Peek())) return FailBool("expected a digit after the decimal point");
      while (IsDigit(Peek())) ++pos_;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      integer = false;
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!IsDigit(Peek())) return FailBool("expected a digit in the exponent");
      while (IsDigit(Peek())) ++pos_;
    }
    if (integer && !FitsIn64Bits(text_.substr(start, pos_ - start), negative)) {
      pos_ = start;
      return FailBool("an integer outside the 64-bit range");
    }
    return true;
  }

  static bool FitsIn64Bits(std::string_view digits, bool negative) {
    if (negative) digits.remove_prefix(1);
    uint64_t value = 0;
    for (char c : digits) {
      uint64_t digit = static_cast<uint64_t>(c - '0');
      if (value > (UINT64_MAX - digit) / 10) return false;
      value = value * 10 + digit;
    }
    return !negative || value <= uint64_t{1} << 63;
  }

  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }
  bool FailBool(std::string what) {
    error_ = JsonSyntaxError{pos_, std::move(what)};
    return false;
  }
  std::optional<JsonSyntaxError> Fail(std::string what) {
    FailBool(std::move(what));
    return error_;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<OpenContainer> stack_;
  std::optional<JsonSyntaxError> error_;
};

}  // namespace

std::optional<JsonSyntaxError> FindJsonSyntaxError(std::string_view text) {
  return Scanner(text).Run();
}

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    uint32_t min_code;
    uint32_t code;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, min_code = 0x80, code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, min_code = 0x800, code = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, min_code = 0x10000, code = lead & 0x07;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += length;
  }
  return std::nullopt;
}

}  // namespace larder::analytics
