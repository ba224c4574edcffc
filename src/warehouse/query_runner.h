// Runs a HogQL query against a project of a data directory: parse, bind against the project's
// tables, optimize, execute. The CLI's `larder query` and the HTTP query API both go through it.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "execution/query_executor.h"
#include "hogql/syntax_error.h"
#include "planner/binder.h"
#include "warehouse/data_directory.h"

namespace larder::warehouse {

struct QueryRequest {
  std::string text;
  bool explain = false;  // Plan only: fill `plan_text`, run nothing.
  planner::QueryParameters parameters;
  uint64_t memory_limit = 0;  // Bytes; 0 = no limit.
  // Set from another thread to stop the query with kCancelled (e.g. at its time limit).
  const std::atomic<bool>* cancel = nullptr;
};

struct QueryResponse {
  // A syntax or resolution error with its position in `text` (then nothing ran).
  std::optional<hogql::SyntaxError> error;
  std::string plan_text;
  execution::QueryResult result;
};

// Execution failures (memory limit, a value a function cannot take, …) are returned as the
// error status; query errors with positions go into QueryResponse::error.
Result<QueryResponse> RunHogQLQuery(DataDirectory& data, int64_t project_id,
                                    const functions::FunctionRegistry& functions, ThreadPool& pool,
                                    const QueryRequest& request);

// The engine's view of the directory's stored tables for one project.
class DirectoryTableReader : public execution::TableReader {
 public:
  DirectoryTableReader(DataDirectory* data, int64_t project_id)
      : data_(data), project_id_(project_id) {}
  Result<std::unique_ptr<execution::TableScanner>> OpenScan(
      const std::string& table, const std::vector<std::string>& columns,
      const std::vector<storage::ColumnPredicate>& prune) override;

 private:
  DataDirectory* data_;
  int64_t project_id_;
};

}  // namespace larder::warehouse
