#include "execution/window.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <optional>

#include "common/coding.h"
#include "common/hash.h"
#include "execution/expression_evaluator.h"
#include "execution/hash_aggregate.h"
#include "execution/hash_join.h"
#include "execution/row_compare.h"
#include "functions/scalar/kernel_helpers.h"
#include "planner/expression_utils.h"

namespace larder::execution {

using planner::BoundExpr;
using planner::LogicalOperator;
using Bound = BoundExpr::FrameBound::Type;

namespace {

// One window function's inputs over all rows, and the rows in window order.
struct WindowRows {
  std::vector<ColumnVector> args, partitions, orders;
  std::vector<bool> descending;
  std::vector<bool> nulls_first;
  std::vector<uint32_t> order;  // Row numbers sorted by partition, then order keys.
};

// Rows a and b of `keys` compared: in window order when `rows` (its order keys' directions) is
// given, else plainly (partition keys, and peers, which only ask for equality).
int CompareKeys(const std::vector<ColumnVector>& keys, const WindowRows* rows, uint32_t a,
                uint32_t b) {
  for (size_t key = 0; key < keys.size(); ++key) {
    const int order = rows ? CompareForKey(keys[key], a, keys[key], b, rows->descending[key],
                                           rows->nulls_first[key])
                           : CompareRows(keys[key], a, keys[key], b);
    if (order != 0) return order;
  }
  return 0;
}

// A hash of row `row`'s partition key: rows of one partition share it, so sorting by it first
// brings each partition together with one integer comparison for most pairs of rows.
uint64_t PartitionHash(const std::vector<ColumnVector>& keys, uint32_t row) {
  uint64_t hash = 0x9e3779b97f4a7c15ULL;
  for (const ColumnVector& key : keys) {
    uint64_t value = 0;
    const size_t width = key.type().fixed_width();
    if (key.IsNull(row)) {
      value = 0x51ed27;
    } else if (key.type().is_string_like()) {
      const std::string_view text = key.GetString(row);
      value = HashBytes(text.data(), text.size());
    } else if (width > 0 && key.type().id() != TypeId::kNothing) {
      value = HashBytes(key.data<uint8_t>() + row * width, width);
    } else {
      std::string bytes;
      BinaryWriter writer(&bytes);
      key.GetValue(row).Serialize(&writer);
      value = HashBytes(bytes.data(), bytes.size());
    }
    hash = (hash ^ value) * 0x100000001b3ULL + (hash >> 29);
  }
  return hash;
}

class WindowFunction {
 public:
  WindowFunction(QueryContext& context, const BoundExpr& expr) : context_(context), expr_(expr) {}

  // The window function's value for every row of `input`. Columns of `input` that are plain
  // arguments are borrowed while it runs (not copied) and given back before it returns.
  Result<ColumnVector> Compute(Chunk& input) {
    Status evaluated = Evaluate(input);
    Result<ColumnVector> result = evaluated.ok() ? ComputeEvaluated(input) : evaluated;
    for (const Borrowed& borrowed : borrowed_) {
      input.columns[borrowed.column] = std::move((*borrowed.from)[borrowed.index]);
    }
    borrowed_.clear();
    return result;
  }

