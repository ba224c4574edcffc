// quantile, median, quantiles and quantileExact. Choices:
// - quantile(level)(x), median(x) (level 0.5) and quantiles(l1, l2, …)(x) interpolate linearly
//   between the two values around position level * (n - 1) of the sorted values, as
//   ClickHouse's quantile does. ClickHouse keeps a reservoir sample of 8192 values; Larder keeps
//   every value, so the result is exact, until a state holds more than 2^20 (1,048,576) values,
//   after which it keeps a uniform reservoir sample of 2^20 (deterministic pseudo-random
//   choices; merged samples are drawn in proportion to the rows each stands for). The result
//   is Float64 (NaN for no rows), Date or DateTime for those arguments (the interpolated value
//   rounded down); Decimal arguments give Float64.
// - quantileExact(level)(x) (level 0.5 by default) keeps every value and returns the value at
//   position floor(level * n) of the sorted values (n - 1 for level 1), without interpolation
//   and in the argument's type, as ClickHouse; no rows give NaN for Float64, else 0.
// - Levels must lie in [0, 1]. NULLs are skipped; Nullable arguments give a Nullable result,
//   NULL for a group without values (quantiles, whose result is an array, gives NaN for each
//   level then).
// - quantile needs its level in parentheses (the binder's tests require it), unlike ClickHouse,
//   where quantile(x) is the median; use median(x).
#include <algorithm>
#include <cmath>
#include <limits>

#include "functions/aggregate/aggregate_helpers.h"
#include "functions/aggregate/aggregate_spec.h"
#include "functions/registration.h"

