// Replacing and extracting: replaceAll, replaceOne (plain substrings; an empty pattern leaves the
// string as it is), replaceRegexpAll, replaceRegexpOne (\0-\9 in the replacement refer to capture
// groups, \\ is a backslash), extract and extractAll (the first capture group when the pattern
// has one, else the whole match) — ClickHouse semantics, including how empty matches advance.
#include <cstring>
#include <optional>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/regex_pattern.h"
#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

void ReplaceString(std::string_view text, std::string_view pattern, std::string_view replacement,
                   bool all, std::string* out) {
  out->clear();
  if (pattern.empty()) {
    out->append(text);
    return;
  }
  size_t pos = 0;
  while (pos <= text.size()) {
    const void* found =
        memmem(text.data() + pos, text.size() - pos, pattern.data(), pattern.size());
    if (found == nullptr) break;
    size_t at = static_cast<size_t>(static_cast<const char*>(found) - text.data());
    out->append(text.substr(pos, at - pos));
    out->append(replacement);
    pos = at + pattern.size();
    if (!all) break;
  }
  out->append(text.substr(pos));
}

ScalarKernel ReplaceKernel(bool all) {
  return [all](const KernelCall& call, ColumnVector* out) -> Status {
    std::string scratch;
    for (size_t row = 0; row < call.rows; ++row) {
      ReplaceString(TextAt(call.args[0], row), TextAt(call.args[1], row), TextAt(call.args[2], row),
                    all, &scratch);
      out->AppendString(scratch);
    }
    return Status::OK();
  };
}

// A replacement string decomposed into literal text and capture-group references.
struct Substitution {
  std::string literal;
  int group = -1;  // >= 0: insert this group of the match instead of `literal`.
};

Status ParseReplacement(std::string_view function, std::string_view replacement, size_t group_count,
                        std::vector<Substitution>* pieces) {
  pieces->clear();
  std::string literal;
  for (size_t i = 0; i < replacement.size(); ++i) {
    char c = replacement[i];
    if (c != '\\' || i + 1 == replacement.size()) {
      literal.push_back(c);
      continue;
    }
    char next = replacement[++i];
    if (next < '0' || next > '9') {
      literal.push_back(next);  // \x stands for x.
      continue;
    }
    size_t group = static_cast<size_t>(next - '0');
    if (group > group_count) {
      return InvalidArgument(
          "{}: the replacement refers to \\{}, but the pattern has only {} capturing groups",
          function, group, group_count);
    }
    if (!literal.empty()) pieces->push_back({std::move(literal), -1});
    literal.clear();
    pieces->push_back({"", static_cast<int>(group)});
  }
  if (!literal.empty()) pieces->push_back({std::move(literal), -1});
  return Status::OK();
}

// One row of replaceRegexpAll/One, as ClickHouse's ReplaceRegexpImpl: after an empty match the
// search moves one byte on (the skipped byte is kept), so 'x' with '^|.*' gives
// "<r>x<r>".
void ReplaceRegex(std::string_view text, const RegexPattern& pattern,
                  const std::vector<Substitution>& pieces, bool all,
                  std::vector<RegexPattern::Group>* groups, std::string* out) {
  out->clear();
  size_t copy_pos = 0, match_pos = 0;
  while (match_pos <= text.size()) {
    bool finish = true;
    if (pattern.Find(text, match_pos, groups)) {
      const RegexPattern::Group& match = (*groups)[0];
      out->append(text.substr(copy_pos, match.begin - copy_pos));
      copy_pos = match_pos = match.end;
      for (const Substitution& piece : pieces) {
        if (piece.group < 0) {
          out->append(piece.literal);
        } else if ((*groups)[piece.group].matched) {
          const RegexPattern::Group& group = (*groups)[piece.group];
          out->append(text.substr(group.begin, group.end - group.begin));
        }
      }
      finish = !all;
      if (match.begin == match.end) {
        ++match_pos;
        finish = finish || match_pos > text.size();
      } else if (pieces.empty() && match_pos == text.size()) {
        finish = true;
      }
    }
    if (finish) break;
  }
  out->append(text.substr(std::min(copy_pos, text.size())));
}

