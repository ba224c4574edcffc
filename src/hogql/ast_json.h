// The JSON form of a HogQL AST, exactly as PostHog's parser prints it with isInternal=true:
// {"node": "<Kind>", …fields} with keys sorted and no positions.
#pragma once

#include "common/json.h"
#include "hogql/ast.h"
#include "hogql/syntax_error.h"

namespace larder::hogql {

Json ToJson(const Node& node);
// {"error": true, "type": …, "message": …, "start": {"offset": …}, "end": {"offset": …}}
Json ToJson(const SyntaxError& error);

}  // namespace larder::hogql
