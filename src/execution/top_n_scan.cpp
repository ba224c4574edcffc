#include "execution/top_n_scan.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "execution/expression_evaluator.h"
#include "execution/row_compare.h"
#include "execution/sort.h"
#include "planner/expression_utils.h"

namespace larder::execution {

using planner::BoundExpr;
using planner::LogicalOperator;

namespace {

// Reads the marked columns of a morsel (others stay empty placeholders).
Result<Chunk> ReadMarked(const TableScanner& scanner, size_t morsel,
                         const std::vector<bool>& marked) {
  Chunk chunk;
  chunk.rows = scanner.MorselRows(morsel);
  for (size_t column = 0; column < marked.size(); ++column) {
    if (!marked[column]) {
      chunk.columns.emplace_back(LogicalType::Int64());
      continue;
    }
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, scanner.ReadColumn(morsel, column));
    chunk.columns.push_back(std::move(values));
  }
  return chunk;
}

// The order of ORDER BY's keys: which of two rows comes first (NULLs last in both directions).
class KeyOrder {
 public:
  static Result<KeyOrder> Compile(const LogicalOperator& sort, QueryContext& context) {
    KeyOrder order;
    for (const auto& key : sort.sort_keys) {
      LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*key.expr, context));
      order.keys_.push_back(std::move(evaluator));
      order.descending_.push_back(key.descending);
      order.nulls_first_.push_back(key.nulls_first);
    }
    return order;
  }

  // Of `rows` of `chunk`, the (at most) `limit` that come first, in no particular order.
  Result<Selection> First(const Chunk& chunk, Selection rows, size_t limit) const {
    if (rows.size() <= limit) return rows;
    std::vector<ColumnVector> keys;
    for (const auto& key : keys_) {
      LARDER_ASSIGN_OR_RETURN(ColumnVector values, key->Evaluate(chunk));
      keys.push_back(std::move(values));
    }
    std::nth_element(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(limit), rows.end(),
                     [&](uint32_t a, uint32_t b) { return Less(keys, a, keys, b); });
    rows.resize(limit);
    return rows;
  }

  // Whether row a of key columns `x` comes before row b of `y`.
  bool Less(const std::vector<ColumnVector>& x, size_t a, const std::vector<ColumnVector>& y,
            size_t b) const {
    for (size_t key = 0; key < x.size(); ++key) {
      const int order = CompareForKey(x[key], a, y[key], b, descending_[key], nulls_first_[key]);
      if (order != 0) return order < 0;
    }
    return false;
  }

  bool descending(size_t key) const { return descending_[key]; }

 private:
  std::vector<std::unique_ptr<ExpressionEvaluator>> keys_;
  std::vector<bool> descending_;
  std::vector<bool> nulls_first_;
};

// Some morsels of another source.
class SubsetSource : public Source {
 public:
  SubsetSource(Source& base, std::vector<size_t> morsels)
      : base_(base), morsels_(std::move(morsels)) {}
  size_t MorselCount() const override { return morsels_.size(); }
  Result<Chunk> Produce(size_t morsel) override { return base_.Produce(morsels_[morsel]); }

 private:
  Source& base_;
  std::vector<size_t> morsels_;
};

// How far a morsel's rows can go towards the front of the order by the first key, from its
// zone map: the best value it holds (max when descending, min when ascending).
struct MorselBound {
  size_t morsel = 0;
  std::optional<Value> best;  // Unknown when absent, unless all_null.
  bool all_null = false;
};

// Morsels in the order to read them: those without a bound first, then best bound first, then
// those holding only NULLs (which sort last).
std::vector<MorselBound> OrderMorsels(const TableScanner& scanner, size_t key_column,
                                      bool descending) {
  std::vector<MorselBound> bounds;
  for (size_t morsel = 0; morsel < scanner.MorselCount(); ++morsel) {
    MorselBound bound{morsel, std::nullopt, false};
    if (auto zone_map = scanner.MorselZoneMap(morsel, key_column)) {
      bound.all_null = zone_map->null_count == zone_map->row_count;
      bound.best = descending ? zone_map->max : zone_map->min;
    }
    bounds.push_back(std::move(bound));
  }
  auto rank = [](const MorselBound& b) { return b.all_null ? 2 : b.best ? 1 : 0; };
  std::stable_sort(bounds.begin(), bounds.end(), [&](const MorselBound& a, const MorselBound& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (rank(a) != 1) return false;
    const auto order = a.best->Compare(*b.best);
    return descending ? order == std::partial_ordering::greater
                      : order == std::partial_ordering::less;
  });
  return bounds;
}

