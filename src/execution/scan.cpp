#include "execution/scan.h"

#include "planner/expression_utils.h"
#include "types/datetime.h"
#include "types/time_zone.h"

namespace larder::execution {

using planner::BoundExpr;

Result<SourcePtr> ScanSource::Make(std::unique_ptr<TableScanner> scanner, size_t columns,
                                   const BoundExpr* filter, const QueryContext& context) {
  auto source = std::unique_ptr<ScanSource>(new ScanSource());
  source->scanner_ = std::move(scanner);
  source->columns_ = columns;
  if (filter) {
    LARDER_ASSIGN_OR_RETURN(source->filter_, ExpressionEvaluator::Compile(*filter, context));
    source->filter_columns_.assign(columns, false);
    planner::CollectColumns(*filter, &source->filter_columns_);
  }
  return SourcePtr(std::move(source));
}

Result<Chunk> ScanSource::ReadColumns(size_t morsel, const std::vector<bool>& which,
                                      Chunk chunk) const {
  for (size_t column = 0; column < columns_; ++column) {
    if (!which[column]) continue;
    LARDER_ASSIGN_OR_RETURN(chunk.columns[column], scanner_->ReadColumn(morsel, column));
  }
  return chunk;
}

Result<Chunk> ScanSource::Produce(size_t morsel) {
  Chunk chunk;
  chunk.rows = scanner_->MorselRows(morsel);
  chunk.columns.reserve(columns_);
  for (size_t column = 0; column < columns_; ++column) {
    chunk.columns.emplace_back(LogicalType::Int64());
  }
  if (!filter_) return ReadColumns(morsel, std::vector<bool>(columns_, true), std::move(chunk));
  LARDER_ASSIGN_OR_RETURN(chunk, ReadColumns(morsel, filter_columns_, std::move(chunk)));
  LARDER_ASSIGN_OR_RETURN(Selection selection, filter_->Select(chunk));
  if (selection.empty()) return Chunk{{}, 0};
  std::vector<bool> rest(columns_);
  for (size_t column = 0; column < columns_; ++column) rest[column] = !filter_columns_[column];
  if (selection.size() == chunk.rows) return ReadColumns(morsel, rest, std::move(chunk));
  // Late materialization: the other columns only for the rows that passed.
  Chunk picked;
  picked.rows = selection.size();
  for (size_t column = 0; column < columns_; ++column) {
    if (filter_columns_[column]) {
      picked.columns.push_back(chunk.columns[column].Take(selection));
    } else {
      LARDER_ASSIGN_OR_RETURN(ColumnVector values,
                              scanner_->ReadColumnRows(morsel, column, selection));
      picked.columns.push_back(std::move(values));
    }
  }
  return picked;
}

namespace {

using storage::ColumnPredicate;

ColumnPredicate::Op Flip(ColumnPredicate::Op op) {
  switch (op) {
    case ColumnPredicate::Op::kLt:
      return ColumnPredicate::Op::kGt;
    case ColumnPredicate::Op::kLe:
      return ColumnPredicate::Op::kGe;
    case ColumnPredicate::Op::kGt:
      return ColumnPredicate::Op::kLt;
    case ColumnPredicate::Op::kGe:
      return ColumnPredicate::Op::kLe;
    default:
      return op;
  }
}

// `value` in the storage form of `type`, or false.
bool ToColumnValue(const Value& value, const LogicalType& value_type, const LogicalType& type,
                   const TimeZone& zone, Value* out) {
  if (value.is_null()) return false;
  TypeId to = type.id(), from = value_type.id();
  if (from == to && to != TypeId::kArray) {
    *out = value;
    return true;
  }
  if (value_type.is_string_like()) {
    const std::string& text = value.as_string();
    if (type.is_string_like()) {
      *out = value;
      return true;
    }
    int32_t days = 0;
    int64_t micros = 0;
    if (to == TypeId::kDate && ParseDate(text, &days)) {
      *out = Value::Date(days);
      return true;
    }
    if (to == TypeId::kDateTime && ParseDateTime(text, &micros)) {
      // Text is a wall-clock time in the query's time zone.
      int64_t seconds = micros / 1'000'000 - (micros % 1'000'000 < 0 ? 1 : 0);
      *out = Value::DateTime(zone.LocalToUtc(seconds) * 1'000'000 + (micros - seconds * 1'000'000));
      return true;
    }
    if (to == TypeId::kDateTime && ParseDate(text, &days)) {
      *out = Value::DateTime(zone.StartOfDay(days) * 1'000'000);
      return true;
    }
    return false;
  }
  if (to == TypeId::kFloat64 && from == TypeId::kInt64) {
    *out = Value::Float64(static_cast<double>(value.as_int64()));
    return true;
  }
  if (to == TypeId::kDateTime && from == TypeId::kDate) {
    *out = Value::DateTime(zone.StartOfDay(value.as_int64()) * 1'000'000);
    return true;
  }
  return false;
}

// The constant a predicate compares with: a literal, or the text of toDateTime('…') /
// toDate('…'), which the binder leaves as calls since they read the session's time zone. Only
// the plain forms that the call and ToColumnValue read alike are taken: "YYYY-MM-DD" for both,
// "YYYY-MM-DD hh:mm:ss" for toDateTime (no fraction, zone or offset).
const BoundExpr* ComparedConstant(const BoundExpr* expr) {
  if (expr->kind == BoundExpr::Kind::kConstant) return expr;
  if (expr->kind != BoundExpr::Kind::kCall || !expr->function || expr->args.size() != 1) {
    return nullptr;
  }
  const BoundExpr* text = expr->args[0].get();
  if (text->kind != BoundExpr::Kind::kConstant || !text->type.is_string_like() ||
      text->value.is_null()) {
    return nullptr;
  }
  const std::string& value = text->value.as_string();
  auto digits = [&](size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i) {
      if (i >= value.size() || value[i] < '0' || value[i] > '9') return false;
    }
    return true;
  };
  const bool date = value.size() >= 10 && digits(0, 4) && value[4] == '-' && digits(5, 2) &&
                    value[7] == '-' && digits(8, 2);
  const bool date_only = date && value.size() == 10;
  const bool date_time = date && value.size() == 19 && value[10] == ' ' && digits(11, 2) &&
                         value[13] == ':' && digits(14, 2) && value[16] == ':' && digits(17, 2);
  const std::string& name = expr->function->name;
  if (name == "toDate" && date_only) return text;
  if (name == "toDateTime" && (date_only || date_time)) return text;
  return nullptr;
}

}  // namespace

