// topK(N)(x), topK(N, load_factor)(x): the N most frequent values of x, most frequent first, as
// Array(T) (N is 10 by default and at most 65536, as in ClickHouse). Choices:
// - Values are counted exactly while a state has at most 2 * max(N * load_factor, 32768)
//   distinct values; past that the state keeps the max(N * load_factor, 32768) most frequent
//   and counts on (values dropped and met again restart from their new count), so like
//   ClickHouse's Filtered Space-Saving the result is then approximate.
// - Values of equal frequency come in the order they were first met (ClickHouse leaves ties
//   unspecified). NULLs are skipped; no rows give [].
#include <algorithm>
#include <numeric>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/aggregate/hash_table.h"
#include "functions/aggregate/row_key.h"
#include "functions/aggregate/value_list.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using FunctionPtr = std::unique_ptr<AggregateFunction>;

constexpr int64_t kMaxTopK = 65536;
constexpr size_t kMinExactDistinct = 32768;

template <typename T>
struct TopKState {
  HashIndex<Key128> index;       // Key of a value → its position below.
  ValueList<T> values;           // In the order first met.
  std::vector<uint64_t> counts;  // Rows of each value.
};

template <typename T>
class TopK : public StatefulAggregate<TopKState<T>> {
  using Base = StatefulAggregate<TopKState<T>>;

 public:
  TopK(size_t top, size_t kept) : top_(top), kept_(kept) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<T>(call.args[0], call.rows,
                    [&](size_t row, const T& value) { Add(Base::Of(states[row]), value, 1); });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    TopKState<T>* state = Base::Of(state_bytes);
    ForEachValue<T>(call.args[0], call.rows, [&](size_t, const T& value) { Add(state, value, 1); });
    return Status::OK();
  }
  void Merge(const uint8_t* source_bytes, uint8_t* target_bytes) const override {
    const TopKState<T>* source = Base::Of(source_bytes);
    TopKState<T>* target = Base::Of(target_bytes);
    for (size_t i = 0; i < source->values.size(); ++i) {
      Add(target, source->values.Get(i), source->counts[i]);
    }
  }
  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    const TopKState<T>* state = Base::Of(state_bytes);
    std::vector<uint32_t> order = MostFrequent(*state, top_);
    ColumnVector* elements = out->mutable_child();
    for (uint32_t i : order) state->values.AppendTo(i, elements);
    out->FinishArrayRow();
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state_bytes) const override {
    const TopKState<T>* state = Base::Of(state_bytes);
    return state->index.MemoryBytes() + state->values.HeapBytes() +
           state->counts.capacity() * sizeof(uint64_t);
  }

 private:
  // Positions of the `limit` most frequent values, most frequent first, ties first met first.
  static std::vector<uint32_t> MostFrequent(const TopKState<T>& state, size_t limit) {
    std::vector<uint32_t> order(state.values.size());
    std::iota(order.begin(), order.end(), 0);
    limit = std::min(limit, order.size());
    auto more_frequent = [&](uint32_t a, uint32_t b) {
      return state.counts[a] != state.counts[b] ? state.counts[a] > state.counts[b] : a < b;
    };
    std::partial_sort(order.begin(), order.begin() + static_cast<ptrdiff_t>(limit), order.end(),
                      more_frequent);
    order.resize(limit);
    return order;
  }

  void Add(TopKState<T>* state, const T& value, uint64_t count) const {
    bool added = false;
    uint32_t position = state->index.FindOrAdd(KeyOfValue(value), &added);
    if (added) {
      state->values.Push(value);
      state->counts.push_back(0);
    }
    state->counts[position] += count;
    if (state->values.size() > 2 * kept_) Prune(state);
  }

  // Keeps the kept_ most frequent values, in the order first met.
  void Prune(TopKState<T>* state) const {
    std::vector<uint32_t> keep = MostFrequent(*state, kept_);
    std::sort(keep.begin(), keep.end());
    TopKState<T> pruned;
    for (uint32_t i : keep) {
      bool added = false;
      pruned.index.FindOrAdd(KeyOfValue(state->values.Get(i)), &added);
      pruned.values.Push(state->values.Get(i));
      pruned.counts.push_back(state->counts[i]);
    }
    *state = std::move(pruned);
  }

  size_t top_;
  size_t kept_;
};

}  // namespace

std::vector<AggregateSpec> TopKAggregates() {
  AggregateSpec spec;
  spec.name = "topK";
  spec.max_params = 2;
  spec.rule = ArrayOf(0);
  spec.factory = FactoryOf([](const std::vector<LogicalType>& args,
                              const std::vector<Value>& params) -> Result<FunctionPtr> {
    int64_t top = 10, load_factor = 3;
    if (!params.empty()) {
      LARDER_ASSIGN_OR_RETURN(top, CountParam(params[0], "topK", kMaxTopK));
    }
    if (params.size() > 1) {
      LARDER_ASSIGN_OR_RETURN(load_factor, CountParam(params[1], "topK", 1000));
    }
    size_t kept = std::max(static_cast<size_t>(top * load_factor), kMinExactDistinct);
    FunctionPtr function;
    VisitValueType(args[0], [&](auto tag) {
      function = std::make_unique<TopK<decltype(tag)>>(static_cast<size_t>(top), kept);
    });
    return function;
  });
  return {spec};
}

}  // namespace larder::functions
