// Arithmetic: plus, minus, multiply, divide, intDiv, modulo, negate — ClickHouse semantics:
// Int64 wraps on overflow, `/` is Float64 (Decimal for Decimals), integer division or modulo by
// zero is an error, Decimal sums keep the larger scale and products add the scales. Dates and
// intervals go to date_arithmetic.h.
#include <cmath>

#include "functions/registration.h"
#include "functions/scalar/date_arithmetic.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

enum class Op { kPlus, kMinus, kMultiply, kModulo };

int64_t WrapInt(Op op, int64_t a, int64_t b) {
  uint64_t x = static_cast<uint64_t>(a), y = static_cast<uint64_t>(b);
  switch (op) {
    case Op::kPlus:
      return static_cast<int64_t>(x + y);
    case Op::kMinus:
      return static_cast<int64_t>(x - y);
    case Op::kMultiply:
      return static_cast<int64_t>(x * y);
    case Op::kModulo:
      break;
  }
  return 0;
}

// Reads any number-like argument as T (int64_t or double) into `out` (one value if constant).
template <typename T>
std::vector<T> ReadAs(const KernelArg& arg, size_t rows) {
  size_t count = arg.constant ? 1 : rows;
  std::vector<T> values(count);
  VisitNumeric(arg.type().id(), [&](auto tag) {
    using S = decltype(tag);
    const S* in = arg.vector->template data<S>();
    for (size_t i = 0; i < count; ++i) values[i] = static_cast<T>(in[i]);
  });
  return values;
}

// A view of `values` as a kernel argument, keeping the original's constness.
struct Converted {
  ColumnVector vector;
  KernelArg arg;
};

template <typename T>
Converted Convert(const KernelArg& arg, size_t rows, LogicalType type) {
  Converted converted{ColumnVector(type), {}};
  std::vector<T> values = ReadAs<T>(arg, rows);
  converted.vector.Resize(values.size());
  std::memcpy(converted.vector.template mutable_data<T>(), values.data(),
              values.size() * sizeof(T));
  return converted;
}

Int128 Pow10(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// Decimal operands rescaled to `scale` (integers too).
std::vector<Int128> ReadDecimal(const KernelArg& arg, size_t rows, int scale) {
  size_t count = arg.constant ? 1 : rows;
  std::vector<Int128> values(count);
  if (arg.type().id() == TypeId::kDecimal) {
    Int128 factor = Pow10(scale - arg.type().scale());
    const Int128* in = arg.vector->data<Int128>();
    for (size_t i = 0; i < count; ++i) values[i] = in[i] * factor;
  } else {
    std::vector<int64_t> ints = ReadAs<int64_t>(arg, rows);
    Int128 factor = Pow10(scale);
    for (size_t i = 0; i < count; ++i) values[i] = static_cast<Int128>(ints[i]) * factor;
  }
  return values;
}

int ScaleOf(const KernelArg& arg) {
  return arg.type().id() == TypeId::kDecimal ? arg.type().scale() : 0;
}

// Decimal products keep every digit: the operands at their own scales multiply into the sum
// of the scales (the result type's), failing when the product leaves Decimal(38).
Status DecimalMultiply(const KernelCall& call, ColumnVector* out) {
  std::vector<Int128> a = ReadDecimal(call.args[0], call.rows, ScaleOf(call.args[0]));
  std::vector<Int128> b = ReadDecimal(call.args[1], call.rows, ScaleOf(call.args[1]));
  Int128* values = AppendSlots<Int128>(out, call.rows);
  const Int128 limit = Pow10(kMaxDecimalScale);
  for (size_t row = 0; row < call.rows; ++row) {
    Int128 x = a[call.args[0].constant ? 0 : row], y = b[call.args[1].constant ? 0 : row];
    if (__builtin_mul_overflow(x, y, &values[row]) || values[row] >= limit ||
        values[row] <= -limit) {
      if (call.args[0].IsNull(row) || call.args[1].IsNull(row)) continue;
      return InvalidArgument("multiply: the Decimal product overflows Decimal(38, {}) (row {})",
                             call.result_type.scale(), row + 1);
    }
  }
  return Status::OK();
}

Status DecimalArithmetic(Op op, const KernelCall& call, ColumnVector* out) {
  if (op == Op::kMultiply) return DecimalMultiply(call, out);
  int scale = call.result_type.scale();
  std::vector<Int128> a = ReadDecimal(call.args[0], call.rows, scale);
  std::vector<Int128> b = ReadDecimal(call.args[1], call.rows, scale);
  Int128* values = AppendSlots<Int128>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    Int128 x = a[call.args[0].constant ? 0 : row], y = b[call.args[1].constant ? 0 : row];
    switch (op) {
      case Op::kPlus:
        values[row] = x + y;
        break;
      case Op::kMinus:
        values[row] = x - y;
        break;
      case Op::kMultiply:  // DecimalMultiply, above.
        break;
      case Op::kModulo:
        if (y == 0) {
          if (call.args[0].IsNull(row) || call.args[1].IsNull(row)) continue;
          return InvalidArgument("modulo: division by zero");
        }
        values[row] = x % y;
        break;
    }
  }
  return Status::OK();
}

