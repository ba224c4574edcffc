// FileSystem: the only way Larder touches files, so tests can swap in an in-memory or a
// fault-injecting implementation. Modeled on POSIX: data is durable after Sync(); a directory
// entry (create, rename, remove) is durable after SyncDir() of its parent.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder {

// A file opened for appending. Not thread-safe.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  [[nodiscard]] virtual Status Append(std::string_view data) = 0;
  // Makes everything appended so far durable.
  [[nodiscard]] virtual Status Sync() = 0;
  [[nodiscard]] virtual Status Close() = 0;
};

// An immutable file read at arbitrary offsets. Thread-safe.
class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  virtual uint64_t Size() const = 0;
  // Reads `length` bytes at `offset`. The view points into memory owned by the file (a mapping)
  // and stays valid as long as the file object lives.
  virtual Result<std::string_view> Read(uint64_t offset, size_t length) const = 0;
};

// An exclusive, advisory lock on a file, held until destroyed.
class FileLock {
 public:
  virtual ~FileLock() = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Creates or truncates `path`.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  virtual Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(
      const std::string& path) = 0;
  // Atomically replaces `to` with `from`.
  [[nodiscard]] virtual Status Rename(const std::string& from, const std::string& to) = 0;
  [[nodiscard]] virtual Status RemoveFile(const std::string& path) = 0;
  // Creates `path` and any missing parents; OK if it exists.
  [[nodiscard]] virtual Status CreateDirs(const std::string& path) = 0;
  // Removes an empty directory.
  [[nodiscard]] virtual Status RemoveDir(const std::string& path) = 0;
  // Makes the entries of directory `path` durable.
  [[nodiscard]] virtual Status SyncDir(const std::string& path) = 0;
  // Names (not paths) of the entries in a directory, unordered.
  virtual Result<std::vector<std::string>> ListDir(const std::string& path) = 0;
  virtual bool FileExists(const std::string& path) = 0;
  virtual bool DirExists(const std::string& path) = 0;
  virtual Result<uint64_t> FileSize(const std::string& path) = 0;
  // Takes an exclusive lock on `path` (created if missing); fails with kFailedPrecondition when
  // another process (or another lock in this process) holds it.
  virtual Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) = 0;

  // Conveniences built on the primitives above.
  Result<std::string> ReadFileToString(const std::string& path);
  // Writes `data` to `path` so that after return either the old or the new contents are there,
  // durably: temp file, fsync, rename, fsync directory.
  [[nodiscard]] Status WriteFileAtomically(const std::string& path, std::string_view data);
};

// The operating system's file system. Reads use mmap.
std::unique_ptr<FileSystem> NewPosixFileSystem();

std::string JoinPath(std::string_view dir, std::string_view name);
std::string_view DirName(std::string_view path);
std::string_view BaseName(std::string_view path);

}  // namespace larder
