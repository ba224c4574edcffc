#include "execution/hash_join.h"

#include <algorithm>
#include <atomic>

#include "execution/expression_evaluator.h"
#include "execution/group_table.h"
#include "functions/scalar/kernel_helpers.h"
#include "planner/expression_utils.h"

namespace larder::execution {

using planner::BoundExpr;
using planner::BoundExprPtr;
using planner::LogicalOperator;

void AppendDefault(ColumnVector* vector) {
  const LogicalType& type = vector->type();
  if (type.nullable() || type.id() == TypeId::kNothing) return vector->AppendNull();
  switch (type.id()) {
    case TypeId::kString:
    case TypeId::kJson:
      return vector->AppendString("");
    case TypeId::kArray:
      return vector->AppendArrayRow(0);
    default: {
      vector->Resize(vector->size() + 1);
      return;
    }
  }
}

namespace {

struct JoinKind {
  bool left_outer = false, right_outer = false, semi = false, anti = false, any = false,
       asof = false;
};

Result<JoinKind> ParseJoinKind(const std::string& text) {
  JoinKind kind;
  auto has = [&](const char* word) { return text.find(word) != std::string::npos; };
  kind.semi = has("SEMI");
  kind.anti = has("ANTI");
  kind.any = has("ANY");
  kind.asof = has("ASOF");
  bool full = has("FULL");
  kind.left_outer = full || (has("LEFT") && !kind.semi && !kind.anti);
  kind.right_outer = full || has("RIGHT");
  if (kind.right_outer && (kind.semi || kind.anti || kind.asof)) {
    return NotImplemented("{} (use the LEFT form with the tables swapped)", text);
  }
  return kind;
}

// The ON condition taken apart: equality keys, the ASOF inequality, and the rest.
struct JoinCondition {
  std::vector<BoundExprPtr> left_keys, right_keys;  // Right keys read the right side only.
  BoundExprPtr asof_left, asof_right;
  std::string asof_op;    // left `asof_op` right: less, lessOrEquals, greater, greaterOrEquals.
  BoundExprPtr residual;  // Over left then right columns; may be null.
};

enum class Side { kLeft, kRight, kBoth, kNone };

Side SideOf(const BoundExpr& expr, size_t left_width) {
  size_t low = 0, high = 0;
  if (!planner::ColumnRange(expr, &low, &high)) return Side::kNone;
  if (high < left_width) return Side::kLeft;
  if (low >= left_width) return Side::kRight;
  return Side::kBoth;
}

std::string Mirror(const std::string& op) {
  if (op == "less") return "greater";
  if (op == "lessOrEquals") return "greaterOrEquals";
  if (op == "greater") return "less";
  return "lessOrEquals";
}

JoinCondition AnalyzeCondition(const LogicalOperator& op, size_t left_width, bool asof) {
  JoinCondition condition;
  if (!op.predicate) return condition;
  std::vector<BoundExprPtr> residual;
  const functions::FunctionInfo* and_function = nullptr;
  if (op.predicate->kind == BoundExpr::Kind::kCall && op.predicate->function->name == "and") {
    and_function = op.predicate->function;
  }
  for (BoundExprPtr& conjunct : planner::SplitConjuncts(op.predicate->Clone())) {
    bool call = conjunct->kind == BoundExpr::Kind::kCall && conjunct->args.size() == 2;
    const std::string name = call ? conjunct->function->name : "";
    bool inequality =
        name == "less" || name == "lessOrEquals" || name == "greater" || name == "greaterOrEquals";
    if (call && (name == "equals" || (asof && inequality && !condition.asof_left))) {
      Side a = SideOf(*conjunct->args[0], left_width), b = SideOf(*conjunct->args[1], left_width);
      bool swapped = a == Side::kRight && b == Side::kLeft;
      if ((a == Side::kLeft && b == Side::kRight) || swapped) {
        BoundExprPtr left = std::move(conjunct->args[swapped ? 1 : 0]);
        BoundExprPtr right = std::move(conjunct->args[swapped ? 0 : 1]);
        planner::ShiftColumns(right.get(), -static_cast<int>(left_width));
        if (name == "equals") {
          condition.left_keys.push_back(std::move(left));
          condition.right_keys.push_back(std::move(right));
        } else {
          condition.asof_left = std::move(left);
          condition.asof_right = std::move(right);
          condition.asof_op = swapped ? Mirror(name) : name;
        }
        continue;
      }
    }
    residual.push_back(std::move(conjunct));
  }
  if (!residual.empty()) {
    if (residual.size() > 1 && !and_function) and_function = op.predicate->function;
    condition.residual = planner::CombineConjuncts(std::move(residual), and_function);
  }
  return condition;
}

double AsDouble(const ColumnVector& vector, size_t row) {
  double value = 0;
  functions::VisitNumeric(vector.type().id(), [&](auto tag) {
    using T = decltype(tag);
    value = static_cast<double>(vector.template data<T>()[row]);
  });
  return value;
}

// The built right side: all its rows in one chunk (plus a last row of defaults), and the hash
// table from key to the chain of rows with that key.
struct BuildSide {
  Chunk rows;
  size_t count = 0;  // Rows before the defaults row.
  std::unique_ptr<GroupTable> table;
  std::vector<uint32_t> first;  // By group: first row, or UINT32_MAX.
  std::vector<uint32_t> next;   // By row: next row with the same key, or UINT32_MAX.
  ColumnVector asof_values{LogicalType::Int64()};
  std::unique_ptr<std::atomic<uint8_t>[]> matched;  // RIGHT / FULL: rows that found a partner.
  uint64_t reserved = 0;
};

std::vector<const ColumnVector*> Pointers(const std::vector<ColumnVector>& columns) {
  std::vector<const ColumnVector*> pointers;
  for (const ColumnVector& column : columns) pointers.push_back(&column);
  return pointers;
}

Result<std::vector<ColumnVector>> EvaluateKeys(
    const std::vector<std::unique_ptr<ExpressionEvaluator>>& keys, const Chunk& chunk) {
  std::vector<ColumnVector> values;
  for (const auto& key : keys) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector column, key->Evaluate(chunk));
    values.push_back(std::move(column));
  }
  return values;
}

