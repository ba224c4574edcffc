#include "storage/compression.h"

#include <lz4.h>
#include <zstd.h>

namespace larder::storage {

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "none";
    case Compression::kLz4:
      return "lz4";
    case Compression::kZstd:
      return "zstd";
  }
  return "?";
}

Result<Compression> ParseCompression(std::string_view name) {
  if (name == "none") return Compression::kNone;
  if (name == "lz4") return Compression::kLz4;
  if (name == "zstd") return Compression::kZstd;
  return InvalidArgument("unknown compression '{}'; expected zstd, lz4 or none", name);
}

Status Compress(Compression compression, int level, std::string_view input, std::string* out) {
  size_t start = out->size();
  switch (compression) {
    case Compression::kNone:
      out->append(input);
      return Status::OK();
    case Compression::kLz4: {
      if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
        return InvalidArgument("block of {} bytes is too large for lz4", input.size());
      }
      int bound = LZ4_compressBound(static_cast<int>(input.size()));
      out->resize(start + static_cast<size_t>(bound));
      int written = LZ4_compress_default(input.data(), out->data() + start,
                                         static_cast<int>(input.size()), bound);
      if (written <= 0) return Internal("lz4 compression failed");
      out->resize(start + static_cast<size_t>(written));
      return Status::OK();
    }
    case Compression::kZstd: {
      size_t bound = ZSTD_compressBound(input.size());
      out->resize(start + bound);
      size_t written = ZSTD_compress(out->data() + start, bound, input.data(), input.size(), level);
      if (ZSTD_isError(written)) {
        return Internal("zstd compression failed: {}", ZSTD_getErrorName(written));
      }
      out->resize(start + written);
      return Status::OK();
    }
  }
  return Internal("unknown compression {}", static_cast<int>(compression));
}

Status Decompress(Compression compression, std::string_view input, size_t uncompressed_size,
                  std::string* out) {
  out->resize(uncompressed_size);
  switch (compression) {
    case Compression::kNone:
      if (input.size() != uncompressed_size) return Corruption("stored size mismatch");
      out->assign(input);
      return Status::OK();
    case Compression::kLz4: {
      int read = LZ4_decompress_safe(input.data(), out->data(), static_cast<int>(input.size()),
                                     static_cast<int>(uncompressed_size));
      if (read < 0 || static_cast<size_t>(read) != uncompressed_size) {
        return Corruption("lz4 data does not decompress to {} bytes", uncompressed_size);
      }
      return Status::OK();
    }
    case Compression::kZstd: {
      size_t read = ZSTD_decompress(out->data(), uncompressed_size, input.data(), input.size());
      if (ZSTD_isError(read) || read != uncompressed_size) {
        return Corruption("zstd data does not decompress to {} bytes", uncompressed_size);
      }
      return Status::OK();
    }
  }
  return Corruption("unknown compression {}", static_cast<int>(compression));
}

}  // namespace larder::storage
