#include "execution/plan_runner.h"

#include "execution/array_join.h"
#include "execution/expression_evaluator.h"
#include "execution/filter.h"
#include "execution/hash_aggregate.h"
#include "execution/hash_join.h"
#include "execution/limit.h"
#include "execution/limit_by.h"
#include "execution/project.h"
#include "execution/property_extraction.h"
#include "execution/scan.h"
#include "execution/set_operation.h"
#include "execution/sort.h"
#include "execution/top_n_scan.h"
#include "execution/window.h"

namespace larder::execution {

using planner::BoundExpr;
using planner::BoundExprPtr;
using planner::LogicalOperator;
using Kind = planner::LogicalOperator::Kind;

Status PlanRunner::RunSubqueries(BoundExprPtr& expr, bool as_set) {
  if (expr->kind == BoundExpr::Kind::kSubquery) {
    PlanRunner runner(context_, tables_);
    LARDER_ASSIGN_OR_RETURN(SourcePtr source, runner.Build(*expr->subquery));
    uint64_t reserved = 0;
    LARDER_ASSIGN_OR_RETURN(std::vector<Chunk> chunks, CollectChunks(context_, *source, &reserved));
    std::vector<Value> values;
    for (const Chunk& chunk : chunks) {
      for (size_t row = 0; row < chunk.rows; ++row) {
        values.push_back(chunk.columns[0].GetValue(row));
      }
    }
    context_.memory.Release(reserved);
    LogicalType type = expr->subquery->output.fields[0].type;
    if (as_set) {
      expr = planner::MakeConstant(Value::Array(std::move(values)), LogicalType::Array(type));
      return Status::OK();
    }
    if (values.size() > 1) {
      return InvalidArgument(
          "the scalar subquery `{}` returned {} rows; it must return at most one", expr->name,
          values.size());
    }
    expr = planner::MakeConstant(values.empty() ? Value::Null() : std::move(values[0]),
                                 type.WithNullable(true));
    return Status::OK();
  }
  bool in = expr->kind == BoundExpr::Kind::kCall && IsInFunction(expr->function->name);
  for (size_t i = 0; i < expr->args.size(); ++i) {
    LARDER_RETURN_IF_ERROR(RunSubqueries(expr->args[i], in && i == 1));
  }
  FoldConstantCall(expr);
  return Status::OK();
}

void PlanRunner::FoldConstantCall(BoundExprPtr& expr) {
  // A deterministic function of constants is computed once here, with the query's time zone
  // (so `timestamp >= toDateTime('…')` can prune by zone map). One that fails is left to fail
  // (or not, when a short-circuited branch never runs it) at run time.
  if (expr->kind != BoundExpr::Kind::kCall || !expr->function || !expr->function->kernel ||
      !expr->function->deterministic || IsInFunction(expr->function->name) || expr->args.empty()) {
    return;
  }
  for (const BoundExprPtr& arg : expr->args) {
    if (arg->kind != BoundExpr::Kind::kConstant) return;
  }
  auto evaluator = ExpressionEvaluator::Compile(*expr, context_);
  if (!evaluator.ok()) return;
  Result<ColumnVector> value = (*evaluator)->Evaluate(Chunk{{}, 1});
  if (!value.ok() || value->size() != 1) return;
  std::string name = expr->name;
  uint32_t start = expr->start, end = expr->end;
  expr = planner::MakeConstant(value->GetValue(0), expr->type);
  expr->name = std::move(name);
  expr->start = start;
  expr->end = end;
}

Status PlanRunner::RunSubqueries(LogicalOperator& op) {
  auto run = [&](std::vector<BoundExprPtr>& exprs) -> Status {
    for (BoundExprPtr& expr : exprs) {
      if (expr) LARDER_RETURN_IF_ERROR(RunSubqueries(expr, false));
    }
    return Status::OK();
  };
  if (op.predicate) LARDER_RETURN_IF_ERROR(RunSubqueries(op.predicate, false));
  LARDER_RETURN_IF_ERROR(run(op.exprs));
  LARDER_RETURN_IF_ERROR(run(op.groups));
  LARDER_RETURN_IF_ERROR(run(op.aggregates));
  LARDER_RETURN_IF_ERROR(run(op.prune_by));
  for (auto& key : op.sort_keys) LARDER_RETURN_IF_ERROR(RunSubqueries(key.expr, false));
  return Status::OK();
}

Result<SourcePtr> PlanRunner::BuildScan(LogicalOperator& scan, const BoundExpr* filter) {
  std::vector<std::string> columns;
  for (const Field& field : scan.output.fields) columns.push_back(field.name);
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, LookupTimeZone(context_.eval.time_zone));
  LARDER_ASSIGN_OR_RETURN(
      auto scanner,
      tables_.OpenScan(scan.table, columns, ZoneMapPredicates(scan.prune_by, scan.output, *zone)));
  return ScanSource::Make(std::move(scanner), columns.size(), filter, context_);
}

