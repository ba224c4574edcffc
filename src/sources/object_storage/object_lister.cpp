#include "sources/object_storage/object_lister.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <set>
#include <utility>

#include "sources/object_storage/glob.h"

namespace larder::sources {
namespace {

constexpr size_t kStreamPieceBytes = 1 << 20;

Result<std::string> RealPath(const std::string& path) {
  std::unique_ptr<char, decltype(&free)> resolved(realpath(path.c_str(), nullptr), &free);
  if (resolved == nullptr) {
    if (errno == ENOENT) return NotFound("{} does not exist", path);
    return IOError("cannot resolve {}: {}", path, strerror(errno));
  }
  return std::string(resolved.get());
}

struct DirCloser {
  void operator()(DIR* dir) const { closedir(dir); }
};

bool IsInside(const std::string& path, const std::string& root) {
  return root == "/" || path == root ||
         (path.starts_with(root) && path.size() > root.size() && path[root.size()] == '/');
}

// The folders a server may read, resolved; roots that do not exist (yet) are left out.
struct FileRoots {
  std::vector<std::string> resolved;
  std::string shown;  // "/srv/data, /mnt/exports" for messages.

  explicit FileRoots(const std::vector<std::string>& roots) {
    for (const std::string& root : roots) {
      if (!shown.empty()) shown += ", ";
      shown += root;
      Result<std::string> real = RealPath(root);
      if (real.ok()) resolved.push_back(std::move(real).value());
    }
  }

  // OK when `path`, resolved, lies inside a root.
  Status Check(const std::string& path) const {
    LARDER_ASSIGN_OR_RETURN(std::string real, RealPath(path));
    for (const std::string& root : resolved) {
      if (IsInside(real, root)) return Status::OK();
    }
    std::string unslashed = path;
    while (unslashed.size() > 1 && unslashed.ends_with('/')) unslashed.pop_back();
    if (real != unslashed) {
      return Status(StatusCode::kPermissionDenied,
                    fmt::format("{} leads (through a symbolic link) to {}, outside the folders "
                                "this server may read ({})",
                                path, real, shown));
    }
    return Status(StatusCode::kPermissionDenied,
                  fmt::format("{} is outside the folders this server may read ({}): its operator "
                              "can allow more with `larder serve --file-root DIR`",
                              path, shown));
  }
};

bool HasDotDotSegment(std::string_view pattern) {
  size_t start = 0;
  while (start <= pattern.size()) {
    const size_t slash = pattern.find('/', start);
    const std::string_view segment = pattern.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment == "..") return true;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return false;
}

// The folder a local listing starts in: the literal prefix up to its last '/'.
std::string StartFolder(const ObjectUrl& url) {
  return url.key_prefix.substr(0, url.key_prefix.rfind('/') + 1);
}

// Walks a folder tree for the files a glob matches.
class LocalWalker {
 public:
  LocalWalker(const Glob& glob, const FileRoots* roots) : glob_(glob), roots_(roots) {}

  Status Walk(const std::string& folder) {
    struct stat info;
    if (stat(folder.c_str(), &info) != 0) {
      if (errno == ENOENT) return NotFound("the folder {} does not exist", folder);
      return IOError("cannot read the folder {}: {}", folder, strerror(errno));
    }
    if (!S_ISDIR(info.st_mode)) return InvalidArgument("{} is not a folder", folder);
    visited_.insert({info.st_dev, info.st_ino});
    return WalkFolder(folder);
  }

  std::vector<ObjectInfo>& objects() { return objects_; }

