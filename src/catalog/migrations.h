// Versioned schema migrations for the catalog's SQLite file. To change the schema, append a
// Migration to the list in migrations.cpp; never edit one that has been released.
#pragma once

#include <span>
#include <string_view>

#include "catalog/sqlite_db.h"
#include "common/clock.h"
#include "common/status.h"

namespace larder::catalog {

// One step of the schema. Versions start at 1 and increase with each migration.
struct Migration {
  int version;
  std::string_view description;
  // One or more ';'-separated statements, run in a single transaction.
  std::string_view sql;
};

// Every migration this larder knows, oldest first.
std::span<const Migration> CatalogMigrations();

// The newest version recorded in schema_migrations; 0 if the table is missing or empty.
Result<int> StoredSchemaVersion(SqliteDb& db);

// Brings `db` to the newest version in `migrations` (ordered by strictly increasing version),
// applying each migration newer than the stored version in its own transaction, which also
// records it in schema_migrations(version, description, applied_at = clock.NowMicros()). A
// failing migration leaves the database at the previous version. Fails with kFailedPrecondition
// if the stored version is newer than every known migration. Returns the resulting version.
//
// Table schema_migrations(version INTEGER PRIMARY KEY, description TEXT, applied_at INTEGER):
// one row per applied migration; applied_at is microseconds since the Unix epoch.
Result<int> ApplyMigrations(SqliteDb& db, const Clock& clock,
                            std::span<const Migration> migrations);

}  // namespace larder::catalog
