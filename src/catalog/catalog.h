// Catalog: Larder's metadata store, one SQLite file holding projects, personal API keys and
// tables. Ingestion, storage, sync and the query engine ask it what exists and where it lives.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/entries.h"
#include "catalog/migrations.h"
#include "catalog/source_entries.h"
#include "catalog/sqlite_db.h"
#include "common/clock.h"
#include "common/status.h"

namespace larder::catalog {

// Thread-safe: every method takes an internal mutex. Several processes may open the same file;
// SQLite's locking (WAL mode, 5 s busy timeout) serializes their writes.
class Catalog {
 public:
  // Opens or creates the catalog at `sqlite_path` and applies pending migrations. Fails with
  // kFailedPrecondition if the file was written by a newer larder.
  // REQUIRES: `clock` is not null and outlives the catalog.
  static Result<std::unique_ptr<Catalog>> Open(const std::string& sqlite_path, const Clock* clock);
  // As above with `migrations` in place of CatalogMigrations(). For tests.
  static Result<std::unique_ptr<Catalog>> Open(const std::string& sqlite_path, const Clock* clock,
                                               std::span<const Migration> migrations);

  // The schema version after migrations ran at Open().
  int SchemaVersion() const { return schema_version_; }

  // Creates a project with a fresh API token. `name`: 1 to 200 characters; `timezone`: "UTC" or
  // an IANA zone installed under /usr/share/zoneinfo.
  Result<Project> CreateProject(std::string_view name, std::string_view timezone);
  // kNotFound "project 7 does not exist".
  Result<Project> GetProject(int64_t id);
  // The project whose api_token is `token`; kUnauthenticated if there is none.
  Result<Project> FindProjectByToken(std::string_view token);
  // All projects, by id.
  Result<std::vector<Project>> ListProjects();

  // Creates a personal API key that can read and change project `project_id` only; the
  // returned plaintext key is never stored. kNotFound if the project does not exist.
  Result<NewApiKey> CreatePersonalApiKey(std::string_view label, int64_t project_id);
  // The key entry for `key`, with last_used_at set to now; kUnauthenticated "invalid personal API
  // key" if the key is malformed or unknown.
  Result<PersonalApiKey> VerifyPersonalApiKey(std::string_view key);
  // All personal API keys, by id.
  Result<std::vector<PersonalApiKey>> ListPersonalApiKeys();
  // kNotFound if there is no key `id`.
  [[nodiscard]] Status DeletePersonalApiKey(int64_t id);

  // Records a table. `name` must be an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 128
  // characters) not yet used in the project (kAlreadyExists otherwise). kNotFound if the project
  // does not exist. Creates no data: the caller owns what is at `location`.
  Result<TableEntry> CreateTable(int64_t project_id, std::string_view name, TableKind kind,
                                 std::string_view location, std::string_view definition);
  // kNotFound "table 'x' does not exist in project 1".
  Result<TableEntry> GetTable(int64_t project_id, std::string_view name);
  // The project's tables ordered by name; kNotFound if the project does not exist.
  Result<std::vector<TableEntry>> ListTables(int64_t project_id);
  // Forgets a table; does not delete its data. kNotFound if there is no such table.
  [[nodiscard]] Status DropTable(int64_t project_id, std::string_view name);
  // kNotFound if `from` does not exist; kAlreadyExists if `to` does; kInvalidArgument if `to` is
  // not an identifier.
  [[nodiscard]] Status RenameTable(int64_t project_id, std::string_view from, std::string_view to);

  // Linked sources (catalog_sources.cpp). kNotFound if the project does not exist.
  Result<SourceEntry> CreateSource(int64_t project_id, std::string_view source_type,
                                   std::string_view prefix, std::string_view sealed_config);
  // kNotFound "source 3 does not exist" (also once deleted).
  Result<SourceEntry> GetSource(int64_t id);
  // The project's sources that are not deleted, by id.
  Result<std::vector<SourceEntry>> ListSources(int64_t project_id);
  // Replaces a source's sealed settings (new credentials). kNotFound if it does not exist.
  [[nodiscard]] Status UpdateSourceConfig(int64_t id, std::string_view sealed_config);
  // Marks a source deleted (its schemas and jobs stay for history until it is purged).
  [[nodiscard]] Status DeleteSource(int64_t id);

  // A schema for source table `name`, filling Larder table `table_name`; kAlreadyExists when
  // the source already has it; kNotFound when the source does not exist.
  Result<SourceSchemaEntry> CreateSourceSchema(int64_t source_id, std::string_view name,
                                               std::string_view table_name);
  Result<SourceSchemaEntry> GetSourceSchema(int64_t id);
  // A source's schemas by name.
  Result<std::vector<SourceSchemaEntry>> ListSourceSchemas(int64_t source_id);
  // Stores every field of `schema` but its id and source. Validates sync_type's invariants:
  // append and incremental need an incremental_field; incremental needs a primary key;
  // sync_frequency must be a known name.
  [[nodiscard]] Status UpdateSourceSchema(const SourceSchemaEntry& schema);

  // A Running job for `schema_id` starting now.
  Result<SyncJobEntry> StartSyncJob(int64_t schema_id, std::string_view cursor_before);
  // Stores the job's outcome (status, counts, cursor_after, error, finished_at = now).
  [[nodiscard]] Status FinishSyncJob(const SyncJobEntry& job);
  // Every schema that should sync, of every source not deleted, by id: what a scheduler runs.
  Result<std::vector<SourceSchemaEntry>> ListSyncingSchemas();
  // Marks every Running job and schema Failed with `error` (jobs that a stopped process left
  // behind); returns how many jobs it changed.
  Result<int64_t> FailRunningSyncJobs(std::string_view error);
  // The schema's jobs, newest first, at most `limit`.
  Result<std::vector<SyncJobEntry>> ListSyncJobs(int64_t schema_id, int64_t limit);

 private:
  Catalog(std::unique_ptr<SqliteDb> db, const Clock* clock, int schema_version)
      : db_(std::move(db)), clock_(clock), schema_version_(schema_version) {}

  // REQUIRES: mutex_ is held.
  Result<Project> GetProjectLocked(int64_t id);

  std::mutex mutex_;
  std::unique_ptr<SqliteDb> db_;  // Guarded by mutex_.
  const Clock* clock_;
  const int schema_version_;
};

}  // namespace larder::catalog
