// Query benchmark, Larder's side: opens a data directory once and runs HogQL queries through
// warehouse::RunHogQLQuery (parse, bind, optimize, execute), printing one JSON line per run for
// bench/query_vs_duckdb.mjs, which runs the same queries in DuckDB and compares. Run by hand
// (bench/run-queries), never in CI.
//
// Two modes:
//   --queries FILE  runs each query of FILE (`NAME<TAB>SQL` lines; blank lines and lines starting
//                   with '#' skipped) once to warm up, then --repeats timed runs; one JSON line
//                   per query. For running or profiling Larder alone (`--only NAME`).
//   --serve         reads commands from stdin, one per line, and answers each with one JSON line:
//                     run<TAB>NAME<TAB>SQL    runs the query once, timed
//                     check<TAB>NAME<TAB>SQL  the same, with the result's columns and rows
//                     summary                 the process figures
//                   so that the driver can interleave Larder's runs with DuckDB's.
// A query's JSON: {"name", "ms" (best run), "runs_ms", "rows", "error" (null or the message),
//   "peak_operator_bytes" (largest over the runs), "max_rss_bytes" (the process's peak RSS so
//   far), and with check or --queries "columns", "types", "values" (the first --max-rows rows,
//   each value as Larder prints it, NULL as null)}.
// The summary: {"summary": true, "open_ms", "threads", "baseline_rss_bytes", "peak_rss_bytes"}.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/allocator.h"
#include "common/clock.h"
#include "common/file_system.h"
#include "common/json.h"
#include "common/thread_pool.h"
#include "functions/function_registry.h"
#include "warehouse/data_directory.h"
#include "warehouse/query_runner.h"

namespace larder::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: larder_bench_queries --data DIR (--queries FILE | --serve) [--repeats N]\n"
    "         [--max-rows N] [--threads N] [--only NAME]\n"
    "  --data      the data directory holding the tables (opened once, read only)\n"
    "  --queries   file of `NAME<TAB>SQL` lines to run\n"
    "  --serve     run the queries stdin asks for (see query_bench.cpp)\n"
    "  --repeats   timed runs of each query after one warm-up (default 5)\n"
    "  --max-rows  result rows printed per query for checking (default 200)\n"
    "  --threads   worker threads, 0 = one per core (default 0)\n"
    "  --only      run only the query called NAME (for profiling)\n";

struct BenchOptions {
  std::string data_dir;
  std::string queries_path;
  int repeats = 5;
  size_t max_rows = 200;
  size_t threads = 0;
  std::string only;
  bool serve = false;
};

struct NamedQuery {
  std::string name;
  std::string text;
};

Result<uint64_t> ParseCount(std::string_view flag, const char* text) {
  char* end = nullptr;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') {
    return InvalidArgument("{} wants a non-negative integer, got '{}'", flag, text);
  }
  return static_cast<uint64_t>(value);
}

Result<BenchOptions> ParseArgs(int argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (flag == "--serve") {
      options.serve = true;
      continue;
    }
    if (i + 1 >= argc) return InvalidArgument("{} needs a value\n{}", flag, kUsage);
    const char* value = argv[++i];
    if (flag == "--data") {
      options.data_dir = value;
    } else if (flag == "--queries") {
      options.queries_path = value;
    } else if (flag == "--repeats") {
      LARDER_ASSIGN_OR_RETURN(uint64_t repeats, ParseCount(flag, value));
      options.repeats = static_cast<int>(std::min<uint64_t>(repeats, 1000));
    } else if (flag == "--max-rows") {
      LARDER_ASSIGN_OR_RETURN(options.max_rows, ParseCount(flag, value));
    } else if (flag == "--threads") {
      LARDER_ASSIGN_OR_RETURN(options.threads, ParseCount(flag, value));
    } else if (flag == "--only") {
      options.only = value;
    } else {
      return InvalidArgument("unknown flag {}\n{}", flag, kUsage);
    }
  }
  if (options.data_dir.empty() || options.queries_path.empty() == !options.serve) {
    return InvalidArgument("--data and one of --queries or --serve are required\n{}", kUsage);
  }
  if (options.repeats == 0) return InvalidArgument("--repeats must be positive\n{}", kUsage);
  return options;
}

