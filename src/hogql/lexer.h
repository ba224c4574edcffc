// Lexer: HogQL text → tokens, following PostHog's lexer (maximal munch, keywords before
// identifiers, comments and whitespace skipped, template strings f'…{expr}…' via a mode stack).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "hogql/syntax_error.h"
#include "hogql/token.h"

namespace larder::hogql {

struct LexResult {
  std::vector<Token> tokens;  // Ends with a kEnd token.
  std::optional<SyntaxError> error;
};

LexResult Lex(std::string_view text);

// Decodes the text of a kString token ('…'): '' and \' become ', then the common escapes.
std::string DecodeStringLiteral(std::string_view token_text);
// Decodes a kQuotedIdentifier token (`…` or "…").
std::string DecodeQuotedIdentifier(std::string_view token_text);
// Decodes a kTemplateText token.
std::string DecodeTemplateText(std::string_view token_text);

}  // namespace larder::hogql
