// Round trip of the parser corpus (tests/hogql/corpus.txt) through the HogQL printer: every valid
// input, parsed, printed and parsed again, gives the same AST; printing is idempotent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "hogql/ast_json.h"
#include "hogql/hogql_printer.h"
#include "hogql/parser.h"

namespace larder::hogql {
namespace {

// One input line of the corpus (format in the file's header).
struct CorpusInput {
  int line = 0;
  bool select = false;  // select: (ParseSelect) or expr: (ParseExpr).
  std::string text;
};

std::filesystem::path CorpusPath() {
  // This file is src/hogql/…; the corpus is tests/hogql/corpus.txt from the repository root.
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "tests" /
         "hogql" / "corpus.txt";
}

// A ~ line's escapes: \n \t \r \\ (the corpus refuses any other).
std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    char next = text[++i];
    out.push_back(next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next);
  }
  return out;
}

// The inputs outside the "## invalid…" sections, including listed differences (inputs where
// Larder parses differently from PostHog on purpose: Larder's AST must still round-trip).
std::vector<CorpusInput> ReadValidInputs(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::vector<CorpusInput> inputs;
  bool invalid_section = false;
  std::string raw;
  for (int line_no = 1; std::getline(file, raw); ++line_no) {
    std::string line = raw.substr(0, raw.find_last_not_of(" \t\r") + 1);
    if (line.starts_with("## ")) invalid_section = line.starts_with("## invalid");
    if (line.empty() || line[0] == '#' || invalid_section) continue;
    size_t colon = line.find(':');
    std::string head = line.substr(0, colon);
    std::string rest = line.substr(colon + 1);
    if (rest.starts_with(" ")) rest.erase(0, 1);
    if (head.find('!') != std::string::npos) rest = rest.substr(0, rest.rfind("  ## "));
    if (head.find('~') != std::string::npos) rest = Unescape(rest);
    inputs.push_back({line_no, head.starts_with("select"), rest});
  }
  return inputs;
}

bool IsQuery(const Node& node) {
  return node.kind == NodeKind::kSelectQuery || node.kind == NodeKind::kSelectSetQuery;
}

// The JSON of the parse, or the error message prefixed with "error: ".
std::string ParseToJson(std::string_view text, bool select) {
  ParseResult result = select ? ParseSelect(text) : ParseExpr(text);
  if (!result.node) return "error: " + (result.error ? result.error->message : std::string("?"));
  return ToJson(*result.node).Serialize();
}

TEST(HogQLPrinterCorpus, EveryValidInputRoundTripsAndPrintsIdempotently) {
  std::vector<CorpusInput> inputs = ReadValidInputs(CorpusPath());
  ASSERT_FALSE(inputs.empty()) << "cannot read " << CorpusPath();
  int checked = 0, skipped = 0;
  std::ostringstream failures;
  for (const CorpusInput& input : inputs) {
    // A NUL byte in a string cannot be printed (\0 is deleted by the lexer); the corpus has none.
    if (input.text.find('\0') != std::string::npos) {
      ++skipped;
      continue;
    }
    ParseResult parsed = input.select ? ParseSelect(input.text) : ParseExpr(input.text);
    if (!parsed.node) {
      failures << "line " << input.line << ": the input does not parse: " << input.text << "\n";
      continue;
    }
    ++checked;
    std::string json = ToJson(*parsed.node).Serialize();
    std::string printed = PrintHogQL(*parsed.node);
    // A query prints bare, so it reads back with ParseSelect even from an expr: line.
    bool select = input.select || IsQuery(*parsed.node);
    std::string reparsed = ParseToJson(printed, select);
    if (reparsed != json) {
      failures << "line " << input.line << ": " << input.text << "\n  printed:  " << printed
               << "\n  expected: " << json << "\n  got:      " << reparsed << "\n";
      continue;
    }
    ParseResult again = select ? ParseSelect(printed) : ParseExpr(printed);
    std::string reprinted = PrintHogQL(*again.node);
    if (reprinted != printed) {
      failures << "line " << input.line << ": printing is not idempotent: " << input.text
               << "\n  first:  " << printed << "\n  second: " << reprinted << "\n";
    }
  }
  EXPECT_EQ(failures.str(), "");
  EXPECT_EQ(skipped, 0);
  // The corpus holds about 900 valid inputs: a smaller count means it was not read properly.
  EXPECT_GT(checked, 800);
  RecordProperty("corpus_inputs_checked", checked);
}

}  // namespace
}  // namespace larder::hogql
