// DataDirectory: one Larder data directory — its lock, its catalog and the storage of its
// tables. The CLI and the server open exactly one; a second process is refused.
//
// Layout:
//   LOCK                         held (flock) by the process that has the directory open
//   catalog.sqlite               the catalog (projects, keys, tables, ...)
//   secret.key                   32 random bytes: the key sealing source credentials (mode 0600)
//   tables/p<project>/<name>_<random>/   one table: manifest and parts (storage/table.h)
//   persons/p<project>.sqlite    the project's persons, distinct ids and groups
//   events-log/                  the write-ahead log of captured events (analytics/event_log.h)
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "analytics/person_store.h"
#include "catalog/catalog.h"
#include "common/secret_box.h"
#include "storage/table.h"
#include "warehouse/external_tables.h"

namespace larder::warehouse {

class DataDirectory {
 public:
  // Opens the directory at `path`, creating it (and a default project) when missing.
  // Fails with kFailedPrecondition when another process has it open.
  // REQUIRES: the env's pointers outlive the directory.
  static Result<std::unique_ptr<DataDirectory>> Open(const std::string& path,
                                                     const storage::StorageEnv& env);
  ~DataDirectory();

  const std::string& path() const { return path_; }
  catalog::Catalog& catalog() { return *catalog_; }
  const storage::StorageEnv& env() const { return env_; }
  // The first project (created with the directory).
  const catalog::Project& default_project() const { return default_project_; }
  // Seals and opens secrets at rest (source credentials) with the directory's key.
  const SecretBox& secrets() const { return *secrets_; }

  // Creates a table in the catalog and on disk.
  Result<storage::Table*> CreateTable(int64_t project_id, const std::string& name,
                                      catalog::TableKind kind, const Schema& schema,
                                      const std::vector<std::string>& sort_key,
                                      const storage::TableSettings& settings);
  // Opens a table's storage (once; later calls return the same object). Thread-safe.
  Result<storage::Table*> OpenTable(int64_t project_id, const std::string& name);
  // Removes a table from the catalog and deletes its files.
  Status DropTable(int64_t project_id, const std::string& name);
  // The project's persons store, opened (or created) once. Thread-safe.
  Result<analytics::PersonStore*> Persons(int64_t project_id);
  // Where the events write-ahead log lives.
  std::string EventsLogDir() const { return path_ + "/events-log"; }

  // How queries read self-managed tables (files in place), installed once at start by the
  // binary (external/self_managed_tables.h); unset: such tables cannot be queried.
  void SetExternalScanOpener(ExternalScanOpener opener) { external_scans_ = std::move(opener); }
  const ExternalScanOpener& external_scan_opener() const { return external_scans_; }

 private:
  DataDirectory() = default;
  Status RemoveTree(const std::string& dir);
  // Reads secret.key, creating it (atomically) on first open.
  Status LoadSecretKey();

  std::string path_;
  storage::StorageEnv env_;
  std::unique_ptr<FileLock> lock_;
  std::unique_ptr<catalog::Catalog> catalog_;
  catalog::Project default_project_;
  std::unique_ptr<SecretBox> secrets_;
  ExternalScanOpener external_scans_;
  std::mutex tables_mutex_;
  std::map<std::pair<int64_t, std::string>, std::unique_ptr<storage::Table>> tables_;
  std::mutex persons_mutex_;
  std::map<int64_t, std::unique_ptr<analytics::PersonStore>> persons_;
};

}  // namespace larder::warehouse
