// ByteSource: a file's bytes read by offset, wherever the file lives — a local path or an
// object in a bucket — so readers of columnar files (Parquet) fetch only the ranges they need.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace larder {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // What error messages call it: "/data/a.parquet", "s3://bucket/key.parquet".
  virtual const std::string& name() const = 0;
  virtual Result<uint64_t> Size() = 0;
  // Replaces `*out` with the `length` bytes at `offset`. kInvalidArgument naming the file when
  // the range goes past its end. Calls may come from several threads at once.
  virtual Status ReadAt(uint64_t offset, size_t length, std::string* out) = 0;
};

// A local file (pread). kNotFound when it does not exist.
Result<std::unique_ptr<ByteSource>> OpenLocalByteSource(const std::string& path);

}  // namespace larder
