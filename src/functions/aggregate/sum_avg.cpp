// sum and avg. Choices, following ClickHouse:
// - sum of Int64 or Bool is Int64 and wraps around on overflow (ClickHouse's sum of Int64 does);
//   sum of Float64 is Float64; sum of Decimal(38, s) is Decimal(38, s), wrapping at 128 bits.
// - avg is Float64: NaN for no rows (0 / 0, as ClickHouse), NULL instead when the argument is
//   Nullable and every row was NULL. Int64 values are summed in Int64 (wrapping, as ClickHouse's
//   avg), Decimal values exactly in 128 bits, then divided.
// - sum over no rows is 0, or NULL for a Nullable argument (ClickHouse gives Nullable(Int64)).
#include <limits>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using UInt128 = unsigned __int128;

// The accumulator of values read as In: wrapping unsigned integers for Bool, Int64 and Decimal.
template <typename In>
using Accumulator =
    std::conditional_t<std::is_same_v<In, double>, double,
                       std::conditional_t<std::is_same_v<In, Int128>, UInt128, uint64_t>>;

// The sum of every non-NULL row of `arg`, in the accumulator's arithmetic.
template <typename In>
Accumulator<In> SumRows(const KernelArg& arg, size_t rows) {
  using Acc = Accumulator<In>;
  if (arg.constant) {
    if (rows == 0 || arg.IsNull(0)) return 0;
    Acc value = static_cast<Acc>(arg.vector->data<In>()[0]);
    if constexpr (std::is_same_v<Acc, double>) {
      return value * static_cast<double>(rows);
    } else {
      return value * static_cast<Acc>(rows);
    }
  }
  const In* data = arg.vector->data<In>();
  if constexpr (std::is_same_v<In, double>) {
    if (!arg.vector->has_nulls()) {
      // Four partial sums: independent additions the CPU can overlap.
      double partial[4] = {0, 0, 0, 0};
      size_t row = 0;
      for (; row + 4 <= rows; row += 4) {
        for (int lane = 0; lane < 4; ++lane) partial[lane] += data[row + lane];
      }
      for (; row < rows; ++row) partial[0] += data[row];
      return (partial[0] + partial[1]) + (partial[2] + partial[3]);
    }
  }
  Acc total = 0;
  if (!arg.vector->has_nulls()) {
    for (size_t row = 0; row < rows; ++row) total += static_cast<Acc>(data[row]);
    return total;
  }
  ForEachValue<In>(arg, rows, [&](size_t, In value) { total += static_cast<Acc>(value); });
  return total;
}

template <typename In>
void AppendSum(Accumulator<In> sum, ColumnVector* out) {
  if constexpr (std::is_same_v<In, double>) {
    out->Append<double>(sum);
  } else if constexpr (std::is_same_v<In, Int128>) {
    out->Append<Int128>(static_cast<Int128>(sum));
  } else {
    out->Append<int64_t>(static_cast<int64_t>(sum));
  }
}

template <typename In>
class SumAggregate : public StatefulAggregate<Accumulator<In>> {
  using Acc = Accumulator<In>;
  using Base = StatefulAggregate<Acc>;

 public:
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<In>(call.args[0], call.rows, [&](size_t row, In value) {
      *Base::Of(states[row]) += static_cast<Acc>(value);
    });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    *Base::Of(state) += SumRows<In>(call.args[0], call.rows);
    return Status::OK();
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    *Base::Of(target) += *Base::Of(source);
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    AppendSum<In>(*Base::Of(state), out);
    return Status::OK();
  }
};

template <typename Acc>
struct AvgState {
  Acc sum = 0;
  int64_t count = 0;
};

template <typename In>
class AvgAggregate : public StatefulAggregate<AvgState<Accumulator<In>>> {
  using Acc = Accumulator<In>;
  using Base = StatefulAggregate<AvgState<Acc>>;

 public:
  explicit AvgAggregate(int scale) : divisor_(static_cast<double>(PowerOfTen(scale))) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<In>(call.args[0], call.rows, [&](size_t row, In value) {
      AvgState<Acc>* state = Base::Of(states[row]);
      state->sum += static_cast<Acc>(value);
      ++state->count;
    });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    AvgState<Acc>* state = Base::Of(state_bytes);
    state->sum += SumRows<In>(call.args[0], call.rows);
    state->count += static_cast<int64_t>(NonNullRows(call.args[0], call.rows));
    return Status::OK();
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    Base::Of(target)->sum += Base::Of(source)->sum;
    Base::Of(target)->count += Base::Of(source)->count;
  }
  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    const AvgState<Acc>* state = Base::Of(state_bytes);
    if (state->count == 0) {
      out->Append<double>(std::numeric_limits<double>::quiet_NaN());
      return Status::OK();
    }
    double sum;
    if constexpr (std::is_same_v<In, double>) {
      sum = state->sum;
    } else if constexpr (std::is_same_v<In, Int128>) {
      sum = static_cast<double>(static_cast<Int128>(state->sum)) / divisor_;
    } else {
      sum = static_cast<double>(static_cast<int64_t>(state->sum));
    }
    out->Append<double>(sum / static_cast<double>(state->count));
    return Status::OK();
  }

 private:
  static size_t NonNullRows(const KernelArg& arg, size_t rows) {
    if (!arg.vector->has_nulls()) return rows;
    if (arg.constant) return arg.IsNull(0) ? 0 : rows;
    const uint8_t* nulls = arg.vector->nulls().data();
    size_t null_rows = 0;
    for (size_t row = 0; row < rows; ++row) null_rows += nulls[row] != 0;
    return rows - null_rows;
  }

  double divisor_;  // 10^scale for Decimal, else 1.
};

ReturnTypeRule AvgType() {
  return [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    if (!IsNumber(args[0].id())) {
      return InvalidArgument("avg needs numbers, not {}", args[0].ToString());
    }
    return kFloat;
  };
}

using FunctionPtr = std::unique_ptr<AggregateFunction>;

}  // namespace

std::vector<AggregateSpec> SumAvgAggregates() {
  AggregateSpec sum;
  sum.name = "sum";
  sum.rule = SumType();
  sum.factory = FactoryOf(
      [](const std::vector<LogicalType>& args, const std::vector<Value>&) -> Result<FunctionPtr> {
        FunctionPtr function;
        bool number = VisitNumber(args[0].id(), [&](auto tag) {
          function = std::make_unique<SumAggregate<decltype(tag)>>();
        });
        if (!number) return InvalidArgument("sum needs numbers, not {}", args[0].ToString());
        return function;
      });

  AggregateSpec avg;
  avg.name = "avg";
  avg.rule = AvgType();
  avg.factory = FactoryOf(
      [](const std::vector<LogicalType>& args, const std::vector<Value>&) -> Result<FunctionPtr> {
        FunctionPtr function;
        int scale = args[0].id() == TypeId::kDecimal ? args[0].scale() : 0;
        bool number = VisitNumber(args[0].id(), [&](auto tag) {
          function = std::make_unique<AvgAggregate<decltype(tag)>>(scale);
        });
        if (!number) return InvalidArgument("avg needs numbers, not {}", args[0].ToString());
        return function;
      });
  return {sum, avg};
}

}  // namespace larder::functions