Converted AsDouble(const KernelArg& arg, size_t rows);

bool IsTemporal(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kDateTime || id == TypeId::kInterval;
}

ScalarKernel ArithmeticKernel(Op op) {
  return [op](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& a = call.args[0];
    const KernelArg& b = call.args[1];
    if (IsTemporal(a.type().id()) || IsTemporal(b.type().id())) {
      if (op == Op::kPlus || op == Op::kMinus) {
        return DateArithmetic(call, op == Op::kMinus, out);
      }
      return InvalidArgument("cannot multiply or take the modulo of dates");
    }
    switch (call.result_type.id()) {
      case TypeId::kDecimal:
        return DecimalArithmetic(op, call, out);
      case TypeId::kFloat64: {
        Converted x = AsDouble(a, call.rows);
        Converted y = AsDouble(b, call.rows);
        KernelArg xa{&x.vector, a.constant}, yb{&y.vector, b.constant};
        double* values = AppendSlots<double>(out, call.rows);
        switch (op) {
          case Op::kPlus:
            BinaryLoop<double, double>(xa, yb, call.rows, values, std::plus<double>());
            break;
          case Op::kMinus:
            BinaryLoop<double, double>(xa, yb, call.rows, values, std::minus<double>());
            break;
          case Op::kMultiply:
            BinaryLoop<double, double>(xa, yb, call.rows, values, std::multiplies<double>());
            break;
          case Op::kModulo:
            BinaryLoop<double, double>(xa, yb, call.rows, values,
                                       [](double p, double q) { return std::fmod(p, q); });
            break;
        }
        return Status::OK();
      }
      default:
        break;
    }
    Converted x = Convert<int64_t>(a, call.rows, LogicalType::Int64());
    Converted y = Convert<int64_t>(b, call.rows, LogicalType::Int64());
    KernelArg xa{&x.vector, a.constant}, yb{&y.vector, b.constant};
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    if (op == Op::kModulo) {
      size_t failed = 0;
      bool ok = CheckedBinaryLoop<int64_t, int64_t>(
          KernelArg{&x.vector, a.constant}, KernelArg{&y.vector, b.constant}, call.rows, values,
          [](int64_t p, int64_t q, int64_t* r) {
            if (q == 0) return false;
            *r = q == -1 ? 0 : p % q;
            return true;
          },
          &failed);
      // NULL rows of the original arguments never fail.
      (void)failed;
      if (!ok) return InvalidArgument("modulo: division by zero");
      return Status::OK();
    }
    BinaryLoop<int64_t, int64_t>(xa, yb, call.rows, values,
                                 [op](int64_t p, int64_t q) { return WrapInt(op, p, q); });
    return Status::OK();
  };
}