 private:
  Result<ColumnVector> ComputeEvaluated(const Chunk& input) {
    rows_.order.resize(input.rows);
    std::iota(rows_.order.begin(), rows_.order.end(), 0);
    // Partitions come out grouped by their hash, not in key order: nothing after this depends on
    // the order of partitions, only on the order within each.
    std::vector<uint64_t> hashes(input.rows, 0);
    if (!rows_.partitions.empty()) {
      for (uint32_t row = 0; row < input.rows; ++row) {
        hashes[row] = PartitionHash(rows_.partitions, row);
      }
    }
    if (!IntegerOrderKeys(&integer_keys_)) integer_keys_.clear();
    // Where each partition ends (in sorted positions).
    std::vector<size_t> partition_ends;
    const size_t buckets = Buckets(input.rows);
    if (buckets <= 1) {
      SortRange(0, input.rows, hashes, &partition_ends);
    } else {
      // Partitions never span buckets (a bucket is the hash's top bits), so the buckets sort in
      // parallel; in bucket order they are the same order a single sort gives.
      const int shift = 64 - std::countr_zero(buckets);
      std::vector<size_t> starts(buckets + 1, 0);
      for (uint64_t hash : hashes) ++starts[(hash >> shift) + 1];
      for (size_t bucket = 0; bucket < buckets; ++bucket) starts[bucket + 1] += starts[bucket];
      std::vector<size_t> next(starts.begin(), starts.end() - 1);
      for (uint32_t row = 0; row < input.rows; ++row)
        rows_.order[next[hashes[row] >> shift]++] = row;
      std::vector<std::vector<size_t>> ends(buckets);
      context_.pool->ParallelFor(buckets, [&](size_t bucket) {
        SortRange(starts[bucket], starts[bucket + 1], hashes, &ends[bucket]);
      });
      for (const std::vector<size_t>& bucket_ends : ends) {
        partition_ends.insert(partition_ends.end(), bucket_ends.begin(), bucket_ends.end());
      }
    }
    std::vector<ColumnVector> slots;  // The result of each row, by its position in `order`.
    ColumnVector sorted(expr_.type);
    sorted.Reserve(input.rows);
    size_t start = 0;
    for (size_t end : partition_ends) {
      LARDER_RETURN_IF_ERROR(ComputePartition(start, end, &sorted));
      start = end;
    }
    // Back to input order.
    std::vector<uint32_t> position(input.rows);
    for (uint32_t i = 0; i < input.rows; ++i) position[rows_.order[i]] = i;
    return sorted.Take(position);
  }

  // The vector argument i of the call goes to: args, then partition keys, then order keys.
  std::vector<ColumnVector>& TargetOf(size_t i) {
    if (i < expr_.window_args) return rows_.args;
    if (i < expr_.window_args + expr_.window_partitions) return rows_.partitions;
    return rows_.orders;
  }

  // Evaluates the arguments into rows_. An argument that is a column of `input` read by no other
  // argument is moved out of `input` (borrowed_) rather than copied: the input of a window is
  // often millions of rows.
  Status Evaluate(Chunk& input) {
    const size_t count = expr_.args.size();
    std::vector<size_t> readers(input.columns.size(), 0);
    for (const auto& arg : expr_.args) {
      std::vector<bool> used(input.columns.size(), false);
      planner::CollectColumns(*arg, &used);
      for (size_t column = 0; column < used.size(); ++column) readers[column] += used[column];
    }
    std::vector<std::optional<ColumnVector>> values(count);
    std::vector<bool> borrow(count, false);
    for (size_t i = 0; i < count; ++i) {
      const BoundExpr& arg = *expr_.args[i];
      borrow[i] = arg.kind == BoundExpr::Kind::kColumn && readers[arg.column] == 1;
      if (borrow[i]) continue;
      LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(arg, context_));
      LARDER_ASSIGN_OR_RETURN(ColumnVector evaluated, evaluator->Evaluate(input));
      values[i].emplace(std::move(evaluated));
    }
    for (size_t i = 0; i < count; ++i) {
      std::vector<ColumnVector>& target = TargetOf(i);
      if (borrow[i]) {
        const size_t column = expr_.args[i]->column;
        borrowed_.push_back({&target, target.size(), column});
        values[i].emplace(std::move(input.columns[column]));
      }
      values[i]->Flatten();
      target.push_back(std::move(*values[i]));
    }
    rows_.descending = expr_.window_order_descending;
    rows_.descending.resize(rows_.orders.size(), false);
    rows_.nulls_first = expr_.window_order_nulls_first;
    rows_.nulls_first.resize(rows_.orders.size(), false);
    return Status::OK();
  }

