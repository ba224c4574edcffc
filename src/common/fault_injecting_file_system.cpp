#include "common/memory_file_system.h"

namespace larder {
namespace {

class FaultInjectingWritableFile : public WritableFile {
 public:
  FaultInjectingWritableFile(FaultInjectingFileSystem* fs, std::string path,
                             std::unique_ptr<WritableFile> base)
      : fs_(fs), path_(std::move(path)), base_(std::move(base)) {}
  Status Append(std::string_view data) override {
    LARDER_RETURN_IF_ERROR(fs_->Check(kFaultWrite, path_));
    return base_->Append(data);
  }
  Status Sync() override {
    LARDER_RETURN_IF_ERROR(fs_->Check(kFaultSync, path_));
    return base_->Sync();
  }
  Status Close() override { return base_->Close(); }

 private:
  FaultInjectingFileSystem* fs_;
  std::string path_;
  std::unique_ptr<WritableFile> base_;
};

}  // namespace

void FaultInjectingFileSystem::FailNth(uint32_t ops, int64_t n, bool crash) {
  std::lock_guard lock(mutex_);
  fault_ops_ = ops;
  fail_at_ = n;
  crash_ = crash;
}

void FaultInjectingFileSystem::ClearFaults() {
  std::lock_guard lock(mutex_);
  fault_ops_ = 0;
  fail_at_ = 0;
  crash_ = false;
  crashed_ = false;
}

int64_t FaultInjectingFileSystem::mutating_ops() const {
  std::lock_guard lock(mutex_);
  return counter_;
}

void FaultInjectingFileSystem::ResetCounter() {
  std::lock_guard lock(mutex_);
  counter_ = 0;
}

void FaultInjectingFileSystem::CrashAndRecover() {
  base_->SimulateCrash();
  ClearFaults();
}

Status FaultInjectingFileSystem::Check(FaultOp op, std::string_view what) {
  std::lock_guard lock(mutex_);
  ++counter_;
  if (crashed_) return IOError("injected crash: {} after the machine stopped", what);
  if ((fault_ops_ & op) == 0 || fail_at_ <= 0) return Status::OK();
  if (--fail_at_ > 0) return Status::OK();
  if (crash_) crashed_ = true;
  return IOError("injected fault on {}", what);
}

Result<std::unique_ptr<WritableFile>> FaultInjectingFileSystem::NewWritableFile(
    const std::string& path) {
  LARDER_RETURN_IF_ERROR(Check(kFaultCreate, path));
  LARDER_ASSIGN_OR_RETURN(auto file, base_->NewWritableFile(path));
  return std::unique_ptr<WritableFile>(new FaultInjectingWritableFile(this, path, std::move(file)));
}

Result<std::unique_ptr<RandomAccessFile>> FaultInjectingFileSystem::NewRandomAccessFile(
    const std::string& path) {
  return base_->NewRandomAccessFile(path);
}

Status FaultInjectingFileSystem::Rename(const std::string& from, const std::string& to) {
  LARDER_RETURN_IF_ERROR(Check(kFaultRename, from));
  return base_->Rename(from, to);
}

Status FaultInjectingFileSystem::RemoveFile(const std::string& path) {
  LARDER_RETURN_IF_ERROR(Check(kFaultRemove, path));
  return base_->RemoveFile(path);
}

Status FaultInjectingFileSystem::CreateDirs(const std::string& path) {
  LARDER_RETURN_IF_ERROR(Check(kFaultCreate, path));
  return base_->CreateDirs(path);
}

Status FaultInjectingFileSystem::RemoveDir(const std::string& path) {
  LARDER_RETURN_IF_ERROR(Check(kFaultRemove, path));
  return base_->RemoveDir(path);
}

Status FaultInjectingFileSystem::SyncDir(const std::string& path) {
  LARDER_RETURN_IF_ERROR(Check(kFaultSyncDir, path));
  return base_->SyncDir(path);
}

Result<std::vector<std::string>> FaultInjectingFileSystem::ListDir(const std::string& path) {
  return base_->ListDir(path);
}
bool FaultInjectingFileSystem::FileExists(const std::string& path) {
  return base_->FileExists(path);
}
bool FaultInjectingFileSystem::DirExists(const std::string& path) { return base_->DirExists(path); }
Result<uint64_t> FaultInjectingFileSystem::FileSize(const std::string& path) {
  return base_->FileSize(path);
}
Result<std::unique_ptr<FileLock>> FaultInjectingFileSystem::LockFile(const std::string& path) {
  return base_->LockFile(path);
}

}  // namespace larder
