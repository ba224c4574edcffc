// Tests of the HogQL printer: the text users see for representative queries, and round trips
// (parse → print → parse gives the same AST) of inputs and trees chosen to stress quoting,
// precedence and the parser's sugar. The corpus round trip is in hogql_printer_corpus_test.cpp.
#include "hogql/hogql_printer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "hogql/ast_json.h"
#include "hogql/parser.h"
#include "hogql/token.h"

namespace larder::hogql {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool IsQuery(const Node& node) {
  return node.kind == NodeKind::kSelectQuery || node.kind == NodeKind::kSelectSetQuery;
}

std::string JsonOf(const ParseResult& result) {
  if (!result.node) return "error: " + (result.error ? result.error->message : std::string("?"));
  return ToJson(*result.node).Serialize();
}

// Prints `node` and parses the text back; returns "" when the AST comes back equal and prints
// as the same text again, else a report.
std::string RoundTripError(const Node& node, bool select) {
  std::string printed = PrintHogQL(node);
  std::string expected = ToJson(node).Serialize();
  ParseResult reparsed = select || IsQuery(node) ? ParseSelect(printed) : ParseExpr(printed);
  std::string got = JsonOf(reparsed);
  if (got != expected) {
    return "printed:  " + printed + "\n  expected: " + expected + "\n  got:      " + got;
  }
  std::string reprinted = PrintHogQL(*reparsed.node);
  if (reprinted != printed) return "printed:  " + printed + "\n  then:     " + reprinted;
  return "";
}

// Parses `text`, then round-trips its AST; returns "" on success.
std::string RoundTripInput(std::string_view text, bool select) {
  ParseResult parsed = select ? ParseSelect(text) : ParseExpr(text);
  if (!parsed.node) return "the input does not parse: " + JsonOf(parsed);
  return RoundTripError(*parsed.node, select);
}

std::string Print(std::string_view text, bool select) {
  ParseResult parsed = select ? ParseSelect(text) : ParseExpr(text);
  if (!parsed.node) return JsonOf(parsed);
  return PrintHogQL(*parsed.node);
}

struct PrintCase {
  std::string input;
  bool select;
  std::string expected;
};

TEST(HogQLPrinter, PrintsCanonicalText) {
  const std::vector<PrintCase> cases = {
      // Queries: upper-case keywords, explicit AS and ASC, CROSS JOIN for commas.
      {"SeLeCt a FrOm t", true, "SELECT a FROM t"},
      {"select event, count() from events where timestamp > now() - interval 7 day group by "
       "event order by count() desc limit 10",
       true,
       "SELECT event, count() FROM events WHERE timestamp > now() - INTERVAL 7 DAY GROUP BY event "
       "ORDER BY count() DESC LIMIT 10"},
      {"select distinct e.event as name from events e", true,
       "SELECT DISTINCT e.event AS name FROM events AS e"},
      {"select * from events e left join persons p on e.person_id = p.id", true,
       "SELECT * FROM events AS e LEFT JOIN persons AS p ON e.person_id = p.id"},
      {"select * from a any left join b using id", true,
       "SELECT * FROM a LEFT ANY JOIN b USING (id)"},
      {"select * from a asof semi left join b on a.t >= b.t", true,
       "SELECT * FROM a ASOF SEMI LEFT JOIN b ON a.t >= b.t"},
      {"select * from a, b", true, "SELECT * FROM a CROSS JOIN b"},
      {"select * from numbers(10) n final sample 1/10 offset 1/2", true,
       "SELECT * FROM numbers(10) AS n FINAL SAMPLE 1/10 OFFSET 1/2"},
      {"with recursive r(n) as (select 1 union all select n + 1 from r) select n from r", true,
       "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r"},
      {"with 10 as lim, m as materialized (select 1) select lim", true,
       "WITH 10 AS lim, m AS MATERIALIZED (SELECT 1) SELECT lim"},
      {"select tag from events left array join tags as tag", true,
       "SELECT tag FROM events LEFT ARRAY JOIN tags AS tag"},
      {"select a, b from t group by grouping sets ((a, b), (a), ())", true,
       "SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ())"},
      {"select sum(x) over w from t window w as (partition by a order by b rows between "
       "unbounded preceding and current row)",
       true,
       "SELECT sum(x) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b ASC ROWS BETWEEN "
       "UNBOUNDED PRECEDING AND CURRENT ROW)"},
      {"select * from t order by a with fill from 1 to 10 step 1 interpolate (b as b + 1)", true,
       "SELECT * FROM t ORDER BY a ASC WITH FILL FROM 1 TO 10 STEP 1 INTERPOLATE (b AS b + 1)"},
      {"select * from events limit 1 by person_id limit 10 offset 5", true,
       "SELECT * FROM events LIMIT 1 BY person_id LIMIT 10 OFFSET 5"},
      // Set operations: a member's own ORDER BY / LIMIT stay inside its parentheses.
      {"select a from t union all select b from u order by 1 limit 5", true,
       "SELECT a FROM t UNION ALL (SELECT b FROM u ORDER BY 1 ASC LIMIT 5)"},
      {"(select a from t) union all (select b from u) order by 1 limit 5", true,
       "SELECT a FROM t UNION ALL (SELECT b FROM u) ORDER BY 1 ASC LIMIT 5"},
      {"(select a from t limit 2) limit 3", true, "(SELECT a FROM t LIMIT 2) LIMIT 3"},
      {"select * from t where id in (select id from u)", true,
       "SELECT * FROM t WHERE id IN (SELECT id FROM u)"},
      {"select x as `true`, #1 from {table} where {cond}", true,
       "SELECT x AS `true`, #1 FROM {table} WHERE {cond}"},
      // Operators: spaced, parenthesised only where precedence needs it.
      {"a+b*c-(d-e)", false, "a + b * c - (d - e)"},
      {"(a or b) and not c", false, "(a OR b) AND NOT c"},
      {"-x * -1", false, "-x * -1"},
      {"- (1)", false, "-(1)"},
      {"a is not null and b <=> c", false, "a IS NOT NULL AND b IS NOT DISTINCT FROM c"},
      {"x not between 1 and 10", false, "x NOT BETWEEN 1 AND 10"},
      {"url not ilike '%x%' or a == 1", false, "url NOT ILIKE '%x%' OR a = 1"},
      {"not (a and b)", false, "not(a AND b)"},
      // Sugar prints as the syntax that builds it.
      {"concat(a, b) || c", false, "a || b || c"},
      {"properties.$browser ?? 'unknown'", false, "properties.$browser ?? 'unknown'"},
      {"a ? b : c", false, "CASE WHEN a THEN b ELSE c END"},
      {"case x when 1 then 'one' else 'many' end", false,
       "CASE x WHEN 1 THEN 'one' ELSE 'many' END"},
      {"interval '7 days'", false, "INTERVAL 7 DAY"},
      {"trim(leading 'x' from s)", false, "TRIM(LEADING 'x' FROM s)"},
      {"x::Int64", false, "CAST(x AS int64)"},
      {"try_cast(x as Nullable(String))", false, "TRY_CAST(x AS nullable(string))"},
      // Names, literals, access.
      {"`weird name` + `select` + `null`", false, "`weird name` + select + `null`"},
      {"properties['$current url'] || person.properties.`a b`", false,
       "properties['$current url'] || person.properties.`a b`"},
      {"'it''s' || 'line\\nbreak'", false, "'it\\'s' || 'line\\nbreak'"},
      {"1e20 + 0.1 + 5. + 0x10 + 1e-7 + 1e400 + 99999999999999999999", false,
       "1e20 + 0.1 + 5.0 + 16 + 1e-7 + inf + 99999999999999999999"},
      {"[1, 2][1] + (1, 2).1 + arr[1:2][1] + f(x).y", false,
       "[1, 2][1] + (1, 2).1 + arr[1:2][1] + f(x).y"},
      {"{'a': 1, 'b': {x}}", false, "{'a': 1, 'b': {x}}"},
      // Calls and lambdas.
      {"arrayMap(x -> x * 2, arr)", false, "arrayMap(x -> x * 2, arr)"},
      {"arrayMap(a, b -> a + b, xs, ys)", false, "arrayMap((a, b) -> a + b, xs, ys)"},
      {"f(a, (y) -> y)", false, "f(a, (y) -> y)"},
      {"quantile(0.95)(duration) filter (where x > 0)", false,
       "quantile(0.95)(duration) FILTER (WHERE x > 0)"},
      {"percentile_cont(0.5) within group (order by x)", false,
       "percentile_cont(0.5) WITHIN GROUP (ORDER BY x ASC)"},
      {"groupArray(distinct x order by x desc)", false, "groupArray(DISTINCT x ORDER BY x DESC)"},
      {"f(x := 1)", false, "f(x := 1)"},
      {"columns('^a') + columns(* replace (lower(a) as a))", false,
       "COLUMNS('^a') + COLUMNS(* REPLACE (lower(a) AS a))"},
      {"t.* exclude (a, b.c)", false, "* EXCLUDE (a, b.c)"},
  };
  for (const PrintCase& c : cases) {
    EXPECT_EQ(Print(c.input, c.select), c.expected) << "input: " << c.input;
    EXPECT_EQ(RoundTripInput(c.input, c.select), "") << "input: " << c.input;
  }
}

// Inputs whose trees test what the printer must get exactly right to be read back: operands the
// parser would otherwise merge, keywords in name positions, and the sugar's corner cases.
TEST(HogQLPrinter, TrickyInputsRoundTrip) {
  const std::vector<std::pair<std::string, bool>> inputs = {
      // Numbers before a dot, unary minus and NOT.
      {"NOT 1.x", false},
      {"-(1).1", false},
      {"-(1)['x']", false},
      {"t.1['e1']", false},
      {"- -x", false},
      {"-(-1)", false},
      {"-(inf)", false},
      {"-(nan)", false},
      {"NOT x -> x + 1", false},
      {"NOT lambda x, y: x + y", false},
      {"(NOT x -> x) AND b", false},
      {"NOT a := 1", false},
      {"NOT NOT x -> 1", false},
      // Callees: f(x) is a call and f(x)(y) a parametric one.
      {"(f)(x)", false},
      {"(f(x))(y)", false},
      {"(f(x)(y))(z)", false},
      {"f(x)(y) over ()", false},
      // A lambda after an identifier in a list would take it as an argument.
      {"f(a, (y) -> y)", false},
      {"f(x -> x, (y) -> y)", false},
      {"f(a + b, (y) -> y)", false},
      {"[a, (x) -> x]", false},
      {"(a, b) -> a AS c", false},
      {"((a, b) -> a) AS c", false},
      {"arr[(x -> x):]", false},
      {"select sum(x) over w from t window w as (partition by a, (x) -> x)", true},
      // a || b splices calls named concat.
      {"concat() || concat(concat(a))", false},
      {"concat() || a", false},
      {"concat() || concat()", false},
      {"concat(concat(a, b)) || c", false},
      {"f'{concat(a, b)}{c}'", false},
      {"f'x{a}y'", false},
      {"concat(select 1)", false},
      {"ifNull(select 1 union all select 2)", false},
      {"f(select 1 limit 1 union all select 2)", false},
      {"f(select 1 limit 1 limit 2)", false},
      {"f(with x as (select 1) select 1 limit 1 union all select 2 order by 1)", false},
      {"select 1 limit 1 limit 2", true},
      {"f(with x as (select 1) (select * from x union all select 2) union all select 3)", false},
      {"f(with x as (select 1) (select 1 limit 1 union all select 2) limit 1)", false},
      {"with x as (select 1) (select * from x union all select 2) union all select 3", true},
      // Precedence.
      {"a ?? (b ?? c)", false},
      {"a = (b = c)", false},
      {"x BETWEEN (a BETWEEN b AND c) AND d", false},
      {"(a BETWEEN b AND c) BETWEEN d AND e", false},
      {"a IS NULL IS NULL", false},
      {"(a IS NULL) IS NOT DISTINCT FROM b", false},
      {"a ? b : c ?? d", false},
      {"(x -> x) ?? y", false},
      {"a = NULL", false},
      // Words that a clause would read as its keyword.
      {"a IN (cohort)", false},
      {"a IN (cohort.x)", false},
      {"f(`distinct`)", false},
      {"f((order))", false},
      {"case (when) when 1 then 2 end", false},
      {"sum(x) over (rows between (unbounded) preceding and current row)", false},
      {"select a from t group by (all)", true},
      {"select a from t group by (rollup(a))", true},
      {"select a from t group by a, (limit)", true},
      {"select (distinct), a from t", true},
      {"select a, (from) from t", true},
      {"select distinct (from) from t", true},
      {"with recursive a as (select 1), (recursive) as b select 1", true},
      {"with `recursive` as (select 1) select 1", true},
      {"select a from t window `select` as (), `w w` as (order by a)", true},
      // Keyword constructs and their look-alike calls.
      {"interval ('7') day", false},
      {"`interval`(1)", false},
      {"cast(x as Int,)", false},
      {"cast(a as b as Int)", false},
      {"trim(both f'{x}' from y)", false},
      {"trim(leading f'{a}{b}' from y)", false},
      {"trim(trailing f'-{a}' from y)", false},
      {"columns(('a'))", false},
      {"columns(* exclude (a), b)", false},
      {"* columns(* replace (1 as b))", false},
      {"{{}}", false},
      {"{{x}}", false},
      // Set operations and subqueries.
      {"(select 1 limit 1) union all select 2", true},
      {"((select 1) limit 1) limit 2", true},
      {"((select 1 union all select 2) limit 1) limit 2", true},
      {"select * from ((select 1) union all (select 2) limit 3)", true},
      {"select * from ((select 1 limit 1) union all select 2)", true},
      {"select 1 union all (select 2 order by 1) order by 1", true},
      {"with x as ({q}) select 1", true},
      {"({q}) limit 1", true},
      {"{q} union all {r} limit 1", true},
      {"select 1 from t limit 1 offset 2 by a limit 3 with ties offset 4", true},
      {"select * from a global cross join b", true},
      {"select * from a, (select 1) as b, {c} as c", true},
      {"select * from t as `team_id`", true},
  };
  for (const auto& [input, select] : inputs) {
    EXPECT_EQ(RoundTripInput(input, select), "") << "input: " << input;
  }
}

// A string that lexes differently when quoted naively: quotes, backslashes, escape letters,
// control characters and bytes past ASCII.
std::string RandomText(std::mt19937* random) {
  static constexpr std::string_view kAlphabet =
      "\\\\\\''``\"\"ntrbfav0x{}$.\n\t\r\b\f\a\v\x01\x1f a_Z9\x80\xc3\xa9\xff";
  std::uniform_int_distribution<size_t> length(0, 12), pick(0, kAlphabet.size() - 1);
  std::string text(length(*random), ' ');
  for (char& c : text) c = kAlphabet[pick(*random)];
  return text;
}

TEST(HogQLPrinter, StringsAndNamesRoundTrip) {
  std::mt19937 random(20240601);
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text = RandomText(&random);
    auto constant = std::make_unique<Constant>();
    constant->value = text;
    EXPECT_EQ(RoundTripError(*constant, false), "");
    auto field = std::make_unique<Field>();
    field->chain = {text, text};
    EXPECT_EQ(RoundTripError(*field, false), "");
    auto call = std::make_unique<Call>();
    call->name = text;
    call->args.push_back(std::move(field));
    auto alias = std::make_unique<Alias>();
    alias->alias = text;
    alias->expr = std::move(call);
    EXPECT_EQ(RoundTripError(*alias, false), "");
  }
}

