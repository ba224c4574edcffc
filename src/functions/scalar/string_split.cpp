// Splitting strings into Array(String): splitByChar(separator, s[, max_substrings]) with a
// one-byte separator and splitByString(separator, s[, max_substrings]) (an empty separator
// splits into single bytes). As in ClickHouse, '' splits into [''] and max_substrings > 0 keeps
// at most that many pieces (dropping the rest).
#include <cstring>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

// Appends the pieces of `text` to `elements` and returns how many.
uint32_t Split(std::string_view text, std::string_view separator, int64_t max_pieces,
               ColumnVector* elements) {
  const size_t limit = max_pieces > 0 ? static_cast<size_t>(max_pieces) : SIZE_MAX;
  uint32_t count = 0;
  if (separator.empty()) {
    for (size_t i = 0; i < text.size() && count < limit; ++i, ++count) {
      elements->AppendString(text.substr(i, 1));
    }
    return count;
  }
  size_t pos = 0;
  while (count < limit) {
    const void* found =
        memmem(text.data() + pos, text.size() - pos, separator.data(), separator.size());
    size_t end = found == nullptr
                     ? text.size()
                     : static_cast<size_t>(static_cast<const char*>(found) - text.data());
    elements->AppendString(text.substr(pos, end - pos));
    ++count;
    if (found == nullptr) break;
    pos = end + separator.size();
  }
  return count;
}

ScalarKernel SplitKernel(bool by_char) {
  return [by_char](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& separator = call.args[0];
    const bool has_limit = call.args.size() > 2;
    ColumnVector* elements = out->mutable_child();
    for (size_t row = 0; row < call.rows; ++row) {
      std::string_view sep = TextAt(separator, row);
      if (by_char && sep.size() != 1 && !IsNullAt(separator, row)) {
        return BadValue("splitByChar", "the separator \"{}\" must be exactly one byte", sep);
      }
      int64_t limit =
          has_limit && !IsNullAt(call.args[2], row) ? IntegerArgAt(call.args[2], row) : 0;
      out->AppendArrayRow(Split(TextAt(call.args[1], row), sep, limit, elements));
    }
    return Status::OK();
  };
}

}  // namespace

void RegisterStringSplit(FunctionRegistry* r) {
  ReturnTypeRule rule = Checked({ArgKind::kText, ArgKind::kText, ArgKind::kInteger},
                                Propagating(LogicalType::Array(kString)));
  Scalar(r, "splitByChar", 2, 3, rule, SplitKernel(true));
  Scalar(r, "splitByString", 2, 3, rule, SplitKernel(false));
}

}  // namespace larder::functions
