// Source: what every connector (Postgres, MySQL, object storage, SaaS APIs) offers the sync
// engine — discover the tables a source has, and read one table as a stream of record batches in
// bounded memory, whole (full refresh) or from a replication cursor on.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "types/column_vector.h"
#include "types/value.h"

namespace larder::sources {

// How a connector reaches its source: `kind` ("postgres", "mysql", …) and its settings (host,
// port, database, user, password, schema, sslmode, …) as text, validated by the connector.
struct SourceConfig {
  std::string kind;
  std::map<std::string, std::string> settings;
};

// One column of a source table as discovered.
struct SourceColumn {
  std::string name;
  std::string source_type;  // The source's own type name, as it reports it ("numeric(10,2)").
  LogicalType type;         // Larder's type for it (Nullable when the source allows NULL).
  bool nullable = true;
  // Usable as a replication key: integer, numeric, date, datetime or timestamp.
  bool replication_key_candidate = false;
  bool indexed = false;  // Leads an index, so cursor reads on it are cheap.
};

struct SourceTable {
  std::string name;  // As the source names it, without the schema ("orders").
  std::vector<SourceColumn> columns;
  std::vector<std::string> primary_key;  // Empty when the table has none.
  std::optional<uint64_t> estimated_rows;
  // A table made of objects (a bucket or a folder): `append` loads the objects not loaded
  // before (by key and ETag, see ReadRequest::skip_object) and needs no replication key.
  bool appends_by_object = false;
};

// What to read of a table.
struct ReadRequest {
  std::string table;
  // Empty: every row (full refresh). Otherwise the rows whose `cursor_column` is >= `cursor`
  // (NULL cursor: from the beginning), in ascending cursor order.
  std::string cursor_column;
  std::optional<Value> cursor;
  size_t batch_rows = 65536;  // Rows per delivered batch at most.
  // Tables made of objects: an object whose id ("KEY\nETAG") this returns true for is not read.
  std::function<bool(const std::string& object_id)> skip_object;
  // Tables made of objects: the columns to deliver — the Larder table's, once it exists, so that
  // a file that disagrees with them is an error naming it rather than a change of the table.
  // Unset: the columns Discover() reports.
  std::optional<Schema> columns;
  // Tables made of objects: called after the last batch of each object read, in order.
  std::function<Status(const std::string& object_id)> object_done;
  // Set by another thread to stop the read: a source that waits on a server checks it while it
  // waits too (PostgreSQL cancels the running COPY), so a slow source stops within a fraction of
  // a second, and Read returns kCancelled. Unset: the read runs to its end.
  const std::atomic<bool>* cancel = nullptr;
};

// Receives the rows of a read in order; a non-OK status stops the read and is returned by it.
using BatchSink = std::function<Status(Batch batch)>;

class Source {
 public:
  virtual ~Source() = default;
  // Connects and checks the credentials; errors say what to fix (kUnauthenticated for a wrong
  // password, kUnavailable for an unreachable host or port, kNotFound for a missing database).
  virtual Status Check() = 0;
  // The tables (and views) the configured schema or database holds, by name.
  virtual Result<std::vector<SourceTable>> Discover() = 0;
  // Streams the rows of `request.table` (columns as Discover() reports them, in that order) to
  // `sink`, from one consistent snapshot, holding at most a few batches in memory.
  virtual Status Read(const ReadRequest& request, const BatchSink& sink) = 0;
};

}  // namespace larder::sources