namespace larder::functions {
namespace {

using FunctionPtr = std::unique_ptr<AggregateFunction>;

constexpr size_t kSampleBound = size_t{1} << 20;

// The values of one group, or a uniform sample of them once more than `bound` were seen
// (reservoir sampling with Li's Algorithm L: the rows a full reservoir skips cost one
// comparison each, with no random number drawn).
template <typename S>
struct QuantileState {
  // Finalize reorders the values (nth_element); their order carries no meaning.
  mutable std::vector<S> values;
  uint64_t seen = 0;                        // Values the state stands for.
  uint64_t next = 0;                        // Once full: the next value that enters (1-based).
  double weight = 0;                        // Algorithm L's W.
  uint64_t random = 0x9e3779b97f4a7c15ULL;  // splitmix64 state.
};

inline uint64_t NextRandom(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A pseudo-random number in [0, bound) (Lemire's multiply-shift: no division).
inline uint64_t RandomBelow(uint64_t* state, uint64_t bound) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(NextRandom(state)) * bound) >> 64);
}

// A pseudo-random number in (0, 1).
inline double RandomUnit(uint64_t* state) {
  return (static_cast<double>(NextRandom(state) >> 11) + 0.5) * 0x1.0p-53;
}

// Draws which value enters a full reservoir of `bound` values next.
template <typename S>
void ScheduleNext(QuantileState<S>* state, size_t bound) {
  if (state->weight == 0) {
    state->weight = std::exp(std::log(RandomUnit(&state->random)) / static_cast<double>(bound));
  }
  double skip = std::floor(std::log(RandomUnit(&state->random)) / std::log1p(-state->weight));
  state->next = state->seen + 1 + static_cast<uint64_t>(std::min(skip, 1e18));
  state->weight *= std::exp(std::log(RandomUnit(&state->random)) / static_cast<double>(bound));
}

template <typename S>
void AddValue(QuantileState<S>* state, S value, size_t bound) {
  ++state->seen;
  if (state->values.size() < bound) {
    state->values.push_back(value);
    if (state->values.size() == bound) ScheduleNext(state, bound);
    return;
  }
  if (state->seen < state->next) return;
  state->values[RandomBelow(&state->random, bound)] = value;
  ScheduleNext(state, bound);
}

template <typename S>
void MergeValues(const QuantileState<S>& source, QuantileState<S>* target, size_t bound) {
  bool source_exact = source.seen == source.values.size();
  bool target_exact = target->seen == target->values.size();
  if (source_exact && target_exact && target->values.size() + source.values.size() <= bound) {
    target->values.insert(target->values.end(), source.values.begin(), source.values.end());
    target->seen += source.seen;
    if (target->values.size() == bound) ScheduleNext(target, bound);
    return;
  }
  if (source.values.empty()) return;
  if (target->values.empty()) {
    target->values = source.values;
    target->seen = source.seen;
    target->next = source.next;
    target->weight = source.weight;
    return;
  }
  // Draw `bound` values, each from the source with probability source.seen / total. Every state
  // starts from the same seed, so the draws use a generator scrambled from both states: drawing
  // the numbers a reservoir used to place its values would pick its latest values.
  uint64_t total = target->seen + source.seen;
  uint64_t scramble = source.random ^ (total * 0xd6e8feb86659fd93ULL);
  uint64_t random = target->random ^ NextRandom(&scramble);
  size_t size = std::min(bound, target->values.size() + source.values.size());
  std::vector<S> merged(size);
  for (size_t i = 0; i < size; ++i) {
    bool from_source = RandomBelow(&random, total) < source.seen;
    const std::vector<S>& side = from_source ? source.values : target->values;
    merged[i] = side[RandomBelow(&random, side.size())];
  }
  target->random = random;
  target->values = std::move(merged);
  target->seen = total;
  target->weight = 0;
  if (target->values.size() == bound) ScheduleNext(target, bound);
}

// The value at position `level * (n - 1)` of the sorted values, interpolated.
double Interpolated(std::vector<double>* values, double level) {
  double position = level * static_cast<double>(values->size() - 1);
  size_t index = static_cast<size_t>(position);
  double fraction = position - static_cast<double>(index);
  auto nth = values->begin() + static_cast<ptrdiff_t>(index);
  std::nth_element(values->begin(), nth, values->end());
  double low = *nth;
  if (fraction == 0 || index + 1 >= values->size()) return low;
  double high = *std::min_element(nth + 1, values->end());
  return low * (1 - fraction) + high * fraction;
}

// quantile, median, quantiles: values as double. `out_kind` is how results are appended.
template <typename In>
class QuantileInterpolated : public StatefulAggregate<QuantileState<double>> {
 public:
  QuantileInterpolated(std::vector<double> levels, bool array, TypeId out_kind, int scale)
      : levels_(std::move(levels)),
        array_(array),
        out_kind_(out_kind),
        divisor_(static_cast<double>(PowerOfTen(scale))) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<In>(call.args[0], call.rows, [&](size_t row, In value) {
      AddValue(Of(states[row]), ToNumber(value), kSampleBound);
    });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    QuantileState<double>* state = Of(state_bytes);
    ForEachValue<In>(call.args[0], call.rows,
                     [&](size_t, In value) { AddValue(state, ToNumber(value), kSampleBound); });
    return Status::OK();
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    MergeValues(*Of(source), Of(target), kSampleBound);
  }
  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    std::vector<double>* values = &Of(state_bytes)->values;
    ColumnVector* target = array_ ? out->mutable_child() : out;
    for (double level : levels_) {
      double result =
          values->empty() ? std::numeric_limits<double>::quiet_NaN() : Interpolated(values, level);
      AppendResult(result, target);
    }
    if (array_) out->FinishArrayRow();
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state) const override {
    return Of(state)->values.capacity() * sizeof(double);
  }

 private:
  double ToNumber(In value) const {
    if constexpr (std::is_same_v<In, Int128>) {
      return static_cast<double>(value) / divisor_;
    } else {
      return static_cast<double>(value);
    }
  }

  void AppendResult(double result, ColumnVector* out) const {
    if (out_kind_ == TypeId::kFloat64) return out->Append<double>(result);
    double whole = std::isnan(result) ? 0 : std::floor(result);
    if (out_kind_ == TypeId::kDate) return out->Append<int32_t>(static_cast<int32_t>(whole));
    out->Append<int64_t>(static_cast<int64_t>(whole));
  }

  std::vector<double> levels_;
  bool array_;
  TypeId out_kind_;
  double divisor_;
};

// quantileExact: the values as themselves.
template <typename T>
class QuantileExact : public StatefulAggregate<QuantileState<T>> {
  using Base = StatefulAggregate<QuantileState<T>>;

 public:
  explicit QuantileExact(double level) : level_(level) {}

  Status Update(const KernelCall& call, uint8_t* const* states) const override {
    ForEachValue<T>(call.args[0], call.rows,
                    [&](size_t row, T value) { AddValue(Base::Of(states[row]), value, SIZE_MAX); });
    return Status::OK();
  }
  Status UpdateSingle(const KernelCall& call, uint8_t* state_bytes) const override {
    QuantileState<T>* state = Base::Of(state_bytes);
    ForEachValue<T>(call.args[0], call.rows,
                    [&](size_t, T value) { AddValue(state, value, SIZE_MAX); });
    return Status::OK();
  }
  void Merge(const uint8_t* source, uint8_t* target) const override {
    MergeValues(*Base::Of(source), Base::Of(target), SIZE_MAX);
  }
  Status Finalize(const uint8_t* state_bytes, ColumnVector* out) const override {
    std::vector<T>& values = Base::Of(state_bytes)->values;
    if (values.empty()) {
      if constexpr (std::is_same_v<T, double>) {
        out->Append<double>(std::numeric_limits<double>::quiet_NaN());
      } else {
        out->Append<T>(T{});
      }
      return Status::OK();
    }
    size_t index = level_ < 1 ? static_cast<size_t>(level_ * static_cast<double>(values.size()))
                              : values.size() - 1;
    index = std::min(index, values.size() - 1);  // level * n may round up to n.
    auto nth = values.begin() + static_cast<ptrdiff_t>(index);
    std::nth_element(values.begin(), nth, values.end());
    out->Append<T>(*nth);
    return Status::OK();
  }
  size_t HeapBytes(const uint8_t* state) const override {
    return Base::Of(state)->values.capacity() * sizeof(T);
  }