// Any number-like or Decimal argument as Float64 values.
Converted AsDouble(const KernelArg& arg, size_t rows) {
  if (arg.type().id() != TypeId::kDecimal)
    return Convert<double>(arg, rows, LogicalType::Float64());
  Converted converted{ColumnVector(LogicalType::Float64()), {}};
  size_t count = arg.constant ? 1 : rows;
  converted.vector.Resize(count);
  double* values = converted.vector.mutable_data<double>();
  double factor = std::pow(10.0, arg.type().scale());
  const Int128* in = arg.vector->data<Int128>();
  for (size_t i = 0; i < count; ++i) values[i] = static_cast<double>(in[i]) / factor;
  return converted;
}

// Decimal quotients in the result type's scale, truncated toward zero as in ClickHouse: the
// dividend is raised by the divisor's scale first so that the quotient lands in the result's.
Status DecimalDivide(const KernelCall& call, ColumnVector* out) {
  const KernelArg& a = call.args[0];
  const KernelArg& b = call.args[1];
  const int scale = call.result_type.scale();
  std::vector<Int128> x = ReadDecimal(a, call.rows, ScaleOf(a));
  std::vector<Int128> y = ReadDecimal(b, call.rows, ScaleOf(b));
  const Int128 raise = Pow10(scale - ScaleOf(a) + ScaleOf(b));
  Int128* values = AppendSlots<Int128>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    if (a.IsNull(row) || b.IsNull(row)) continue;
    const Int128 divisor = y[b.constant ? 0 : row];
    Int128 dividend = 0;
    if (divisor == 0) return InvalidArgument("divide: Decimal division by zero (row {})", row + 1);
    if (__builtin_mul_overflow(x[a.constant ? 0 : row], raise, &dividend)) {
      return InvalidArgument("divide: the Decimal quotient overflows Decimal(38, {}) (row {})",
                             scale, row + 1);
    }
    values[row] = dividend / divisor;
  }
  return Status::OK();
}

Status Divide(const KernelCall& call, ColumnVector* out) {
  if (call.result_type.id() == TypeId::kDecimal) return DecimalDivide(call, out);
  Converted x = AsDouble(call.args[0], call.rows);
  Converted y = AsDouble(call.args[1], call.rows);
  BinaryLoop<double, double>(KernelArg{&x.vector, call.args[0].constant},
                             KernelArg{&y.vector, call.args[1].constant}, call.rows,
                             AppendSlots<double>(out, call.rows), std::divides<double>());
  return Status::OK();
}

Status IntDiv(const KernelCall& call, ColumnVector* out) {
  const KernelArg& a = call.args[0];
  const KernelArg& b = call.args[1];
  int64_t* values = AppendSlots<int64_t>(out, call.rows);
  size_t failed = 0;
  bool ok;
  if (a.type().id() == TypeId::kFloat64 || b.type().id() == TypeId::kFloat64) {
    Converted x = Convert<double>(a, call.rows, LogicalType::Float64());
    Converted y = Convert<double>(b, call.rows, LogicalType::Float64());
    ok = CheckedBinaryLoop<double, double>(
        KernelArg{&x.vector, a.constant}, KernelArg{&y.vector, b.constant}, call.rows, values,
        [](double p, double q, int64_t* r) {
          if (q == 0) return false;
          double quotient = std::trunc(p / q);
          if (!std::isfinite(quotient)) return false;
          *r = static_cast<int64_t>(quotient);
          return true;
        },
        &failed);
  } else {
    Converted x = Convert<int64_t>(a, call.rows, LogicalType::Int64());
    Converted y = Convert<int64_t>(b, call.rows, LogicalType::Int64());
    ok = CheckedBinaryLoop<int64_t, int64_t>(
        KernelArg{&x.vector, a.constant}, KernelArg{&y.vector, b.constant}, call.rows, values,
        [](int64_t p, int64_t q, int64_t* r) {
          // Zero, and the one quotient Int64 cannot hold (ClickHouse refuses it too).
          if (q == 0 || (q == -1 && p == INT64_MIN)) return false;
          *r = q == -1 ? -p : p / q;
          return true;
        },
        &failed);
  }
  if (!ok) {
    return InvalidArgument("intDiv: division by zero or of the smallest Int64 by -1 (row {})",
                           failed + 1);
  }
  return Status::OK();
}

