#include "catalog/migrations.h"

namespace larder::catalog {
namespace {

// Timestamps (created_at, last_used_at) are microseconds since the Unix epoch, UTC.
constexpr Migration kMigrations[] = {
    {1, "projects, personal API keys and tables", R"sql(
CREATE TABLE projects(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  api_token TEXT NOT NULL UNIQUE,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  created_at INTEGER NOT NULL
);
CREATE TABLE personal_api_keys(
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  mask_value TEXT NOT NULL,
  secure_value TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE TABLE tables(
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK(kind IN ('events', 'persons', 'synced', 'self_managed', 'view')),
  location TEXT NOT NULL,
  definition TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE(project_id, name)
);
)sql"},
    {2, "personal API keys belong to one project", R"sql(
ALTER TABLE personal_api_keys ADD COLUMN project_id INTEGER NOT NULL DEFAULT 1;
)sql"},
    {3, "linked sources, their schemas and sync jobs", R"sql(
CREATE TABLE sources(
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source_type TEXT NOT NULL,
  prefix TEXT NOT NULL DEFAULT '',
  sealed_config_hex TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE source_schemas(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  should_sync INTEGER NOT NULL DEFAULT 0,
  sync_type TEXT NOT NULL DEFAULT 'full_refresh'
    CHECK(sync_type IN ('full_refresh', 'append', 'incremental')),
  incremental_field TEXT NOT NULL DEFAULT '',
  incremental_field_type TEXT NOT NULL DEFAULT '',
  primary_key TEXT NOT NULL DEFAULT '',
  sync_frequency TEXT NOT NULL DEFAULT '6hour',
  sync_time_of_day TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  latest_error TEXT NOT NULL DEFAULT '',
  last_synced_at INTEGER,
  table_name TEXT NOT NULL,
  row_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE(source_id, name)
);
CREATE TABLE sync_jobs(
  id INTEGER PRIMARY KEY,
  schema_id INTEGER NOT NULL REFERENCES source_schemas(id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL,
  rows_synced INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  cursor_before TEXT NOT NULL DEFAULT '',
  cursor_after TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_jobs_by_schema ON sync_jobs(schema_id, id);
)sql"},
    {4, "pending resyncs, NULL-key rows of jobs, running jobs by status", R"sql(
ALTER TABLE source_schemas ADD COLUMN resync_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_jobs ADD COLUMN null_key_rows INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sync_jobs_by_status ON sync_jobs(status);
)sql"},
};

constexpr std::string_view kCreateMigrationsTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations(
  version INTEGER PRIMARY KEY,
  description TEXT,
  applied_at INTEGER
))sql";

Status CheckOrdered(std::span<const Migration> migrations) {
  for (size_t migration_idx = 0; migration_idx < migrations.size(); ++migration_idx) {
    int previous = migration_idx == 0 ? 0 : migrations[migration_idx - 1].version;
    if (migrations[migration_idx].version <= previous) {
      return Internal("catalog migration versions must increase: {} follows {}",
                      migrations[migration_idx].version, previous);
    }
  }
  return Status::OK();
}

Result<int> ReadVersion(const Statement& statement) {
  return static_cast<int>(statement.ColumnInt64(0));
}

Status CheckKnown(const SqliteDb& db, int stored_version, int newest_known) {
  if (stored_version <= newest_known) return Status::OK();
  return FailedPrecondition(
      "catalog {} has schema version {} but this larder knows only up to {}; upgrade larder",
      db.path(), stored_version, newest_known);
}

// Applies `migration` unless another connection got there first.
Status ApplyOne(SqliteDb& db, const Clock& clock, const Migration& migration) {
  LARDER_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(&db));
  LARDER_ASSIGN_OR_RETURN(int stored_version, StoredSchemaVersion(db));
  if (stored_version >= migration.version) return Status::OK();
  LARDER_RETURN_IF_ERROR(db.Exec(migration.sql));
  LARDER_RETURN_IF_ERROR(
      Execute(db, "INSERT INTO schema_migrations(version, description, applied_at) VALUES(?, ?, ?)",
              migration.version, migration.description, clock.NowMicros()));
  return transaction.Commit();
}

}  // namespace

std::span<const Migration> CatalogMigrations() { return kMigrations; }

Result<int> StoredSchemaVersion(SqliteDb& db) {
  LARDER_ASSIGN_OR_RETURN(
      std::vector<int> has_table,
      QueryAll(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", &ReadVersion,
               "schema_migrations"));
  if (has_table.empty()) return 0;
  LARDER_ASSIGN_OR_RETURN(
      std::vector<int> versions,
      QueryAll(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &ReadVersion));
  return versions.empty() ? 0 : versions.front();
}

Result<int> ApplyMigrations(SqliteDb& db, const Clock& clock,
                            std::span<const Migration> migrations) {
  LARDER_RETURN_IF_ERROR(CheckOrdered(migrations));
  LARDER_RETURN_IF_ERROR(db.Exec(kCreateMigrationsTable));
  int newest_known = migrations.empty() ? 0 : migrations.back().version;
  LARDER_ASSIGN_OR_RETURN(int stored_version, StoredSchemaVersion(db));
  LARDER_RETURN_IF_ERROR(CheckKnown(db, stored_version, newest_known));
  for (const Migration& migration : migrations) {
    if (migration.version <= stored_version) continue;
    Status status = ApplyOne(db, clock, migration);
    if (!status.ok()) {
      return status.WithContext(fmt::format("applying migration {} ({}) to catalog {}",
                                            migration.version, migration.description, db.path()));
    }
  }
  // Another process may have migrated meanwhile, possibly further than this larder knows.
  LARDER_ASSIGN_OR_RETURN(int final_version, StoredSchemaVersion(db));
  LARDER_RETURN_IF_ERROR(CheckKnown(db, final_version, newest_known));
  return final_version;
}

}  // namespace larder::catalog
