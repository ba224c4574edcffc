// URL functions with ClickHouse's semantics (its parsing rules, not RFC 3986): protocol, domain,
// domainWithoutWWW, topLevelDomain, path, pathFull, queryString, fragment, extractURLParameter,
// extractURLParameters, extractURLParameterNames, cutQueryString, cutFragment,
// decodeURLComponent and encodeURLComponent. URLs may come with or without a scheme; text that
// does not parse gives ''.
#include <cstring>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlphaNumeric(char c) { return IsAlpha(c) || IsDigit(c); }

// Characters after which ClickHouse gives up on finding a host.
bool IsRestricted(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '<':
    case '>':
    case '%':
    case '{':
    case '}':
    case '|':
    case '\\':
    case '^':
    case '~':
    case '[':
    case ']':
    case ';':
    case '=':
    case '&':
      return true;
    default:
      return false;
  }
}

// Position of the first of `characters` in text[from, …), or text.size().
size_t FindFirst(std::string_view text, std::string_view characters, size_t from = 0) {
  size_t found = text.find_first_of(characters, from);
  return found == std::string_view::npos ? text.size() : found;
}

// protocol: the scheme (letter, then letters, digits, '+', '-', '.') when ':' follows it and at
// least four bytes remain from there.
std::string_view Protocol(std::string_view url) {
  if (url.empty() || !IsAlpha(url[0])) return {};
  size_t end = 1;
  while (end < url.size() &&
         (IsAlphaNumeric(url[end]) || url[end] == '+' || url[end] == '-' || url[end] == '.')) {
    ++end;
  }
  if (url.size() - end < 4 || url[end] != ':') return {};
  return url.substr(0, end);
}

// The host, as ClickHouse's getURLHost finds it: after "scheme://" or "//" (else from the
// start), after any "user@", up to ':', '/', '?' or '#'; it must contain a dot with something
// after it, and restricted characters make the URL hostless.
std::string_view Host(std::string_view url) {
  size_t pos = 0;
  if (url.size() >= 2 && url[0] == '/' && url[1] == '/') {
    pos = 2;
  } else if (!url.empty()) {
    const size_t scheme_end = std::min<size_t>(url.size(), 16);
    for (pos = 1; pos < scheme_end; ++pos) {
      char c = url[pos];
      if (IsAlphaNumeric(c) || c == '.' || c == '-' || c == '+') continue;
      if (IsRestricted(c)) return {};
      break;
    }
    if (scheme_end - pos > 2 && url[pos] == ':' && url[pos + 1] == '/' && url[pos + 2] == '/') {
      pos += 3;
    } else {
      pos = 0;
    }
  }
  size_t start = pos;
  size_t dot = std::string_view::npos;
  for (; pos < url.size(); ++pos) {
    char c = url[pos];
    if (c == '.') {
      dot = pos;
    } else if (c == ':' || c == '/' || c == '?' || c == '#') {
      break;
    } else if (c == '@') {
      start = pos + 1;
    } else if (IsRestricted(c)) {
      return {};
    }
  }
  if (dot == std::string_view::npos || start >= pos || pos - dot == 1) return {};
  return url.substr(start, pos - start);
}

std::string_view DomainWithoutWww(std::string_view url) {
  std::string_view host = Host(url);
  if (host.size() > 4 && host.starts_with("www.")) host.remove_prefix(4);
  return host;
}

// The part after the host's last dot, unless it starts with a digit (an IPv4 address).
std::string_view TopLevelDomain(std::string_view url) {
  std::string_view host = Host(url);
  if (host.empty()) return {};
  if (host.back() == '.') host.remove_suffix(1);
  size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= host.size() || IsDigit(host[dot + 1])) return {};
  return host.substr(dot + 1);
}

// path / pathFull: from the first '/' that is not part of "//" (skipping to the next '/' after
// a "//"), up to '?' or '#' (path) or the end (pathFull).
std::string_view Path(std::string_view url, bool full) {
  size_t pos = url.find('/');
  if (pos == std::string_view::npos) return {};
  if (pos + 1 < url.size() && url[pos + 1] == '/') {
    pos = url.find('/', pos + 2);
    if (pos == std::string_view::npos) return {};
  }
  size_t end = full ? url.size() : FindFirst(url, "?#", pos);
  return url.substr(pos, end - pos);
}

