// Binder: SAMPLE on a table — `SAMPLE 1/10`, `SAMPLE 0.1 OFFSET 1/2` or `SAMPLE 10000` (about that
// many rows). As in PostHog's ClickHouse schema, the events table is sampled by
// cityHash64(distinct_id): a sample keeps the rows whose key, read as a UInt64, lies in
// [offset · 2^64, (offset + ratio) · 2^64), so a person's events are all in or all out and the
// same sample comes back every time. Other tables have no sampling key and refuse SAMPLE.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "planner/binder_impl.h"

namespace larder::planner {
namespace {

using hogql::As;

constexpr long double kKeySpace = 18446744073709551616.0L;  // 2^64.

// A constant `a` or ratio `a / b`; nullopt when it is not made of number constants.
std::optional<long double> RatioValue(const hogql::Node* node) {
  auto number = [](const hogql::Node* part) -> std::optional<long double> {
    const auto* constant = As<hogql::Constant>(part);
    if (!constant) return std::nullopt;
    if (const auto* i = std::get_if<int64_t>(&constant->value)) return static_cast<long double>(*i);
    if (const auto* d = std::get_if<double>(&constant->value)) return static_cast<long double>(*d);
    return std::nullopt;
  };
  const auto* ratio = As<hogql::RatioExpr>(node);
  if (!ratio) return number(node);
  std::optional<long double> left = number(ratio->left.get());
  if (!left || !ratio->right) return left;
  std::optional<long double> right = number(ratio->right.get());
  if (!right || *right == 0) return std::nullopt;
  return *left / *right;
}

// Whether `node` is a whole number above 1 written without a fraction: a row count.
bool IsRowCount(const hogql::Node* node) {
  const auto* ratio = As<hogql::RatioExpr>(node);
  if (ratio && ratio->right) return false;
  const auto* constant = As<hogql::Constant>(ratio ? ratio->left.get() : node);
  const int64_t* value = constant ? std::get_if<int64_t>(&constant->value) : nullptr;
  return value && *value > 1;
}

}  // namespace

Result<LogicalPtr> Binder::ApplySample(const hogql::JoinExpr& join, LogicalPtr plan) {
  const auto& sample = static_cast<const hogql::SampleExpr&>(*join.sample);
  size_t key = plan->output.fields.size();
  if (plan->kind == LogicalOperator::Kind::kScan && plan->table == "events") {
    for (size_t i = 0; i < plan->output.fields.size(); ++i) {
      if (plan->output.fields[i].name == "distinct_id") key = i;
    }
  }
  if (key == plan->output.fields.size()) {
    return Error(*join.sample,
                 "SAMPLE needs a table with a sampling key: only `events` has one "
                 "(cityHash64(distinct_id))");
  }
  std::optional<long double> ratio = RatioValue(sample.sample_value.get());
  if (ratio && IsRowCount(sample.sample_value.get())) {
    std::optional<uint64_t> rows = tables_.RowCount(plan->table);
    *ratio = rows && *rows > *ratio ? *ratio / static_cast<long double>(*rows) : 1;
  }
  if (!ratio || !(*ratio > 0) || *ratio > 1) {
    return Error(*sample.sample_value,
                 "SAMPLE takes a ratio above 0 and at most 1 (0.1 or 1/10) "
                 "or a number of rows");
  }
  long double offset = 0;
  if (sample.offset_value) {
    std::optional<long double> value = RatioValue(sample.offset_value.get());
    if (!value || *value < 0 || *value >= 1) {
      return Error(*sample.offset_value,
                   "SAMPLE … OFFSET takes a ratio from 0 up to, not "
                   "including, 1 (1/2 or 0.5)");
    }
    offset = *value;
  }
  const long double lower = std::floor(offset * kKeySpace);
  const long double upper = std::min(kKeySpace, std::floor((offset + *ratio) * kKeySpace));
  if (lower == 0 && upper == kKeySpace) return plan;  // The whole table.
  LARDER_ASSIGN_OR_RETURN(BoundExprPtr predicate,
                          SampleCondition(*join.sample, plan->output, key, lower, upper));
  auto filter = MakeOperator(LogicalOperator::Kind::kFilter, std::move(plan));
  filter->predicate = std::move(predicate);
  return filter;
}

// cityHash64(key) is an Int64 holding the UInt64 hash: the unsigned range [lower, upper) is the
// signed range [lower, upper) for its part below 2^63 and [lower − 2^64, upper − 2^64) above.
Result<BoundExprPtr> Binder::SampleCondition(const hogql::Node& node, const Schema& input,
                                             size_t key, long double lower, long double upper) {
  constexpr long double kHalf = kKeySpace / 2;
  auto hash = [&]() -> Result<BoundExprPtr> {
    std::vector<BoundExprPtr> args;
    args.push_back(MakeColumn(key, input.fields[key].type, input.fields[key].name));
    return CallFunction("cityHash64", std::move(args), node);
  };
  auto compare = [&](const char* op, long double bound) -> Result<BoundExprPtr> {
    std::vector<BoundExprPtr> args;
    LARDER_ASSIGN_OR_RETURN(BoundExprPtr value, hash());
    args.push_back(std::move(value));
    args.push_back(MakeConstant(Value::Int64(static_cast<int64_t>(bound)), LogicalType::Int64()));
    return CallFunction(op, std::move(args), node);
  };
  auto both = [&](Result<BoundExprPtr> a, Result<BoundExprPtr> b,
                  const char* op) -> Result<BoundExprPtr> {
    if (!a.ok()) return a;
    if (!b.ok()) return b;
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(a).value());
    args.push_back(std::move(b).value());
    return CallFunction(op, std::move(args), node);
  };
  std::optional<Result<BoundExprPtr>> low_part, high_part;
  if (lower < kHalf) {  // Hashes 0 … 2^63 − 1: the non-negative Int64s.
    low_part = upper >= kHalf
                   ? compare("greaterOrEquals", lower)
                   : both(compare("greaterOrEquals", lower), compare("less", upper), "and");
  }
  if (upper > kHalf) {  // Hashes 2^63 … 2^64 − 1: the negative Int64s.
    const long double from = std::max(lower, kHalf) - kKeySpace;
    const long double to = upper - kKeySpace;
    high_part = from == -kHalf ? compare("less", to)
                               : both(compare("greaterOrEquals", from), compare("less", to), "and");
  }
  if (low_part && high_part) return both(std::move(*low_part), std::move(*high_part), "or");
  return low_part ? std::move(*low_part) : std::move(*high_part);
}

}  // namespace larder::planner