namespace {

// The value a key a grouping set leaves out reads as: NULL when Nullable, else the type's zero.
Value DefaultValueOf(const LogicalType& type) {
  if (type.nullable()) return Value::Null();
  switch (type.id()) {
    case TypeId::kBool:
      return Value::Bool(false);
    case TypeId::kInt64:
    case TypeId::kDate:
    case TypeId::kDateTime:
      return Value::Int64(0);
    case TypeId::kFloat64:
      return Value::Float64(0);
    case TypeId::kDecimal:
      return Value::Decimal(0);
    case TypeId::kString:
    case TypeId::kJson:
      return Value::String("");
    case TypeId::kUuid:
      return Value::Uuid({});
    case TypeId::kArray:
      return Value::Array({});
    default:
      return Value::Null();
  }
}

}  // namespace

Result<SourcePtr> PlanRunner::BuildGroupingSets(LogicalOperator& op) {
  // One aggregation per grouping set, each over its own run of the input; the keys a set leaves
  // out read as their type's default. The output is their concatenation.
  std::vector<SourcePtr> parts;
  for (const std::vector<bool>& set : op.grouping_sets) {
    auto one = std::make_unique<LogicalOperator>(Kind::kAggregate);
    one->output = op.output;
    for (size_t i = 0; i < op.groups.size(); ++i) {
      const LogicalType& type = op.groups[i]->type;
      one->groups.push_back(set[i] ? op.groups[i]->Clone()
                                   : planner::MakeConstant(DefaultValueOf(type), type));
    }
    for (const BoundExprPtr& aggregate : op.aggregates) {
      one->aggregates.push_back(aggregate->Clone());
    }
    LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(*op.children[0]));
    LARDER_ASSIGN_OR_RETURN(SourcePtr part, RunHashAggregate(context_, std::move(input), *one));
    parts.push_back(std::move(part));
    owned_operators_.push_back(std::move(one));
  }
  return SourcePtr(new ConcatSource(std::move(parts)));
}

Result<SourcePtr> PlanRunner::BuildSetOperation(LogicalOperator& op) {
  std::vector<SourcePtr> children;
  for (auto& child : op.children) {
    for (size_t column = 0; column < op.output.fields.size(); ++column) {
      const LogicalType& have = child->output.fields[column].type;
      const LogicalType& want = op.output.fields[column].type;
      if (have.WithNullable(false) != want.WithNullable(false)) {
        return NotImplemented("{} of columns of different types ({} and {})", op.set_operator,
                              have.ToString(), want.ToString());
      }
    }
    LARDER_ASSIGN_OR_RETURN(SourcePtr source, Build(*child));
    children.push_back(std::move(source));
  }
  return RunSetOperation(context_, std::move(children), op);
}

namespace {

// `expr` with every column i replaced by a copy of exprs[i].
BoundExprPtr Substitute(const BoundExpr& expr, const std::vector<BoundExprPtr>& exprs) {
  if (expr.kind == BoundExpr::Kind::kColumn) return exprs[expr.column]->Clone();
  BoundExprPtr copy = expr.Clone();
  for (size_t i = 0; i < copy->args.size(); ++i) copy->args[i] = Substitute(*expr.args[i], exprs);
  return copy;
}

}  // namespace

Result<SourcePtr> PlanRunner::BuildSort(LogicalOperator& sort, LogicalOperator& input) {
  // A small top-N straight over a table reads the wide columns of the winners only.
  bool over_scan = input.kind == Kind::kScan ||
                   (input.kind == Kind::kFilter && input.children[0]->kind == Kind::kScan);
  if (sort.top_n && *sort.top_n <= 10000 && over_scan) {
    LogicalOperator& scan = input.kind == Kind::kScan ? input : *input.children[0];
    LARDER_RETURN_IF_ERROR(RunSubqueries(input));
    LARDER_RETURN_IF_ERROR(RunSubqueries(scan));
    std::vector<std::string> columns;
    for (const Field& field : scan.output.fields) columns.push_back(field.name);
    LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, LookupTimeZone(context_.eval.time_zone));
    LARDER_ASSIGN_OR_RETURN(auto scanner,
                            tables_.OpenScan(scan.table, columns,
                                             ZoneMapPredicates(scan.prune_by, scan.output, *zone)));
    const BoundExpr* filter = input.kind == Kind::kFilter ? input.predicate.get() : nullptr;
    return RunTopNScan(context_, std::move(scanner), scan.output, filter, sort);
  }
  LARDER_ASSIGN_OR_RETURN(SourcePtr source, Build(input));
  return RunSort(context_, std::move(source), sort);
}

