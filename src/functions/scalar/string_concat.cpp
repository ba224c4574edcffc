// Building strings: concat, format ('{}' placeholders), repeat, leftPad, rightPad. Non-string
// arguments of concat and format read as toString writes them (value_text.h).
#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"
#include "functions/scalar/value_text.h"

namespace larder::functions {
namespace {

// ClickHouse's limits: repeat at most this many times, pad to at most this many bytes.
constexpr int64_t kMaxRepeatTimes = 1'000'000;
constexpr int64_t kMaxPaddedLength = 1'000'000;

Status TextArgs(const KernelCall& call, size_t first, std::vector<TextArg>* texts) {
  *texts = std::vector<TextArg>(call.args.size() - first);
  for (size_t i = first; i < call.args.size(); ++i) {
    LARDER_RETURN_IF_ERROR(ToTextArg(call.args[i], call.rows, call.context, &(*texts)[i - first]));
  }
  return Status::OK();
}

// concat, as HogQL prints it (concat(ifNull(toString(a), ''), …)): NULL arguments read as ''
// and the result is never NULL. (Plain ClickHouse would return NULL.)
Status Concat(const KernelCall& call, ColumnVector* out) {
  std::vector<TextArg> texts;
  LARDER_RETURN_IF_ERROR(TextArgs(call, 0, &texts));
  std::string scratch;
  for (size_t row = 0; row < call.rows; ++row) {
    scratch.clear();
    for (const TextArg& text : texts) scratch.append(TextAt(text.arg, row));
    out->AppendString(scratch);
  }
  return Status::OK();
}

// A parsed format pattern: literal text and argument references, in order.
struct FormatPiece {
  std::string literal;
  int argument = -1;  // Index into the values, or -1 for a literal piece.
};

Status ParseFormat(std::string_view pattern, size_t argument_count,
                   std::vector<FormatPiece>* pieces) {
  pieces->clear();
  std::string literal;
  int next_automatic = 0;
  bool automatic = false, manual = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '}') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '}') {
        literal.push_back('}');
        ++i;
        continue;
      }
      return InvalidArgument(
          "format: unmatched '}}' at position {} of \"{}\"; write '}}}}' for a brace", i + 1,
          pattern);
    }
    if (c != '{') {
      literal.push_back(c);
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
      literal.push_back('{');
      ++i;
      continue;
    }
    size_t close = pattern.find('}', i);
    if (close == std::string_view::npos) {
      return InvalidArgument("format: '{{' at position {} of \"{}\" is not closed", i + 1, pattern);
    }
    std::string_view field = pattern.substr(i + 1, close - i - 1);
    int index = 0;
    if (field.empty()) {
      automatic = true;
      index = next_automatic++;
    } else {
      manual = true;
      for (char digit : field) {
        if (digit < '0' || digit > '9' || index > 100000) {
          return InvalidArgument(
              "format: \"{{{}}}\" is not a placeholder; use {{}} or {{0}}, {{1}}, …", field);
        }
        index = index * 10 + (digit - '0');
      }
    }
    if (automatic && manual) {
      return InvalidArgument(
          "format: \"{}\" mixes {{}} with numbered placeholders; use one kind only", pattern);
    }
    if (static_cast<size_t>(index) >= argument_count) {
      return InvalidArgument("format: placeholder {} of \"{}\" has no argument ({} given)",
                             index + 1, pattern, argument_count);
    }
    if (!literal.empty()) pieces->push_back({std::move(literal), -1});
    literal.clear();
    pieces->push_back({"", index});
    i = close;
  }
  if (!literal.empty()) pieces->push_back({std::move(literal), -1});
  return Status::OK();
}