  // Buckets for sorting `rows` rows in parallel: a power of two, 1 for small inputs or
  // without partitions.
  size_t Buckets(size_t rows) const {
    if (rows_.partitions.empty() || rows < (1 << 16) || context_.pool == nullptr) return 1;
    size_t buckets = 1;
    while (buckets < context_.pool->size() * 4 && buckets < 64) buckets *= 2;
    return buckets;
  }

  // One ORDER BY key of an integer kind (Int64, Date, DateTime) without NULLs: each row's value
  // as an unsigned integer that sorts in window order (flipped for DESC), so that sorting
  // compares plain integers. False (and `keys` empty) for any other ORDER BY.
  bool IntegerOrderKeys(std::vector<uint64_t>* keys) const {
    if (rows_.orders.size() != 1) return false;
    const ColumnVector& column = rows_.orders[0];
    const TypeId id = column.type().id();
    const bool wide = id == TypeId::kInt64 || id == TypeId::kDateTime;
    if ((!wide && id != TypeId::kDate) || column.has_nulls()) return false;
    const uint64_t flip = rows_.descending[0] ? ~uint64_t{0} : 0;
    keys->resize(column.size());
    for (size_t row = 0; row < column.size(); ++row) {
      const int64_t value = wide ? column.data<int64_t>()[row] : column.data<int32_t>()[row];
      (*keys)[row] = (static_cast<uint64_t>(value) ^ (uint64_t{1} << 63)) ^ flip;
    }
    return true;
  }

  // Sorts order[begin, end) by (hash, order keys), then by row number (the input order) among
  // equal keys, as a stable sort would.
  void SortByHashAndOrder(size_t begin, size_t end, const std::vector<uint64_t>& hashes) {
    auto first = rows_.order.begin() + static_cast<std::ptrdiff_t>(begin);
    auto last = rows_.order.begin() + static_cast<std::ptrdiff_t>(end);
    if (!integer_keys_.empty()) {
      struct Entry {
        uint64_t hash, key;
        uint32_t row;
        bool operator<(const Entry& other) const {
          if (hash != other.hash) return hash < other.hash;
          if (key != other.key) return key < other.key;
          return row < other.row;
        }
      };
      std::vector<Entry> entries;
      entries.reserve(end - begin);
      for (auto it = first; it != last; ++it)
        entries.push_back({hashes[*it], integer_keys_[*it], *it});
      std::sort(entries.begin(), entries.end());
      for (const Entry& entry : entries) *first++ = entry.row;
      return;
    }
    std::stable_sort(first, last, [&](uint32_t a, uint32_t b) {
      if (hashes[a] != hashes[b]) return hashes[a] < hashes[b];
      return CompareKeys(rows_.orders, &rows_, a, b) < 0;
    });
  }

  // Sorts order[begin, end) (whole partitions) by hash and order keys; the partition keys
  // themselves are compared only where rows of two partitions share a hash, which a pass over
  // each run of equal hashes finds (then that run is sorted again with them). Appends where
  // each partition ends to `ends`. Thread-safe for disjoint ranges.
  void SortRange(size_t begin, size_t end_of_range, const std::vector<uint64_t>& hashes,
                 std::vector<size_t>* ends) {
    auto first = rows_.order.begin();
    SortByHashAndOrder(begin, end_of_range, hashes);
    for (size_t start = begin; start < end_of_range;) {
      size_t end = start + 1;
      bool mixed = false;
      while (end < end_of_range && hashes[rows_.order[end]] == hashes[rows_.order[start]]) {
        mixed = mixed || !SamePartition(rows_.order[start], rows_.order[end]);
        ++end;
      }
      if (mixed) {
        std::stable_sort(first + static_cast<std::ptrdiff_t>(start),
                         first + static_cast<std::ptrdiff_t>(end), [&](uint32_t a, uint32_t b) {
                           int partition = CompareKeys(rows_.partitions, nullptr, a, b);
                           if (partition != 0) return partition < 0;
                           return CompareKeys(rows_.orders, &rows_, a, b) < 0;
                         });
        for (size_t row = start + 1; row < end; ++row) {
          if (CompareKeys(rows_.partitions, nullptr, rows_.order[row - 1], rows_.order[row]) != 0) {
            ends->push_back(row);
          }
        }
      }
      ends->push_back(end);
      start = end;
    }
  }