// The query string: from the first '?' to the first '#' after it; with the '?' when
// `with_mark` (what cutQueryString removes).
std::string_view QueryString(std::string_view url, bool with_mark, size_t* begin = nullptr) {
  size_t mark = url.find('?');
  if (mark == std::string_view::npos) return {};
  size_t end = FindFirst(url, "#", mark);
  size_t start = with_mark ? mark : mark + 1;
  if (begin != nullptr) *begin = start;
  return url.substr(start, end - start);
}

std::string_view Fragment(std::string_view url, bool with_mark, size_t* begin = nullptr) {
  size_t mark = url.find('#');
  if (mark == std::string_view::npos) return {};
  size_t start = with_mark ? mark : mark + 1;
  if (begin != nullptr) *begin = start;
  return url.substr(start);
}

// The value of the first parameter `name` in the query string or fragment (undecoded).
std::string_view UrlParameter(std::string_view url, std::string_view name, std::string* key) {
  size_t query = FindFirst(url, "?#");
  if (query + 1 >= url.size()) return {};
  key->assign(name);
  key->push_back('=');
  size_t pos = query + 1;
  while (true) {
    const void* found = memmem(url.data() + pos, url.size() - pos, key->data(), key->size());
    if (found == nullptr) return {};
    size_t at = static_cast<size_t>(static_cast<const char*>(found) - url.data());
    char before = url[at - 1];
    pos = at + key->size();
    if (before == '?' || before == '#' || before == '&') break;
  }
  size_t end = FindFirst(url, "&#", pos);
  return url.substr(pos, end - pos);
}

// extractURLParameters / extractURLParameterNames: ClickHouse's tokenizers, including their
// quirks (a trailing name without '=' or '&' is dropped; '?' restarts a token).
uint32_t UrlParameters(std::string_view url, bool names_only, ColumnVector* elements) {
  uint32_t count = 0;
  size_t pos = FindFirst(url, "?#");
  if (pos + 1 >= url.size()) return 0;
  ++pos;
  while (true) {
    size_t token_begin = pos;
    while (true) {
      token_begin = pos;
      pos = FindFirst(url, "=&#?", pos);
      if (pos == url.size()) return count;
      if (url[pos] != '?') break;
      ++pos;
    }
    if (names_only) {
      elements->AppendString(url.substr(token_begin, pos - token_begin));
      ++count;
      pos = FindFirst(url, "&#", pos);
      if (pos + 1 >= url.size()) return count;
      ++pos;
      continue;
    }
    size_t token_end;
    if (url[pos] == '&' || url[pos] == '#') {
      token_end = pos++;
    } else {
      pos = FindFirst(url, "&#", pos + 1);
      token_end = pos;
      if (pos < url.size()) ++pos;
    }
    elements->AppendString(url.substr(token_begin, token_end - token_begin));
    ++count;
    if (pos >= url.size()) return count;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding as ClickHouse's decodeURLComponent: "%XX" with two hex digits becomes that
// byte; after a '%' without them the next three bytes are kept as they are; '+' stays '+'.
void DecodeUrl(std::string_view text, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '%') {
      out->push_back(text[i++]);
      continue;
    }
    if (i + 1 >= text.size()) {  // Fewer than two bytes after '%' (counting the end).
      out->append(text.substr(i));
      break;
    }
    int high = HexValue(text[i + 1]);
    int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
    if (high >= 0 && low >= 0) {
      out->push_back(static_cast<char>(high * 16 + low));
    } else {
      out->append(text.substr(i, 3));
    }
    i += 3;
  }
}

