// Mathematical functions: abs, sign, round / floor / ceil / trunc (with a digit count), sqrt,
// cbrt, exp, exp2, exp10, log / ln, log2, log10, pow / power, pi, e — ClickHouse semantics:
// Float64 results except abs, sign and the rounding of integers, which keep Int64.
#include <cmath>
#include <numbers>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

// The argument as Float64 values (one value when constant).
std::vector<double> Doubles(const KernelArg& arg, size_t rows) {
  size_t count = arg.constant ? 1 : rows;
  std::vector<double> values(count);
  if (arg.type().id() == TypeId::kDecimal) {
    double factor = std::pow(10.0, arg.type().scale());
    for (size_t i = 0; i < count; ++i) {
      values[i] = static_cast<double>(arg.vector->data<Int128>()[i]) / factor;
    }
    return values;
  }
  VisitNumeric(arg.type().id(), [&](auto tag) {
    using T = decltype(tag);
    for (size_t i = 0; i < count; ++i) values[i] = static_cast<double>(arg.template Get<T>(i));
  });
  return values;
}

ReturnTypeRule NumberTo(LogicalType type) {
  return [type](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    bool nullable = false;
    for (const LogicalType& arg : args) {
      TypeId id = arg.id();
      if (!IsNumberLike(id) && id != TypeId::kDecimal && id != TypeId::kNothing) {
        return InvalidArgument("needs numbers, not {}", arg.ToString());
      }
      nullable = nullable || arg.nullable();
    }
    return type.WithNullable(nullable);
  };
}

// Int64 stays Int64 (abs, sign, rounding of integers); anything else is Float64.
ReturnTypeRule KeepInteger() {
  return [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_ASSIGN_OR_RETURN(LogicalType type, NumberTo(kFloat)(args));
    TypeId id = args[0].id();
    if (id == TypeId::kInt64 || id == TypeId::kBool) return kInt.WithNullable(type.nullable());
    return type;
  };
}

template <typename Op>
ScalarKernel Unary(Op op) {
  return [op](const KernelCall& call, ColumnVector* out) -> Status {
    std::vector<double> x = Doubles(call.args[0], call.rows);
    double* values = AppendSlots<double>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) values[row] = op(x[call.args[0].Row(row)]);
    return Status::OK();
  };
}

template <typename Op>
ScalarKernel Binary(Op op) {
  return [op](const KernelCall& call, ColumnVector* out) -> Status {
    std::vector<double> x = Doubles(call.args[0], call.rows);
    std::vector<double> y = Doubles(call.args[1], call.rows);
    double* values = AppendSlots<double>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      values[row] = op(x[call.args[0].Row(row)], y[call.args[1].Row(row)]);
    }
    return Status::OK();
  };
}

Status Abs(const KernelCall& call, ColumnVector* out) {
  if (call.result_type.id() == TypeId::kInt64) {
    const KernelArg& a = call.args[0];
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      int64_t v = a.type().id() == TypeId::kBool ? a.Get<uint8_t>(row) : a.Get<int64_t>(row);
      // Wraps for the smallest Int64, as ClickHouse's abs of Int64 does.
      values[row] = v < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(v)) : v;
    }
    return Status::OK();
  }
  return Unary([](double v) { return std::fabs(v); })(call, out);
}

Status Sign(const KernelCall& call, ColumnVector* out) {
  std::vector<double> x = Doubles(call.args[0], call.rows);
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    double v = x[call.args[0].Row(row)];
    values[row] = v > 0 ? 1 : (v < 0 ? -1 : 0);
  }
  return Status::OK();
}

enum class Rounding { kRound, kFloor, kCeil, kTrunc };

double RoundTo(Rounding mode, double value, int64_t digits) {
  double scale = std::pow(10.0, static_cast<double>(digits));
  double scaled = value * scale;
  double rounded = mode == Rounding::kFloor   ? std::floor(scaled)
                   : mode == Rounding::kCeil  ? std::ceil(scaled)
                   : mode == Rounding::kTrunc ? std::trunc(scaled)
                                              // ClickHouse's round of floats: half to even.
                                              : std::nearbyint(scaled);
  return rounded / scale;
}

