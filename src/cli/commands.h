// The `larder` subcommands, each a function from parsed options to an exit status. main.cpp
// parses the command line (CLI11) and calls these; they print results to stdout.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "warehouse/data_directory.h"

namespace larder::cli {

struct GlobalOptions {
  std::string data_dir;  // --data, LARDER_DATA, or ./larder-data.
};

struct HeadOptions {
  std::string table;
  int64_t rows = 10;
  std::string format = "table";
};

struct DemoOptions {
  int64_t events = 200000;
};

struct ImportOptions {
  std::vector<std::string> arguments;  // The table name, then the files.
  std::string format;                  // Empty: from each file's extension.
  std::vector<std::string> columns;    // "name:Type" overrides.
  bool replace = false;
  bool events = false;     // --events: the arguments are PostHog event files for `events`.
  int64_t project_id = 0;  // 0: the default project.
};

struct ParseOptions {
  std::string query;
  bool expression = false;  // Parse an expression rather than a SELECT.
  bool batch = false;       // JSON lines from stdin.
};

struct QueryOptions {
  std::string query;
  int64_t project_id = 0;  // 0: the default project.
  std::string format = "table";
  bool explain = false;
  uint64_t max_memory_mb = 4096;
};

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8000;
  bool demo = false;
  int64_t demo_events = 200000;
  int64_t flush_interval_ms = 1000;
  int64_t query_timeout_ms = 60000;
  uint64_t max_body_mb = 20;
  std::string access_log = "-";  // A file, "-" for stderr, or "off".
  int max_sync_jobs = 2;         // Sync jobs running at once.
  std::string sync_webhook;      // POSTed on each failed sync job.
  bool deny_private_networks = false;
  std::vector<std::string> file_roots;      // Folders file:// sources may read.
  bool no_scheduler = false;                // Syncs run only when asked (reload, resync).
  uint64_t sync_checkpoint_rows = 1 << 20;  // Append syncs commit data and cursor this often.
  std::string ui_dir;  // The web UI's files; empty: `ui` beside the larder binary.
};

struct ProjectCreateOptions {
  std::string name;
  std::string timezone = "UTC";
};

// `larder sources …`: the fields each subcommand reads.
struct SourcesOptions {
  std::string source_type;            // create: postgres
  std::string prefix;                 // create: prepended to table names
  std::vector<std::string> settings;  // create: NAME=VALUE (host, port, database, user, …)
  int64_t project_id = 0;             // 0: the default project
  int64_t id = 0;                     // show: a source; configure, sync, jobs: a schema
  bool enable = false;
  bool disable = false;
  std::string sync_type;             // full_refresh | append | incremental
  std::string key;                   // The replication key column.
  std::string frequency;             // never, 5min, …, 30day
  std::string time_of_day;           // "HH:MM" UTC; "none" clears it.
  std::vector<std::string> enabled;  // create: tables to sync from the start.
  bool resync = false;               // sync: load the table again from scratch.
};

// `larder link NAME URL`: files in a bucket or folder as a table read in place.
struct LinkOptions {
  std::string name;
  std::string url;
  std::string format;                 // CSV, CSVWithNames, JSONEachRow, Parquet; "": extension
  std::vector<std::string> settings;  // NAME=VALUE: access_key_id, secret_access_key, region, …
  std::vector<std::string> columns;   // name:Type overrides
  int64_t project_id = 0;
};

Status RunParse(const ParseOptions& options);
Status RunLink(const GlobalOptions& global, const LinkOptions& options);
Status RunQuery(const GlobalOptions& global, const QueryOptions& options);
Status RunInit(const GlobalOptions& global, bool create_api_key);
Status RunTables(const GlobalOptions& global);
Status RunDescribe(const GlobalOptions& global, const std::string& table);
Status RunHead(const GlobalOptions& global, const HeadOptions& options);
Status RunVerify(const GlobalOptions& global, const std::string& table);
Status RunCompact(const GlobalOptions& global, const std::string& table);
Status RunKeysCreate(const GlobalOptions& global, const std::string& label, int64_t project_id);
Status RunProjectsCreate(const GlobalOptions& global, const ProjectCreateOptions& options);
Status RunProjectsList(const GlobalOptions& global);
Status RunServe(const GlobalOptions& global, const ServeOptions& options);
Status RunSourcesCreate(const GlobalOptions& global, const SourcesOptions& options);
Status RunSourcesList(const GlobalOptions& global, const SourcesOptions& options);
Status RunSourcesShow(const GlobalOptions& global, const SourcesOptions& options);
Status RunSourcesConfigure(const GlobalOptions& global, const SourcesOptions& options);
Status RunSourcesSync(const GlobalOptions& global, const SourcesOptions& options);
Status RunSourcesJobs(const GlobalOptions& global, const SourcesOptions& options);
Status RunSourcesTables(const SourcesOptions& options);
Status RunSourcesDelete(const GlobalOptions& global, const SourcesOptions& options);
Status RunSourcesDeleteData(const GlobalOptions& global, const SourcesOptions& options);
Status RunKeysList(const GlobalOptions& global);
Status RunDemo(const GlobalOptions& global, const DemoOptions& options);
// Sends sample events into the default project until its events table holds `events` rows.
Status LoadDemoEvents(warehouse::DataDirectory* data, int64_t events);
Status RunImport(const GlobalOptions& global, const ImportOptions& options);

}  // namespace larder::cli
