// Parts of strings: substring (1-based bytes; negative offsets count from the end, a negative
// length leaves that many bytes off the end, offset 0 gives '' — ClickHouse semantics) and
// trim / trimLeft / trimRight (spaces, or the characters of an optional second argument).
#include <algorithm>
#include <bitset>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

// The bytes substring(text, offset[, length]) selects: the window [start, end) computed in
// signed arithmetic, then clipped to the string.
std::string_view Substring(std::string_view text, int64_t offset, const int64_t* length) {
  if (offset == 0) return {};
  const Int128 size = static_cast<Int128>(text.size());
  Int128 start = offset > 0 ? static_cast<Int128>(offset) - 1 : size + offset;
  Int128 end = size;
  if (length != nullptr) end = *length >= 0 ? start + *length : size + *length;
  start = std::clamp<Int128>(start, 0, size);
  end = std::clamp<Int128>(end, 0, size);
  if (end <= start) return {};
  return text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start));
}

Status SubstringKernel(const KernelCall& call, ColumnVector* out) {
  const KernelArg& text = call.args[0];
  const KernelArg& offset = call.args[1];
  const bool has_length = call.args.size() > 2;
  for (size_t row = 0; row < call.rows; ++row) {
    if (IsNullAt(offset, row) || (has_length && IsNullAt(call.args[2], row))) {
      out->AppendString({});
      continue;
    }
    int64_t length = has_length ? IntegerArgAt(call.args[2], row) : 0;
    out->AppendString(
        Substring(TextAt(text, row), IntegerArgAt(offset, row), has_length ? &length : nullptr));
  }
  return Status::OK();
}

enum class TrimSide { kLeft, kRight, kBoth };

using ByteSet = std::bitset<256>;

ByteSet MakeByteSet(std::string_view characters) {
  ByteSet set;
  for (char c : characters) set.set(static_cast<uint8_t>(c));
  return set;
}

std::string_view Trim(std::string_view text, const ByteSet& set, TrimSide side) {
  size_t begin = 0, end = text.size();
  if (side != TrimSide::kRight) {
    while (begin < end && set.test(static_cast<uint8_t>(text[begin]))) ++begin;
  }
  if (side != TrimSide::kLeft) {
    while (end > begin && set.test(static_cast<uint8_t>(text[end - 1]))) --end;
  }
  return text.substr(begin, end - begin);
}

ScalarKernel TrimKernel(TrimSide side) {
  return [side](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& text = call.args[0];
    if (call.args.size() == 1 || call.args[1].constant) {
      ByteSet set = MakeByteSet(call.args.size() == 1 ? " " : TextAt(call.args[1], 0));
      StringToString(text, call.rows, out,
                     [&](std::string_view value, std::string*) { return Trim(value, set, side); });
      return Status::OK();
    }
    for (size_t row = 0; row < call.rows; ++row) {
      out->AppendString(Trim(TextAt(text, row), MakeByteSet(TextAt(call.args[1], row)), side));
    }
    return Status::OK();
  };
}

}  // namespace

void RegisterStringSlices(FunctionRegistry* r) {
  Scalar(r, "substring", 2, 3, Checked({ArgKind::kText, ArgKind::kInteger}, Propagating(kString)),
         SubstringKernel);
  ReturnTypeRule trim = Checked({ArgKind::kText}, Propagating(kString));
  Scalar(r, "trim", 1, 2, trim, TrimKernel(TrimSide::kBoth));
  Scalar(r, "trimLeft", 1, 2, trim, TrimKernel(TrimSide::kLeft));
  Scalar(r, "trimRight", 1, 2, trim, TrimKernel(TrimSide::kRight));
}

}  // namespace larder::functions