Result<std::vector<NamedQuery>> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read the query file {}", path);
  std::vector<NamedQuery> queries;
  std::string line;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      return InvalidArgument("{}:{}: expected NAME<TAB>SQL", path, line_number);
    }
    queries.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return queries;
}

// The process's peak resident set so far, in bytes (ru_maxrss is in KiB on Linux).
uint64_t PeakRssBytes() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
}

double Millis(int64_t nanos) { return static_cast<double>(nanos) / 1e6; }

std::string JsonText(std::string_view text) {
  std::string out;
  AppendJsonString(text, &out);
  return out;
}

std::string JsonMillis(const std::vector<double>& runs) {
  std::string out = "[";
  for (size_t i = 0; i < runs.size(); ++i) out += fmt::format("{}{:.3f}", i ? "," : "", runs[i]);
  return out + "]";
}

// Column names, types and the first `max_rows` rows of a result, as JSON members.
std::string ResultJson(const execution::QueryResult& result, size_t max_rows) {
  Batch batch = result.ToBatch();
  std::string columns = "[";
  std::string types = "[";
  for (size_t column_idx = 0; column_idx < batch.schema.fields.size(); ++column_idx) {
    const Field& field = batch.schema.fields[column_idx];
    columns += (column_idx ? "," : "") + JsonText(field.name);
    types += (column_idx ? "," : "") + JsonText(field.type.ToString());
  }
  std::string values = "[";
  size_t rows = std::min(max_rows, batch.num_rows());
  for (size_t row_idx = 0; row_idx < rows; ++row_idx) {
    values += row_idx ? ",[" : "[";
    for (size_t column_idx = 0; column_idx < batch.columns.size(); ++column_idx) {
      if (column_idx) values += ",";
      const ColumnVector& column = batch.columns[column_idx];
      Value value = column.GetValue(row_idx);
      values += value.is_null() ? "null" : JsonText(value.ToString(column.type()));
    }
    values += "]";
  }
  return fmt::format("\"columns\":{}],\"types\":{}],\"values\":{}]", columns, types, values);
}

// Everything a query needs: the open directory, the functions, the workers and the clock.
struct QueryContext {
  warehouse::DataDirectory* data;
  const functions::FunctionRegistry* registry;
  ThreadPool* pool;
  const Clock* clock;
};

// One run of a query: its result, or the error message (syntax, resolution or execution).
struct RunOutcome {
  std::string error;
  double ms = 0;
  execution::QueryResult result;
};

// TIMED: parse, bind, optimize and execute `text`, up to the result's chunks in memory.
RunOutcome RunOnce(const QueryContext& context, const std::string& text) {
  warehouse::QueryRequest request;
  request.text = text;
  int64_t start = context.clock->MonotonicNanos();
  Result<warehouse::QueryResponse> response = warehouse::RunHogQLQuery(
      *context.data, context.data->default_project().id, *context.registry, *context.pool, request);
  double ms = Millis(context.clock->MonotonicNanos() - start);
  if (!response.ok()) return {response.status().ToString(), ms, {}};
  if (response->error) {
    return {fmt::format("{}: {} at position {}", response->error->TypeName(),
                        response->error->message, response->error->start),
            ms,
            {}};
  }
  return {"", ms, std::move(response->result)};
}

