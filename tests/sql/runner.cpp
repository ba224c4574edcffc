// larder_sqllogictest: runs sqllogictest-style files against Larder's HogQL front end.
//
// Directives (blocks separated by blank lines, `#` comments):
//   table NAME(column Type, …)        declares a table the queries can use
//   view NAME AS QUERY                declares a view (a saved HogQL query)
//   parameter NAME = VALUE            sets placeholder {NAME} (an integer, a float, 'text',
//                                     true, false or null) for the blocks after it
//   statement ok                      the next lines are a query that must parse and bind
//   statement error                   … must fail; an optional `----` line is followed by text
//                                     the error message must contain
//   plan                              … must bind; after `----` comes the expected EXPLAIN text
//                                     of the optimized plan
// Prints one line per failure and ends with "<file>: N passed, N failed"; exits 1 on failure.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "functions/function_registry.h"
#include "hogql/parser.h"
#include "planner/binder.h"
#include "planner/optimizer.h"

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
                     const larder::planner::QueryParameters& parameters) {
  larder::hogql::ParseResult parsed = larder::hogql::ParseSelect(block.query);
  std::string error;
  larder::planner::BindResult bound;
  if (parsed.error) {
    error = parsed.error->message;
  } else {
    bound = larder::planner::BindQuery(*parsed.node, block.query, tables, functions, parameters);
    if (bound.error) error = bound.error->message;
  }
  if (block.directive == "statement error") {
    if (error.empty()) return "expected an error, but the query bound";
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
  return "unknown directive '" + block.directive + "' (query blocks need the execution engine)";
}

}  // namespace

int main(int argc, char** argv) {
  larder::functions::FunctionRegistry functions = larder::functions::BuiltinFunctions();
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
      } else {
        failure = RunBlock(block, tables, functions, parameters);
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
