#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

bool Fits(ArgKind kind, const LogicalType& type) {
  TypeId id = type.id();
  if (id == TypeId::kNothing) return true;
  switch (kind) {
    case ArgKind::kText:
      return type.is_string_like();
    case ArgKind::kInteger:
      return id == TypeId::kInt64 || id == TypeId::kBool;
    case ArgKind::kTextOrArray:
      return type.is_string_like() || id == TypeId::kArray;
    case ArgKind::kTextOrInteger:
      return type.is_string_like() || id == TypeId::kInt64 || id == TypeId::kBool;
    case ArgKind::kAny:
      return true;
  }
  return false;
}

std::string_view KindName(ArgKind kind) {
  switch (kind) {
    case ArgKind::kText:
      return "a String";
    case ArgKind::kInteger:
      return "an integer";
    case ArgKind::kTextOrArray:
      return "a String or an Array";
    case ArgKind::kTextOrInteger:
      return "a String key or an integer index";
    case ArgKind::kAny:
      break;
  }
  return "a value";
}

}  // namespace

ReturnTypeRule Checked(std::initializer_list<ArgKind> kinds, ReturnTypeRule rule) {
  std::vector<ArgKind> expected(kinds);
  return [expected, rule](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    for (size_t i = 0; i < args.size(); ++i) {
      ArgKind kind = expected[std::min(i, expected.size() - 1)];
      if (!Fits(kind, args[i])) {
        return InvalidArgument("argument {} must be {}, not {}", i + 1, KindName(kind),
                               args[i].ToString());
      }
    }
    return rule(args);
  };
}

int64_t IntegerArgAt(const KernelArg& arg, size_t row) {
  switch (arg.type().id()) {
    case TypeId::kInt64:
      return arg.Get<int64_t>(row);
    case TypeId::kBool:
      return arg.Get<uint8_t>(row);
    default:
      return 0;
  }
}

std::optional<std::string_view> ConstantText(const KernelArg& arg) {
  if (!arg.constant || !arg.type().is_string_like() || arg.IsNull(0)) return std::nullopt;
  return arg.GetString(0);
}

}  // namespace larder::functions