  // Whether rows a and b have the same partition key (one flat string key: compared directly).
  bool SamePartition(uint32_t a, uint32_t b) const {
    if (rows_.partitions.size() == 1) {
      const ColumnVector& key = rows_.partitions[0];
      if (key.type().is_string_like() && !key.has_nulls() && !key.is_dictionary()) {
        return key.GetString(a) == key.GetString(b);
      }
    }
    return CompareKeys(rows_.partitions, nullptr, a, b) == 0;
  }

  bool Peers(size_t a, size_t b) const {
    if (!integer_keys_.empty()) {
      return integer_keys_[rows_.order[a]] == integer_keys_[rows_.order[b]];
    }
    return CompareKeys(rows_.orders, nullptr, rows_.order[a], rows_.order[b]) == 0;
  }

  // The frame of the row at sorted position `row` in partition [start, end): [first, last).
  Status Frame(size_t start, size_t end, size_t row, size_t* first, size_t* last) const {
    if (!expr_.frame) {
      *first = start;
      *last = end;
      if (!rows_.orders.empty()) {
        *last = row + 1;
        while (*last < end && Peers(row, *last)) ++*last;
      }
      return Status::OK();
    }
    const BoundExpr::Frame& frame = *expr_.frame;
    auto bound = [&](const BoundExpr::FrameBound& b, bool is_end) -> Result<size_t> {
      switch (b.type) {
        case Bound::kUnboundedPreceding:
          return start;
        case Bound::kUnboundedFollowing:
          return end;
        case Bound::kCurrentRow: {
          if (frame.rows) return is_end ? row + 1 : row;
          size_t edge = row;
          if (is_end) {
            ++edge;
            while (edge < end && Peers(row, edge)) ++edge;
          } else {
            while (edge > start && Peers(row, edge - 1)) --edge;
          }
          return edge;
        }
        case Bound::kPreceding:
        case Bound::kFollowing: {
          int64_t offset = b.type == Bound::kPreceding ? -b.offset : b.offset;
          if (frame.rows) {
            int64_t edge = static_cast<int64_t>(row) + offset + (is_end ? 1 : 0);
            return static_cast<size_t>(
                std::clamp<int64_t>(edge, static_cast<int64_t>(start), static_cast<int64_t>(end)));
          }
          return RangeBound(start, end, row, offset, is_end);
        }
      }
      return start;
    };
    LARDER_ASSIGN_OR_RETURN(*first, bound(frame.start, false));
    LARDER_ASSIGN_OR_RETURN(*last, bound(frame.end, true));
    if (*last < *first) *last = *first;
    return Status::OK();
  }

  // RANGE n PRECEDING / FOLLOWING: rows whose order key is within n of this row's.
  Result<size_t> RangeBound(size_t start, size_t end, size_t row, int64_t offset,
                            bool is_end) const {
    if (rows_.orders.size() != 1 || !functions::IsNumberLike(rows_.orders[0].type().id())) {
      return InvalidArgument("a RANGE frame with an offset needs exactly one numeric ORDER BY key");
    }
    const ColumnVector& key = rows_.orders[0];
    bool descending = rows_.descending[0];
    auto value = [&](size_t position) {
      double v = 0;
      functions::VisitNumeric(key.type().id(), [&](auto tag) {
        using T = decltype(tag);
        v = static_cast<double>(key.template data<T>()[rows_.order[position]]);
      });
      return descending ? -v : v;
    };
    double target = value(row) + static_cast<double>(offset);
    size_t edge = start;
    if (is_end) {
      while (edge < end && value(edge) <= target) ++edge;
    } else {
      while (edge < end && value(edge) < target) ++edge;
    }
    return edge;
  }

