// Case conversion: lower and upper change ASCII letters only (ClickHouse semantics);
// lowerUTF8 and upperUTF8 map code points with utf8::ToLower / ToUpper.
#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/string_args.h"
#include "functions/scalar/utf8.h"

namespace larder::functions {
namespace {

ScalarKernel AsciiCase(bool to_lower) {
  return [to_lower](const KernelCall& call, ColumnVector* out) -> Status {
    StringToString(call.args[0], call.rows, out,
                   [to_lower](std::string_view text, std::string* scratch) {
                     scratch->resize(text.size());
                     char* target = scratch->data();
                     if (to_lower) {
                       for (size_t i = 0; i < text.size(); ++i) {
                         target[i] = utf8::AsciiLower(text[i]);
                       }
                     } else {
                       for (size_t i = 0; i < text.size(); ++i) {
                         target[i] = utf8::AsciiUpper(text[i]);
                       }
                     }
                     return std::string_view(*scratch);
                   });
    return Status::OK();
  };
}

ScalarKernel Utf8Case(bool to_lower) {
  return [to_lower](const KernelCall& call, ColumnVector* out) -> Status {
    StringToString(call.args[0], call.rows, out,
                   [to_lower](std::string_view text, std::string* scratch) {
                     scratch->clear();
                     if (to_lower) {
                       utf8::AppendLower(text, scratch);
                     } else {
                       utf8::AppendUpper(text, scratch);
                     }
                     return std::string_view(*scratch);
                   });
    return Status::OK();
  };
}

}  // namespace

void RegisterStringCase(FunctionRegistry* r) {
  ReturnTypeRule rule = Checked({ArgKind::kText}, Propagating(kString));
  Scalar(r, "lower", 1, 1, rule, AsciiCase(true));
  Scalar(r, "upper", 1, 1, rule, AsciiCase(false));
  Scalar(r, "lowerUTF8", 1, 1, rule, Utf8Case(true));
  Scalar(r, "upperUTF8", 1, 1, rule, Utf8Case(false));
}

}  // namespace larder::functions
