// varPop, varSamp, stddevPop, stddevSamp, covarPop, covarSamp, corr: Float64 statistics of
// numbers (Bool, Int64, Float64, Decimal). States hold the count, means and sums of squared
// deviations, updated with Welford's method and merged with Chan et al.'s formula, so results
// stay accurate for large values with small spread (ClickHouse's …Stable variants; its plain
// varPop sums squares). Undefined results are NaN, as in ClickHouse: no rows, one row for the
// sample forms, a constant column for corr. Rows with a NULL argument are skipped; Nullable
// arguments give a Nullable result, NULL for a group without values.
#include <cmath>
#include <limits>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using FunctionPtr = std::unique_ptr<AggregateFunction>;

// Moments of one or two variables (y unused for one).
struct Moments {
  double n = 0;
  double mean_x = 0;
  double mean_y = 0;
  double m2_x = 0;  // Σ (x - mean_x)²
  double m2_y = 0;  // Σ (y - mean_y)²
  double c = 0;     // Σ (x - mean_x)(y - mean_y)
};

void AddRow(Moments* m, double x, double y) {
  m->n += 1;
  double dx = x - m->mean_x;
  double dy = y - m->mean_y;
  m->mean_x += dx / m->n;
  m->mean_y += dy / m->n;
  m->m2_x += dx * (x - m->mean_x);
  m->m2_y += dy * (y - m->mean_y);
  m->c += dx * (y - m->mean_y);
}

void MergeMoments(const Moments& b, Moments* a) {
  if (b.n == 0) return;
  if (a->n == 0) {
    *a = b;
    return;
  }
  double n = a->n + b.n;
  double dx = b.mean_x - a->mean_x;
  double dy = b.mean_y - a->mean_y;
  double weight = a->n * b.n / n;
  a->mean_x += dx * b.n / n;
  a->mean_y += dy * b.n / n;
  a->m2_x += b.m2_x + dx * dx * weight;
  a->m2_y += b.m2_y + dy * dy * weight;
  a->c += b.c + dx * dy * weight;
  a->n = n;
}

// One argument read as doubles (Decimal divided by 10^scale); skip[row] = 1 for NULL rows.
void ReadDoubles(const KernelArg& arg, size_t rows, std::vector<double>* values,
                 std::vector<uint8_t>* skip) {
  values->resize(rows);
  double divisor =
      arg.type().id() == TypeId::kDecimal ? static_cast<double>(PowerOfTen(arg.type().scale())) : 1;
  if (arg.type().id() == TypeId::kNothing) {
    std::fill(skip->begin(), skip->end(), 1);
    return;
  }
  if (arg.vector->has_nulls()) {
    for (size_t row = 0; row < rows; ++row) (*skip)[row] |= arg.IsNull(row) ? 1 : 0;
  }
  double* out = values->data();
  VisitNumber(arg.type().id(), [&](auto tag) {
    using T = decltype(tag);
    ForEachValue<T>(arg, rows, [&](size_t row, T value) {
      if constexpr (std::is_same_v<T, Int128>) {
        out[row] = static_cast<double>(value) / divisor;
      } else {
        out[row] = static_cast<double>(value);
      }
    });
  });
}

enum class Statistic { kVarPop, kVarSamp, kStddevPop, kStddevSamp, kCovarPop, kCovarSamp, kCorr };

double Compute(const Moments& m, Statistic statistic) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  switch (statistic) {
    case Statistic::kVarPop:
      return m.n == 0 ? kNaN : m.m2_x / m.n;
    case Statistic::kVarSamp:
      return m.n < 2 ? kNaN : m.m2_x / (m.n - 1);
    case Statistic::kStddevPop:
      return m.n == 0 ? kNaN : std::sqrt(m.m2_x / m.n);
    case Statistic::kStddevSamp:
      return m.n < 2 ? kNaN : std::sqrt(m.m2_x / (m.n - 1));
    case Statistic::kCovarPop:
      return m.n == 0 ? kNaN : m.c / m.n;
    case Statistic::kCovarSamp:
      return m.n < 2 ? kNaN : m.c / (m.n - 1);
    case Statistic::kCorr:
      return m.n == 0 ? kNaN : m.c / std::sqrt(m.m2_x * m.m2_y);
  }
  return kNaN;
}

