#include "functions/scalar/json_fast_path.h"

#include <charconv>
#include <cstring>

#include "functions/scalar/value_text.h"

namespace larder::functions {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  char Peek() {
    SkipSpace();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

  // A string's content after its opening quote; `escaped` tells whether it holds escapes.
  bool String(std::string_view* content, bool* escaped) {
    const char* start = text_.data() + pos_ + 1;
    const char* end = text_.data() + text_.size();
    *escaped = false;
    for (const char* from = start;;) {
      const char* quote = static_cast<const char*>(std::memchr(from, '"', end - from));
      if (quote == nullptr) return false;
      size_t backslashes = 0;
      for (const char* at = quote; at > start && at[-1] == '\\'; --at) ++backslashes;
      if (backslashes % 2 == 0) {
        *escaped = *escaped || std::memchr(start, '\\', quote - start) != nullptr;
        *content = std::string_view(start, quote - start);
        pos_ = static_cast<size_t>(quote + 1 - text_.data());
        return true;
      }
      *escaped = true;  // An escaped quote: the string goes on.
      from = quote + 1;
    }
  }

  // Skips an object or array, minding strings.
  bool SkipNested() {
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        std::string_view ignored;
        bool escaped;
        if (!String(&ignored, &escaped)) return false;
        continue;
      }
      ++pos_;
      if (c == '{' || c == '[') ++depth;
      if ((c == '}' || c == ']') && --depth == 0) return true;
    }
    return false;
  }

  // A number, true, false or null: the text up to the next delimiter.
  std::string_view Scalar() {
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        break;
      }
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// An integer as the full parser prints it back: no sign but '-', no leading zero, no "-0",
// at most 18 digits (within Int64).
bool IsPlainInteger(std::string_view text) {
  size_t start = text.starts_with('-') ? 1 : 0;
  const size_t digits = text.size() - start;
  if (digits == 0 || digits > 18) return false;
  if (text[start] == '0' && (digits > 1 || start == 1)) return false;
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// A number the full parser surely reads (no exponent, at most 18 digits): skipping one keeps the
// two paths agreeing on which documents read at all.
bool IsSafeNumber(std::string_view text) {
  const size_t point = text.find('.');
  if (point == std::string_view::npos) return IsPlainInteger(text);
  std::string_view whole = text.substr(0, point), fraction = text.substr(point + 1);
  if (fraction.empty() || !IsPlainInteger(whole) || whole.size() + fraction.size() > 19) {
    return false;
  }
  for (char c : fraction) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool LookUpTopLevelKeys(std::string_view document, const std::vector<std::string_view>& keys,
                        std::vector<FastPropertyValue>* values) {
  values->assign(keys.size(), FastPropertyValue{});
  Scanner scanner(document);
  if (!scanner.Eat('{')) return false;
  if (scanner.Eat('}')) return true;
  size_t found = 0;
  for (;;) {
    if (scanner.Peek() != '"') return false;
    std::string_view key;
    bool escaped = false;
    if (!scanner.String(&key, &escaped) || escaped) return false;
    if (!scanner.Eat(':')) return false;
    size_t wanted = keys.size();
    for (size_t i = 0; i < keys.size(); ++i) {
      // The first of duplicate keys counts, as with the full parser.
      if (keys[i] == key && !(*values)[i].found && (*values)[i].text.data() == nullptr) {
        wanted = i;
        break;
      }
    }
    const char first = scanner.Peek();
    if (first == '"') {
      std::string_view content;
      if (!scanner.String(&content, &escaped)) return false;
      if (wanted < keys.size()) {
        if (escaped) return false;
        (*values)[wanted] = {true, content, {}};
      }
    } else if (first == '{' || first == '[') {
      if (wanted < keys.size()) return false;  // Nested values are re-serialized: full parser.
      if (!scanner.SkipNested()) return false;
    } else {
      std::string_view scalar = scanner.Scalar();
      const bool literal = scalar == "true" || scalar == "false" || scalar == "null";
      if (!literal && !IsSafeNumber(scalar)) return false;
      if (wanted < keys.size()) {
        if (scalar == "null") {
          (*values)[wanted] = {false, scalar, {}};  // Seen (a later duplicate does not count).
        } else if (scalar == "true" || scalar == "false" || IsPlainInteger(scalar)) {
          (*values)[wanted] = {true, scalar, {}};
        } else {
          // A decimal: printed back as the full parser does (the nearest double, shortest).
          double number = 0;
          auto [end, error] = std::from_chars(scalar.data(), scalar.data() + scalar.size(), number);
          if (error != std::errc() || end != scalar.data() + scalar.size()) return false;
          FastPropertyValue& value = (*values)[wanted];
          value.found = true;
          value.printed.clear();
          AppendFloatText(number, &value.printed);
          value.text = value.printed;
        }
      }
    }
    if (wanted < keys.size() && ++found == keys.size()) return true;
    if (scanner.Eat(',')) continue;
    return scanner.Eat('}');
  }
}

}  // namespace larder::functions