TEST(HogQLPrinter, NumbersRoundTrip) {
  std::mt19937_64 random(7);
  for (int iteration = 0; iteration < 20000; ++iteration) {
    uint64_t bits = random();
    double real;
    std::memcpy(&real, &bits, sizeof(real));
    auto constant = std::make_unique<Constant>();
    // Infinite and NaN doubles print as inf / nan, which parse as NumberText (see PrintHogQL).
    if (std::isfinite(real)) {
      constant->value = real;
      EXPECT_EQ(RoundTripError(*constant, false), "");
    }
    constant->value = static_cast<int64_t>(bits);
    EXPECT_EQ(RoundTripError(*constant, false), "");
  }
}

// Random expression text: operators and constructs nested at random around operands (@), with
// and without parentheses, so the parser's precedence decides the shape. Not all of it parses.
// Aliases come in parentheses: x -> y AS z IS NULL is a tree HogQL cannot always print (see
// TreesWithoutHogQLTextReadBackAsDocumented).
std::string RandomExpression(std::mt19937* random, int depth) {
  static const std::vector<std::string> kLeaves = {
      "x",    "t.y",   "1",          "-1",           "1.5", "0",   "'s'", "NULL", "true", "inf",
      "-inf", "`and`", "(select 1)", "concat(a, b)", "#1",  "{p}", "*",   "arr",  "f(x)", "e1"};
  static const std::vector<std::string> kForms = {"@ + @",
                                                  "@ - @",
                                                  "@ * @",
                                                  "@ / @",
                                                  "@ % @",
                                                  "-@",
                                                  "@ || @",
                                                  "@ ?? @",
                                                  "NOT @",
                                                  "@ AND @",
                                                  "@ OR @",
                                                  "@ = @",
                                                  "@ != @",
                                                  "@ < @",
                                                  "@ LIKE @",
                                                  "@ NOT IN @",
                                                  "@ IN COHORT @",
                                                  "@ =~ @",
                                                  "@ IS NULL",
                                                  "@ IS NOT NULL",
                                                  "@ IS DISTINCT FROM @",
                                                  "@ <=> @",
                                                  "@ BETWEEN @ AND @",
                                                  "@ NOT BETWEEN @ AND @",
                                                  "@ ? @ : @",
                                                  "CASE WHEN @ THEN @ ELSE @ END",
                                                  "CASE @ WHEN @ THEN @ END",
                                                  "f(@, @)",
                                                  "f(@)(@)",
                                                  "count(DISTINCT @ ORDER BY @)",
                                                  "sum(@) FILTER (WHERE @)",
                                                  "sum(@) OVER (PARTITION BY @ ORDER BY @)",
                                                  "@[@]",
                                                  "@[@:@]",
                                                  "@.1",
                                                  "@.name",
                                                  "@?.name",
                                                  "@?.[@]",
                                                  "x -> @",
                                                  "(x, y) -> @",
                                                  "(@ AS z)",
                                                  "[@, @]",
                                                  "(@, @)",
                                                  "(@,)",
                                                  "{@: @}",
                                                  "{@}",
                                                  "INTERVAL @ DAY",
                                                  "CAST(@ AS Int)",
                                                  "@::String",
                                                  "TRIM(BOTH 'x' FROM @)",
                                                  "f'{@}-{@}'",
                                                  "(@)",
                                                  "(@)(@)",
                                                  "@(@)",
                                                  "concat(@) || @",
                                                  "x := @",
                                                  "COLUMNS(@, @)",
                                                  "f(@, (y) -> @)"};
  std::uniform_int_distribution<size_t> leaf(0, kLeaves.size() - 1), form(0, kForms.size() - 1);
  if (depth == 0) return kLeaves[leaf(*random)];
  std::string text = kForms[form(*random)];
  std::string out;
  for (char c : text) {
    out += c == '@' ? RandomExpression(random, depth - 1) : std::string(1, c);
  }
  return out;
}