// The `n`-th best non-NULL value of column `column` among the rows of `chunks`, or nullopt when
// they hold fewer than `n` such rows.
std::optional<Value> NthBest(const std::vector<Chunk>& chunks, size_t column, size_t n,
                             bool descending) {
  std::vector<std::pair<uint32_t, uint32_t>> rows;
  for (uint32_t chunk = 0; chunk < chunks.size(); ++chunk) {
    if (chunks[chunk].rows == 0) continue;
    const ColumnVector& values = chunks[chunk].columns[column];
    for (uint32_t row = 0; row < chunks[chunk].rows; ++row) {
      if (!IsNullOrNan(values, row)) rows.push_back({chunk, row});
    }
  }
  if (n == 0 || rows.size() < n) return std::nullopt;
  auto before = [&](std::pair<uint32_t, uint32_t> a, std::pair<uint32_t, uint32_t> b) {
    const int order = CompareRows(chunks[a.first].columns[column], a.second,
                                  chunks[b.first].columns[column], b.second);
    return descending ? order > 0 : order < 0;
  };
  std::nth_element(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n - 1), rows.end(),
                   before);
  const auto [chunk, row] = rows[n - 1];
  return chunks[chunk].columns[column].GetValue(row);
}

// Whether a morsel whose best first-key value is `bound` cannot beat `threshold`.
bool CannotBeat(const MorselBound& bound, const Value& threshold, bool descending) {
  if (bound.all_null) return true;
  if (!bound.best) return false;
  const auto order = bound.best->Compare(threshold);
  return descending ? order == std::partial_ordering::less
                    : order == std::partial_ordering::greater;
}

}  // namespace

namespace {

// Phase 1's candidates: each morsel's first `limit` rows. When the first sort key is a column
// with zone maps, morsels are read best bound first, in waves; once `limit` candidates are
// known, morsels whose bound cannot beat the limit-th of them are not read at all (ORDER BY
// timestamp DESC LIMIT 100 on a table sorted by time reads its last blocks only).
Result<std::vector<Chunk>> CollectCandidates(QueryContext& context, const TableScanner& scanner,
                                             Source& source, const LogicalOperator& sort,
                                             size_t limit) {
  std::vector<Chunk> candidates;
  auto run = [&](std::vector<size_t> morsels) -> Status {
    SubsetSource subset(source, std::move(morsels));
    uint64_t reserved = 0;
    LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectChunks(context, subset, &reserved));
    context.memory.Release(reserved);
    for (Chunk& chunk : chunks) candidates.push_back(std::move(chunk));
    return Status::OK();
  };
  const BoundExpr& first = *sort.sort_keys.at(0).expr;
  // Zone maps bound the values, not where NULLs go: NULLS FIRST reads every morsel.
  if (first.kind != BoundExpr::Kind::kColumn || limit == 0 || sort.sort_keys[0].nulls_first) {
    std::vector<size_t> all(scanner.MorselCount());
    for (size_t morsel = 0; morsel < all.size(); ++morsel) all[morsel] = morsel;
    LARDER_RETURN_IF_ERROR(run(std::move(all)));
    return candidates;
  }
  const bool descending = sort.sort_keys[0].descending;
  std::vector<MorselBound> order = OrderMorsels(scanner, first.column, descending);
  size_t wave = WorkerCount(context);
  std::optional<Value> threshold;
  for (size_t next = 0; next < order.size();) {
    std::vector<size_t> morsels;
    for (; next < order.size() && morsels.size() < wave; ++next) {
      if (threshold && CannotBeat(order[next], *threshold, descending)) continue;
      morsels.push_back(order[next].morsel);
    }
    if (morsels.empty()) break;
    LARDER_RETURN_IF_ERROR(run(std::move(morsels)));
    threshold = NthBest(candidates, first.column, limit, descending);
    wave *= 2;
  }
  return candidates;
}

}  // namespace

