// larder_sqllogictest: runs sqllogictest-style files against Larder's HogQL front end.
//
// Directives (blocks separated by blank lines, `#` comments):
//   table NAME(column Type, …)        declares a table the queries can use
//   view NAME AS QUERY                declares a view (a saved HogQL query)
//   parameter NAME = VALUE            sets placeholder {NAME} (an integer, a float, 'text',
//                                     true, false or null) for the blocks after it
//   rows NAME                         the next lines are rows of table NAME, values separated by
//                                     tabs (NULL, (empty) for ''); each `rows` block is a morsel;
//                                     the rows so far are the table's row count for the optimizer
//   statement ok                      the next lines are a query that must parse and bind
//   statement error                   … must fail (to parse, bind or run); an optional `----`
//                                     line is followed by text the error message must contain
//   query TYPES [rowsort]             … must run; after `----` come the expected rows, values
//                                     separated by tabs; TYPES has one letter per column (I
//                                     integer, R float, T text, B bool, D date/time, ? other).
//                                     rowsort compares the rows sorted as text
//   plan                              … must bind; after `----` comes the expected EXPLAIN text
//                                     of the optimized plan
// Prints one line per failure and ends with "<file>: N passed, N failed"; exits 1 on failure.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/thread_pool.h"
#include "execution/query_executor.h"
#include "functions/function_registry.h"
#include "hogql/parser.h"
#include "planner/binder.h"
#include "planner/optimizer.h"
#include "types/datetime.h"

namespace {

using larder::LogicalType;
using larder::Schema;

struct Block {
  int line = 0;
  std::string directive;
  std::string query;
  std::string expected;
  bool has_expected = false;
};

std::vector<Block> ReadBlocks(std::istream& in) {
  std::vector<Block> blocks;
  std::string line;
  int number = 0;
  Block current;
  enum { kNone, kQuery, kExpected } part = kNone;
  auto flush = [&] {
    if (!current.directive.empty()) blocks.push_back(current);
    current = Block();
    part = kNone;
  };
  while (std::getline(in, line)) {
    ++number;
    if (part == kNone) {
      if (line.empty() || line[0] == '#') continue;
      current.line = number;
      current.directive = line;
      part =
          line.starts_with("table ") || line.starts_with("parameter ") || line.starts_with("view ")
              ? kNone
              : kQuery;
      if (line.starts_with("rows ")) part = kExpected;
      if (part == kNone) flush();
      continue;
    }
    if (line.empty()) {
      flush();
      continue;
    }
    if (line == "----") {
      part = kExpected;
      current.has_expected = true;
      continue;
    }
    std::string& target = part == kQuery ? current.query : current.expected;
    target += (target.empty() ? "" : "\n") + line;
  }
  flush();
  return blocks;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return cells;
    start = tab + 1;
  }
}

// One cell of a `rows` block as a value of `type`.
bool ParseCell(const std::string& text, const LogicalType& type, larder::Value* value,
               std::string* error) {
  using larder::TypeId;
  using larder::Value;
  if (text == "NULL") {
    *value = Value::Null();
    return true;
  }
  std::string cell = text == "(empty)" ? "" : text;
  try {
    switch (type.id()) {
      case TypeId::kBool:
        *value = Value::Bool(cell == "true" || cell == "1");
        return true;
      case TypeId::kInt64:
        *value = Value::Int64(std::stoll(cell));
        return true;
      case TypeId::kFloat64:
        *value = Value::Float64(std::stod(cell));
        return true;
      case TypeId::kString:
      case TypeId::kJson:
        *value = Value::String(cell);
        return true;
      case TypeId::kDate: {
        int32_t days = 0;
        if (!larder::ParseDate(cell, &days)) break;
        *value = Value::Date(days);
        return true;
      }
      case TypeId::kDateTime: {
        int64_t micros = 0;
        if (!larder::ParseDateTime(cell, &micros)) break;
        *value = Value::DateTime(micros);
        return true;
      }
      case TypeId::kUuid: {
        larder::Uuid128 uuid;
        if (!larder::ParseUuid(cell, &uuid)) break;
        *value = Value::Uuid(uuid);
        return true;
      }
      case TypeId::kDecimal: {
        size_t dot = cell.find('.');
        std::string digits =
            dot == std::string::npos ? cell : cell.substr(0, dot) + cell.substr(dot + 1);
        int scale = dot == std::string::npos ? 0 : static_cast<int>(cell.size() - dot - 1);
        larder::Int128 number = std::stoll(digits);
        for (; scale < type.scale(); ++scale) number *= 10;
        *value = Value::Decimal(number);
        return true;
      }
      default:
        break;
    }
  } catch (const std::exception&) {
  }
  *error = "cannot read '" + text + "' as " + type.ToString();
  return false;
}

