#include "common/memory_file_system.h"

namespace larder {
namespace {

class MemoryWritableFile : public WritableFile {
 public:
  MemoryWritableFile(std::shared_ptr<MemoryFileSystem::Inode> inode, std::mutex* mutex)
      : inode_(std::move(inode)), mutex_(mutex) {}
  Status Append(std::string_view data) override {
    std::lock_guard lock(*mutex_);
    inode_->data.append(data);
    return Status::OK();
  }
  Status Sync() override {
    std::lock_guard lock(*mutex_);
    inode_->synced_size = inode_->data.size();
    return Status::OK();
  }
  Status Close() override { return Status::OK(); }

 private:
  std::shared_ptr<MemoryFileSystem::Inode> inode_;
  std::mutex* mutex_;
};

class MemoryRandomAccessFile : public RandomAccessFile {
 public:
  MemoryRandomAccessFile(std::string path, std::string data)
      : path_(std::move(path)), data_(std::move(data)) {}
  uint64_t Size() const override { return data_.size(); }
  Result<std::string_view> Read(uint64_t offset, size_t length) const override {
    if (offset > data_.size() || length > data_.size() - offset) {
      return Corruption("read of {} bytes at offset {} is past the end of {} ({} bytes)", length,
                        offset, path_, data_.size());
    }
    return std::string_view(data_).substr(offset, length);
  }

 private:
  std::string path_;
  std::string data_;
};

std::string NormalizeDir(std::string_view path) {
  std::string dir(path);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

}  // namespace

class MemoryFileLock : public FileLock {
 public:
  MemoryFileLock(MemoryFileSystem* fs, std::string path, uint64_t crash_epoch)
      : fs_(fs), path_(std::move(path)), crash_epoch_(crash_epoch) {}
  ~MemoryFileLock() override {
    std::lock_guard lock(fs_->mutex_);
    if (fs_->crash_epoch_ == crash_epoch_) fs_->locked_.erase(path_);
  }

 private:
  MemoryFileSystem* fs_;
  std::string path_;
  uint64_t crash_epoch_;
};

Result<MemoryFileSystem::Directory*> MemoryFileSystem::FindDir(std::string_view dir_path) {
  auto it = dirs_.find(NormalizeDir(dir_path));
  if (it == dirs_.end()) return NotFound("directory {} does not exist", dir_path);
  return &it->second;
}

Result<std::shared_ptr<MemoryFileSystem::Inode>> MemoryFileSystem::FindFile(
    const std::string& path) {
  LARDER_ASSIGN_OR_RETURN(Directory * dir, FindDir(DirName(path)));
  auto it = dir->live.find(std::string(BaseName(path)));
  if (it == dir->live.end()) return NotFound("file {} does not exist", path);
  return it->second;
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::NewWritableFile(const std::string& path) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(Directory * dir, FindDir(DirName(path)));
  auto inode = std::make_shared<Inode>();
  dir->live[std::string(BaseName(path))] = inode;
  return std::unique_ptr<WritableFile>(new MemoryWritableFile(inode, &mutex_));
}

Result<std::unique_ptr<RandomAccessFile>> MemoryFileSystem::NewRandomAccessFile(
    const std::string& path) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(auto inode, FindFile(path));
  return std::unique_ptr<RandomAccessFile>(new MemoryRandomAccessFile(path, inode->data));
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(auto inode, FindFile(from));
  LARDER_ASSIGN_OR_RETURN(Directory * to_dir, FindDir(DirName(to)));
  LARDER_ASSIGN_OR_RETURN(Directory * from_dir, FindDir(DirName(from)));
  from_dir->live.erase(std::string(BaseName(from)));
  to_dir->live[std::string(BaseName(to))] = inode;
  return Status::OK();
}

Status MemoryFileSystem::RemoveFile(const std::string& path) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(Directory * dir, FindDir(DirName(path)));
  if (dir->live.erase(std::string(BaseName(path))) == 0) {
    return NotFound("file {} does not exist", path);
  }
  return Status::OK();
}

Status MemoryFileSystem::CreateDirs(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string dir = NormalizeDir(path);
  while (dir != "/" && dir != "." && !dir.empty()) {
    dirs_.try_emplace(dir);
    dir = NormalizeDir(DirName(dir));
  }
  return Status::OK();
}

Status MemoryFileSystem::RemoveDir(const std::string& path) {
  std::lock_guard lock(mutex_);
  auto it = dirs_.find(NormalizeDir(path));
  if (it == dirs_.end()) return NotFound("directory {} does not exist", path);
  std::string prefix = it->first == "/" ? "/" : it->first + "/";
  auto first_below = dirs_.upper_bound(prefix);
  bool has_subdirectory = first_below != dirs_.end() && first_below->first.starts_with(prefix);
  if (!it->second.live.empty() || has_subdirectory) {
    return IOError("directory {} is not empty", path);
  }
  dirs_.erase(it);
  return Status::OK();
}

Status MemoryFileSystem::SyncDir(const std::string& path) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(Directory * dir, FindDir(path));
  dir->durable = dir->live;
  return Status::OK();
}

Result<std::vector<std::string>> MemoryFileSystem::ListDir(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string prefix = NormalizeDir(path);
  LARDER_ASSIGN_OR_RETURN(Directory * dir, FindDir(prefix));
  std::vector<std::string> names;
  for (const auto& [name, inode] : dir->live) names.push_back(name);
  if (prefix != "/") prefix += '/';
  for (const auto& [dir_path, unused] : dirs_) {
    if (dir_path.size() > prefix.size() && dir_path.starts_with(prefix) &&
        dir_path.find('/', prefix.size()) == std::string::npos) {
      names.push_back(dir_path.substr(prefix.size()));
    }
  }
  return names;
}

bool MemoryFileSystem::FileExists(const std::string& path) {
  std::lock_guard lock(mutex_);
  return FindFile(path).ok();
}

bool MemoryFileSystem::DirExists(const std::string& path) {
  std::lock_guard lock(mutex_);
  return dirs_.count(NormalizeDir(path)) > 0;
}

Result<uint64_t> MemoryFileSystem::FileSize(const std::string& path) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(auto inode, FindFile(path));
  return static_cast<uint64_t>(inode->data.size());
}

Result<std::unique_ptr<FileLock>> MemoryFileSystem::LockFile(const std::string& path) {
  std::lock_guard lock(mutex_);
  if (!locked_.insert(path).second) {
    return FailedPrecondition("{} is locked by another process", path);
  }
  return std::unique_ptr<FileLock>(new MemoryFileLock(this, path, crash_epoch_));
}

void MemoryFileSystem::SimulateCrash() {
  std::lock_guard lock(mutex_);
  for (auto& [path, dir] : dirs_) {
    dir.live = dir.durable;
    for (auto& [name, inode] : dir.live) {
      inode->data.resize(inode->synced_size);
    }
  }
  locked_.clear();
  ++crash_epoch_;
}

Status MemoryFileSystem::CorruptByte(const std::string& path, uint64_t offset, char xor_mask) {
  std::lock_guard lock(mutex_);
  LARDER_ASSIGN_OR_RETURN(auto inode, FindFile(path));
  if (offset >= inode->data.size())
    return InvalidArgument("offset {} past end of {}", offset, path);
  inode->data[offset] = static_cast<char>(inode->data[offset] ^ xor_mask);
  return Status::OK();
}

}  // namespace larder
