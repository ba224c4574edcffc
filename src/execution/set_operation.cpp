#include "execution/set_operation.h"

#include <algorithm>

#include "execution/group_table.h"
#include "execution/hash_aggregate.h"

namespace larder::execution {

using planner::LogicalOperator;

ConcatSource::ConcatSource(std::vector<SourcePtr> children) : children_(std::move(children)) {
  starts_.push_back(0);
  for (const SourcePtr& child : children_) starts_.push_back(starts_.back() + child->MorselCount());
}

Result<Chunk> ConcatSource::Produce(size_t morsel) {
  size_t child = std::upper_bound(starts_.begin(), starts_.end(), morsel) - starts_.begin() - 1;
  return children_[child]->Produce(morsel - starts_[child]);
}

namespace {

std::vector<LogicalType> ColumnTypes(const Schema& schema) {
  std::vector<LogicalType> types;
  for (const Field& field : schema.fields) types.push_back(field.type);
  return types;
}

std::vector<const ColumnVector*> Columns(const Chunk& chunk) {
  std::vector<const ColumnVector*> columns;
  for (const ColumnVector& column : chunk.columns) columns.push_back(&column);
  return columns;
}

Result<SourcePtr> Distinct(QueryContext& context, SourcePtr input, const LogicalOperator& op) {
  LogicalOperator distinct(LogicalOperator::Kind::kDistinct);
  distinct.output = op.output;
  return RunHashAggregate(context, std::move(input), distinct);
}

// Rows of `left` whose key is (or, for EXCEPT, is not) among the rows of `right`.
Result<SourcePtr> Filter(QueryContext& context, SourcePtr left, SourcePtr right,
                         const LogicalOperator& op, bool keep_matches) {
  GroupTable table(ColumnTypes(op.output), &context.memory);
  std::vector<uint32_t> ids;
  // The right side is read on this thread: the table is not thread-safe.
  for (size_t morsel = 0; morsel < right->MorselCount(); ++morsel) {
    LARDER_ASSIGN_OR_RETURN(Chunk chunk, right->Produce(morsel));
    if (chunk.rows == 0) continue;
    LARDER_RETURN_IF_ERROR(table.FindOrCreate(Columns(chunk), chunk.rows, &ids, nullptr));
  }
  uint64_t reserved = 0;
  LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectChunks(context, *left, &reserved));
  std::vector<Chunk> kept;
  for (Chunk& chunk : chunks) {
    table.Find(Columns(chunk), chunk.rows, &ids);
    Selection selection;
    for (uint32_t row = 0; row < chunk.rows; ++row) {
      if ((ids[row] != GroupTable::kNoGroup) == keep_matches) selection.push_back(row);
    }
    if (selection.size() == chunk.rows) {
      kept.push_back(std::move(chunk));
    } else if (!selection.empty()) {
      kept.push_back(chunk.Take(selection));
    }
  }
  context.memory.Release(reserved);
  return SourcePtr(new MaterializedSource(std::move(kept)));
}

}  // namespace

Result<SourcePtr> RunSetOperation(QueryContext& context, std::vector<SourcePtr> children,
                                  const LogicalOperator& op) {
  const std::string& name = op.set_operator;
  bool distinct = name.find("ALL") == std::string::npos &&
                  (name.find("DISTINCT") != std::string::npos || name == "UNION");
  if (name.rfind("UNION", 0) == 0) {
    SourcePtr all(new ConcatSource(std::move(children)));
    if (!distinct) return all;
    return Distinct(context, std::move(all), op);
  }
  bool intersect = name.rfind("INTERSECT", 0) == 0;
  if (!intersect && name.rfind("EXCEPT", 0) != 0) {
    return NotImplemented("set operator {}", name);
  }
  SourcePtr result = std::move(children[0]);
  for (size_t child = 1; child < children.size(); ++child) {
    LARDER_ASSIGN_OR_RETURN(
        result, Filter(context, std::move(result), std::move(children[child]), op, intersect));
  }
  if (distinct) return Distinct(context, std::move(result), op);
  return result;
}

}  // namespace larder::execution