  void AppendArg(size_t arg, size_t position, ColumnVector* out) const {
    out->AppendRange(rows_.args[arg], rows_.order[position], 1);
  }

  int64_t ConstantArg(size_t arg, int64_t fallback) const {
    if (arg >= rows_.args.size() || rows_.args[arg].size() == 0 || rows_.args[arg].IsNull(0)) {
      return fallback;
    }
    Value value = rows_.args[arg].GetValue(0);
    return std::holds_alternative<int64_t>(value.storage()) ? value.as_int64() : fallback;
  }

  Status ComputePartition(size_t start, size_t end, ColumnVector* out) {
    const std::string& name = expr_.function->name;
    if (expr_.function->kind == functions::FunctionKind::kAggregate) {
      return AggregatePartition(start, end, out);
    }
    for (size_t row = start; row < end; ++row) {
      if (name == "row_number") {
        out->Append<int64_t>(static_cast<int64_t>(row - start + 1));
      } else if (name == "rank" || name == "dense_rank") {
        if (row == start) {
          rank_ = 1, dense_rank_ = 1;
        } else if (!Peers(row - 1, row)) {
          rank_ = static_cast<int64_t>(row - start + 1);
          ++dense_rank_;
        }
        out->Append<int64_t>(name == "rank" ? rank_ : dense_rank_);
      } else if (name == "lag" || name == "lead" || name == "lagInFrame" || name == "leadInFrame") {
        bool in_frame = name.ends_with("InFrame");
        int64_t offset = ConstantArg(1, 1);
        if (name.starts_with("lag")) offset = -offset;
        size_t first = start, last = end;
        if (in_frame) LARDER_RETURN_IF_ERROR(Frame(start, end, row, &first, &last));
        int64_t target = static_cast<int64_t>(row) + offset;
        if (target >= static_cast<int64_t>(first) && target < static_cast<int64_t>(last)) {
          AppendArg(0, static_cast<size_t>(target), out);
        } else if (rows_.args.size() > 2) {
          AppendArg(2, row, out);
        } else if (in_frame && !rows_.args[0].type().nullable()) {
          // ClickHouse fills in the type's default (NULL for a Nullable argument).
          ColumnVector defaults(rows_.args[0].type());
          AppendDefault(&defaults);
          out->AppendRange(defaults, 0, 1);
        } else {
          out->AppendNull();
        }
      } else if (name == "first_value" || name == "last_value" || name == "nth_value") {
        if (name == "nth_value" && ConstantArg(1, 1) < 1) {
          return InvalidArgument("nth_value takes a row number of at least 1, not {}",
                                 ConstantArg(1, 1));
        }
        size_t first = 0, last = 0;
        LARDER_RETURN_IF_ERROR(Frame(start, end, row, &first, &last));
        size_t target = name == "first_value"  ? first
                        : name == "last_value" ? last - 1
                                               : first + static_cast<size_t>(ConstantArg(1, 1)) - 1;
        // first_value / last_value skip NULLs, as ClickHouse does unless RESPECT NULLS.
        const ColumnVector& values = rows_.args[0];
        if (name == "first_value") {
          while (target < last && values.IsNull(rows_.order[target])) ++target;
        } else if (name == "last_value") {
          while (target > first && target < last && values.IsNull(rows_.order[target])) --target;
        }
        if (first < last && target >= first && target < last) {
          AppendArg(0, target, out);
        } else if (name == "nth_value") {
          AppendDefault(out);  // The type's default, NULL when the argument is Nullable.
        } else {
          out->AppendNull();
        }
      } else {
        return NotImplemented("window function `{}` cannot run yet", name);
      }
    }
    return Status::OK();
  }