// A `rows NAME` block: appends one batch to the table.
bool AddRows(const Block& block, const larder::planner::StaticTableProvider& tables,
             std::map<std::string, std::vector<larder::Batch>>* data, std::string* error) {
  std::string name = block.directive.substr(5);
  auto schema = tables.FindTable(name);
  if (!schema.ok()) {
    *error = "rows for an undeclared table " + name;
    return false;
  }
  larder::Batch batch = larder::Batch::Empty(*schema);
  std::stringstream lines(block.expected);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells = SplitTabs(line);
    if (cells.size() != schema->fields.size()) {
      *error = "a row of " + std::to_string(cells.size()) + " values for " +
               std::to_string(schema->fields.size()) + " columns: " + line;
      return false;
    }
    for (size_t column = 0; column < cells.size(); ++column) {
      larder::Value value;
      if (!ParseCell(cells[column], schema->fields[column].type, &value, error)) return false;
      batch.columns[column].AppendValue(value);
    }
  }
  (*data)[name].push_back(std::move(batch));
  return true;
}

std::string FormatCell(const larder::ColumnVector& column, size_t row) {
  if (column.IsNull(row)) return "NULL";
  std::string text = column.GetValue(row).ToString(column.type());
  return text.empty() ? "(empty)" : text;
}

// Runs a bound query; fills `rows` with its result as lines of tab-separated cells.
std::string Execute(larder::planner::LogicalPtr plan,
                    const larder::functions::FunctionRegistry& functions,
                    const std::map<std::string, std::vector<larder::Batch>>& data,
                    const larder::planner::StaticTableProvider& tables, larder::ThreadPool& pool,
                    std::vector<std::string>* rows, size_t* columns) {
  larder::execution::MemoryTables memory;
  for (const std::string& name : tables.TableNames()) {
    auto found = data.find(name);
    std::vector<larder::Batch> batches;
    if (found != data.end()) {
      for (const larder::Batch& batch : found->second) {
        larder::Batch copy{batch.schema, {}};
        for (const auto& column : batch.columns) copy.columns.push_back(column.Clone());
        batches.push_back(std::move(copy));
      }
    }
    memory.Add(name, std::move(batches));
  }
  plan = larder::planner::Optimize(std::move(plan), functions);
  larder::execution::ExecuteOptions options;
  options.now_micros = 1'700'000'000'000'000;  // Fixed, so now() is reproducible.
  auto result = larder::execution::ExecutePlan(*plan, memory, pool, options);
  if (!result.ok()) return result.status().message();
  *columns = result->schema.fields.size();
  for (const auto& chunk : result->chunks) {
    for (size_t row = 0; row < chunk.rows; ++row) {
      std::string line;
      for (size_t column = 0; column < chunk.columns.size(); ++column) {
        line += (column ? "\t" : "") + FormatCell(chunk.columns[column], row);
      }
      rows->push_back(std::move(line));
    }
  }
  return "";
}

// "table events(uuid UUID, event String, properties JSON)".
bool AddTable(const std::string& directive, larder::planner::StaticTableProvider* tables,
              std::string* error) {
  size_t open = directive.find('('), close = directive.rfind(')');
  if (open == std::string::npos || close == std::string::npos) {
    *error = "expected table NAME(column Type, …)";
    return false;
  }
  std::string name = directive.substr(6, open - 6);
  Schema schema;
  std::stringstream columns(directive.substr(open + 1, close - open - 1));
  std::string column;
  int depth = 0;
  std::string current;
  auto add = [&](std::string text) -> bool {
    size_t start = text.find_first_not_of(' ');
    text = text.substr(start);
    size_t space = text.find(' ');
    auto type = LogicalType::Parse(text.substr(space + 1));
    if (!type.ok()) {
      *error = type.status().message();
      return false;
    }
    schema.fields.push_back({text.substr(0, space), *type});
    return true;
  };
  for (char c : directive.substr(open + 1, close - open - 1)) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      if (!add(current)) return false;
      current.clear();
      continue;
    }
    current += c;
  }
  if (!current.empty() && !add(current)) return false;
  tables->Add(name, schema);
  return true;
}

// "parameter name = value".
bool AddParameter(const std::string& directive, larder::planner::QueryParameters* parameters,
                  std::string* error) {
  size_t equals = directive.find('=');
  if (equals == std::string::npos) {
    *error = "expected parameter NAME = VALUE";
    return false;
  }
  auto trim = [](std::string text) {
    text.erase(0, text.find_first_not_of(' '));
    text.erase(text.find_last_not_of(' ') + 1);
    return text;
  };
  std::string name = trim(directive.substr(10, equals - 10));
  std::string text = trim(directive.substr(equals + 1));
  larder::Value value;
  if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
    value = larder::Value::String(text.substr(1, text.size() - 2));
  } else if (text == "true" || text == "false") {
    value = larder::Value::Bool(text == "true");
  } else if (text != "null") {
    bool is_float = text.find_first_of(".eE") != std::string::npos;
    value =
        is_float ? larder::Value::Float64(std::stod(text)) : larder::Value::Int64(std::stoll(text));
  }
  (*parameters)[name] = value;
  return true;
}

