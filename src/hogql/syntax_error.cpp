#include "hogql/syntax_error.h"

namespace larder::hogql {

std::string_view SyntaxError::TypeName() const {
  switch (kind) {
    case Kind::kSyntax:
      return "SyntaxError";
    case Kind::kNotImplemented:
      return "NotImplementedError";
    case Kind::kParsing:
      return "ParsingError";
    case Kind::kQuery:
      return "QueryError";
  }
  return "SyntaxError";
}

Status SyntaxError::ToStatus() const {
  return InvalidArgument("{} at position {}", message, start);
}

}  // namespace larder::hogql