 private:
  double level_;
};

bool IsDateLike(TypeId id) { return id == TypeId::kDate || id == TypeId::kDateTime; }

Status CheckQuantileArgument(const LogicalType& type, std::string_view name) {
  if (IsNumber(type.id()) || IsDateLike(type.id())) return Status::OK();
  return InvalidArgument("{} needs numbers, dates or date-times, not {}", name, type.ToString());
}

Result<std::vector<double>> Levels(const std::vector<Value>& params, std::string_view name) {
  std::vector<double> levels;
  for (const Value& param : params) {
    LARDER_ASSIGN_OR_RETURN(double level, NumberParam(param, name));
    if (!(level >= 0 && level <= 1)) {
      return InvalidArgument("{}: a level must be between 0 and 1, not {}", name, level);
    }
    levels.push_back(level);
  }
  if (levels.empty()) levels.push_back(0.5);
  return levels;
}

// The result type of the interpolating quantiles: Float64, or the date type itself.
ReturnTypeRule InterpolatedType(std::string name, bool array) {
  return [name, array](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_RETURN_IF_ERROR(CheckQuantileArgument(args[0], name));
    LogicalType element = IsDateLike(args[0].id()) ? args[0] : kFloat;
    return array ? LogicalType::Array(element) : element;
  };
}

AggregateFactory InterpolatedFactory(std::string name, bool array) {
  return FactoryOf([name, array](const std::vector<LogicalType>& args,
                                 const std::vector<Value>& params) -> Result<FunctionPtr> {
    LARDER_RETURN_IF_ERROR(CheckQuantileArgument(args[0], name));
    LARDER_ASSIGN_OR_RETURN(std::vector<double> levels, Levels(params, name));
    TypeId out_kind = IsDateLike(args[0].id()) ? args[0].id() : TypeId::kFloat64;
    int scale = args[0].id() == TypeId::kDecimal ? args[0].scale() : 0;
    FunctionPtr function;
    auto make = [&](auto tag) {
      function = std::make_unique<QuantileInterpolated<decltype(tag)>>(std::move(levels), array,
                                                                       out_kind, scale);
    };
    if (args[0].id() == TypeId::kDate) {
      make(int32_t{});
    } else if (args[0].id() == TypeId::kDateTime) {
      make(int64_t{});
    } else {
      VisitNumber(args[0].id(), make);
    }
    return function;
  });
}

AggregateSpec InterpolatedSpec(std::string name, int min_params, int max_params, bool array) {
  AggregateSpec spec;
  spec.name = name;
  spec.min_params = min_params;
  spec.max_params = max_params;
  spec.rule = InterpolatedType(name, array);
  spec.factory = InterpolatedFactory(name, array);
  return spec;
}

AggregateSpec ExactSpec() {
  AggregateSpec spec;
  spec.name = "quantileExact";
  spec.max_params = 1;
  spec.rule = [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_RETURN_IF_ERROR(CheckQuantileArgument(args[0], "quantileExact"));
    return args[0];
  };
  spec.factory = FactoryOf([](const std::vector<LogicalType>& args,
                              const std::vector<Value>& params) -> Result<FunctionPtr> {
    LARDER_RETURN_IF_ERROR(CheckQuantileArgument(args[0], "quantileExact"));
    LARDER_ASSIGN_OR_RETURN(std::vector<double> levels, Levels(params, "quantileExact"));
    FunctionPtr function;
    VisitValueType(args[0], [&](auto tag) {
      using T = decltype(tag);
      if constexpr (kIsFixed<T> && !std::is_same_v<T, Uuid128>) {
        function = std::make_unique<QuantileExact<T>>(levels[0]);
      }
    });
    return function;
  });
  return spec;
}

}  // namespace

std::vector<AggregateSpec> QuantileAggregates() {
  return {InterpolatedSpec("quantile", 1, 1, false), InterpolatedSpec("median", 0, 1, false),
          InterpolatedSpec("quantiles", 1, -1, true), ExactSpec()};
}

}  // namespace larder::functions
