// MemoryFileSystem: an in-memory FileSystem for tests that models durability exactly as the
// FileSystem contract states, so SimulateCrash() can drop what a power cut would.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "common/file_system.h"

namespace larder {

// Thread-safe. Directories are durable as soon as they are created (a simplification: Larder
// never relies on a directory's own entry surviving a crash before something in it is synced).
class MemoryFileSystem : public FileSystem {
 public:
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status RemoveFile(const std::string& path) override;
  Status CreateDirs(const std::string& path) override;
  Status RemoveDir(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& path) override;
  bool FileExists(const std::string& path) override;
  bool DirExists(const std::string& path) override;
  Result<uint64_t> FileSize(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override;

  // Reverts every file to its contents at its last Sync() and every directory to its entries at
  // its last SyncDir(), as a machine that lost power would find them on reboot.
  void SimulateCrash();
  // Overwrites one byte of a file in place (durably), for corruption tests.
  [[nodiscard]] Status CorruptByte(const std::string& path, uint64_t offset, char xor_mask);

  struct Inode {
    std::string data;
    size_t synced_size = 0;
  };

 private:
  struct Directory {
    std::map<std::string, std::shared_ptr<Inode>> live;
    std::map<std::string, std::shared_ptr<Inode>> durable;
  };
  friend class MemoryFileLock;

  Result<Directory*> FindDir(std::string_view dir_path);
  Result<std::shared_ptr<Inode>> FindFile(const std::string& path);

  std::mutex mutex_;
  std::map<std::string, Directory, std::less<>> dirs_{{"/", Directory{}}};
  std::set<std::string> locked_;
  // Bumped by SimulateCrash(): locks taken before a crash belong to a process that is gone, so
  // destroying them later must not release a lock taken since.
  uint64_t crash_epoch_ = 0;
};

// Which mutating operations a fault applies to (a bit mask).
enum FaultOp : uint32_t {
  kFaultWrite = 1,
  kFaultSync = 2,
  kFaultRename = 4,
  kFaultSyncDir = 8,
  kFaultCreate = 16,
  kFaultRemove = 32,
  kFaultAll = 63,
};

// Wraps a MemoryFileSystem and fails chosen mutating operations. Thread-safe.
class FaultInjectingFileSystem : public FileSystem {
 public:
  explicit FaultInjectingFileSystem(MemoryFileSystem* base) : base_(base) {}

  // The n-th (1-based, counted from now) operation whose kind is in `ops` fails with an IOError.
  // With `crash`, that operation and every later mutating one fail too, as if the machine had
  // stopped, until CrashAndRecover().
  void FailNth(uint32_t ops, int64_t n, bool crash);
  void ClearFaults();
  // The number of mutating operations seen since construction or ResetCounter().
  int64_t mutating_ops() const;
  void ResetCounter();
  // Drops everything not durable in the base file system and clears faults.
  void CrashAndRecover();

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status RemoveFile(const std::string& path) override;
  Status CreateDirs(const std::string& path) override;
  Status RemoveDir(const std::string& path) override;
  Status SyncDir(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& path) override;
  bool FileExists(const std::string& path) override;
  bool DirExists(const std::string& path) override;
  Result<uint64_t> FileSize(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override;

  // Called by the file wrappers: returns an error when this operation must fail.
  Status Check(FaultOp op, std::string_view what);

 private:
  MemoryFileSystem* base_;
  mutable std::mutex mutex_;
  int64_t counter_ = 0;
  uint32_t fault_ops_ = 0;
  int64_t fail_at_ = 0;  // Counter value at which to fail; 0 = none.
  bool crash_ = false;
  bool crashed_ = false;
};

}  // namespace larder
