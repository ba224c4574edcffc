#include "functions/scalar/regex_pattern.h"

#include <cstring>

namespace larder::functions {
namespace {

constexpr std::string_view kMetacharacters = "\\^$.|?*+()[]{}";

// One UTF-8 code point (re2 reads text as UTF-8): a sequence of the length its lead byte says,
// or a lead byte that nothing continues; `newline` says whether '\n' counts.
std::string CodePoint(bool newline) {
  return std::string("(?:") + (newline ? "[\\x00-\\x7F]" : "[\\x00-\\x09\\x0B-\\x7F]") +
         "|[\\xC0-\\xDF][\\x80-\\xBF]|[\\xE0-\\xEF][\\x80-\\xBF]{2}"
         "|[\\xF0-\\xF7][\\x80-\\xBF]{3}|[\\xC0-\\xFF](?![\\x80-\\xBF]))";
}

// Whether text has bytes beyond ASCII (so that code points and bytes differ).
bool HasMultibyte(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

struct Translated {
  std::string ecmascript;
  bool case_insensitive = false;
};

// Reads leading re2 flag groups such as (?i), (?s), (?-s), (?is) from `pattern`.
void ReadFlags(std::string_view* pattern, bool* case_insensitive, bool* dot_all) {
  while (pattern->starts_with("(?")) {
    size_t close = pattern->find(')');
    if (close == std::string_view::npos) return;
    std::string_view flags = pattern->substr(2, close - 2);
    if (flags.empty() || flags.find_first_not_of("imsU-") != std::string_view::npos) return;
    bool negate = false;
    for (char flag : flags) {
      if (flag == '-') negate = true;
      if (flag == 'i') *case_insensitive = !negate;
      if (flag == 's') *dot_all = !negate;
    }
    pattern->remove_prefix(close + 1);
  }
}

// The ECMAScript form of an re2 pattern. With `utf8`, '.' and negated classes of ASCII members
// match one code point rather than one byte (used on text that is not all ASCII).
Translated Translate(std::string_view pattern, bool utf8) {
  Translated result;
  bool dot_all = true;
  ReadFlags(&pattern, &result.case_insensitive, &dot_all);
  std::string& out = result.ecmascript;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      char next = pattern[++i];
      if (!in_class && next == 'A') {
        out += '^';
      } else if (!in_class && next == 'z') {
        out += '$';
      } else if (next == 'Q') {
        size_t end = pattern.find("\\E", i + 1);
        std::string_view quoted = pattern.substr(
            i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1);
        for (char q : quoted) {
          if (kMetacharacters.find(q) != std::string_view::npos) out += '\\';
          out += q;
        }
        i = end == std::string_view::npos ? pattern.size() : end + 1;
      } else {
        out += '\\';
        out += next;
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[' && utf8 && pattern.substr(i).starts_with("[^")) {
      const size_t close = pattern.find(']', i + 3);
      const std::string_view members =
          close == std::string_view::npos ? "" : pattern.substr(i + 2, close - i - 2);
      // [^abc] reads as "not a, b or c, then one code point" when its members are plain ASCII.
      if (!members.empty() && !HasMultibyte(members) && members.find('[') == members.npos) {
        out += "(?:(?![";
        out += members;
        out += "])" + CodePoint(true) + ")";
        i = close;
        continue;
      }
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal member.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
        out += "\\]";  // ECMAScript reads "[]" as an empty class.
        ++i;
      }
      continue;
    }
    if (c == '.' && utf8) {
      out += CodePoint(dot_all);
      continue;
    }
    if (c == '.' && dot_all) {
      out += "[\\s\\S]";
      continue;
    }
    if (c == '(' && pattern.substr(i).starts_with("(?P<")) {
      size_t close = pattern.find('>', i);
      if (close != std::string_view::npos) {
        out += '(';
        i = close;
        continue;
      }
    }
    out += c;
  }
  return result;
}

}  // namespace

Result<RegexPattern> RegexPattern::Compile(std::string_view function, std::string_view pattern) {
  RegexPattern compiled;
  if (pattern.find_first_of(kMetacharacters) == std::string_view::npos) {
    compiled.literal_ = std::string(pattern);
    return compiled;
  }
  Translated translated = Translate(pattern, false);
  Translated utf8 = Translate(pattern, true);
  auto flags = std::regex::ECMAScript;
  if (translated.case_insensitive) flags |= std::regex::icase;
  try {
    compiled.regex_.emplace(translated.ecmascript, flags);
    if (utf8.ecmascript != translated.ecmascript)
      compiled.utf8_regex_.emplace(utf8.ecmascript, flags);
  } catch (const std::regex_error& error) {
    return InvalidArgument("{}: \"{}\" is not a valid regular expression: {}", function, pattern,
                           error.what());
  }
  compiled.group_count_ = compiled.regex_->mark_count();
  return compiled;
}

bool RegexPattern::Search(std::string_view text) const {
  if (!regex_) {
    return memmem(text.data(), text.size(), literal_.data(), literal_.size()) != nullptr;
  }
  return std::regex_search(text.data(), text.data() + text.size(), RegexFor(text));
}

const std::regex& RegexPattern::RegexFor(std::string_view text) const {
  return utf8_regex_ && HasMultibyte(text) ? *utf8_regex_ : *regex_;
}

bool RegexPattern::Find(std::string_view text, size_t from, std::vector<Group>* groups) const {
  groups->assign(group_count_ + 1, Group());
  if (from > text.size()) return false;
  if (!regex_) {
    const void* found =
        memmem(text.data() + from, text.size() - from, literal_.data(), literal_.size());
    if (found == nullptr) return false;
    size_t begin = static_cast<size_t>(static_cast<const char*>(found) - text.data());
    (*groups)[0] = {begin, begin + literal_.size(), true};
    return true;
  }
  std::cmatch match;
  auto flags =
      from > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
  if (!std::regex_search(text.data() + from, text.data() + text.size(), match, RegexFor(text),
                         flags)) {
    return false;
  }
  for (size_t i = 0; i < match.size() && i < groups->size(); ++i) {
    if (!match[i].matched) continue;
    size_t begin = from + static_cast<size_t>(match.position(i));
    (*groups)[i] = {begin, begin + static_cast<size_t>(match.length(i)), true};
  }
  return true;
}

Result<const RegexPattern*> RegexCache::Get(std::string_view pattern) {
  if (!pattern_ || pattern != text_) {
    LARDER_ASSIGN_OR_RETURN(RegexPattern compiled, RegexPattern::Compile(function_, pattern));
    pattern_.emplace(std::move(compiled));
    text_ = std::string(pattern);
  }
  return &*pattern_;
}

}  // namespace larder::functions
