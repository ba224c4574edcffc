// `larder parse`: prints the AST of a HogQL query (or expression) as JSON in the shape of
// PostHog's parser; with --batch, parses JSON lines {"kind","query"} from stdin, one result per
// line.
#include <simdjson.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/query_error.h"
#include "hogql/ast_json.h"
#include "hogql/parser.h"

namespace larder::cli {
namespace {

Json ParseToJson(std::string_view text, bool expression, std::optional<hogql::SyntaxError>* error) {
  hogql::ParseResult result = expression ? hogql::ParseExpr(text) : hogql::ParseSelect(text);
  if (result.error) {
    *error = result.error;
    return hogql::ToJson(*result.error);
  }
  return hogql::ToJson(*result.node);
}

Status RunBatch() {
  simdjson::ondemand::parser parser;
  std::string line;
  size_t line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (line.empty()) continue;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    std::string_view kind, query;
    if (parser.iterate(padded).get(doc) || doc["kind"].get_string().get(kind) ||
        doc["query"].get_string().get(query)) {
      return InvalidArgument(
          "stdin line {}: expected {{\"kind\": \"select\"|\"expr\", \"query\": "
          "\"…\"}}",
          line_number);
    }
    std::optional<hogql::SyntaxError> error;
    std::string out = ParseToJson(query, kind == "expr", &error).Serialize();
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return Status::OK();
}

}  // namespace

Status RunParse(const ParseOptions& options) {
  if (options.batch) return RunBatch();
  std::optional<hogql::SyntaxError> error;
  std::string out = ParseToJson(options.query, options.expression, &error).Serialize();
  std::printf("%s\n", out.c_str());
  if (error) {
    std::fprintf(stderr, "%s\n", ShowQueryError(options.query, *error).c_str());
    return Status(StatusCode::kInvalidArgument, "the query has a syntax error");
  }
  return Status::OK();
}

}  // namespace larder::cli