bool AnyNull(const std::vector<ColumnVector>& keys, size_t row) {
  for (const ColumnVector& key : keys) {
    if (key.IsNull(row)) return true;
  }
  return false;
}

// Charges the pairs a probe collects to the query's memory budget as they grow, and checks for
// cancellation, so an exploding join (a chain of cross joins) stops with the memory-limit or
// cancellation error instead of exhausting the machine. Released when the probe is done.
class ProbeBudget {
 public:
  static constexpr size_t kStepPairs = size_t{1} << 20;
  ProbeBudget(QueryContext& context, size_t output_columns)
      : context_(context), bytes_per_step_(kStepPairs * (8 + 8 * output_columns)) {}
  ~ProbeBudget() {
    if (reserved_) context_.memory.Release(reserved_);
  }
  Status Grow(size_t pairs) {
    if (pairs < next_check_) return Status::OK();
    next_check_ += kStepPairs;
    LARDER_RETURN_IF_ERROR(context_.CheckCancelled());
    LARDER_RETURN_IF_ERROR(context_.memory.Reserve(bytes_per_step_, "join output"));
    reserved_ += bytes_per_step_;
    return Status::OK();
  }

 private:
  QueryContext& context_;
  const uint64_t bytes_per_step_;
  uint64_t reserved_ = 0;
  size_t next_check_ = kStepPairs;
};

class Join {
 public:
  Join(QueryContext& context, const LogicalOperator& op, JoinKind kind)
      : context_(context), op_(op), kind_(kind) {}
  ~Join() {
    if (build_.reserved) context_.memory.Release(build_.reserved);
  }