 private:
  Status WalkFolder(const std::string& folder) {
    std::unique_ptr<DIR, DirCloser> dir(opendir(folder.c_str()));
    if (dir == nullptr) {
      return IOError("cannot read the folder {}: {}", folder, strerror(errno));
    }
    std::vector<std::string> names;
    while (const dirent* entry = readdir(dir.get())) {
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    dir.reset();
    for (const std::string& name : names) {
      LARDER_RETURN_IF_ERROR(Visit(folder + name));
    }
    return Status::OK();
  }

  Status Visit(const std::string& path) {
    struct stat info;
    if (stat(path.c_str(), &info) != 0) {
      if (errno == ENOENT) return Status::OK();  // A dangling symbolic link.
      return IOError("cannot read {}: {}", path, strerror(errno));
    }
    if (S_ISDIR(info.st_mode)) {
      const std::string folder = path + "/";
      if (!CouldHoldMatches(folder)) return Status::OK();
      if (roots_ != nullptr) {
        LARDER_RETURN_IF_ERROR(roots_->Check(folder));
      }
      if (!visited_.insert({info.st_dev, info.st_ino}).second) return Status::OK();  // A loop.
      return WalkFolder(folder);
    }
    if (!S_ISREG(info.st_mode) || !glob_.Matches(path)) return Status::OK();
    if (roots_ != nullptr) {
      LARDER_RETURN_IF_ERROR(roots_->Check(path));
    }
    if (objects_.size() >= kMaxListedObjects) {
      return ResourceExhausted("the pattern {} matches more than {} files: narrow it",
                               glob_.pattern(), kMaxListedObjects);
    }
    const int64_t modified_nanos =
        static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    objects_.push_back({.key = path,
                        .size = static_cast<uint64_t>(info.st_size),
                        .etag = fmt::format("{:x}-{:x}", info.st_size, modified_nanos),
                        .last_modified_micros = modified_nanos / 1000});
    return Status::OK();
  }

  // Whether files under `folder` (ending in '/') can match: it agrees with the literal prefix
  // and is not deeper than the pattern reaches.
  bool CouldHoldMatches(const std::string& folder) const {
    const std::string& prefix = glob_.literal_prefix();
    if (!folder.starts_with(prefix) && !prefix.starts_with(folder)) return false;
    if (glob_.max_slashes() < 0) return true;
    return std::count(folder.begin(), folder.end(), '/') <= glob_.max_slashes();
  }

  const Glob& glob_;
  const FileRoots* roots_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::vector<ObjectInfo> objects_;
};

Result<std::vector<ObjectInfo>> ListLocalFiles(const ObjectUrl& url, const ObjectAccess& access) {
  std::optional<FileRoots> roots;
  if (access.file_roots.has_value()) {
    LARDER_RETURN_IF_ERROR(CheckFileRoots(url, *access.file_roots));
    roots.emplace(*access.file_roots);
  }
  LARDER_ASSIGN_OR_RETURN(Glob glob, Glob::Compile(url.key_pattern));
  LocalWalker walker(glob, roots.has_value() ? &*roots : nullptr);
  LARDER_RETURN_IF_ERROR(walker.Walk(StartFolder(url)));
  return std::move(walker.objects());
}

S3Client ClientFor(const ObjectUrl& url, const ObjectAccess& access) {
  S3ClientOptions options = access.client_options;
  options.provider = url.provider;
  options.endpoint = url.endpoint;
  options.region = url.region;
  options.virtual_host = url.virtual_host;
  options.credentials = access.credentials;
  options.deny_private_networks = access.deny_private_networks;
  return S3Client(std::move(options));
}

Result<std::vector<ObjectInfo>> ListBucket(const ObjectUrl& url, const ObjectAccess& access) {
  LARDER_ASSIGN_OR_RETURN(Glob glob, Glob::Compile(url.key_pattern));
  std::vector<ObjectInfo> objects;
  Status listed =
      ClientFor(url, access)
          .ListObjects(
              url.bucket, url.key_prefix,
              [&](ObjectInfo object) {
                if (object.key.ends_with('/') || !glob.Matches(object.key)) return Status::OK();
                if (objects.size() >= kMaxListedObjects) {
                  return ResourceExhausted("the pattern {} matches more than {} objects: narrow it",
                                           url.Display(), kMaxListedObjects);
                }
                objects.push_back(std::move(object));
                return Status::OK();
              },
              access.max_keys_per_page);
  LARDER_RETURN_IF_ERROR(listed);
  return objects;
}

}  // namespace

Status CheckFileRoots(const ObjectUrl& url, const std::vector<std::string>& roots) {
  if (url.provider != ObjectStoreProvider::kLocalFiles) return Status::OK();
  if (roots.empty()) {
    return Status(StatusCode::kPermissionDenied,
                  fmt::format("{}: this server reads no local files; its operator can allow "
                              "folders with `larder serve --file-root DIR`",
                              url.Display()));
  }
  if (HasDotDotSegment(url.key_pattern)) {
    return Status(StatusCode::kPermissionDenied,
                  fmt::format("{}: '..' is not allowed in file:// patterns; give the folder's "
                              "full path",
                              url.Display()));
  }
  const std::string start = StartFolder(url);
  Result<std::string> real = RealPath(start);
  if (!real.ok() && real.status().code() == StatusCode::kNotFound) {
    return NotFound("{}: the folder {} does not exist", url.Display(), start);
  }
  LARDER_RETURN_IF_ERROR(real);
  return FileRoots(roots).Check(start).WithContext(url.Display());
}

Result<std::vector<ObjectInfo>> ListMatchingObjects(const ObjectUrl& url,
                                                    const ObjectAccess& access) {
  Result<std::vector<ObjectInfo>> objects = url.provider == ObjectStoreProvider::kLocalFiles
                                                ? ListLocalFiles(url, access)
                                                : ListBucket(url, access);
  LARDER_RETURN_IF_ERROR(objects);
  std::sort(objects->begin(), objects->end(),
            [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
  return objects;
}

Result<std::unique_ptr<ByteSource>> OpenListedObject(const ObjectUrl& url, const ObjectInfo& object,
                                                     const ObjectAccess& access) {
  if (url.provider != ObjectStoreProvider::kLocalFiles) {
    return ClientFor(url, access).OpenListedByteSource(url.bucket, object);
  }
  if (access.file_roots.has_value()) {
    if (access.file_roots->empty()) return CheckFileRoots(url, {});
    LARDER_RETURN_IF_ERROR(FileRoots(*access.file_roots).Check(object.key));
  }
  return OpenLocalByteSource(object.key);
}

Status StreamListedObject(const ObjectUrl& url, const ObjectInfo& object,
                          const ObjectAccess& access, const HttpBodySink& sink) {
  if (url.provider != ObjectStoreProvider::kLocalFiles) {
    return ClientFor(url, access).StreamObject(url.bucket, object.key, sink);
  }
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source,
                          OpenListedObject(url, object, access));
  LARDER_ASSIGN_OR_RETURN(uint64_t size, source->Size());
  std::string piece;
  for (uint64_t offset = 0; offset < size; offset += piece.size()) {
    const size_t length = static_cast<size_t>(std::min<uint64_t>(kStreamPieceBytes, size - offset));
    LARDER_RETURN_IF_ERROR(source->ReadAt(offset, length, &piece));
    LARDER_RETURN_IF_ERROR(sink(piece));
  }
  return Status::OK();
}

}  // namespace larder::sources
