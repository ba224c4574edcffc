// How the CLI shows a query's syntax or resolution error: the message, then the query line with
// carets under the offending text.
#pragma once

#include <string>
#include <string_view>

#include "hogql/syntax_error.h"

namespace larder::cli {

std::string ShowQueryError(std::string_view text, const hogql::SyntaxError& error);

}  // namespace larder::cli