  Status Prepare(size_t left_width) {
    left_width_ = left_width;
    condition_ = AnalyzeCondition(op_, left_width, kind_.asof);
    if (kind_.asof && !condition_.asof_left) {
      return InvalidArgument(
          "ASOF JOIN needs an inequality between the two sides in ON, "
          "such as left.time >= right.time");
    }
    for (const auto& key : condition_.left_keys) {
      LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*key, context_));
      left_keys_.push_back(std::move(evaluator));
    }
    for (const auto& key : condition_.right_keys) {
      LARDER_ASSIGN_OR_RETURN(auto evaluator, ExpressionEvaluator::Compile(*key, context_));
      right_keys_.push_back(std::move(evaluator));
    }
    if (condition_.residual) {
      LARDER_ASSIGN_OR_RETURN(residual_,
                              ExpressionEvaluator::Compile(*condition_.residual, context_));
    }
    if (kind_.asof) {
      LARDER_ASSIGN_OR_RETURN(asof_left_,
                              ExpressionEvaluator::Compile(*condition_.asof_left, context_));
      LARDER_ASSIGN_OR_RETURN(asof_right_,
                              ExpressionEvaluator::Compile(*condition_.asof_right, context_));
    }
    return Status::OK();
  }

  Status Build(Source& right) {
    uint64_t reserved = 0;
    LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectChunks(context_, right, &reserved));
    build_.reserved = reserved;
    for (size_t column = left_width_; column < op_.output.fields.size(); ++column) {
      ColumnVector values(op_.output.fields[column].type);
      for (const Chunk& chunk : chunks) {
        values.AppendRange(chunk.columns[column - left_width_], 0, chunk.rows);
      }
      build_.count = values.size();
      AppendDefault(&values);
      build_.rows.columns.push_back(std::move(values));
    }
    for (const Chunk& chunk : chunks) build_.rows.rows += chunk.rows;
    build_.count = build_.rows.rows;
    build_.rows.rows += 1;
    std::vector<LogicalType> key_types;
    for (const auto& key : condition_.right_keys) key_types.push_back(key->type);
    build_.table = std::make_unique<GroupTable>(key_types, &context_.memory);
    LARDER_ASSIGN_OR_RETURN(std::vector<ColumnVector> keys, EvaluateKeys(right_keys_, build_.rows));
    std::vector<uint32_t> ids;
    if (!keys.empty()) {
      LARDER_RETURN_IF_ERROR(
          build_.table->FindOrCreate(Pointers(keys), build_.count, &ids, nullptr));
    } else {
      ids.assign(build_.count, 0);
    }
    build_.first.assign(keys.empty() ? 1 : build_.table->size(), UINT32_MAX);
    build_.next.assign(build_.count, UINT32_MAX);
    for (size_t row = build_.count; row-- > 0;) {
      if (AnyNull(keys, row)) continue;
      build_.next[row] = build_.first[ids[row]];
      build_.first[ids[row]] = static_cast<uint32_t>(row);
    }
    if (kind_.asof) {
      LARDER_ASSIGN_OR_RETURN(build_.asof_values, asof_right_->Evaluate(build_.rows));
    }
    if (kind_.right_outer) {
      build_.matched = std::make_unique<std::atomic<uint8_t>[]>(build_.count + 1);
      for (size_t row = 0; row <= build_.count; ++row) build_.matched[row] = 0;
    }
    return Status::OK();
  }

  // The joined rows of one left chunk.
  Result<Chunk> Probe(Chunk left) const;
  // RIGHT / FULL: right rows no left row matched, with the left side's defaults.
  Chunk UnmatchedRight() const;

 private:
  // The best ASOF partner of left value `value` on the chain starting at `row`, or UINT32_MAX.
  uint32_t BestAsof(uint32_t row, double value, bool value_null) const;
  Chunk Assemble(const Chunk& left, const std::vector<uint32_t>& left_rows,
                 const std::vector<uint32_t>& right_rows) const;

  QueryContext& context_;
  const LogicalOperator& op_;
  JoinKind kind_;
  size_t left_width_ = 0;
  JoinCondition condition_;
  std::vector<std::unique_ptr<ExpressionEvaluator>> left_keys_, right_keys_;
  std::unique_ptr<ExpressionEvaluator> residual_, asof_left_, asof_right_;
  BuildSide build_;
};