int64_t RoundInteger(Rounding mode, int64_t value, int64_t digits) {
  if (digits >= 0) return value;
  if (digits < -18) return 0;
  int64_t step = 1;
  for (int64_t i = 0; i < -digits; ++i) step *= 10;
  int64_t down = value / step * step;
  if (value < 0 && down != value) down -= step;  // Floor.
  int64_t up = down == value ? value : down + step;
  switch (mode) {
    case Rounding::kFloor:
      return down;
    case Rounding::kCeil:
      return up;
    case Rounding::kTrunc:
      return value < 0 ? up : down;
    case Rounding::kRound: {
      // Integers round half away from zero.
      int64_t twice = (value - down) * 2;
      if (twice != step) return twice > step ? up : down;
      return value >= 0 ? up : down;
    }
  }
  return value;
}

ScalarKernel RoundKernel(Rounding mode) {
  return [mode](const KernelCall& call, ColumnVector* out) -> Status {
    int64_t digits = 0;
    if (call.args.size() > 1) {
      const KernelArg& n = call.args[1];
      if (!n.constant || !IsIntegerLike(n.type().id())) {
        return InvalidArgument("the number of digits to round to must be a constant integer");
      }
      digits = n.type().id() == TypeId::kBool ? n.Get<uint8_t>(0) : n.Get<int64_t>(0);
    }
    if (call.result_type.id() == TypeId::kInt64) {
      const KernelArg& a = call.args[0];
      int64_t* values = AppendSlots<int64_t>(out, call.rows);
      for (size_t row = 0; row < call.rows; ++row) {
        int64_t v = a.type().id() == TypeId::kBool ? a.Get<uint8_t>(row) : a.Get<int64_t>(row);
        values[row] = RoundInteger(mode, v, digits);
      }
      return Status::OK();
    }
    std::vector<double> x = Doubles(call.args[0], call.rows);
    double* values = AppendSlots<double>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) {
      values[row] = RoundTo(mode, x[call.args[0].Row(row)], digits);
    }
    return Status::OK();
  };
}

ScalarKernel ConstantKernel(double value) {
  return [value](const KernelCall& call, ColumnVector* out) -> Status {
    double* values = AppendSlots<double>(out, call.rows);
    for (size_t row = 0; row < call.rows; ++row) values[row] = value;
    return Status::OK();
  };
}

}  // namespace

void RegisterMath(FunctionRegistry* r) {
  Scalar(r, "abs", 1, 1, KeepInteger(), Abs);
  Scalar(r, "sign", 1, 1, NumberTo(kInt), Sign);
  const std::pair<const char*, Rounding> kRoundings[] = {
      {"round", Rounding::kRound},  {"floor", Rounding::kFloor}, {"ceil", Rounding::kCeil},
      {"ceiling", Rounding::kCeil}, {"trunc", Rounding::kTrunc}, {"truncate", Rounding::kTrunc}};
  for (const auto& [name, mode] : kRoundings) {
    Scalar(r, name, 1, 2, KeepInteger(), RoundKernel(mode));
  }
  Scalar(r, "sqrt", 1, 1, NumberTo(kFloat), Unary([](double v) { return std::sqrt(v); }));
  Scalar(r, "cbrt", 1, 1, NumberTo(kFloat), Unary([](double v) { return std::cbrt(v); }));
  Scalar(r, "exp", 1, 1, NumberTo(kFloat), Unary([](double v) { return std::exp(v); }));
  Scalar(r, "exp2", 1, 1, NumberTo(kFloat), Unary([](double v) { return std::exp2(v); }));
  Scalar(r, "exp10", 1, 1, NumberTo(kFloat), Unary([](double v) { return std::pow(10.0, v); }));
  for (const char* name : {"log", "ln"}) {
    Scalar(r, name, 1, 1, NumberTo(kFloat), Unary([](double v) { return std::log(v); }));
  }
  Scalar(r, "log2", 1, 1, NumberTo(kFloat), Unary([](double v) { return std::log2(v); }));
  Scalar(r, "log10", 1, 1, NumberTo(kFloat), Unary([](double v) { return std::log10(v); }));
  for (const char* name : {"pow", "power"}) {
    Scalar(r, name, 2, 2, NumberTo(kFloat),
           Binary([](double x, double y) { return std::pow(x, y); }));
  }
  Scalar(r, "pi", 0, 0, Fixed(kFloat), ConstantKernel(std::numbers::pi));
  Scalar(r, "e", 0, 0, Fixed(kFloat), ConstantKernel(std::numbers::e));
}

}  // namespace larder::functions