Result<SourcePtr> PlanRunner::BuildTopNBeforeProject(LogicalOperator& op) {
  // ORDER BY … LIMIT n over a projection: pick the n rows on the projection's input first, so
  // expensive select expressions (a JSON property, say) are computed for n rows, not all.
  LogicalOperator& project = *op.children[0];
  LARDER_RETURN_IF_ERROR(RunSubqueries(project));
  auto sort = std::make_unique<LogicalOperator>(Kind::kSort);
  sort->output = project.children[0]->output;
  sort->top_n = op.top_n;
  for (const auto& key : op.sort_keys) {
    sort->sort_keys.push_back(
        {Substitute(*key.expr, project.exprs), key.descending, key.nulls_first});
  }
  LARDER_ASSIGN_OR_RETURN(SourcePtr sorted, BuildSort(*sort, *project.children[0]));
  top_n_sorts_.push_back(std::move(sort));
  return ProjectSource::Make(std::move(sorted), project.exprs, context_);
}

Result<SourcePtr> PlanRunner::Build(LogicalOperator& op) {
  LARDER_RETURN_IF_ERROR(RunSubqueries(op));
  switch (op.kind) {
    case Kind::kScan:
      return BuildScan(op, nullptr);
    case Kind::kValues: {
      std::vector<Chunk> one;
      one.push_back(Chunk{{}, 1});
      return SourcePtr(new MaterializedSource(std::move(one)));
    }
    case Kind::kFilter: {
      LogicalOperator& child = *op.children[0];
      size_t width = child.output.fields.size();
      auto properties = PlanPropertyExtraction({&op.predicate}, width);
      if (child.kind == Kind::kScan && properties.empty()) {
        LARDER_RETURN_IF_ERROR(RunSubqueries(child));
        return BuildScan(child, op.predicate.get());
      }
      LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(child));
      input = ExtractProperties(std::move(input), std::move(properties));
      // The extracted properties serve the predicate only: they are not passed on.
      return FilterSource::Make(std::move(input), *op.predicate, context_, width);
    }
    case Kind::kProject: {
      std::vector<BoundExprPtr*> exprs;
      for (BoundExprPtr& expr : op.exprs) exprs.push_back(&expr);
      auto properties = PlanPropertyExtraction(exprs, op.children[0]->output.fields.size());
      LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(*op.children[0]));
      input = ExtractProperties(std::move(input), std::move(properties));
      return ProjectSource::Make(std::move(input), op.exprs, context_);
    }
    case Kind::kAggregate:
      if (!op.grouping_sets.empty()) return BuildGroupingSets(op);
      [[fallthrough]];
    case Kind::kDistinct: {
      std::vector<BoundExprPtr*> exprs;
      for (BoundExprPtr& expr : op.groups) exprs.push_back(&expr);
      for (BoundExprPtr& aggregate : op.aggregates) {
        for (BoundExprPtr& arg : aggregate->args) exprs.push_back(&arg);
      }
      auto properties = PlanPropertyExtraction(exprs, op.children[0]->output.fields.size());
      LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(*op.children[0]));
      input = ExtractProperties(std::move(input), std::move(properties));
      return RunHashAggregate(context_, std::move(input), op);
    }
    case Kind::kSort: {
      if (op.top_n && op.children[0]->kind == Kind::kProject) return BuildTopNBeforeProject(op);
      return BuildSort(op, *op.children[0]);
    }
    case Kind::kLimit: {
      LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(*op.children[0]));
      return RunLimit(context_, std::move(input), op);
    }
    case Kind::kArrayJoin: {
      LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(*op.children[0]));
      return ArrayJoinSource::Make(std::move(input), op, context_);
    }
    case Kind::kLimitBy: {
      LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(*op.children[0]));
      return RunLimitBy(context_, std::move(input), op);
    }
    case Kind::kSetOperation:
      return BuildSetOperation(op);
    case Kind::kJoin: {
      LARDER_ASSIGN_OR_RETURN(SourcePtr left, Build(*op.children[0]));
      LARDER_ASSIGN_OR_RETURN(SourcePtr right, Build(*op.children[1]));
      return RunHashJoin(context_, std::move(left), std::move(right), op);
    }
    case Kind::kWindow: {
      LARDER_ASSIGN_OR_RETURN(SourcePtr input, Build(*op.children[0]));
      return RunWindow(context_, std::move(input), op);
    }
  }
  return Internal("unknown plan operator");
}

}  // namespace larder::execution
