#include "catalog/catalog.h"

#include <utility>

#include "catalog/name_rules.h"
#include "catalog/secrets.h"

namespace larder::catalog {
namespace {

constexpr size_t kMaskedKeySuffixChars = 4;

// Column lists matching the Read* functions below.
constexpr std::string_view kSelectProjects =
    "SELECT id, name, api_token, timezone, created_at FROM projects";
constexpr std::string_view kSelectApiKeys =
    "SELECT id, label, mask_value, created_at, last_used_at, project_id FROM personal_api_keys";
constexpr std::string_view kSelectTables =
    "SELECT id, project_id, name, kind, location, definition, created_at FROM tables";

Result<Project> ReadProject(const Statement& row) {
  return Project{row.ColumnInt64(0), row.ColumnText(1), row.ColumnText(2), row.ColumnText(3),
                 row.ColumnInt64(4)};
}

Result<PersonalApiKey> ReadApiKey(const Statement& row) {
  return PersonalApiKey{row.ColumnInt64(0), row.ColumnText(1),          row.ColumnText(2),
                        row.ColumnInt64(3), row.ColumnOptionalInt64(4), row.ColumnInt64(5)};
}

Result<TableEntry> ReadTable(const Statement& row) {
  Result<TableKind> kind = ParseTableKind(row.ColumnText(3));
  if (!kind.ok()) {
    return Corruption("catalog row {} of tables: {}", row.ColumnInt64(0), kind.status().message());
  }
  return TableEntry{row.ColumnInt64(0), row.ColumnInt64(1), row.ColumnText(2), *kind,
                    row.ColumnText(4),  row.ColumnText(5),  row.ColumnInt64(6)};
}

std::string Where(std::string_view select, std::string_view condition) {
  return fmt::format("{} WHERE {}", select, condition);
}

Status UnknownApiKey() { return Status(StatusCode::kUnauthenticated, "invalid personal API key"); }

Status TableNotFound(int64_t project_id, std::string_view name) {
  return NotFound("table '{}' does not exist in project {}", name, project_id);
}

// Turns a UNIQUE violation on tables(project_id, name) into a message for the user.
Status TableNameTaken(const Status& status, int64_t project_id, std::string_view name) {
  if (status.code() != StatusCode::kAlreadyExists) return status;
  return AlreadyExists("table '{}' already exists in project {}", name, project_id);
}

}  // namespace

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::string& sqlite_path, const Clock* clock) {
  return Open(sqlite_path, clock, CatalogMigrations());
}

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::string& sqlite_path, const Clock* clock,
                                               std::span<const Migration> migrations) {
  LARDER_CHECK(clock != nullptr);
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(sqlite_path));
  LARDER_ASSIGN_OR_RETURN(int schema_version, ApplyMigrations(*db, *clock, migrations));
  return std::unique_ptr<Catalog>(new Catalog(std::move(db), clock, schema_version));
}

Result<Project> Catalog::CreateProject(std::string_view name, std::string_view timezone) {
  LARDER_RETURN_IF_ERROR(ValidateProjectName(name));
  LARDER_RETURN_IF_ERROR(ValidateTimeZone(timezone));
  LARDER_ASSIGN_OR_RETURN(std::string token, RandomToken(kProjectTokenPrefix, kProjectTokenChars));
  Project project{0, std::string(name), std::move(token), std::string(timezone),
                  clock_->NowMicros()};
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(Execute(
      *db_, "INSERT INTO projects(name, api_token, timezone, created_at) VALUES(?, ?, ?, ?)",
      project.name, project.api_token, project.timezone, project.created_at_us));
  project.id = db_->LastInsertRowId();
  return project;
}

Result<Project> Catalog::GetProject(int64_t id) {
  std::lock_guard lock(mutex_);
  return GetProjectLocked(id);
}

Result<Project> Catalog::GetProjectLocked(int64_t id) {
  LARDER_ASSIGN_OR_RETURN(std::vector<Project> projects,
                          QueryAll(*db_, Where(kSelectProjects, "id = ?"), &ReadProject, id));
  if (projects.empty()) return NotFound("project {} does not exist", id);
  return std::move(projects.front());
}

Result<Project> Catalog::FindProjectByToken(std::string_view token) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(
      std::vector<Project> projects,
      QueryAll(*db_, Where(kSelectProjects, "api_token = ?"), &ReadProject, token));
  if (projects.empty()) return Status(StatusCode::kUnauthenticated, "invalid project API token");
  return std::move(projects.front());
}

Result<std::vector<Project>> Catalog::ListProjects() {
  std::lock_guard lock(mutex_);
  return QueryAll(*db_, fmt::format("{} ORDER BY id", kSelectProjects), &ReadProject);
}

