// count() counts rows; count(x) counts rows where x is not NULL. The result is Int64
// (ClickHouse's UInt64) and never NULL: 0 for no rows, also under a Nullable argument.
#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

class CountAggregate : public StatefulAggregate<int64_t> {
 public:
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    if (call.args.empty() || !call.args[0].vector->has_nulls()) {
      for (size_t row = 0; row < call.rows; ++row) ++*Of(states[row]);
      return Status::OK();
    }
    const KernelArg& arg = call.args[0];
    if (arg.constant) {
      if (arg.IsNull(0)) return Status::OK();
      for (size_t row = 0; row < call.rows; ++row) ++*Of(states[row]);
      return Status::OK();
    }
    const uint8_t* nulls = arg.vector->nulls().data();
    for (size_t row = 0; row < call.rows; ++row) *Of(states[row]) += nulls[row] == 0;
    return Status::OK();
  }

  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    *Of(state) += static_cast<int64_t>(NonNullRows(call));
    return Status::OK();
  }

  void Merge(const uint8_t* source, uint8_t* target) const override { *Of(target) += *Of(source); }

  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    out->Append<int64_t>(*Of(state));
    return Status::OK();
  }

 private:
  static size_t NonNullRows(const KernelCall& call) {
    if (call.args.empty() || !call.args[0].vector->has_nulls()) return call.rows;
    const KernelArg& arg = call.args[0];
    if (arg.constant) return arg.IsNull(0) ? 0 : call.rows;
    const uint8_t* nulls = arg.vector->nulls().data();
    size_t null_rows = 0;
    for (size_t row = 0; row < call.rows; ++row) null_rows += nulls[row] != 0;
    return call.rows - null_rows;
  }
};

}  // namespace

std::vector<AggregateSpec> CountAggregates() {
  AggregateSpec count;
  count.name = "count";
  count.min_args = 0;
  count.max_args = 1;
  count.rule = Fixed(kInt);
  count.factory = FactoryOf([](const std::vector<LogicalType>&, const std::vector<Value>&) {
    return Result<std::unique_ptr<AggregateFunction>>(std::make_unique<CountAggregate>());
  });
  count.never_null = true;
  return {count};
}

}  // namespace larder::functions