uint32_t Join::BestAsof(uint32_t row, double value, bool value_null) const {
  if (value_null) return UINT32_MAX;
  uint32_t best = UINT32_MAX;
  double best_value = 0;
  const std::string& op = condition_.asof_op;
  for (; row != UINT32_MAX; row = build_.next[row]) {
    if (build_.asof_values.IsNull(row)) continue;
    double candidate = AsDouble(build_.asof_values, row);
    bool ok = op == "greaterOrEquals" ? value >= candidate
              : op == "greater"       ? value > candidate
              : op == "lessOrEquals"  ? value <= candidate
                                      : value < candidate;
    if (!ok) continue;
    bool closer = op == "greaterOrEquals" || op == "greater" ? candidate > best_value
                                                             : candidate < best_value;
    if (best == UINT32_MAX || closer) {
      best = row;
      best_value = candidate;
    }
  }
  return best;
}

Chunk Join::Assemble(const Chunk& left, const std::vector<uint32_t>& left_rows,
                     const std::vector<uint32_t>& right_rows) const {
  Chunk output;
  output.rows = left_rows.size();
  for (size_t column = 0; column < left_width_; ++column) {
    output.columns.push_back(left.columns[column].Take(left_rows));
  }
  for (const ColumnVector& column : build_.rows.columns) {
    output.columns.push_back(column.Take(right_rows));
  }
  return output;
}

Result<Chunk> Join::Probe(Chunk left) const {
  if (left.rows == 0) return Chunk{{}, 0};
  LARDER_ASSIGN_OR_RETURN(std::vector<ColumnVector> keys, EvaluateKeys(left_keys_, left));
  std::vector<uint32_t> ids(left.rows, 0);
  if (!keys.empty()) build_.table->Find(Pointers(keys), left.rows, &ids);
  ColumnVector asof(LogicalType::Int64());
  if (kind_.asof) {
    LARDER_ASSIGN_OR_RETURN(asof, asof_left_->Evaluate(left));
  }
  bool first_only = (kind_.any || kind_.semi || kind_.anti) && !residual_;
  // Candidate pairs (left row, right row), grouped by left row in order.
  std::vector<uint32_t> left_rows, right_rows;
  ProbeBudget budget(context_, op_.output.fields.size());
  for (uint32_t row = 0; row < left.rows; ++row) {
    if (ids[row] == GroupTable::kNoGroup || AnyNull(keys, row)) continue;
    uint32_t chain = build_.first[ids[row]];
    if (kind_.asof) {
      uint32_t best = BestAsof(chain, asof.IsNull(row) ? 0 : AsDouble(asof, row), asof.IsNull(row));
      if (best != UINT32_MAX) left_rows.push_back(row), right_rows.push_back(best);
      continue;
    }
    for (; chain != UINT32_MAX; chain = build_.next[chain]) {
      left_rows.push_back(row);
      right_rows.push_back(chain);
      if (first_only) break;
      LARDER_RETURN_IF_ERROR(budget.Grow(left_rows.size()));
    }
  }
  if (residual_ && !left_rows.empty()) {
    Chunk pairs = Assemble(left, left_rows, right_rows);
    LARDER_ASSIGN_OR_RETURN(Selection keep, residual_->Select(pairs));
    std::vector<uint32_t> kept_left, kept_right;
    for (uint32_t index : keep) {
      kept_left.push_back(left_rows[index]);
      kept_right.push_back(right_rows[index]);
    }
    left_rows = std::move(kept_left);
    right_rows = std::move(kept_right);
  }
  if (kind_.right_outer) {
    for (uint32_t row : right_rows) build_.matched[row].store(1, std::memory_order_relaxed);
  }
  bool per_left_row = kind_.left_outer || kind_.semi || kind_.anti || kind_.any;
  if (!per_left_row) return Assemble(left, left_rows, right_rows);
  // One pass over the left rows in order: their matches, or a default partner.
  std::vector<uint32_t> out_left, out_right;
  uint32_t defaults = static_cast<uint32_t>(build_.count);
  size_t pair = 0;
  for (uint32_t row = 0; row < left.rows; ++row) {
    size_t start = pair;
    while (pair < left_rows.size() && left_rows[pair] == row) ++pair;
    bool matched = pair > start;
    if (kind_.anti) {
      if (!matched) out_left.push_back(row), out_right.push_back(defaults);
      continue;
    }
    if (!matched) {
      if (kind_.left_outer) out_left.push_back(row), out_right.push_back(defaults);
      continue;
    }
    size_t end = (kind_.semi || kind_.any) ? start + 1 : pair;
    for (size_t index = start; index < end; ++index) {
      out_left.push_back(row);
      out_right.push_back(right_rows[index]);
    }
  }
  return Assemble(left, out_left, out_right);
}

