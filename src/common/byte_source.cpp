#include "common/byte_source.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

namespace larder {
namespace {

class LocalByteSource : public ByteSource {
 public:
  LocalByteSource(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  ~LocalByteSource() override { close(fd_); }

  const std::string& name() const override { return path_; }
  Result<uint64_t> Size() override { return size_; }

  Status ReadAt(uint64_t offset, size_t length, std::string* out) override {
    if (offset > size_ || length > size_ - offset) {
      return InvalidArgument("{}: a read of {} bytes at offset {} goes past the end ({} bytes)",
                             path_, length, offset, size_);
    }
    out->resize(length);
    size_t done = 0;
    while (done < length) {
      ssize_t got = pread(fd_, out->data() + done, length - done, offset + done);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        return Status(StatusCode::kIOError,
                      fmt::format("{}: reading at offset {}: {}", path_, offset + done,
                                  got == 0 ? "unexpected end of file" : strerror(errno)));
      }
      done += static_cast<size_t>(got);
    }
    return Status::OK();
  }

 private:
  const std::string path_;
  const int fd_;
  const uint64_t size_;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenLocalByteSource(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("{} does not exist", path);
    return Status(StatusCode::kIOError, fmt::format("cannot open {}: {}", path, strerror(errno)));
  }
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    close(fd);
    return InvalidArgument("{} is not a regular file", path);
  }
  return std::unique_ptr<ByteSource>(
      std::make_unique<LocalByteSource>(path, fd, static_cast<uint64_t>(info.st_size)));
}

}  // namespace larder