ScalarKernel ReplaceRegexKernel(bool all) {
  const char* name = all ? "replaceRegexpAll" : "replaceRegexpOne";
  return [all, name](const KernelCall& call, ColumnVector* out) -> Status {
    return RunRegex(name, [&]() -> Status {
      RegexCache cache(name);
      std::vector<Substitution> pieces;
      std::vector<RegexPattern::Group> groups;
      std::string scratch;
      const bool per_row = !call.args[1].constant || !call.args[2].constant;
      for (size_t row = 0; row < call.rows; ++row) {
        LARDER_ASSIGN_OR_RETURN(const RegexPattern* pattern, cache.Get(TextAt(call.args[1], row)));
        if (row == 0 || per_row) {
          LARDER_RETURN_IF_ERROR(
              ParseReplacement(name, TextAt(call.args[2], row), pattern->group_count(), &pieces));
        }
        ReplaceRegex(TextAt(call.args[0], row), *pattern, pieces, all, &groups, &scratch);
        out->AppendString(scratch);
      }
      return Status::OK();
    });
  };
}

// The group extract and extractAll return: the first capture group, or the whole match.
std::string_view Captured(std::string_view text, const RegexPattern& pattern,
                          const std::vector<RegexPattern::Group>& groups) {
  const RegexPattern::Group& group = groups[pattern.group_count() > 0 ? 1 : 0];
  if (!group.matched) return {};
  return text.substr(group.begin, group.end - group.begin);
}

Status Extract(const KernelCall& call, ColumnVector* out) {
  return RunRegex("extract", [&]() -> Status {
    RegexCache cache("extract");
    std::vector<RegexPattern::Group> groups;
    for (size_t row = 0; row < call.rows; ++row) {
      LARDER_ASSIGN_OR_RETURN(const RegexPattern* pattern, cache.Get(TextAt(call.args[1], row)));
      std::string_view text = TextAt(call.args[0], row);
      out->AppendString(pattern->Find(text, 0, &groups) ? Captured(text, *pattern, groups)
                                                        : std::string_view());
    }
    return Status::OK();
  });
}

// extractAll: every non-overlapping match, stopping at the first empty one. Each search starts
// afresh after the previous match (so ^ can match there again), as in ClickHouse.
Status ExtractAll(const KernelCall& call, ColumnVector* out) {
  return RunRegex("extractAll", [&]() -> Status {
    RegexCache cache("extractAll");
    std::vector<RegexPattern::Group> groups;
    ColumnVector* elements = out->mutable_child();
    for (size_t row = 0; row < call.rows; ++row) {
      LARDER_ASSIGN_OR_RETURN(const RegexPattern* pattern, cache.Get(TextAt(call.args[1], row)));
      std::string_view text = TextAt(call.args[0], row);
      uint32_t count = 0;
      size_t pos = 0;
      while (pos <= text.size()) {
        std::string_view rest = text.substr(pos);
        if (!pattern->Find(rest, 0, &groups) || groups[0].begin == groups[0].end) break;
        elements->AppendString(Captured(rest, *pattern, groups));
        ++count;
        pos += groups[0].end;
      }
      out->AppendArrayRow(count);
    }
    return Status::OK();
  });
}

}  // namespace

void RegisterStringReplace(FunctionRegistry* r) {
  ReturnTypeRule replace = Checked({ArgKind::kText}, Propagating(kString));
  Scalar(r, "replaceAll", 3, 3, replace, ReplaceKernel(true));
  Scalar(r, "replaceOne", 3, 3, replace, ReplaceKernel(false));
  Scalar(r, "replaceRegexpAll", 3, 3, replace, ReplaceRegexKernel(true));
  Scalar(r, "replaceRegexpOne", 3, 3, replace, ReplaceRegexKernel(false));
  Scalar(r, "extract", 2, 2, replace, Extract);
  Scalar(r, "extractAll", 2, 2, Checked({ArgKind::kText}, Propagating(LogicalType::Array(kString))),
         ExtractAll);
}

}  // namespace larder::functions
