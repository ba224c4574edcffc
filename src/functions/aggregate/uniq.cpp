// uniqExact, uniq, uniqHLL12, uniqCombined: the number of distinct argument rows (several
// arguments count distinct tuples). Int64 (ClickHouse's UInt64), never NULL; rows with a NULL
// argument are skipped.
// - uniqExact is exact: values of up to 8 bytes are kept as themselves, others as 128-bit keys
//   (row_key.h; ClickHouse also keys strings by a 128-bit hash).
// - uniq, uniqHLL12 and uniqCombined hash each row to 64 bits and count exactly (distinct hashes)
//   while few, then switch to a HyperLogLog sketch of 2^p one-byte registers estimated with
//   Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
//   sketches", 2017), which needs no bias tables:
//     uniq          exact below 65536 values, then p = 16 (standard error 0.4%); ClickHouse's
//                   uniq is exact below 65536 too, then samples hashes (~1% error).
//     uniqHLL12     exact up to 16 values, then p = 12 (1.6%), as ClickHouse.
//     uniqCombined  exact up to 8192 values, then p = 17 by default (0.3%); the parameter
//                   uniqCombined(p)(x) takes p from 12 to 20, as ClickHouse.
//   The estimate depends only on the set of hashes, so it is the same however rows were split
//   between threads and chunks.
#include <bit>
#include <cmath>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/aggregate/hash_table.h"
#include "functions/aggregate/row_key.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using FunctionPtr = std::unique_ptr<AggregateFunction>;

// uniqExact of one fixed-width argument of up to 8 bytes: a set of the values' bits.
template <typename T>
class UniqExactFixed : public StatefulAggregate<HashSet<uint64_t>> {
 public:
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<T>(call.args[0], call.rows,
                    [&](size_t row, T value) { Of(states[row])->Insert(FixedKey(value).low); });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    HashSet<uint64_t>* set = Of(state);
    ForEachValue<T>(call.args[0], call.rows,
                    [&](size_t, T value) { set->Insert(FixedKey(value).low); });
    return Status::OK();
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    HashSet<uint64_t>* set = Of(target);
    Of(source)->ForEach([&](uint64_t key) { set->Insert(key); });
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    out->Append<int64_t>(static_cast<int64_t>(Of(state)->size()));
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state) const override { return Of(state)->MemoryBytes(); }
};

// uniqExact of anything else: a set of 128-bit row keys.
class UniqExactKeys : public StatefulAggregate<HashSet<Key128>> {
 public:
  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    std::vector<Key128> keys;
    std::vector<uint8_t> skip;
    RowKeys(call.args, call.rows, &keys, &skip);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!skip[row]) Of(states[row])->Insert(keys[row]);
    }
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state) const override {
    std::vector<Key128> keys;
    std::vector<uint8_t> skip;
    RowKeys(call.args, call.rows, &keys, &skip);
    HashSet<Key128>* set = Of(state);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!skip[row]) set->Insert(keys[row]);
    }
    return Status::OK();
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    HashSet<Key128>* set = Of(target);
    Of(source)->ForEach([&](const Key128& key) { set->Insert(key); });
  }
  Status Finalize(const uint8_t* state, ColumnVector* out) const override {
    out->Append<int64_t>(static_cast<int64_t>(Of(state)->size()));
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state) const override { return Of(state)->MemoryBytes(); }
};

// σ and τ of Ertl's estimator.
double Sigma(double x) {
  if (x == 1) return INFINITY;
  double y = 1, z = x, previous;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z != previous);
  return z;
}