Result<SourcePtr> RunTopNScan(QueryContext& context, std::unique_ptr<TableScanner> scanner,
                              const Schema& scan_output, const BoundExpr* filter,
                              const LogicalOperator& sort) {
  size_t width = scan_output.fields.size();
  std::vector<bool> needed(width, false);
  if (filter) planner::CollectColumns(*filter, &needed);
  for (const auto& key : sort.sort_keys) planner::CollectColumns(*key.expr, &needed);
  std::unique_ptr<ExpressionEvaluator> predicate;
  if (filter) {
    LARDER_ASSIGN_OR_RETURN(predicate, ExpressionEvaluator::Compile(*filter, context));
  }
  // Phase 1: per morsel, the needed columns of the rows passing the filter, plus where each row
  // came from (morsel, row) as two extra columns; a sort with top-N keeps each morsel's best.
  LARDER_ASSIGN_OR_RETURN(KeyOrder key_order, KeyOrder::Compile(sort, context));
  const size_t limit = static_cast<size_t>(std::max<int64_t>(*sort.top_n, 0));
  class CandidateSource : public Source {
   public:
    CandidateSource(const TableScanner& scanner, const std::vector<bool>& needed,
                    const ExpressionEvaluator* predicate, const KeyOrder& order, size_t limit)
        : scanner_(scanner), needed_(needed), predicate_(predicate), order_(order), limit_(limit) {}
    size_t MorselCount() const override { return scanner_.MorselCount(); }
    Result<Chunk> Produce(size_t morsel) override {
      LARDER_ASSIGN_OR_RETURN(Chunk chunk, ReadMarked(scanner_, morsel, needed_));
      Selection rows;
      if (predicate_) {
        LARDER_ASSIGN_OR_RETURN(rows, predicate_->Select(chunk));
        if (rows.empty()) return Chunk{{}, 0};
      } else {
        rows.resize(chunk.rows);
        for (uint32_t row = 0; row < chunk.rows; ++row) rows[row] = row;
      }
      // Only this morsel's first `limit` rows can be among the winners.
      LARDER_ASSIGN_OR_RETURN(rows, order_.First(chunk, std::move(rows), limit_));
      std::sort(rows.begin(), rows.end());
      Chunk picked;
      picked.rows = rows.size();
      for (size_t column = 0; column < chunk.columns.size(); ++column) {
        if (needed_[column]) {
          picked.columns.push_back(chunk.columns[column].Take(rows));
        } else {
          // A placeholder of the right length (the sort copies every column of its winners).
          ColumnVector placeholder(LogicalType::Int64());
          placeholder.Resize(rows.size());
          picked.columns.push_back(std::move(placeholder));
        }
      }
      ColumnVector morsels(LogicalType::Int64()), positions(LogicalType::Int64());
      for (uint32_t row : rows) {
        morsels.Append<int64_t>(static_cast<int64_t>(morsel));
        positions.Append<int64_t>(row);
      }
      picked.columns.push_back(std::move(morsels));
      picked.columns.push_back(std::move(positions));
      return picked;
    }

   private:
    const TableScanner& scanner_;
    const std::vector<bool>& needed_;
    const ExpressionEvaluator* predicate_;
    const KeyOrder& order_;
    size_t limit_;
  };
  CandidateSource source(*scanner, needed, predicate.get(), key_order, limit);
  LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> candidates,
                          CollectCandidates(context, *scanner, source, sort, limit));
  LogicalOperator candidates_sort(LogicalOperator::Kind::kSort);
  candidates_sort.output = scan_output;
  candidates_sort.output.fields.push_back({"_morsel", LogicalType::Int64()});
  candidates_sort.output.fields.push_back({"_row", LogicalType::Int64()});
  candidates_sort.top_n = sort.top_n;
  for (const auto& key : sort.sort_keys) {
    candidates_sort.sort_keys.push_back({key.expr->Clone(), key.descending, key.nulls_first});
  }
  // The placeholder columns are not of the table's types; the sort only reads key columns.
  LARDER_ASSIGN_OR_RETURN(
      SourcePtr winners,
      RunSort(context, SourcePtr(new MaterializedSource(std::move(candidates))), candidates_sort));
  uint64_t reserved = 0;
  LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectChunks(context, *winners, &reserved));
  context.memory.Release(reserved);
  // Phase 2: the winners' rows, read morsel by morsel, in winning order.
  std::vector<std::pair<int64_t, int64_t>> order;  // (morsel, row)
  for (const Chunk& chunk : chunks) {
    const ColumnVector& morsels = chunk.columns[width];
    const ColumnVector& rows = chunk.columns[width + 1];
    for (size_t i = 0; i < chunk.rows; ++i) {
      order.push_back({morsels.data<int64_t>()[i], rows.data<int64_t>()[i]});
    }
  }
  std::map<int64_t, std::vector<uint32_t>> by_morsel;
  for (const auto& [morsel, row] : order) by_morsel[morsel].push_back(static_cast<uint32_t>(row));
  std::map<int64_t, Chunk> fetched;
  std::vector<bool> all(width, true);
  for (auto& [morsel, rows] : by_morsel) {
    LARDER_ASSIGN_OR_RETURN(Chunk chunk, ReadMarked(*scanner, static_cast<size_t>(morsel), all));
    std::sort(rows.begin(), rows.end());
    fetched[morsel] = chunk.Take(rows);
  }
  Chunk output;
  output.rows = order.size();
  for (size_t column = 0; column < width; ++column) {
    ColumnVector values(scan_output.fields[column].type);
    if (!fetched.empty()) values = ColumnVector(fetched.begin()->second.columns[column].type());
    for (const auto& [morsel, row] : order) {
      const std::vector<uint32_t>& rows = by_morsel[morsel];
      size_t index =
          std::lower_bound(rows.begin(), rows.end(), static_cast<uint32_t>(row)) - rows.begin();
      values.AppendRange(fetched[morsel].columns[column], index, 1);
    }
    output.columns.push_back(std::move(values));
  }
  std::vector<Chunk> result;
  if (output.rows > 0) result.push_back(std::move(output));
  return SourcePtr(new MaterializedSource(std::move(result)));
}

}  // namespace larder::execution