  // An aggregate over each row's frame: incremental while frames only grow at the end,
  // recomputed otherwise.
  Status AggregatePartition(size_t start, size_t end, ColumnVector* out) {
    if (!function_) {
      const functions::FunctionInfo& info = *expr_.function;
      if (!info.aggregate) {
        return NotImplemented("aggregate function `{}` cannot run in queries yet", info.name);
      }
      std::vector<LogicalType> types;
      for (const ColumnVector& arg : rows_.args) types.push_back(arg.type());
      LARDER_ASSIGN_OR_RETURN(function_, info.aggregate(types, expr_.params, expr_.type));
      state_.assign(function_->state_size() + 16, 0);
    }
    uint8_t* state = reinterpret_cast<uint8_t*>((reinterpret_cast<uintptr_t>(state_.data()) + 15) &
                                                ~uintptr_t{15});
    size_t added_first = start, added_last = start;
    bool live = false;
    Status status;
    for (size_t row = start; row < end && status.ok(); ++row) {
      size_t first = 0, last = 0;
      status = Frame(start, end, row, &first, &last);
      if (!status.ok()) break;
      if (!live || first != added_first || last < added_last) {
        if (live) function_->Destroy(state);
        function_->Initialize(state);
        live = true;
        added_first = added_last = first;
      }
      if (last > added_last) {
        status = AddRows(added_last, last, state);
        added_last = last;
      }
      if (status.ok()) status = function_->Finalize(state, out);
    }
    if (live) function_->Destroy(state);
    return status;
  }

  Status AddRows(size_t first, size_t last, uint8_t* state) {
    std::vector<uint32_t> rows(rows_.order.begin() + first, rows_.order.begin() + last);
    std::vector<ColumnVector> args;
    for (const ColumnVector& arg : rows_.args) args.push_back(arg.Take(rows));
    functions::KernelCall call{{}, rows.size(), expr_.type, &context_.eval};
    for (const ColumnVector& arg : args) call.args.push_back({&arg, false});
    return function_->UpdateSingle(call, state);
  }

  QueryContext& context_;
  const BoundExpr& expr_;
  WindowRows rows_;
  // Columns of the input moved into rows_ while Compute runs.
  struct Borrowed {
    std::vector<ColumnVector>* from;
    size_t index, column;
  };
  std::vector<Borrowed> borrowed_;
  std::vector<uint64_t> integer_keys_;  // By row, when IntegerOrderKeys applies; else empty.
  int64_t rank_ = 0, dense_rank_ = 0;
  std::unique_ptr<functions::AggregateFunction> function_;
  std::vector<uint8_t> state_;
};

}  // namespace

Result<SourcePtr> RunWindow(QueryContext& context, SourcePtr input, const LogicalOperator& op) {
  uint64_t reserved = 0;
  LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectChunks(context, *input, &reserved));
  struct Release {
    QueryContext& context;
    uint64_t bytes;
    ~Release() { context.memory.Release(bytes); }
  } release{context, reserved};
  size_t width = op.children[0]->output.fields.size();
  Chunk all;
  for (const Chunk& chunk : chunks) all.rows += chunk.rows;
  // Column by column, each chunk's column freed once copied: the input is held about once.
  for (size_t column = 0; column < width; ++column) {
    ColumnVector values(op.output.fields[column].type);
    values.Reserve(all.rows);
    for (Chunk& chunk : chunks) {
      values.AppendRange(chunk.columns[column], 0, chunk.rows);
      chunk.columns[column] = ColumnVector(chunk.columns[column].type());
    }
    all.columns.push_back(std::move(values));
  }
  chunks.clear();
  std::vector<ColumnVector> columns = std::move(all.columns);
  all.columns.clear();
  Chunk view{std::move(columns), all.rows};
  for (const auto& expr : op.exprs) {
    WindowFunction function(context, *expr);
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, function.Compute(view));
    view.columns.push_back(std::move(values));
  }
  return SourcePtr(new ColumnsSource(std::move(view.columns), view.rows, kOutputChunkRows));
}

}  // namespace larder::execution
