// Searching in strings: position, positionCaseInsensitive (1-based byte positions, 0 when
// absent, ASCII case folding), startsWith, endsWith, LIKE (like, ilike, notLike, notILike; see
// like_pattern.h) and match (regular expressions; see regex_pattern.h).
#include <cstring>
#include <optional>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/like_pattern.h"
#include "functions/scalar/regex_pattern.h"
#include "functions/scalar/string_args.h"
#include "functions/scalar/utf8.h"

namespace larder::functions {
namespace {

void AsciiLowerInto(std::string_view text, std::string* out) {
  out->resize(text.size());
  for (size_t i = 0; i < text.size(); ++i) (*out)[i] = utf8::AsciiLower(text[i]);
}

// position(haystack, needle[, start_pos]) as ClickHouse defines it, including its rules for an
// empty needle: 1 without start_pos, start_pos when 1 <= start_pos <= length + 1, else 0.
int64_t Position(std::string_view haystack, std::string_view needle, const int64_t* start_pos) {
  int64_t start = start_pos == nullptr || *start_pos <= 0 ? 1 : *start_pos;
  if (static_cast<uint64_t>(start) > haystack.size() + 1) return 0;
  if (needle.empty()) return start;
  size_t from = static_cast<size_t>(start - 1);
  const void* found =
      memmem(haystack.data() + from, haystack.size() - from, needle.data(), needle.size());
  if (found == nullptr) return 0;
  return static_cast<const char*>(found) - haystack.data() + 1;
}

ScalarKernel PositionKernel(bool case_insensitive) {
  return [case_insensitive](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& haystack = call.args[0];
    const KernelArg& needle = call.args[1];
    const bool has_start = call.args.size() > 2;
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    std::string lowered_haystack, lowered_needle;
    std::optional<std::string_view> constant_needle = ConstantText(needle);
    if (constant_needle && case_insensitive) {
      AsciiLowerInto(*constant_needle, &lowered_needle);
      constant_needle = lowered_needle;
    }
    for (size_t row = 0; row < call.rows; ++row) {
      std::string_view text = TextAt(haystack, row);
      std::string_view pattern = constant_needle ? *constant_needle : TextAt(needle, row);
      if (case_insensitive) {
        AsciiLowerInto(text, &lowered_haystack);
        text = lowered_haystack;
        if (!constant_needle) {
          AsciiLowerInto(pattern, &lowered_needle);
          pattern = lowered_needle;
        }
      }
      int64_t start =
          has_start && !IsNullAt(call.args[2], row) ? IntegerArgAt(call.args[2], row) : 0;
      values[row] = Position(text, pattern, has_start ? &start : nullptr);
    }
    return Status::OK();
  };
}

ScalarKernel AffixKernel(bool prefix) {
  return [prefix](const KernelCall& call, ColumnVector* out) -> Status {
    uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
    const KernelArg& affix = call.args[1];
    std::optional<std::string_view> constant = ConstantText(affix);
    auto test = [prefix](std::string_view text, std::string_view part) -> uint8_t {
      return prefix ? text.starts_with(part) : text.ends_with(part);
    };
    if (constant) {
      ForEachString(call.args[0], call.rows, [&](size_t row, std::string_view text) {
        values[row] = test(text, *constant);
      });
      return Status::OK();
    }
    for (size_t row = 0; row < call.rows; ++row) {
      values[row] = test(TextAt(call.args[0], row), TextAt(affix, row));
    }
    return Status::OK();
  };
}

// like / ilike / notLike / notILike.
ScalarKernel LikeKernel(bool case_insensitive, bool negated) {
  return [case_insensitive, negated](const KernelCall& call, ColumnVector* out) -> Status {
    uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
    const uint8_t match_value = negated ? 0 : 1;
    std::string scratch;
    std::optional<std::string_view> constant = ConstantText(call.args[1]);
    if (constant) {
      LikePattern pattern(*constant, case_insensitive);
      ForEachString(call.args[0], call.rows, [&](size_t row, std::string_view text) {
        values[row] = pattern.Matches(text, &scratch) ? match_value : 1 - match_value;
      });
      return Status::OK();
    }
    std::optional<LikePattern> pattern;
    std::string pattern_text;
    for (size_t row = 0; row < call.rows; ++row) {
      std::string_view current = TextAt(call.args[1], row);
      if (!pattern || current != pattern_text) {
        pattern.emplace(current, case_insensitive);
        pattern_text = std::string(current);
      }
      values[row] =
          pattern->Matches(TextAt(call.args[0], row), &scratch) ? match_value : 1 - match_value;
    }
    return Status::OK();
  };
}

Status Match(const KernelCall& call, ColumnVector* out) {
  uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
  return RunRegex("match", [&]() -> Status {
    std::optional<std::string_view> constant = ConstantText(call.args[1]);
    if (constant) {
      LARDER_ASSIGN_OR_RETURN(RegexPattern pattern, RegexPattern::Compile("match", *constant));
      ForEachString(call.args[0], call.rows,
                    [&](size_t row, std::string_view text) { values[row] = pattern.Search(text); });
      return Status::OK();
    }
    RegexCache cache("match");
    for (size_t row = 0; row < call.rows; ++row) {
      if (IsNullAt(call.args[1], row)) continue;
      LARDER_ASSIGN_OR_RETURN(const RegexPattern* pattern, cache.Get(call.args[1].GetString(row)));
      values[row] = pattern->Search(TextAt(call.args[0], row));
    }
    return Status::OK();
  });
}

}  // namespace

void RegisterStringSearch(FunctionRegistry* r) {
  ReturnTypeRule position =
      Checked({ArgKind::kText, ArgKind::kText, ArgKind::kInteger}, Propagating(kInt));
  Scalar(r, "position", 2, 3, position, PositionKernel(false));
  Scalar(r, "positionCaseInsensitive", 2, 3, position, PositionKernel(true));
  ReturnTypeRule affix = Checked({ArgKind::kText}, Propagating(kBool));
  Scalar(r, "startsWith", 2, 2, affix, AffixKernel(true));
  Scalar(r, "endsWith", 2, 2, affix, AffixKernel(false));
  Scalar(r, "like", 2, 2, rules::StringMatch(), LikeKernel(false, false));
  Scalar(r, "ilike", 2, 2, rules::StringMatch(), LikeKernel(true, false));
  Scalar(r, "notLike", 2, 2, rules::StringMatch(), LikeKernel(false, true));
  Scalar(r, "notILike", 2, 2, rules::StringMatch(), LikeKernel(true, true));
  Scalar(r, "match", 2, 2, rules::StringMatch(), Match);
}

}  // namespace larder::functions
