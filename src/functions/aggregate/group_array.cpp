// groupArray and groupUniqArray: the values of a group as an array, optionally at most
// max_size of them (groupArray(10)(x)). Choices, following ClickHouse:
// - NULL values are skipped; the result is Array(T) of the non-Nullable type and [] for no rows
//   (an array is never NULL).
// - groupArray keeps the order rows arrived in; across threads, partial arrays are concatenated
//   in merge order. With max_size, the first max_size values met are kept.
// - groupUniqArray keeps each distinct value once, in the order first met (ClickHouse's order is
//   its hash table's, i.e. unspecified).
#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/aggregate/hash_table.h"
#include "functions/aggregate/row_key.h"
#include "functions/aggregate/value_list.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using FunctionPtr = std::unique_ptr<AggregateFunction>;

// ClickHouse's limit on groupArray's max_size.
constexpr int64_t kMaxArraySize = int64_t{1} << 24;

template <typename T>
class GroupArray : public StatefulAggregate<ValueList<T>> {
  using Base = StatefulAggregate<ValueList<T>>;

 public:
  explicit GroupArray(size_t max_size) : max_size_(max_size) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<T>(call.args[0], call.rows, [&](size_t row, const T& value) {
      ValueList<T>* list = Base::Of(states[row]);
      if (list->size() < max_size_) list->Push(value);
    });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    ValueList<T>* list = Base::Of(state);
    if (list->size() >= max_size_) return Status::OK();
    ForEachValue<T>(call.args[0], call.rows, [&](size_t, const T& value) {
      if (list->size() < max_size_) list->Push(value);
    });
    return Status::OK();
  }
  void Merge(const uint8_t* source_bytes, uint8_t* target_bytes) const override {
    const ValueList<T>* source = Base::Of(source_bytes);
    ValueList<T>* target = Base::Of(target_bytes);
    for (size_t i = 0; i < source->size() && target->size() < max_size_; ++i) {
      target->Push(source->Get(i));
    }
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    const ValueList<T>* list = Base::Of(state);
    ColumnVector* elements = out->mutable_child();
    for (size_t i = 0; i < list->size(); ++i) list->AppendTo(i, elements);
    out->FinishArrayRow();
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state) const override { return Base::Of(state)->HeapBytes(); }

 private:
  size_t max_size_;
};

template <typename T>
struct UniqArrayState {
  HashIndex<Key128> index;  // Key of each value → its position in `values`.
  ValueList<T> values;
};

template <typename T>
class GroupUniqArray : public StatefulAggregate<UniqArrayState<T>> {
  using Base = StatefulAggregate<UniqArrayState<T>>;

 public:
  explicit GroupUniqArray(size_t max_size) : max_size_(max_size) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<T>(call.args[0], call.rows,
                    [&](size_t row, const T& value) { Add(Base::Of(states[row]), value); });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    UniqArrayState<T>* state = Base::Of(state_bytes);
    ForEachValue<T>(call.args[0], call.rows, [&](size_t, const T& value) { Add(state, value); });
    return Status::OK();
  }
  void Merge(const uint8_t* source_bytes, uint8_t* target_bytes) const override {
    const UniqArrayState<T>* source = Base::Of(source_bytes);
    UniqArrayState<T>* target = Base::Of(target_bytes);
    for (size_t i = 0; i < source->values.size(); ++i) Add(target, source->values.Get(i));
  }
  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    const UniqArrayState<T>* state = Base::Of(state_bytes);
    ColumnVector* elements = out->mutable_child();
    for (size_t i = 0; i < state->values.size(); ++i) state->values.AppendTo(i, elements);
    out->FinishArrayRow();
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state_bytes) const override {
    const UniqArrayState<T>* state = Base::Of(state_bytes);
    return state->index.MemoryBytes() + state->values.HeapBytes();
  }

 private:
  void Add(UniqArrayState<T>* state, const T& value) const {
    if (state->values.size() >= max_size_) return;
    bool added = false;
    state->index.FindOrAdd(KeyOfValue(value), &added);
    if (added) state->values.Push(value);
  }

  size_t max_size_;
};

template <template <typename> class Function>
AggregateSpec ArraySpec(std::string name) {
  AggregateSpec spec;
  spec.name = name;
  spec.max_params = 1;
  spec.rule = ArrayOf(0);
  spec.factory = FactoryOf([name](const std::vector<LogicalType>& args,
                                  const std::vector<Value>& params) -> Result<FunctionPtr> {
    size_t max_size = SIZE_MAX;
    if (!params.empty()) {
      LARDER_ASSIGN_OR_RETURN(int64_t limit, CountParam(params[0], name, kMaxArraySize));
      max_size = static_cast<size_t>(limit);
    }
    FunctionPtr function;
    VisitValueType(
        args[0], [&](auto tag) { function = std::make_unique<Function<decltype(tag)>>(max_size); });
    return function;
  });
  return spec;
}

}  // namespace

std::vector<AggregateSpec> GroupArrayAggregates() {
  return {ArraySpec<GroupArray>("groupArray"), ArraySpec<GroupUniqArray>("groupUniqArray")};
}

}  // namespace larder::functions