std::vector<ColumnPredicate> ZoneMapPredicates(const std::vector<planner::BoundExprPtr>& prune_by,
                                               const Schema& columns, const TimeZone& zone) {
  static const std::pair<const char*, ColumnPredicate::Op> kOps[] = {
      {"equals", ColumnPredicate::Op::kEq},     {"notEquals", ColumnPredicate::Op::kNe},
      {"less", ColumnPredicate::Op::kLt},       {"lessOrEquals", ColumnPredicate::Op::kLe},
      {"greater", ColumnPredicate::Op::kGt},    {"greaterOrEquals", ColumnPredicate::Op::kGe},
      {"isNull", ColumnPredicate::Op::kIsNull}, {"isNotNull", ColumnPredicate::Op::kIsNotNull}};
  std::vector<ColumnPredicate> predicates;
  for (const auto& expr : prune_by) {
    if (expr->kind != BoundExpr::Kind::kCall) continue;
    const ColumnPredicate::Op* op = nullptr;
    for (const auto& [name, candidate] : kOps) {
      if (expr->function->name == name) op = &candidate;
    }
    if (!op) continue;
    const BoundExpr* column = expr->args[0].get();
    const BoundExpr* constant = expr->args.size() > 1 ? expr->args[1].get() : nullptr;
    bool flipped = false;
    if (column->kind != BoundExpr::Kind::kColumn) {
      if (!constant) continue;
      std::swap(column, constant);
      flipped = true;
    }
    if (column->kind != BoundExpr::Kind::kColumn || column->column >= columns.fields.size()) {
      continue;
    }
    const Field& field = columns.fields[column->column];
    ColumnPredicate predicate{field.name, flipped ? Flip(*op) : *op, Value()};
    if (constant) {
      constant = ComparedConstant(constant);
      if (constant == nullptr) continue;
      if (!ToColumnValue(constant->value, constant->type, field.type, zone, &predicate.value)) {
        continue;
      }
    }
    predicates.push_back(std::move(predicate));
  }
  return predicates;
}

}  // namespace larder::execution