double Tau(double x) {
  if (x == 0 || x == 1) return 0;
  double y = 1, z = 1 - x, previous;
  do {
    x = std::sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (z != previous);
  return z / 3;
}

// Distinct hashes, exactly while at most `threshold`, then as HyperLogLog registers.
struct UniqState {
  HashSet<uint64_t> exact;
  std::unique_ptr<uint8_t[]> registers;  // 2^p of them once the set outgrew the threshold.
};

class UniqApprox : public StatefulAggregate<UniqState> {
 public:
  UniqApprox(int precision, size_t threshold) : precision_(precision), threshold_(threshold) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    std::vector<uint64_t> hashes;
    std::vector<uint8_t> skip;
    RowHashes(call.args, call.rows, &hashes, &skip);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!skip[row]) Add(Of(states[row]), hashes[row]);
    }
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    std::vector<uint64_t> hashes;
    std::vector<uint8_t> skip;
    RowHashes(call.args, call.rows, &hashes, &skip);
    UniqState* state = Of(state_bytes);
    for (size_t row = 0; row < call.rows; ++row) {
      if (!skip[row]) Add(state, hashes[row]);
    }
    return Status::OK();
  }
  void Merge(const uint8_t* source_bytes, uint8_t* target_bytes) const override {
    const UniqState* source = Of(source_bytes);
    UniqState* target = Of(target_bytes);
    if (source->registers == nullptr) {
      source->exact.ForEach([&](uint64_t hash) { Add(target, hash); });
      return;
    }
    if (target->registers == nullptr) ToRegisters(target);
    for (size_t i = 0; i < registers(); ++i) {
      target->registers[i] = std::max(target->registers[i], source->registers[i]);
    }
  }
  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    const UniqState* state = Of(state_bytes);
    if (state->registers == nullptr) {
      out->Append<int64_t>(static_cast<int64_t>(state->exact.size()));
    } else {
      out->Append<int64_t>(static_cast<int64_t>(std::llround(Estimate(state->registers.get()))));
    }
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state_bytes) const override {
    const UniqState* state = Of(state_bytes);
    return state->exact.MemoryBytes() + (state->registers ? registers() : 0);
  }

 private:
  size_t registers() const { return size_t{1} << precision_; }

  void Add(UniqState* state, uint64_t hash) const {
    if (state->registers != nullptr) {
      AddToRegisters(state->registers.get(), hash);
      return;
    }
    if (state->exact.Insert(hash) && state->exact.size() > threshold_) ToRegisters(state);
  }

  void ToRegisters(UniqState* state) const {
    state->registers = std::make_unique<uint8_t[]>(registers());
    state->exact.ForEach([&](uint64_t hash) { AddToRegisters(state->registers.get(), hash); });
    state->exact = HashSet<uint64_t>();
  }

  // The register is chosen by the top p bits; it keeps the largest rank (leading zeros + 1) of
  // the remaining 64 - p bits.
  void AddToRegisters(uint8_t* registers, uint64_t hash) const {
    size_t index = hash >> (64 - precision_);
    uint64_t rest = hash << precision_;
    int max_rank = 64 - precision_ + 1;
    int rank = rest == 0 ? max_rank : std::min(std::countl_zero(rest) + 1, max_rank);
    if (registers[index] < rank) registers[index] = static_cast<uint8_t>(rank);
  }

  double Estimate(const uint8_t* registers) const {
    const int q = 64 - precision_;
    const double m = static_cast<double>(this->registers());
    std::vector<int> histogram(q + 2, 0);
    for (size_t i = 0; i < this->registers(); ++i) ++histogram[registers[i]];
    double z = m * Tau(1 - histogram[q + 1] / m);
    for (int k = q; k >= 1; --k) z = 0.5 * (z + histogram[k]);
    z += m * Sigma(histogram[0] / m);
    constexpr double kAlphaInfinity = 0.7213475204444817;  // 1 / (2 ln 2)
    return kAlphaInfinity * m * m / z;
  }

  int precision_;
  size_t threshold_;
};

ReturnTypeRule Count() { return Fixed(kInt); }

AggregateSpec UniqSpec(std::string name, AggregateFactory factory) {
  AggregateSpec spec;
  spec.name = std::move(name);
  spec.max_args = -1;
  spec.rule = Count();
  spec.factory = std::move(factory);
  spec.never_null = true;
  return spec;
}

AggregateFactory ApproxFactory(int precision, size_t threshold) {
  return FactoryOf([precision, threshold](const std::vector<LogicalType>&,
                                          const std::vector<Value>&) -> Result<FunctionPtr> {
    return FunctionPtr(std::make_unique<UniqApprox>(precision, threshold));
  });
}

}  // namespace

std::vector<AggregateSpec> UniqAggregates() {
  AggregateFactory exact = FactoryOf(
      [](const std::vector<LogicalType>& args, const std::vector<Value>&) -> Result<FunctionPtr> {
        if (KeysAreValues(args) && args[0].fixed_width() <= 8) {
          FunctionPtr function;
          VisitValueType(args[0], [&](auto tag) {
            using T = decltype(tag);
            if constexpr (kIsFixed<T>) {
              if constexpr (sizeof(T) <= 8) function = std::make_unique<UniqExactFixed<T>>();
            }
          });
          if (function) return function;
        }
        return FunctionPtr(std::make_unique<UniqExactKeys>());
      });
  AggregateSpec combined = UniqSpec(
      "uniqCombined", FactoryOf([](const std::vector<LogicalType>&,
                                   const std::vector<Value>& params) -> Result<FunctionPtr> {
        int64_t precision = 17;
        if (!params.empty()) {
          const auto* p = std::get_if<int64_t>(&params[0].storage());
          if (p == nullptr || *p < 12 || *p > 20) {
            return InvalidArgument(
                "uniqCombined: the precision parameter must be a whole number from 12 to 20");
          }
          precision = *p;
        }
        return FunctionPtr(std::make_unique<UniqApprox>(static_cast<int>(precision), 8192));
      }));
  combined.max_params = 1;
  return {UniqSpec("uniqExact", exact), UniqSpec("uniq", ApproxFactory(16, 65536)),
          UniqSpec("uniqHLL12", ApproxFactory(12, 16)), combined};
}

}  // namespace larder::functions