TEST(HogQLPrinter, RandomExpressionsRoundTrip) {
  std::mt19937 random(12345);
  std::uniform_int_distribution<int> depth(1, 4);
  int parsed = 0;
  for (int iteration = 0; iteration < 40000; ++iteration) {
    std::string text = RandomExpression(&random, depth(random));
    ParseResult result = ParseExpr(text);
    if (!result.node) continue;
    ++parsed;
    EXPECT_EQ(RoundTripError(*result.node, false), "") << "input: " << text;
  }
  // Most random texts parse; far fewer would mean the generator no longer tests anything.
  EXPECT_GT(parsed, 20000);
}

// Random query text: clauses and set operations nested at random around expressions (@) and
// queries (^).
std::string RandomQuery(std::mt19937* random, int depth) {
  static const std::vector<std::string> kForms = {
      "SELECT @ FROM t",
      "SELECT DISTINCT @, @ FROM t AS u WHERE @",
      "SELECT @ FROM t GROUP BY @, @ HAVING @ ORDER BY @ DESC, @ LIMIT 1 OFFSET 2",
      "SELECT @ FROM t ORDER BY @ WITH FILL FROM 1 TO 10 LIMIT 1 WITH TIES",
      "SELECT @ FROM t LIMIT 1 BY @, @",
      "SELECT @ FROM t GROUP BY ROLLUP(@, @) QUALIFY @",
      "SELECT @ FROM t PREWHERE @ ARRAY JOIN @ AS z",
      "SELECT sum(@) OVER (PARTITION BY @ ORDER BY @ ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
      "FROM t",
      "SELECT f() OVER w FROM t WINDOW w AS (ORDER BY @)",
      "SELECT @ FROM t WHERE @ IN (^)",
      "SELECT @, (^) FROM t",
      "SELECT f(^), x.y(^) FROM t",
      "SELECT * FROM (^) AS s JOIN t ON @",
      "SELECT * FROM (^) LEFT JOIN (^) AS r USING (x, y)",
      "SELECT * FROM t, u CROSS JOIN v JOIN w ON @",
      "SELECT @ FROM {p} SAMPLE 1/10",
      "WITH x AS (^), @ AS y ^",
      "^ UNION ALL ^",
      "^ UNION DISTINCT ^ INTERSECT ^",
      "^ EXCEPT ^",
      "(^) UNION ALL (^) LIMIT 2",
      "(^) UNION ALL (^) ORDER BY 1",
      "(^ LIMIT 1) LIMIT 2",
      "(^) LIMIT 3",
      "^ UNION ALL (^ UNION ALL ^)",
      "(^ UNION ALL ^) UNION ALL ^",
  };
  std::uniform_int_distribution<size_t> form(0, kForms.size() - 1);
  std::uniform_int_distribution<int> expression_depth(0, 2);
  const std::string& text = kForms[depth == 0 ? form(*random) % 9 : form(*random)];
  std::string out;
  for (char c : text) {
    if (c == '^') {
      out += RandomQuery(random, std::max(0, depth - 1));
    } else if (c == '@') {
      out += RandomExpression(random, expression_depth(*random));
    } else {
      out += c;
    }
  }
  return out;
}