// Returns "" when the block passes, otherwise why it failed.
std::string RunBlock(const Block& block, const larder::planner::StaticTableProvider& tables,
                     const larder::functions::FunctionRegistry& functions,
                     const larder::planner::QueryParameters& parameters,
                     const std::map<std::string, std::vector<larder::Batch>>& data,
                     larder::ThreadPool& pool) {
  larder::hogql::ParseResult parsed = larder::hogql::ParseSelect(block.query);
  std::string error;
  larder::planner::BindResult bound;
  if (parsed.error) {
    error = parsed.error->message;
  } else {
    bound = larder::planner::BindQuery(*parsed.node, block.query, tables, functions, parameters);
    if (bound.error) error = bound.error->message;
  }
  std::vector<std::string> rows;
  size_t columns = 0;
  bool runs = block.directive == "statement error" || block.directive.starts_with("query");
  if (error.empty() && runs) {
    error = Execute(std::move(bound.plan), functions, data, tables, pool, &rows, &columns);
  }
  if (block.directive == "statement error") {
    if (error.empty()) return "expected an error, but the query ran";
    if (block.has_expected && error.find(block.expected) == std::string::npos) {
      return "error was: " + error;
    }
    return "";
  }
  if (!error.empty()) return "unexpected error: " + error;
  if (block.directive == "plan") {
    std::string plan =
        larder::planner::ExplainPlan(*larder::planner::Optimize(std::move(bound.plan), functions));
    while (!plan.empty() && plan.back() == '\n') plan.pop_back();
    if (plan != block.expected) return "plan was:\n" + plan;
    return "";
  }
  if (block.directive == "statement ok") return "";
  if (block.directive.starts_with("query ")) {
    std::stringstream words(block.directive.substr(6));
    std::string types, sort;
    words >> types >> sort;
    if (types.size() != columns) {
      return "the query returns " + std::to_string(columns) + " columns, the block declares " +
             std::to_string(types.size());
    }
    std::vector<std::string> expected;
    std::stringstream lines(block.expected);
    std::string line;
    while (std::getline(lines, line)) expected.push_back(line);
    if (sort == "rowsort") {
      std::sort(rows.begin(), rows.end());
      std::sort(expected.begin(), expected.end());
    }
    if (rows != expected) {
      std::string got;
      for (const std::string& row : rows) got += "\n    " + row;
      return "rows were:" + (got.empty() ? std::string(" (none)") : got);
    }
    return "";
  }
  return "unknown directive '" + block.directive + "' (query blocks need the execution engine)";
}

}  // namespace

int main(int argc, char** argv) {
  larder::functions::FunctionRegistry functions = larder::functions::BuiltinFunctions();
  larder::ThreadPool pool(2);
  int total_passed = 0, total_failed = 0;
  for (int arg = 1; arg < argc; ++arg) {
    std::ifstream in(argv[arg]);
    if (!in) {
      std::fprintf(stderr, "%s: cannot open\n", argv[arg]);
      ++total_failed;
      continue;
    }
    larder::planner::StaticTableProvider tables;
    larder::planner::QueryParameters parameters;
    std::map<std::string, std::vector<larder::Batch>> data;
    int passed = 0, failed = 0;
    for (const Block& block : ReadBlocks(in)) {
      std::string failure;
      if (block.directive.starts_with("table ")) {
        if (AddTable(block.directive, &tables, &failure)) continue;
      } else if (block.directive.starts_with("view ")) {
        size_t as = block.directive.find(" AS ");
        if (as != std::string::npos) {
          tables.AddView(block.directive.substr(5, as - 5), block.directive.substr(as + 4));
          continue;
        }
        failure = "expected view NAME AS QUERY";
      } else if (block.directive.starts_with("parameter ")) {
        if (AddParameter(block.directive, &parameters, &failure)) continue;
      } else if (block.directive.starts_with("rows ")) {
        if (AddRows(block, tables, &data, &failure)) {
          const std::string name = block.directive.substr(5);
          uint64_t rows = 0;
          for (const larder::Batch& batch : data[name]) rows += batch.num_rows();
          tables.SetRowCount(name, rows);  // The optimizer's estimate, as a stored table's.
          continue;
        }
      } else {
        failure = RunBlock(block, tables, functions, parameters, data, pool);
      }
      if (failure.empty()) {
        ++passed;
      } else {
        ++failed;
        std::printf("FAIL %s:%d %s\n  %s\n", argv[arg], block.line, block.query.c_str(),
                    failure.c_str());
      }
    }
    std::printf("%s: %d passed, %d failed\n", argv[arg], passed, failed);
    total_passed += passed;
    total_failed += failed;
  }
  std::printf("%d passed, %d failed\n", total_passed, total_failed);
  return total_failed == 0 ? 0 : 1;
}
