// libFuzzer target for the HogQL front end past the parser: the input bytes are a query, parsed
// as a SELECT, bound against a project's tables (events, persons, person_distinct_ids, groups, a
// synced table with every column type, a view, placeholders) and, when it binds, optimized and
// explained. A bind error must carry a message and offsets inside the query. Built and run by
// tests/fuzz/build-and-run.sh with FUZZ_TARGET=binder (clang, ASan, UBSan), not by CMake.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "functions/function_registry.h"
#include "hogql/parser.h"
#include "planner/binder.h"
#include "planner/optimizer.h"

namespace {

using larder::LogicalType;
using larder::Schema;

larder::planner::StaticTableProvider MakeTables() {
  larder::planner::StaticTableProvider tables;
  tables.Add("events", Schema{{{"uuid", LogicalType::Uuid()},
                               {"event", LogicalType::String()},
                               {"distinct_id", LogicalType::String()},
                               {"properties", LogicalType::Json()},
                               {"timestamp", LogicalType::DateTime()},
                               {"created_at", LogicalType::DateTime()},
                               {"person_id", LogicalType::Uuid()},
                               {"elements_chain", LogicalType::String()},
                               {"$session_id", LogicalType::String()},
                               {"$window_id", LogicalType::String()}}});
  tables.Add("persons", Schema{{{"id", LogicalType::Uuid()},
                                {"created_at", LogicalType::DateTime()},
                                {"properties", LogicalType::Json()},
                                {"is_identified", LogicalType::Bool()}}});
  tables.Add("person_distinct_ids",
             Schema{{{"distinct_id", LogicalType::String()}, {"person_id", LogicalType::Uuid()}}});
  tables.Add("groups", Schema{{{"group_type", LogicalType::String()},
                               {"group_key", LogicalType::String()},
                               {"properties", LogicalType::Json()},
                               {"created_at", LogicalType::DateTime()}}});
  tables.Add("customers", Schema{{{"id", LogicalType::Int64()},
                                  {"distinct_id", LogicalType::String().WithNullable(true)},
                                  {"plan", LogicalType::String()},
                                  {"revenue", LogicalType::Decimal(2).WithNullable(true)},
                                  {"score", LogicalType::Float64()},
                                  {"active", LogicalType::Bool()},
                                  {"signed_up", LogicalType::Date()},
                                  {"tags", LogicalType::Array(LogicalType::String())},
                                  {"extra", LogicalType::Json().WithNullable(true)}}});
  tables.SetRowCount("events", 1'000'000);
  tables.SetRowCount("customers", 1'000);
  tables.AddView("paying", "SELECT id, plan, revenue FROM customers WHERE revenue > 0");
  return tables;
}

const larder::planner::StaticTableProvider& Tables() {
  static const larder::planner::StaticTableProvider tables = MakeTables();
  return tables;
}

const larder::functions::FunctionRegistry& Functions() {
  static const larder::functions::FunctionRegistry functions =
      larder::functions::BuiltinFunctions();
  return functions;
}

const larder::planner::QueryParameters& Parameters() {
  static const larder::planner::QueryParameters parameters = {
      {"n", larder::Value::Int64(3)},
      {"name", larder::Value::String("$pageview")},
      {"ratio", larder::Value::Float64(0.5)},
      {"none", larder::Value::Null()}};
  return parameters;
}

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  larder::hogql::ParseResult parsed = larder::hogql::ParseSelect(text);
  if (!parsed.node) return 0;
  larder::planner::BindResult bound =
      larder::planner::BindQuery(*parsed.node, text, Tables(), Functions(), Parameters());
  if (bound.error) {
    const larder::hogql::SyntaxError& error = *bound.error;
    if (error.message.empty()) Fail("a bind error without a message", text);
    if (error.start > size || error.end > size || error.start > error.end) {
      Fail("a bind error outside the query", error.message);
    }
    if (bound.plan) Fail("a bind error with a plan", error.message);
    return 0;
  }
  if (!bound.plan) Fail("a bind gave neither a plan nor an error", text);
  larder::planner::LogicalPtr plan = larder::planner::Optimize(std::move(bound.plan), Functions());
  if (larder::planner::ExplainPlan(*plan).empty()) Fail("an empty plan", text);
  return 0;
}
