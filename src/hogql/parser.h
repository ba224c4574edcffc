// The HogQL parser: query text → AST (ast.h), accepting what PostHog's parser accepts and
// building the same tree, with the exceptions listed in tests/hogql/corpus.txt.
#pragma once

#include <optional>
#include <string_view>

#include "hogql/ast.h"
#include "hogql/syntax_error.h"

namespace larder::hogql {

struct ParseResult {
  NodePtr node;  // Set on success.
  std::optional<SyntaxError> error;
};

// Parses a SELECT (or a set of SELECTs joined by UNION / INTERSECT / EXCEPT).
ParseResult ParseSelect(std::string_view text);
// Parses one expression.
ParseResult ParseExpr(std::string_view text);

// Nesting deeper than this is refused (a query is not a stack-overflow vector).
inline constexpr int kMaxParseDepth = 200;

}  // namespace larder::hogql
