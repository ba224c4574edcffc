#include "functions/function_registry.h"

namespace larder::functions {
namespace {

bool AnyNullable(const std::vector<LogicalType>& args) {
  for (const LogicalType& arg : args) {
    if (arg.nullable()) return true;
  }
  return false;
}

bool IsNumeric(TypeId id) {
  return id == TypeId::kInt64 || id == TypeId::kFloat64 || id == TypeId::kDecimal ||
         id == TypeId::kBool;
}

}  // namespace

std::optional<LogicalType> CommonSupertype(const LogicalType& a, const LogicalType& b) {
  const bool nullable = a.nullable() || b.nullable();
  // NULL (a Nullable Nothing) makes the other side Nullable; the element type of an empty
  // array (a plain Nothing) adds no NULL.
  if (a.id() == TypeId::kNothing) return a.nullable() ? b.WithNullable(true) : b;
  if (b.id() == TypeId::kNothing) return b.nullable() ? a.WithNullable(true) : a;
  LogicalType x = a.WithNullable(false), y = b.WithNullable(false);
  if (x == y) return x.WithNullable(nullable);
  auto both = [&](TypeId p, TypeId q) {
    return (x.id() == p && y.id() == q) || (x.id() == q && y.id() == p);
  };
  if (IsNumeric(x.id()) && IsNumeric(y.id())) {
    if (x.id() == TypeId::kFloat64 || y.id() == TypeId::kFloat64) {
      return LogicalType::Float64().WithNullable(nullable);
    }
    if (x.id() == TypeId::kDecimal || y.id() == TypeId::kDecimal) {
      int scale = std::max(x.id() == TypeId::kDecimal ? x.scale() : 0,
                           y.id() == TypeId::kDecimal ? y.scale() : 0);
      return LogicalType::Decimal(scale).WithNullable(nullable);
    }
    return LogicalType::Int64().WithNullable(nullable);
  }
  if (both(TypeId::kDate, TypeId::kDateTime)) return LogicalType::DateTime().WithNullable(nullable);
  if (both(TypeId::kString, TypeId::kJson)) return LogicalType::String().WithNullable(nullable);
  if (x.id() == TypeId::kArray && y.id() == TypeId::kArray) {
    auto element = CommonSupertype(x.element(), y.element());
    if (!element) return std::nullopt;
    return LogicalType::Array(*element).WithNullable(nullable);
  }
  return std::nullopt;
}

namespace rules {

ReturnTypeRule Fixed(LogicalType type) {
  return [type](const std::vector<LogicalType>&) -> Result<LogicalType> { return type; };
}

ReturnTypeRule SameAsArgument(size_t index, bool nullable) {
  return [index, nullable](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    if (index >= args.size()) return InvalidArgument("missing argument {}", index + 1);
    LogicalType type = args[index];
    return nullable ? type.WithNullable(true) : type;
  };
}

ReturnTypeRule Arithmetic() {
  return [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    const bool nullable = AnyNullable(args);
    LogicalType result = LogicalType::Int64();
    bool temporal = false;
    for (const LogicalType& arg : args) {
      TypeId id = arg.id();
      if (id == TypeId::kNothing) continue;
      if (id == TypeId::kDate || id == TypeId::kDateTime) {
        temporal = true;
        result = arg.WithNullable(false);
        continue;
      }
      if (id == TypeId::kInterval) continue;
      if (!IsNumeric(id)) {
        return InvalidArgument("arithmetic needs numbers, dates or intervals, not {}",
                               arg.ToString());
      }
      if (temporal) continue;
      auto common = functions::CommonSupertype(result, arg.WithNullable(false));
      if (common) result = *common;
    }
    int dates = 0;
    for (const LogicalType& arg : args) {
      dates += arg.id() == TypeId::kDate || arg.id() == TypeId::kDateTime;
    }
    // date - date counts days (or seconds between date-times), as ClickHouse does.
    if (dates == 2) result = LogicalType::Int64();
    return result.WithNullable(nullable);
  };
}

namespace {

bool Comparable(const LogicalType& a, const LogicalType& b) {
  TypeId x = a.id(), y = b.id();
  if (x == TypeId::kNothing || y == TypeId::kNothing) return true;
  auto temporal = [](TypeId id) { return id == TypeId::kDate || id == TypeId::kDateTime; };
  auto text = [](TypeId id) { return id == TypeId::kString || id == TypeId::kJson; };
  if (IsNumeric(x) && IsNumeric(y)) return true;
  if (text(x) && text(y)) return true;
  if ((temporal(x) || text(x) || IsNumeric(x)) && (temporal(y) || text(y) || IsNumeric(y)) &&
      (temporal(x) || temporal(y))) {
    return true;
  }
  if ((x == TypeId::kUuid && (y == TypeId::kUuid || text(y))) || (y == TypeId::kUuid && text(x))) {
    return true;
  }
  if (x == TypeId::kArray && y == TypeId::kArray) return Comparable(a.element(), b.element());
  return false;
}

}  // namespace

ReturnTypeRule Comparison() {
  return [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    if (!Comparable(args[0], args[1])) {
      return InvalidArgument(
          "cannot compare {} with {}; convert one side, e.g. toString(x) or "
          "toInt64(x)",
          args[0].ToString(), args[1].ToString());
    }
    return LogicalType::Bool().WithNullable(args[0].nullable() || args[1].nullable());
  };
}

ReturnTypeRule StringMatch() {
  return [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    for (const LogicalType& arg : args) {
      if (!arg.is_string_like() && arg.id() != TypeId::kNothing) {
        return InvalidArgument("needs strings, not {}", arg.ToString());
      }
    }
    return LogicalType::Bool().WithNullable(args[0].nullable() || args[1].nullable());
  };
}

ReturnTypeRule CommonSupertype(size_t first_index, size_t stride) {
  return [first_index, stride](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    std::optional<LogicalType> result;
    for (size_t i = first_index; i < args.size(); i += stride) {
      if (!result) {
        result = args[i];
        continue;
      }
      auto common = functions::CommonSupertype(*result, args[i]);
      if (!common) {
        return InvalidArgument("{} and {} have no common type", result->ToString(),
                               args[i].ToString());
      }
      result = *common;
    }
    if (!result) return InvalidArgument("no arguments to take a type from");
    return *result;
  };
}

}  // namespace rules

}  // namespace larder::functions