void EncodeUrl(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->clear();
  for (char c : text) {
    if (IsAlphaNumeric(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out->push_back(c);
      continue;
    }
    uint8_t byte = static_cast<uint8_t>(c);
    out->push_back('%');
    out->push_back(kHex[byte >> 4]);
    out->push_back(kHex[byte & 15]);
  }
}

// A String -> String URL function that returns a part of its input.
template <typename Part>
ScalarKernel PartKernel(Part part) {
  return [part](const KernelCall& call, ColumnVector* out) -> Status {
    StringToString(call.args[0], call.rows, out,
                   [&](std::string_view url, std::string*) { return part(url); });
    return Status::OK();
  };
}

// Removes a part (cutQueryString, cutFragment).
template <typename Locate>
ScalarKernel CutKernel(Locate locate) {
  return [locate](const KernelCall& call, ColumnVector* out) -> Status {
    StringToString(call.args[0], call.rows, out,
                   [&](std::string_view url, std::string* scratch) -> std::string_view {
                     size_t begin = 0;
                     std::string_view part = locate(url, &begin);
                     if (part.empty()) return url;
                     scratch->assign(url.substr(0, begin));
                     scratch->append(url.substr(begin + part.size()));
                     return *scratch;
                   });
    return Status::OK();
  };
}

template <typename Code>
ScalarKernel CodeKernel(Code code) {
  return [code](const KernelCall& call, ColumnVector* out) -> Status {
    StringToString(call.args[0], call.rows, out,
                   [&](std::string_view text, std::string* scratch) -> std::string_view {
                     code(text, scratch);
                     return *scratch;
                   });
    return Status::OK();
  };
}

Status ExtractUrlParameter(const KernelCall& call, ColumnVector* out) {
  std::string key;
  for (size_t row = 0; row < call.rows; ++row) {
    out->AppendString(UrlParameter(TextAt(call.args[0], row), TextAt(call.args[1], row), &key));
  }
  return Status::OK();
}

ScalarKernel ParametersKernel(bool names_only) {
  return [names_only](const KernelCall& call, ColumnVector* out) -> Status {
    ColumnVector* elements = out->mutable_child();
    for (size_t row = 0; row < call.rows; ++row) {
      out->AppendArrayRow(UrlParameters(TextAt(call.args[0], row), names_only, elements));
    }
    return Status::OK();
  };
}

}  // namespace

void RegisterUrlFunctions(FunctionRegistry* r) {
  ReturnTypeRule text = Checked({ArgKind::kText}, Propagating(kString));
  Scalar(r, "protocol", 1, 1, text, PartKernel(Protocol));
  Scalar(r, "domain", 1, 1, text, PartKernel(Host));
  Scalar(r, "domainWithoutWWW", 1, 1, text, PartKernel(DomainWithoutWww));
  Scalar(r, "topLevelDomain", 1, 1, text, PartKernel(TopLevelDomain));
  Scalar(r, "path", 1, 1, text, PartKernel([](std::string_view url) { return Path(url, false); }));
  Scalar(r, "pathFull", 1, 1, text,
         PartKernel([](std::string_view url) { return Path(url, true); }));
  Scalar(r, "queryString", 1, 1, text,
         PartKernel([](std::string_view url) { return QueryString(url, false); }));
  Scalar(r, "fragment", 1, 1, text,
         PartKernel([](std::string_view url) { return Fragment(url, false); }));
  Scalar(r, "cutQueryString", 1, 1, text, CutKernel([](std::string_view url, size_t* begin) {
           return QueryString(url, true, begin);
         }));
  Scalar(r, "cutFragment", 1, 1, text,
         CutKernel([](std::string_view url, size_t* begin) { return Fragment(url, true, begin); }));
  Scalar(r, "decodeURLComponent", 1, 1, text, CodeKernel(DecodeUrl));
  Scalar(r, "encodeURLComponent", 1, 1, text, CodeKernel(EncodeUrl));
  Scalar(r, "extractURLParameter", 2, 2, Checked({ArgKind::kText}, Propagating(kString)),
         ExtractUrlParameter);
  ReturnTypeRule list = Checked({ArgKind::kText}, Propagating(LogicalType::Array(kString)));
  Scalar(r, "extractURLParameters", 1, 1, list, ParametersKernel(false));
  Scalar(r, "extractURLParameterNames", 1, 1, list, ParametersKernel(true));
}

}  // namespace larder::functions
