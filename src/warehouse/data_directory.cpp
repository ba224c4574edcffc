#include "warehouse/data_directory.h"

#include <sys/stat.h>

#include <algorithm>
#include <random>

namespace larder::warehouse {

DataDirectory::~DataDirectory() {
  std::lock_guard lock(tables_mutex_);
  tables_.clear();
}

Result<std::unique_ptr<DataDirectory>> DataDirectory::Open(const std::string& path,
                                                           const storage::StorageEnv& env) {
  std::unique_ptr<DataDirectory> dir(new DataDirectory());
  dir->path_ = path;
  dir->env_ = env;
  Status status = env.fs->CreateDirs(path);
  if (!status.ok()) return status.WithContext("cannot create the data directory");
  auto lock = env.fs->LockFile(JoinPath(path, "LOCK"));
  if (!lock.ok()) {
    if (lock.status().code() == StatusCode::kFailedPrecondition) {
      return FailedPrecondition(
          "data directory {} is in use by another larder process; stop that process or choose "
          "another directory with --data DIR",
          path);
    }
    return lock.status();
  }
  dir->lock_ = std::move(*lock);
  LARDER_ASSIGN_OR_RETURN(dir->catalog_,
                          catalog::Catalog::Open(JoinPath(path, "catalog.sqlite"), env.clock));
  LARDER_RETURN_IF_ERROR(dir->LoadSecretKey());
  LARDER_ASSIGN_OR_RETURN(auto projects, dir->catalog_->ListProjects());
  if (projects.empty()) {
    LARDER_ASSIGN_OR_RETURN(dir->default_project_,
                            dir->catalog_->CreateProject("Default project", "UTC"));
  } else {
    dir->default_project_ = projects.front();
  }
  return dir;
}

Result<storage::Table*> DataDirectory::CreateTable(int64_t project_id, const std::string& name,
                                                   catalog::TableKind kind, const Schema& schema,
                                                   const std::vector<std::string>& sort_key,
                                                   const storage::TableSettings& settings) {
  std::lock_guard lock(tables_mutex_);
  if (catalog_->GetTable(project_id, name).ok()) {
    return AlreadyExists("table {} already exists", name);
  }
  static thread_local std::mt19937_64 random(std::random_device{}());
  std::string location =
      fmt::format("tables/p{}/{}_{:08x}", project_id, name, static_cast<uint32_t>(random()));
  std::string table_dir = JoinPath(path_, location);
  LARDER_ASSIGN_OR_RETURN(
      auto table, storage::Table::Create(env_, table_dir, name, schema, sort_key, settings));
  auto entry = catalog_->CreateTable(project_id, name, kind, location, "");
  if (!entry.ok()) {
    table.reset();
    RemoveTree(table_dir).IgnoreError();
    return entry.status();
  }
  storage::Table* result = table.get();
  tables_[{project_id, name}] = std::move(table);
  return result;
}

Result<storage::Table*> DataDirectory::OpenTable(int64_t project_id, const std::string& name) {
  std::lock_guard lock(tables_mutex_);
  auto it = tables_.find({project_id, name});
  if (it != tables_.end()) return it->second.get();
  LARDER_ASSIGN_OR_RETURN(catalog::TableEntry entry, catalog_->GetTable(project_id, name));
  if (entry.location.empty() || entry.location.find("://") != std::string::npos) {
    return FailedPrecondition("table {} is a {} table without local storage", name,
                              catalog::TableKindName(entry.kind));
  }
  LARDER_ASSIGN_OR_RETURN(auto table,
                          storage::Table::Open(env_, JoinPath(path_, entry.location), name));
  storage::Table* result = table.get();
  tables_[{project_id, name}] = std::move(table);
  return result;
}

Status DataDirectory::DropTable(int64_t project_id, const std::string& name) {
  std::lock_guard lock(tables_mutex_);
  LARDER_ASSIGN_OR_RETURN(catalog::TableEntry entry, catalog_->GetTable(project_id, name));
  tables_.erase({project_id, name});
  LARDER_RETURN_IF_ERROR(catalog_->DropTable(project_id, name));
  if (entry.location.empty() || entry.location.find("://") != std::string::npos) {
    return Status::OK();
  }
  return RemoveTree(JoinPath(path_, entry.location));
}

Result<analytics::PersonStore*> DataDirectory::Persons(int64_t project_id) {
  std::lock_guard lock(persons_mutex_);
  auto& store = persons_[project_id];
  if (store == nullptr) {
    Result<catalog::Project> project = catalog_->GetProject(project_id);
    if (!project.ok()) return project.status();
    LARDER_RETURN_IF_ERROR(env_.fs->CreateDirs(JoinPath(path_, "persons")));
    std::string file = JoinPath(path_, fmt::format("persons/p{}.sqlite", project_id));
    auto opened = analytics::PersonStore::Open(file, project_id, env_.clock);
    if (!opened.ok()) {
      persons_.erase(project_id);
      return opened.status();
    }
    store = std::move(opened).value();
  }
  return store.get();
}

Status DataDirectory::LoadSecretKey() {
  const std::string path = JoinPath(path_, "secret.key");
  SecretBox::Key key;
  if (env_.fs->FileExists(path)) {
    LARDER_ASSIGN_OR_RETURN(auto file, env_.fs->NewRandomAccessFile(path));
    if (file->Size() != key.size()) {
      return Corruption(
          "{} should hold {} bytes but holds {}: restore it from a backup; without "
          "it the sources' credentials cannot be read",
          path, key.size(), file->Size());
    }
    LARDER_ASSIGN_OR_RETURN(std::string_view bytes, file->Read(0, key.size()));
    std::copy(bytes.begin(), bytes.end(), key.begin());
  } else {
    LARDER_ASSIGN_OR_RETURN(key, SecretBox::NewKey());
    const std::string temp = path + ".tmp";
    LARDER_ASSIGN_OR_RETURN(auto file, env_.fs->NewWritableFile(temp));
    ::chmod(temp.c_str(), 0600);  // Best effort: a file system in memory has no modes.
    LARDER_RETURN_IF_ERROR(
        file->Append(std::string_view(reinterpret_cast<const char*>(key.data()), key.size())));
    LARDER_RETURN_IF_ERROR(file->Sync());
    LARDER_RETURN_IF_ERROR(file->Close());
    LARDER_RETURN_IF_ERROR(env_.fs->Rename(temp, path));
    LARDER_RETURN_IF_ERROR(env_.fs->SyncDir(path_));
  }
  secrets_ = std::make_unique<SecretBox>(key);
  return Status::OK();
}

Status DataDirectory::RemoveTree(const std::string& dir) {
  if (!env_.fs->DirExists(dir)) return Status::OK();
  LARDER_ASSIGN_OR_RETURN(auto entries, env_.fs->ListDir(dir));
  for (const std::string& entry : entries) {
    std::string path = JoinPath(dir, entry);
    if (env_.fs->DirExists(path)) {
      LARDER_RETURN_IF_ERROR(RemoveTree(path));
    } else {
      LARDER_RETURN_IF_ERROR(env_.fs->RemoveFile(path));
    }
  }
  return env_.fs->RemoveDir(dir);
}

}  // namespace larder::warehouse
