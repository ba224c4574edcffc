#include "execution/top_n_scan.h"

#include <map>
#include <mutex>

#include "execution/expression_evaluator.h"
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
  class CandidateSource : public Source {
   public:
    CandidateSource(const TableScanner& scanner, const std::vector<bool>& needed,
                    const ExpressionEvaluator* predicate)
        : scanner_(scanner), needed_(needed), predicate_(predicate) {}
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
  };
  LogicalOperator candidates_sort(LogicalOperator::Kind::kSort);
  candidates_sort.output = scan_output;
  candidates_sort.output.fields.push_back({"_morsel", LogicalType::Int64()});
  candidates_sort.output.fields.push_back({"_row", LogicalType::Int64()});
  candidates_sort.top_n = sort.top_n;
  for (const auto& key : sort.sort_keys) {
    candidates_sort.sort_keys.push_back({key.expr->Clone(), key.descending});
  }
  // The placeholder columns are not of the table's types; the sort only reads key columns.
  LARDER_ASSIGN_OR_RETURN(
      SourcePtr winners,
      RunSort(context, SourcePtr(new CandidateSource(*scanner, needed, predicate.get())),
              candidates_sort));
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
