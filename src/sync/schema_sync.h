// SchemaSync: one sync job of one linked table, end to end — open the source with its unsealed
// settings, find the table, create the Larder table or follow the source's schema drift, run
// TableSync, and record the job and the schema's status, rows, last sync and error in the
// catalog. The scheduler, the CLI and the API all start syncs through it.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "catalog/source_entries.h"
#include "sources/source.h"
#include "warehouse/data_directory.h"

namespace larder::sync {

// Opens a connector for a source's settings (by config.kind: "postgres", …).
using SourceOpener =
    std::function<Result<std::unique_ptr<sources::Source>>(const sources::SourceConfig&)>;

// A source's settings as the JSON object sealed in the catalog, and back.
std::string EncodeSourceSettings(const std::map<std::string, std::string>& settings);
Result<std::map<std::string, std::string>> DecodeSourceSettings(std::string_view json);

struct SchemaSyncOptions {
  uint64_t checkpoint_rows = 1 << 20;
  bool resync = false;  // Load the table again from scratch (see TableSyncRequest::resync).
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(uint64_t rows, uint64_t bytes)> progress;
  Status* outcome = nullptr;  // When set, receives the sync's status (why a job failed).
};

// Runs one job for schema `schema_id` and returns it as recorded (Completed, Failed or
// Cancelled, with its error). A returned error status means the job could not even be recorded.
Result<catalog::SyncJobEntry> RunSchemaSync(warehouse::DataDirectory* data,
                                            const SourceOpener& open_source, int64_t schema_id,
                                            const SchemaSyncOptions& options);

}  // namespace larder::sync