Status Format(const KernelCall& call, ColumnVector* out) {
  std::vector<TextArg> values;
  LARDER_RETURN_IF_ERROR(TextArgs(call, 1, &values));
  const KernelArg& pattern = call.args[0];
  std::vector<FormatPiece> pieces;
  std::optional<std::string_view> constant = ConstantText(pattern);
  if (constant) LARDER_RETURN_IF_ERROR(ParseFormat(*constant, values.size(), &pieces));
  std::string scratch;
  for (size_t row = 0; row < call.rows; ++row) {
    if (!constant) {
      if (IsNullAt(pattern, row)) {
        out->AppendString({});
        continue;
      }
      LARDER_RETURN_IF_ERROR(ParseFormat(pattern.GetString(row), values.size(), &pieces));
    }
    scratch.clear();
    for (const FormatPiece& piece : pieces) {
      if (piece.argument < 0) {
        scratch.append(piece.literal);
      } else {
        scratch.append(TextAt(values[piece.argument].arg, row));
      }
    }
    out->AppendString(scratch);
  }
  return Status::OK();
}

Status Repeat(const KernelCall& call, ColumnVector* out) {
  const KernelArg& text = call.args[0];
  const KernelArg& times = call.args[1];
  std::string scratch;
  for (size_t row = 0; row < call.rows; ++row) {
    int64_t count = IsNullAt(times, row) ? 0 : IntegerArgAt(times, row);
    if (count > kMaxRepeatTimes) {
      return BadValue("repeat", "cannot repeat {} times; the maximum is {}", count,
                      kMaxRepeatTimes);
    }
    std::string_view value = TextAt(text, row);
    scratch.clear();
    for (int64_t i = 0; i < count; ++i) scratch.append(value);
    out->AppendString(scratch);
  }
  return Status::OK();
}

// Appends `count` bytes of `pad` repeated.
void AppendPadding(std::string_view pad, size_t count, std::string* out) {
  while (count > 0) {
    size_t take = std::min(count, pad.size());
    out->append(pad.substr(0, take));
    count -= take;
  }
}

ScalarKernel Pad(bool right) {
  return [right](const KernelCall& call, ColumnVector* out) -> Status {
    const char* name = right ? "rightPad" : "leftPad";
    const KernelArg& text = call.args[0];
    const KernelArg& length = call.args[1];
    std::string scratch;
    for (size_t row = 0; row < call.rows; ++row) {
      int64_t target = IsNullAt(length, row) ? 0 : IntegerArgAt(length, row);
      if (target < 0) return BadValue(name, "the length {} is negative", target);
      if (target > kMaxPaddedLength) {
        return BadValue(name, "the length {} is too big; the maximum is {}", target,
                        kMaxPaddedLength);
      }
      std::string_view value = TextAt(text, row);
      std::string_view pad = call.args.size() > 2 ? TextAt(call.args[2], row) : " ";
      if (pad.empty()) pad = " ";
      size_t wanted = static_cast<size_t>(target);
      if (value.size() >= wanted) {
        out->AppendString(value.substr(0, wanted));
        continue;
      }
      scratch.clear();
      if (!right) AppendPadding(pad, wanted - value.size(), &scratch);
      scratch.append(value);
      if (right) AppendPadding(pad, wanted - value.size(), &scratch);
      out->AppendString(scratch);
    }
    return Status::OK();
  };
}

}  // namespace

void RegisterStringConcat(FunctionRegistry* r) {
  Scalar(r, "concat", 1, -1, Fixed(kString), Concat, NullHandling::kSpecial);
  Scalar(r, "format", 1, -1, Checked({ArgKind::kText, ArgKind::kAny}, Propagating(kString)),
         Format);
  Scalar(r, "repeat", 2, 2, Checked({ArgKind::kText, ArgKind::kInteger}, Propagating(kString)),
         Repeat);
  ReturnTypeRule pad =
      Checked({ArgKind::kText, ArgKind::kInteger, ArgKind::kText}, Propagating(kString));
  Scalar(r, "leftPad", 2, 3, pad, Pad(false));
  Scalar(r, "rightPad", 2, 3, pad, Pad(true));
}

}  // namespace larder::functions
