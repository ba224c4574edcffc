// libFuzzer target for the HogQL front end: the input bytes are a query, run through the lexer
// and parser as a SELECT and as an expression, and every successful parse through the AST's JSON
// serializer. Built and run by tests/fuzz/build-and-run.sh (clang, ASan, UBSan), not by CMake.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hogql/ast_json.h"
#include "hogql/parser.h"

namespace {

// A parse must either give a node or an error whose offsets lie inside the query; anything else
// is a parser bug, reported as a crash so that libFuzzer keeps the input.
void CheckResult(std::string_view text, const larder::hogql::ParseResult& result) {
  if (result.node) {
    std::string json = larder::hogql::ToJson(*result.node).Serialize();
    if (json.empty()) {
      std::fprintf(stderr, "empty JSON for a successful parse\n");
      std::abort();
    }
    return;
  }
  if (!result.error) {
    std::fprintf(stderr, "parse gave neither a node nor an error\n");
    std::abort();
  }
  const larder::hogql::SyntaxError& error = *result.error;
  if (error.start > text.size() || error.end > text.size() || error.message.empty()) {
    std::fprintf(stderr, "bad error: start %u end %u length %zu message '%s'\n", error.start,
                 error.end, text.size(), error.message.c_str());
    std::abort();
  }
  std::string json = larder::hogql::ToJson(error).Serialize();
  if (json.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckResult(text, larder::hogql::ParseSelect(text));
  CheckResult(text, larder::hogql::ParseExpr(text));
  return 0;
}