TEST(HogQLPrinter, RandomQueriesRoundTrip) {
  std::mt19937 random(54321);
  std::uniform_int_distribution<int> depth(0, 3);
  int parsed = 0;
  for (int iteration = 0; iteration < 5000; ++iteration) {
    std::string text = RandomQuery(&random, depth(random));
    ParseResult result = ParseSelect(text);
    if (!result.node) continue;
    ++parsed;
    EXPECT_EQ(RoundTripError(*result.node, true), "") << "input: " << text;
  }
  EXPECT_GT(parsed, 2000);
}

NodePtr MakeField(std::string name) {
  auto field = std::make_unique<Field>();
  field->chain = {std::move(name)};
  return field;
}

// Trees the parser never builds, which HogQL cannot write (documented at PrintHogQL): they print,
// and read back as the nearest tree the parser does build.
TEST(HogQLPrinter, TreesWithoutHogQLTextReadBackAsDocumented) {
  auto inner = std::make_unique<And>();
  inner->exprs.push_back(MakeField("a"));
  inner->exprs.push_back(MakeField("b"));
  auto nested = std::make_unique<And>();
  nested->exprs.push_back(std::move(inner));
  nested->exprs.push_back(MakeField("c"));
  EXPECT_EQ(PrintHogQL(*nested), "(a AND b) AND c");
  EXPECT_EQ(JsonOf(ParseExpr("(a AND b) AND c")), JsonOf(ParseExpr("a AND b AND c")));

  auto tuple = std::make_unique<Tuple>();
  tuple->exprs.push_back(MakeField("a"));
  tuple->exprs.push_back(MakeField("b"));
  auto negation = std::make_unique<Not>();
  negation->expr = std::move(tuple);
  EXPECT_EQ(PrintHogQL(*negation), "NOT (a, b)");
  EXPECT_EQ(ParseExpr("NOT (a, b)").node->kind, NodeKind::kCall);

  auto nul = std::make_unique<Constant>();
  nul->value = std::string("a\0b", 3);
  EXPECT_EQ(PrintHogQL(*nul), "'a\\0b'");
  EXPECT_EQ(JsonOf(ParseExpr("'a\\0b'")), JsonOf(ParseExpr("'ab'")));

  auto sugar = std::make_unique<Call>();
  sugar->form = Call::Form::kSugar;
  sugar->name = "plus";
  sugar->args.push_back(MakeField("a"));
  EXPECT_EQ(PrintHogQL(*sugar), "plus(a)");
  EXPECT_NE(RoundTripError(*sugar, false), "");

  // The alias ends the lambda's body, so IS NULL applies to the lambda; in parentheses the
  // lambda cannot follow NOT.
  const std::string lambda_alias = "NOT x -> y AS z IS NULL";
  ParseResult aliased = ParseExpr(lambda_alias);
  ASSERT_TRUE(aliased.node);
  EXPECT_EQ(PrintHogQL(*aliased.node), "NOT (x -> y AS z) IS NULL");
  EXPECT_NE(RoundTripError(*aliased.node, false), "");
  EXPECT_EQ(RoundTripInput("(x -> y AS z) IS NULL", false), "");

  auto query = ParseSelect("SELECT 1").node;
  auto wrapper = std::make_unique<SelectSetQuery>();
  wrapper->initial_select_query = std::move(query);
  EXPECT_EQ(PrintHogQL(*wrapper), "(SELECT 1)");
  EXPECT_EQ(ParseSelect("(SELECT 1)").node->kind, NodeKind::kSelectQuery);
}