Chunk Join::UnmatchedRight() const {
  std::vector<uint32_t> rows;
  for (uint32_t row = 0; row < build_.count; ++row) {
    if (!build_.matched[row].load(std::memory_order_relaxed)) rows.push_back(row);
  }
  Chunk defaults;
  defaults.rows = 1;
  for (size_t column = 0; column < left_width_; ++column) {
    ColumnVector value(op_.output.fields[column].type);
    AppendDefault(&value);
    defaults.columns.push_back(std::move(value));
  }
  std::vector<uint32_t> zeros(rows.size(), 0);
  Chunk output;
  output.rows = rows.size();
  for (const ColumnVector& column : defaults.columns) output.columns.push_back(column.Take(zeros));
  for (const ColumnVector& column : build_.rows.columns)
    output.columns.push_back(column.Take(rows));
  return output;
}

class JoinProbeSource : public Source {
 public:
  JoinProbeSource(std::unique_ptr<Join> join, SourcePtr left)
      : join_(std::move(join)), left_(std::move(left)) {}
  size_t MorselCount() const override { return left_->MorselCount(); }
  Result<Chunk> Produce(size_t morsel) override {
    LARDER_ASSIGN_OR_RETURN(Chunk chunk, left_->Produce(morsel));
    return join_->Probe(std::move(chunk));
  }
  const Join& join() const { return *join_; }

 private:
  std::unique_ptr<Join> join_;
  SourcePtr left_;
};

}  // namespace

Result<SourcePtr> RunHashJoin(QueryContext& context, SourcePtr left, SourcePtr right,
                              const LogicalOperator& op) {
  LARDER_ASSIGN_OR_RETURN(JoinKind kind, ParseJoinKind(op.join_type));
  size_t left_width = op.children[0]->output.fields.size();
  auto join = std::make_unique<Join>(context, op, kind);
  LARDER_RETURN_IF_ERROR(join->Prepare(left_width));
  LARDER_RETURN_IF_ERROR(join->Build(*right));
  auto probe = std::make_unique<JoinProbeSource>(std::move(join), std::move(left));
  if (!kind.right_outer) return SourcePtr(std::move(probe));
  // RIGHT / FULL: the right rows nobody matched are known only after every probe.
  uint64_t reserved = 0;
  LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectChunks(context, *probe, &reserved));
  Chunk unmatched = probe->join().UnmatchedRight();
  if (unmatched.rows > 0) chunks.push_back(std::move(unmatched));
  return SourcePtr(new MaterializedSource(std::move(chunks), &context.memory, reserved));
}

}  // namespace larder::execution
