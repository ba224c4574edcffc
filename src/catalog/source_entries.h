// The catalog's records of linked sources: a source (a database or API with its sealed
// credentials), its schemas (one per source table: how and how often it syncs, how it went) and
// the sync jobs run for them. Catalog (catalog.h) keeps them; the sync engine reads and updates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::catalog {

// A linked source. Its settings (host, user, password, …) are stored sealed (SecretBox) and
// never returned through the API.
struct SourceEntry {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string source_type;    // "postgres", "mysql", "stripe", …
  std::string prefix;         // Prepended to its table names; may be empty.
  std::string sealed_config;  // SecretBox::Seal of the settings (bytes).
  int64_t created_at_us = 0;
  bool deleted = false;
};

// full_refresh | append | incremental, the names DESIGN.md and the API use.
enum class SyncType { kFullRefresh, kAppend, kIncremental };
std::string_view SyncTypeName(SyncType type);
Result<SyncType> ParseSyncType(std::string_view name);

// never, 5min, 15min, 30min, 1hour, 6hour, 12hour, 24hour, 7day, 30day: kInvalidArgument listing
// them for anything else. Returns the interval in seconds (0 for never).
Result<int64_t> SyncFrequencySeconds(std::string_view name);

// The incremental_field_type of an append of a table made of files (a bucket): no key, the
// files not loaded before are loaded.
inline constexpr const char* kAppendByFileKeyType = "file";

// One table of a source and how it syncs.
struct SourceSchemaEntry {
  int64_t id = 0;
  int64_t source_id = 0;
  std::string name;  // The source's table name.
  bool should_sync = false;
  SyncType sync_type = SyncType::kFullRefresh;
  std::string incremental_field;  // The replication key; empty for full refresh.
  // integer | numeric | date | datetime | timestamp, or kAppendByFileKeyType.
  std::string incremental_field_type;
  std::vector<std::string> primary_key;
  std::string sync_frequency = "6hour";
  std::string sync_time_of_day;  // "HH:MM" UTC, or empty.
  std::string status;  // "" (never ran) | Running | Completed | Failed | Paused | Cancelled.
  std::string latest_error;
  std::optional<int64_t> last_synced_at_us;
  std::string table_name;  // The Larder table it fills.
  int64_t row_count = 0;
  // The next sync loads the table again from scratch (its key or sync type changed).
  bool resync_pending = false;
};

// One run of a schema's sync.
struct SyncJobEntry {
  int64_t id = 0;
  int64_t schema_id = 0;
  int64_t started_at_us = 0;
  std::optional<int64_t> finished_at_us;
  std::string status;  // Running | Completed | Failed | Cancelled.
  int64_t rows_synced = 0;
  int64_t bytes = 0;
  std::string cursor_before;  // The replication cursor as text; empty for none.
  std::string cursor_after;
  std::string error;
  int64_t null_key_rows = 0;  // Append / incremental: rows skipped for a NULL replication key.
};

}  // namespace larder::catalog