// Every keyword (and a few other words the parser treats specially) as a name in every position
// that takes one. The input quotes the word, so the AST holds it as a name; the printer must
// quote it again wherever it would otherwise read as the keyword.
TEST(HogQLPrinter, KeywordsAsNamesRoundTrip) {
  std::vector<std::string> words = {
#define LARDER_HOGQL_KEYWORD_WORD(name) #name,
      LARDER_HOGQL_KEYWORDS(LARDER_HOGQL_KEYWORD_WORD)
#undef LARDER_HOGQL_KEYWORD_WORD
          "asc",
      "infinity",
      "nan",
      "null",
      "yyyy",
      "true",
      "false",
      "global",
      "team_id",
      "e1",
      "E5",
      "f",
      "x"};
  // @ stands for the name.
  const std::vector<std::string> expressions = {
      "@",
      "@ + 1",
      "1 - @",
      "f(@)",
      "f(@, a)",
      "f(a, @)",
      "f(@)(@)",
      "@(1)",
      "@(@)",
      "@(distinct @ order by @)",
      "@(a as b)",
      "case @(1) when 1 then 2 end",
      "interval @(1) + x day",
      "a.@",
      "@.a",
      "@.@.@",
      "@[1]",
      "@.1",
      "t.1[@]",
      "@ -> @",
      "(@, @) -> @",
      "f(a, (@) -> @)",
      "@ := @",
      "f(@ := 1)",
      "a as @",
      "case @ when @ then @ else @ end",
      "case when @ then @ else @ end",
      "case @ when day then 1 end",
      "@ between @ and @",
      "@ is null",
      "@ in @",
      "@ not in @",
      "not @",
      "-@",
      "@ ?? @",
      "@ || @",
      "interval @ day",
      "[@, @]",
      "(@, @)",
      "{@: @}",
      "{@}",
      "columns(@)",
      "* exclude (@)",
      "columns(* replace (1 as @))",
      "count(@) filter (where @)",
      "@() over (partition by @ order by @)",
      "@() over @",
      "arr[@:@]",
      "cast(@ as String)",
      "f(@ order by @)",
      "@ = @",
      "a and @",
      "@ like @",
      "@ is distinct from @",
      "f(@) within group (order by @)",
      "not @ -> @",
      "not lambda @, @: @",
      "[@, (@) -> @]",
      "f(@ + @, (@) -> @)",
      "{@: @, (@ -> @): @}",
      "#1.@",
      "@?.@",
      "@?.[@]",
      "f(@)?.@",
      "trim(both 'x' from @)",
      "trim(leading f'{@}' from @)",
      "@ ? @ : @",
  };
  const std::vector<std::string> queries = {
      "select @",
      "select @, @",
      "select @(1)",
      "select a, @ from t",
      "select distinct @",
      "select @ from @",
      "select @ from @ as @",
      "select @ from @.@ as @(@, @) final",
      "select 1 from @(1)",
      "select 1 from @ join @ on @ join @ using @",
      "select 1 from @ join @ using (@, @)",
      "with @ as (select 1) select 1",
      "with recursive @ as (select 1) select 1",
      "with a as (select 1), @ as (select 1) select 1",
      "with @(@) using key (@) as (select 1) select 1",
      "with @ as @ select 1",
      "with 1 as a, @ as @ select 1",
      "select 1 from t array join @ as @",
      "select 1 from t prewhere @ where @",
      "select 1 from t group by @",
      "select 1 from t group by @, @",
      "select 1 from t group by @(1), @(1)",
      "select 1 from t group by rollup(@, @)",
      "select 1 from t group by @ having @ qualify @",
      "select 1 from t order by @ desc, @",
      "select 1 from t order by @ with fill from @ to @ step @ interpolate (@ as @)",
      "select 1 from t limit @ offset @",
      "select 1 from t limit @ by @, @ limit @",
      "select f() over @ from t window @ as (partition by @)",
      "select @ from t union all select @",
      "select * exclude (@) from t",
      "select @ from t where @ in (select @ from @)",
      "select @, (@) -> @ from t",
      "select 1 from t group by @, (@) -> @",
      "select 1 from t order by @ asc, (@) -> @",
      "select 1 from t limit 1 by @, (@) -> @",
      "select @ from t group by all",
      "select @ from t group by grouping sets ((@), (@, @))",
      "select sum(@) over (order by @ rows between @ preceding and @ following) from t",
      "select 1 from t sample 1/2 offset {@}",
      "select 1 from {@} as @",
  };
  int checked = 0;
  for (const std::string& word : words) {
    for (std::string name : {word, Lower(word)}) {
      std::string quoted = "`" + name + "`";
      auto check = [&](const std::string& pattern, bool select) {
        std::string text = pattern;
        for (size_t at; (at = text.find('@')) != std::string::npos;) text.replace(at, 1, quoted);
        ++checked;
        std::string error = RoundTripInput(text, select);
        if (!error.empty()) ADD_FAILURE() << text << "\n  " << error;
      };
      for (const std::string& pattern : expressions) check(pattern, false);
      for (const std::string& pattern : queries) check(pattern, true);
    }
  }
  EXPECT_GT(checked, 20000);
}

}  // namespace
}  // namespace larder::hogql
