// DataDirectory: one Larder data directory — its lock, its catalog and the storage of its
// tables. The CLI and the server open exactly one; a second process is refused.
//
// Layout:
//   LOCK                         held (flock) by the process that has the directory open
//   catalog.sqlite               the catalog (projects, keys, tables, ...)
//   tables/p<project>/<name>_<random>/   one table: manifest and parts (storage/table.h)
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/catalog.h"
#include "storage/table.h"

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

  // Creates a table in the catalog and on disk.
  Result<storage::Table*> CreateTable(int64_t project_id, const std::string& name,
                                      catalog::TableKind kind, const Schema& schema,
                                      const std::vector<std::string>& sort_key,
                                      const storage::TableSettings& settings);
  // Opens a table's storage (once; later calls return the same object). Thread-safe.
  Result<storage::Table*> OpenTable(int64_t project_id, const std::string& name);
  // Removes a table from the catalog and deletes its files.
  Status DropTable(int64_t project_id, const std::string& name);

 private:
  DataDirectory() = default;
  Status RemoveTree(const std::string& dir);

  std::string path_;
  storage::StorageEnv env_;
  std::unique_ptr<FileLock> lock_;
  std::unique_ptr<catalog::Catalog> catalog_;
  catalog::Project default_project_;
  std::mutex tables_mutex_;
  std::map<std::pair<int64_t, std::string>, std::unique_ptr<storage::Table>> tables_;
};

}  // namespace larder::warehouse