// Runs `query` `runs` times and prints its JSON line; `with_values` adds the last result's rows.
void BenchQuery(const QueryContext& context, const NamedQuery& query, int runs, bool with_values,
                size_t max_rows) {
  RunOutcome outcome;
  std::vector<double> runs_ms;
  uint64_t peak_operator_bytes = 0;
  for (int run = 0; run < runs; ++run) {
    outcome = RunOnce(context, query.text);
    if (!outcome.error.empty()) break;
    runs_ms.push_back(outcome.ms);
    peak_operator_bytes = std::max(peak_operator_bytes, outcome.result.peak_memory);
  }
  std::string line = fmt::format("{{\"name\":{},", JsonText(query.name));
  if (!outcome.error.empty()) {
    line += fmt::format("\"ms\":null,\"error\":{}", JsonText(outcome.error));
  } else {
    line += fmt::format(
        "\"ms\":{:.3f},\"runs_ms\":{},\"rows\":{},\"error\":null,\"peak_operator_bytes\":{}",
        *std::min_element(runs_ms.begin(), runs_ms.end()), JsonMillis(runs_ms), outcome.result.rows,
        peak_operator_bytes);
    if (with_values) line += "," + ResultJson(outcome.result, max_rows);
  }
  line += fmt::format(",\"max_rss_bytes\":{}}}\n", PeakRssBytes());
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

// Answers the driver's commands on stdin (see the top of the file) until end of input.
Status Serve(const QueryContext& context, const BenchOptions& options,
             const std::function<std::string()>& summary) {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line == "summary") {
      std::printf("%s\n", summary().c_str());
      std::fflush(stdout);
      continue;
    }
    size_t first_tab = line.find('\t');
    size_t second_tab = first_tab == std::string::npos ? first_tab : line.find('\t', first_tab + 1);
    std::string_view command = std::string_view(line).substr(0, first_tab);
    if (second_tab == std::string::npos || (command != "run" && command != "check")) {
      return InvalidArgument("unknown command '{}'; expected run, check or summary", line);
    }
    NamedQuery query{line.substr(first_tab + 1, second_tab - first_tab - 1),
                     line.substr(second_tab + 1)};
    BenchQuery(context, query, 1, command == "check", options.max_rows);
  }
  return Status::OK();
}

Status Run(const BenchOptions& options) {
  std::vector<NamedQuery> queries;
  if (!options.serve) {
    LARDER_ASSIGN_OR_RETURN(queries, ReadQueries(options.queries_path));
  }
  uint64_t baseline_rss = PeakRssBytes();
  auto fs = NewPosixFileSystem();
  auto clock = NewSystemClock();
  ThreadPool pool(options.threads);
  storage::StorageEnv env{fs.get(), &pool, clock.get()};
  int64_t start = clock->MonotonicNanos();
  LARDER_ASSIGN_OR_RETURN(auto data, warehouse::DataDirectory::Open(options.data_dir, env));
  double open_ms = Millis(clock->MonotonicNanos() - start);
  functions::FunctionRegistry registry = functions::BuiltinFunctions();
  QueryContext context{data.get(), &registry, &pool, clock.get()};
  auto summary = [&] {
    return fmt::format(
        "{{\"summary\":true,\"open_ms\":{:.3f},\"threads\":{},\"baseline_rss_bytes\":{},"
        "\"peak_rss_bytes\":{}}}",
        open_ms, pool.size(), baseline_rss, PeakRssBytes());
  };
  if (options.serve) return Serve(context, options, summary);
  for (const NamedQuery& query : queries) {
    if (!options.only.empty() && query.name != options.only) continue;
    std::fprintf(stderr, "larder: %s\n", query.name.c_str());
    RunOutcome warm_up = RunOnce(context, query.text);
    BenchQuery(context, query, warm_up.error.empty() ? options.repeats : 1, true, options.max_rows);
  }
  std::printf("%s\n", summary().c_str());
  return Status::OK();
}

}  // namespace
}  // namespace larder::bench

int main(int argc, char** argv) {
  larder::ConfigureAllocator(argv);  // As the larder binary does.
  auto options = larder::bench::ParseArgs(argc, argv);
  larder::Status status = options.ok() ? larder::bench::Run(*options) : options.status();
  if (status.ok()) return 0;
  std::fprintf(stderr, "larder_bench_queries: %s\n", status.ToString().c_str());
  return larder::ExitCodeFor(status);
}