Result<NewApiKey> Catalog::CreatePersonalApiKey(std::string_view label, int64_t project_id) {
  LARDER_RETURN_IF_ERROR(ValidateApiKeyLabel(label));
  LARDER_ASSIGN_OR_RETURN(std::string key,
                          RandomToken(kPersonalApiKeyPrefix, kPersonalApiKeyChars));
  LARDER_ASSIGN_OR_RETURN(std::string secure_value, Sha256Hex(key));
  std::string mask = fmt::format("{}...{}", kPersonalApiKeyPrefix,
                                 std::string_view(key).substr(key.size() - kMaskedKeySuffixChars));
  PersonalApiKey entry{
      0, std::string(label), std::move(mask), clock_->NowMicros(), std::nullopt, project_id};
  std::lock_guard lock(mutex_);
  Result<Project> project = GetProjectLocked(project_id);
  if (!project.ok()) return project.status();
  LARDER_RETURN_IF_ERROR(Execute(*db_,
                                 "INSERT INTO personal_api_keys(label, mask_value, secure_value, "
                                 "created_at, project_id) VALUES(?, ?, ?, ?, ?)",
                                 entry.label, entry.mask_value, secure_value, entry.created_at_us,
                                 entry.project_id));
  entry.id = db_->LastInsertRowId();
  return NewApiKey{std::move(entry), std::move(key)};
}

Result<PersonalApiKey> Catalog::VerifyPersonalApiKey(std::string_view key) {
  if (!HasTokenFormat(key, kPersonalApiKeyPrefix, kPersonalApiKeyChars)) return UnknownApiKey();
  LARDER_ASSIGN_OR_RETURN(std::string secure_value, Sha256Hex(key));
  int64_t now = clock_->NowMicros();
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(
      std::vector<PersonalApiKey> keys,
      QueryAll(*db_, Where(kSelectApiKeys, "secure_value = ?"), &ReadApiKey, secure_value));
  if (keys.empty()) return UnknownApiKey();
  LARDER_RETURN_IF_ERROR(Execute(*db_, "UPDATE personal_api_keys SET last_used_at = ? WHERE id = ?",
                                 now, keys.front().id));
  keys.front().last_used_at_us = now;
  return std::move(keys.front());
}

Result<std::vector<PersonalApiKey>> Catalog::ListPersonalApiKeys() {
  std::lock_guard lock(mutex_);
  return QueryAll(*db_, fmt::format("{} ORDER BY id", kSelectApiKeys), &ReadApiKey);
}

Status Catalog::DeletePersonalApiKey(int64_t id) {
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(Execute(*db_, "DELETE FROM personal_api_keys WHERE id = ?", id));
  if (db_->ChangedRows() == 0) return NotFound("personal API key {} does not exist", id);
  return Status::OK();
}

Result<TableEntry> Catalog::CreateTable(int64_t project_id, std::string_view name, TableKind kind,
                                        std::string_view location, std::string_view definition) {
  LARDER_RETURN_IF_ERROR(ValidateTableName(name));
  TableEntry table{0,
                   project_id,
                   std::string(name),
                   kind,
                   std::string(location),
                   std::string(definition),
                   clock_->NowMicros()};
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(GetProjectLocked(project_id));
  Status inserted = Execute(*db_,
                            "INSERT INTO tables(project_id, name, kind, location, definition, "
                            "created_at) VALUES(?, ?, ?, ?, ?, ?)",
                            table.project_id, table.name, TableKindName(table.kind), table.location,
                            table.definition, table.created_at_us);
  LARDER_RETURN_IF_ERROR(TableNameTaken(inserted, project_id, name));
  table.id = db_->LastInsertRowId();
  return table;
}

Result<TableEntry> Catalog::GetTable(int64_t project_id, std::string_view name) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(std::vector<TableEntry> tables,
                          QueryAll(*db_, Where(kSelectTables, "project_id = ? AND name = ?"),
                                   &ReadTable, project_id, name));
  if (tables.empty()) return TableNotFound(project_id, name);
  return std::move(tables.front());
}

Result<std::vector<TableEntry>> Catalog::ListTables(int64_t project_id) {
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(GetProjectLocked(project_id));
  return QueryAll(*db_, Where(kSelectTables, "project_id = ? ORDER BY name"), &ReadTable,
                  project_id);
}

Status Catalog::DropTable(int64_t project_id, std::string_view name) {
  std::lock_guard lock(mutex_);
  LARDER_RETURN_IF_ERROR(
      Execute(*db_, "DELETE FROM tables WHERE project_id = ? AND name = ?", project_id, name));
  if (db_->ChangedRows() == 0) return TableNotFound(project_id, name);
  return Status::OK();
}

Status Catalog::RenameTable(int64_t project_id, std::string_view from, std::string_view to) {
  LARDER_RETURN_IF_ERROR(ValidateTableName(to));
  std::lock_guard lock(mutex_);
  Status renamed = Execute(*db_, "UPDATE tables SET name = ? WHERE project_id = ? AND name = ?", to,
                           project_id, from);
  LARDER_RETURN_IF_ERROR(TableNameTaken(renamed, project_id, to));
  if (db_->ChangedRows() == 0) return TableNotFound(project_id, from);
  return Status::OK();
}

}  // namespace larder::catalog
