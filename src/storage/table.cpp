#include "storage/table.h"

#include <random>
#include <set>

#include "common/logging.h"
#include "storage/table_writer.h"

namespace larder::storage {

namespace {
constexpr std::string_view kPartSuffix = ".lpt";
}  // namespace

// Counts, per part file, the snapshots that list it. A part dropped from the table by a commit
// is retired: its file is deleted once no snapshot lists it. Closing a table retires nothing.
class PartRegistry {
 public:
  PartRegistry(FileSystem* fs, std::string dir) : fs_(fs), dir_(std::move(dir)) {}
  void Acquire(const TableManifest& manifest) {
    std::lock_guard lock(mutex_);
    for (const PartEntry& part : manifest.parts) ++refs_[part.file_name];
  }
  void Release(const TableManifest& manifest) {
    std::lock_guard lock(mutex_);
    for (const PartEntry& part : manifest.parts) {
      if (--refs_[part.file_name] > 0) continue;
      refs_.erase(part.file_name);
      if (retired_.erase(part.file_name)) RemoveLocked(part.file_name);
    }
  }
  void Retire(const std::vector<std::string>& file_names) {
    std::lock_guard lock(mutex_);
    for (const std::string& name : file_names) {
      if (refs_.count(name))
        retired_.insert(name);
      else
        RemoveLocked(name);
    }
  }

 private:
  FileSystem* fs_;
  std::string dir_;
  std::mutex mutex_;
  std::map<std::string, int> refs_;
  std::set<std::string> retired_;

