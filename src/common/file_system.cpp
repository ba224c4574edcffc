#include "common/file_system.h"

#include <atomic>

namespace larder {

Result<std::string> FileSystem::ReadFileToString(const std::string& path) {
  LARDER_ASSIGN_OR_RETURN(auto file, NewRandomAccessFile(path));
  LARDER_ASSIGN_OR_RETURN(std::string_view view, file->Read(0, file->Size()));
  return std::string(view);
}

Status FileSystem::WriteFileAtomically(const std::string& path, std::string_view data) {
  static std::atomic<uint64_t> counter{0};
  std::string temp = fmt::format("{}.tmp-{}", path, counter.fetch_add(1));
  {
    LARDER_ASSIGN_OR_RETURN(auto file, NewWritableFile(temp));
    Status status = file->Append(data);
    if (status.ok()) status = file->Sync();
    if (status.ok()) status = file->Close();
    if (!status.ok()) {
      RemoveFile(temp).IgnoreError();
      return status;
    }
  }
  if (Status status = Rename(temp, path); !status.ok()) {
    RemoveFile(temp).IgnoreError();
    return status;
  }
  return SyncDir(std::string(DirName(path)));
}

std::string JoinPath(std::string_view dir, std::string_view name) {
  if (dir.empty()) return std::string(name);
  if (dir.back() == '/') return fmt::format("{}{}", dir, name);
  return fmt::format("{}/{}", dir, name);
}

std::string_view DirName(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string_view BaseName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace larder