Status Negate(const KernelCall& call, ColumnVector* out) {
  const KernelArg& a = call.args[0];
  switch (call.result_type.id()) {
    case TypeId::kFloat64:
      UnaryLoop<double>(a, call.rows, AppendSlots<double>(out, call.rows),
                        [](double x) { return -x; });
      return Status::OK();
    case TypeId::kDecimal:
      UnaryLoop<Int128>(a, call.rows, AppendSlots<Int128>(out, call.rows),
                        [](Int128 x) { return -x; });
      return Status::OK();
    default: {
      Converted x = Convert<int64_t>(a, call.rows, LogicalType::Int64());
      UnaryLoop<int64_t>(
          KernelArg{&x.vector, a.constant}, call.rows, AppendSlots<int64_t>(out, call.rows),
          [](int64_t v) { return static_cast<int64_t>(0 - static_cast<uint64_t>(v)); });
      return Status::OK();
    }
  }
}

// `/` and intDiv: numbers (or NULL) only, e.g. not strings. `/` of Decimals (without a
// Float64) is a Decimal of the dividend's scale, as in ClickHouse; where ClickHouse refuses a
// divisor of larger scale, Larder gives the quotient that scale.
ReturnTypeRule Division(LogicalType type) {
  return [type](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    bool nullable = false, floats = false;
    int decimals = 0, scale = 0;
    for (const LogicalType& arg : args) {
      TypeId id = arg.id();
      if (!IsNumberLike(id) && id != TypeId::kDecimal && id != TypeId::kNothing) {
        return InvalidArgument("division needs numbers, not {}", arg.ToString());
      }
      nullable = nullable || arg.nullable();
      floats = floats || id == TypeId::kFloat64;
      if (id == TypeId::kDecimal) scale = std::max(scale, arg.scale()), ++decimals;
    }
    if (type.id() == TypeId::kFloat64 && decimals > 0 && !floats) {
      return LogicalType::Decimal(scale).WithNullable(nullable);
    }
    return type.WithNullable(nullable);
  };
}

// `*`: a Decimal product has the sum of the operands' scales (an integer counts as scale 0).
ReturnTypeRule Product() {
  return [arithmetic = Arithmetic()](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_ASSIGN_OR_RETURN(LogicalType type, arithmetic(args));
    if (type.id() != TypeId::kDecimal) return type;
    int scale = 0;
    for (const LogicalType& arg : args) scale += arg.id() == TypeId::kDecimal ? arg.scale() : 0;
    if (scale > kMaxDecimalScale) {
      return InvalidArgument("the product of {} and {} would need a scale of {}; at most {}",
                             args[0].ToString(), args[1].ToString(), scale, kMaxDecimalScale);
    }
    return LogicalType::Decimal(scale).WithNullable(type.nullable());
  };
}

}  // namespace

void RegisterArithmetic(FunctionRegistry* r) {
  Scalar(r, "plus", 2, 2, Arithmetic(), ArithmeticKernel(Op::kPlus));
  Scalar(r, "minus", 2, 2, Arithmetic(), ArithmeticKernel(Op::kMinus));
  Scalar(r, "multiply", 2, 2, Product(), ArithmeticKernel(Op::kMultiply));
  Scalar(r, "modulo", 2, 2, Arithmetic(), ArithmeticKernel(Op::kModulo));
  Scalar(r, "negate", 1, 1, Arithmetic(), Negate);
  Scalar(r, "divide", 2, 2, Division(kFloat), Divide);
  Scalar(r, "intDiv", 2, 2, Division(kInt), IntDiv);
}

}  // namespace larder::functions