  void RemoveLocked(const std::string& file_name) {
    // A failure leaves an orphan that the next Open removes.
    Status status = fs_->RemoveFile(JoinPath(dir_, file_name));
    if (!status.ok()) LARDER_LOG(kWarning, "could not remove unused part: {}", status.ToString());
  }
};

TableSnapshot::~TableSnapshot() {
  if (registry_) registry_->Release(manifest_);
}

const std::string& TableSnapshot::metadata(const std::string& key) const {
  static const std::string kEmpty;
  auto it = manifest_.metadata.find(key);
  return it == manifest_.metadata.end() ? kEmpty : it->second;
}

Table::Table(const StorageEnv& env, std::string dir, std::string name)
    : env_(env),
      dir_(std::move(dir)),
      name_(std::move(name)),
      registry_(std::make_shared<PartRegistry>(env.fs, dir_)) {}

Table::~Table() { WaitForBackgroundCompaction(); }

Result<std::unique_ptr<Table>> Table::Create(const StorageEnv& env, const std::string& dir,
                                             const std::string& name, const Schema& schema,
                                             const std::vector<std::string>& sort_key,
                                             const TableSettings& settings) {
  if (schema.fields.empty()) return InvalidArgument("table {} needs at least one column", name);
  TableManifest manifest;
  manifest.version = 1;
  manifest.committed_at_us = env.clock->NowMicros();
  manifest.settings = settings;
  std::set<std::string, std::less<>> names;
  for (const Field& field : schema.fields) {
    if (field.type.id() == TypeId::kNothing || field.type.id() == TypeId::kInterval) {
      return InvalidArgument("table {}: column {} has type {}, which cannot be stored", name,
                             field.name, field.type.ToString());
    }
    if (!names.insert(field.name).second) {
      return InvalidArgument("table {}: column {} appears twice", name, field.name);
    }
    manifest.columns.push_back({manifest.next_column_id++, field.name, field.type});
  }
  for (const std::string& key : sort_key) {
    if (!names.count(key)) {
      return InvalidArgument("table {}: sort key column {} is not a column", name, key);
    }
  }
  manifest.sort_key = sort_key;
  LARDER_RETURN_IF_ERROR(env.fs->CreateDirs(dir));
  LARDER_ASSIGN_OR_RETURN(auto entries, env.fs->ListDir(dir));
  for (const std::string& entry : entries) {
    uint64_t version;
    if (ParseManifestFileName(entry, &version)) {
      return AlreadyExists("table {} already exists in {}", name, dir);
    }
  }
  std::unique_ptr<Table> table(new Table(env, dir, name));
  LARDER_RETURN_IF_ERROR(table->WriteManifest(manifest));
  table->current_ = table->MakeSnapshot(std::move(manifest), {});
  return table;
}

Result<std::unique_ptr<Table>> Table::Open(const StorageEnv& env, const std::string& dir,
                                           const std::string& name) {
  if (!env.fs->DirExists(dir)) return NotFound("table {}: directory {} does not exist", name, dir);
  LARDER_ASSIGN_OR_RETURN(auto entries, env.fs->ListDir(dir));
  uint64_t latest = 0;
  for (const std::string& entry : entries) {
    uint64_t version;
    if (ParseManifestFileName(entry, &version)) latest = std::max(latest, version);
  }
  if (latest == 0) return NotFound("table {}: no committed version in {}", name, dir);
  std::string what = fmt::format("table {}, manifest version {}", name, latest);
  LARDER_ASSIGN_OR_RETURN(std::string bytes,
                          env.fs->ReadFileToString(JoinPath(dir, ManifestFileName(latest))));
  LARDER_ASSIGN_OR_RETURN(TableManifest manifest, TableManifest::Deserialize(bytes, what));
  std::vector<std::shared_ptr<const PartReader>> parts;
  for (const PartEntry& part : manifest.parts) {
    std::string path = JoinPath(dir, part.file_name);
    if (!env.fs->FileExists(path)) {
      return Corruption("{}: part {} is missing from {}", what, part.file_name, dir);
    }
    LARDER_ASSIGN_OR_RETURN(auto reader, PartReader::Open(env.fs, path, name, part.file_name));
    parts.push_back(std::move(reader));
  }
  std::unique_ptr<Table> table(new Table(env, dir, name));
  table->current_ = table->MakeSnapshot(std::move(manifest), std::move(parts));
  LARDER_RETURN_IF_ERROR(table->RemoveLeftovers(latest));
  return table;
}

Status Table::RemoveLeftovers(uint64_t version) {
  LARDER_ASSIGN_OR_RETURN(auto entries, env_.fs->ListDir(dir_));
  std::set<std::string> live;
  for (const PartEntry& part : current_->manifest().parts) live.insert(part.file_name);
  for (const std::string& entry : entries) {
    uint64_t entry_version;
    bool stale_manifest = ParseManifestFileName(entry, &entry_version) && entry_version != version;
    bool temp = entry.find(".tmp") != std::string::npos;
    bool orphan_part = entry.ends_with(kPartSuffix) && !live.count(entry);
    if (stale_manifest || temp || orphan_part) {
      Status status = env_.fs->RemoveFile(JoinPath(dir_, entry));
      if (!status.ok()) LARDER_LOG(kWarning, "table {}: {}", name_, status.ToString());
    }
  }
  return Status::OK();
}

std::shared_ptr<const TableSnapshot> Table::Snapshot() const {
  std::lock_guard lock(state_mutex_);
  return current_;
}

std::shared_ptr<const TableSnapshot> Table::MakeSnapshot(
    TableManifest manifest, std::vector<std::shared_ptr<const PartReader>> parts) {
  std::shared_ptr<TableSnapshot> snapshot(new TableSnapshot());
  snapshot->table_name_ = name_;
  snapshot->manifest_ = std::move(manifest);
  snapshot->parts_ = std::move(parts);
  registry_->Acquire(snapshot->manifest_);
  snapshot->registry_ = registry_;
  return snapshot;
}

std::unique_ptr<TableWriter> Table::NewWriter() {
  return std::make_unique<TableWriter>(this, Snapshot());
}

std::string Table::NewPartFileName() {
  static thread_local std::mt19937_64 random(std::random_device{}());
  return fmt::format("part-{:016x}-{:06d}{}", random(), part_counter_.fetch_add(1), kPartSuffix);
}

std::string Table::PartPath(const std::string& file_name) const {
  return JoinPath(dir_, file_name);
}

bool Table::broken() {
  std::lock_guard lock(commit_mutex_);
  return !broken_.ok();
}

Status Table::WriteManifest(const TableManifest& manifest) {
  std::string path = JoinPath(dir_, ManifestFileName(manifest.version));
  std::string temp = path + ".tmp";
  Status status;
  {
    auto file = env_.fs->NewWritableFile(temp);
    if (!file.ok()) return file.status();
    status = (*file)->Append(manifest.Serialize());
    if (status.ok()) status = (*file)->Sync();
    if (status.ok()) status = (*file)->Close();
  }
  if (status.ok()) status = env_.fs->Rename(temp, path);
  if (!status.ok()) {
    env_.fs->RemoveFile(temp).IgnoreError();
    return status.WithContext(fmt::format("table {}: writing version {}", name_, manifest.version));
  }
  status = env_.fs->SyncDir(dir_);
  if (!status.ok()) {
    // The new version may or may not survive a crash: refuse further commits until reopened.
    broken_ = status;
    return status.WithContext(
        fmt::format("table {}: making version {} durable", name_, manifest.version));
  }
  return Status::OK();
}

Status Table::Commit(CommitDelta delta) {
  std::lock_guard commit_lock(commit_mutex_);
  if (!broken_.ok()) {
    return FailedPrecondition("table {}: an earlier commit failed ({}); reopen the table", name_,
                              broken_.ToString());
  }
  std::shared_ptr<const TableSnapshot> base = Snapshot();
  LARDER_ASSIGN_OR_RETURN(TableManifest next, ApplyDelta(base->manifest(), delta));
  next.version = base->version() + 1;
  next.committed_at_us = env_.clock->NowMicros();
  if (!delta.added_parts.empty()) LARDER_RETURN_IF_ERROR(env_.fs->SyncDir(dir_));
  LARDER_RETURN_IF_ERROR(WriteManifest(next));

  std::map<std::string, std::shared_ptr<const PartReader>> readers;
  for (const auto& part : base->parts()) readers[part->part_name()] = part;
  for (const auto& part : delta.added_parts) readers[part->part_name()] = part;
  std::vector<std::shared_ptr<const PartReader>> parts;
  for (const PartEntry& entry : next.parts) parts.push_back(readers.at(entry.file_name));
  auto snapshot = MakeSnapshot(std::move(next), std::move(parts));
  {
    std::lock_guard lock(state_mutex_);
    current_ = snapshot;
  }
  std::set<std::string> kept;
  for (const PartEntry& entry : snapshot->manifest().parts) kept.insert(entry.file_name);
  std::vector<std::string> dropped;
  for (const PartEntry& entry : base->manifest().parts) {
    if (!kept.count(entry.file_name)) dropped.push_back(entry.file_name);
  }
  base.reset();
  registry_->Retire(dropped);
  Status removed = env_.fs->RemoveFile(JoinPath(dir_, ManifestFileName(snapshot->version() - 1)));
  if (!removed.ok()) LARDER_LOG(kDebug, "table {}: {}", name_, removed.ToString());
  if (!delta.added_parts.empty()) ScheduleCompaction();
  return Status::OK();
}

}  // namespace larder::storage
