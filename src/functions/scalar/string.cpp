// String functions: the basic ones here (length, lengthUTF8, empty, notEmpty, reverse), the
// other families in their own files: case (string_case.cpp), concat/format/pad/repeat
// (string_concat.cpp), substring/trim (string_slice.cpp), search and LIKE (string_search.cpp),
// replace and regex extraction (string_replace.cpp), split (string_split.cpp), encodings
// (string_encoding.cpp), hashes (string_hash.cpp), URLs (url.cpp) and JSON (json.cpp).
#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"
#include "functions/scalar/utf8.h"

namespace larder::functions {

void RegisterStringCase(FunctionRegistry* r);
void RegisterStringConcat(FunctionRegistry* r);
void RegisterStringSlices(FunctionRegistry* r);
void RegisterStringSearch(FunctionRegistry* r);
void RegisterStringReplace(FunctionRegistry* r);
void RegisterStringSplit(FunctionRegistry* r);
void RegisterStringEncodings(FunctionRegistry* r);
void RegisterStringHashes(FunctionRegistry* r);
void RegisterUrlFunctions(FunctionRegistry* r);
void RegisterJsonFunctions(FunctionRegistry* r);

namespace {

// Elements of array row `row` (a constant argument repeats row 0).
uint32_t ArraySize(const KernelArg& arg, size_t row) {
  const auto& offsets = arg.vector->offsets();
  size_t index = arg.Row(row);
  return offsets[index + 1] - offsets[index];
}

// length: bytes of a string, elements of an array (ClickHouse's UInt64, as Int64).
Status Length(const KernelCall& call, ColumnVector* out) {
  const KernelArg& arg = call.args[0];
  if (arg.type().id() == TypeId::kArray) {
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) values[row] = ArraySize(arg, row);
    return Status::OK();
  }
  StringToFixed<int64_t>(arg, call.rows, out,
                         [](std::string_view text) { return static_cast<int64_t>(text.size()); });
  return Status::OK();
}

Status LengthUtf8(const KernelCall& call, ColumnVector* out) {
  StringToFixed<int64_t>(call.args[0], call.rows, out, [](std::string_view text) {
    return static_cast<int64_t>(utf8::CountCodePoints(text));
  });
  return Status::OK();
}

// empty / notEmpty: no bytes, no elements, or the all-zero UUID.
ScalarKernel EmptyTest(bool want_empty) {
  return [want_empty](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& arg = call.args[0];
    const uint8_t empty_value = want_empty ? 1 : 0;
    switch (arg.type().id()) {
      case TypeId::kArray: {
        uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
        for (size_t row = 0; row < call.rows; ++row) {
          values[row] = (ArraySize(arg, row) == 0) == want_empty;
        }
        return Status::OK();
      }
      case TypeId::kUuid: {
        uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
        for (size_t row = 0; row < call.rows; ++row) {
          Uuid128 uuid = arg.Get<Uuid128>(row);
          values[row] = (uuid.high == 0 && uuid.low == 0) == want_empty;
        }
        return Status::OK();
      }
      default:
        StringToFixed<uint8_t>(arg, call.rows, out, [&](std::string_view text) -> uint8_t {
          return text.empty() ? empty_value : 1 - empty_value;
        });
        return Status::OK();
    }
  };
}

// reverse: bytes of a string (not code points, as in ClickHouse), or elements of an array.
Status Reverse(const KernelCall& call, ColumnVector* out) {
  const KernelArg& arg = call.args[0];
  if (arg.type().id() != TypeId::kArray) {
    StringToString(arg, call.rows, out, [](std::string_view text, std::string* scratch) {
      scratch->assign(text.rbegin(), text.rend());
      return std::string_view(*scratch);
    });
    return Status::OK();
  }
  std::vector<uint32_t> elements;
  const auto& offsets = arg.vector->offsets();
  for (size_t row = 0; row < call.rows; ++row) {
    size_t index = arg.Row(row);
    for (uint32_t i = offsets[index + 1]; i > offsets[index]; --i) elements.push_back(i - 1);
  }
  ColumnVector reversed = arg.vector->child().Take(elements);
  out->mutable_child()->AppendRange(reversed, 0, reversed.size());
  for (size_t row = 0; row < call.rows; ++row) out->AppendArrayRow(ArraySize(arg, row));
  return Status::OK();
}

Result<LogicalType> EmptyTestType(const std::vector<LogicalType>& args) {
  const LogicalType& arg = args[0];
  if (!arg.is_string_like() && arg.id() != TypeId::kArray && arg.id() != TypeId::kUuid &&
      arg.id() != TypeId::kNothing) {
    return InvalidArgument("needs a String, an Array or a UUID, not {}", arg.ToString());
  }
  return kBool.WithNullable(arg.nullable());
}

Result<LogicalType> ReverseType(const std::vector<LogicalType>& args) {
  if (args[0].id() == TypeId::kArray) return args[0];
  return kString.WithNullable(args[0].nullable());
}

}  // namespace

void RegisterStrings(FunctionRegistry* r) {
  Scalar(r, "length", 1, 1, Checked({ArgKind::kTextOrArray}, Propagating(kInt)), Length);
  Scalar(r, "lengthUTF8", 1, 1, Checked({ArgKind::kText}, Propagating(kInt)), LengthUtf8);
  Scalar(r, "empty", 1, 1, EmptyTestType, EmptyTest(true));
  Scalar(r, "notEmpty", 1, 1, EmptyTestType, EmptyTest(false));
  Scalar(r, "reverse", 1, 1, Checked({ArgKind::kTextOrArray}, ReverseType), Reverse);
  RegisterStringCase(r);
  RegisterStringConcat(r);
  RegisterStringSlices(r);
  RegisterStringSearch(r);
  RegisterStringReplace(r);
  RegisterStringSplit(r);
  RegisterStringEncodings(r);
  RegisterStringHashes(r);
  RegisterUrlFunctions(r);
  RegisterJsonFunctions(r);
}

}  // namespace larder::functions