class StatisticAggregate : public StatefulAggregate<Moments> {
 public:
  explicit StatisticAggregate(Statistic statistic) : statistic_(statistic) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    std::vector<double> x, y;
    std::vector<uint8_t> skip;
    Read(call, &x, &y, &skip);
    const double* ys = call.args.size() > 1 ? y.data() : x.data();
    for (size_t row = 0; row < call.rows; ++row) {
      if (!skip[row]) AddRow(Of(states[row]), x[row], ys[row]);
    }
    return Status::OK();
  }

  // Two passes over the chunk (means, then deviations from them), merged into the state.
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    std::vector<double> x, y;
    std::vector<uint8_t> skip;
    Read(call, &x, &y, &skip);
    const double* ys = call.args.size() > 1 ? y.data() : x.data();
    Moments chunk;
    double sum_x = 0, sum_y = 0;
    for (size_t row = 0; row < call.rows; ++row) {
      if (skip[row]) continue;
      chunk.n += 1;
      sum_x += x[row];
      sum_y += ys[row];
    }
    if (chunk.n == 0) return Status::OK();
    chunk.mean_x = sum_x / chunk.n;
    chunk.mean_y = sum_y / chunk.n;
    for (size_t row = 0; row < call.rows; ++row) {
      if (skip[row]) continue;
      double dx = x[row] - chunk.mean_x;
      double dy = ys[row] - chunk.mean_y;
      chunk.m2_x += dx * dx;
      chunk.m2_y += dy * dy;
      chunk.c += dx * dy;
    }
    MergeMoments(chunk, Of(state));
    return Status::OK();
  }

  void Merge(const uint8_t* source, uint8_t* target) const override {
    MergeMoments(*Of(source), Of(target));
  }

  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    out->Append<double>(Compute(*Of(state), statistic_));
    return Status::OK();
  }

 private:
  static void Read(const KernelCall& call, std::vector<double>* x, std::vector<double>* y,
                   std::vector<uint8_t>* skip) {
    skip->assign(call.rows, 0);
    ReadDoubles(call.args[0], call.rows, x, skip);
    if (call.args.size() > 1) ReadDoubles(call.args[1], call.rows, y, skip);
  }

  Statistic statistic_;
};

AggregateSpec StatisticSpec(std::string name, Statistic statistic, int args) {
  AggregateSpec spec;
  spec.name = name;
  spec.min_args = spec.max_args = args;
  spec.rule = [name](const std::vector<LogicalType>& types) -> Result<LogicalType> {
    for (const LogicalType& type : types) {
      if (!IsNumber(type.id())) {
        return InvalidArgument("{} needs numbers, not {}", name, type.ToString());
      }
    }
    return kFloat;
  };
  spec.factory = FactoryOf([statistic](const std::vector<LogicalType>&,
                                       const std::vector<Value>&) -> Result<FunctionPtr> {
    return FunctionPtr(std::make_unique<StatisticAggregate>(statistic));
  });
  return spec;
}

}  // namespace

std::vector<AggregateSpec> StatisticsAggregates() {
  return {StatisticSpec("varPop", Statistic::kVarPop, 1),
          StatisticSpec("varSamp", Statistic::kVarSamp, 1),
          StatisticSpec("stddevPop", Statistic::kStddevPop, 1),
          StatisticSpec("stddevSamp", Statistic::kStddevSamp, 1),
          StatisticSpec("covarPop", Statistic::kCovarPop, 2),
          StatisticSpec("covarSamp", Statistic::kCovarSamp, 2),
          StatisticSpec("corr", Statistic::kCorr, 2)};
}

}  // namespace larder::functions
