#include "storage/compression.h"

#include <lz4.h>
#include <zstd.h>

#include <cstring>
#include <memory>

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

namespace {

// Compresses into an uninitialized scratch buffer (a std::string would zero-fill the whole
// worst-case bound, which costs more than the compression of a large block).
template <typename Fn>
Status CompressVia(size_t bound, std::string* out, Fn compress) {
  std::unique_ptr<char[]> scratch(new char[bound]);
  LARDER_ASSIGN_OR_RETURN(size_t written, compress(scratch.get()));
  out->append(scratch.get(), written);
  return Status::OK();
}

}  // namespace

Status Compress(Compression compression, int level, std::string_view input, std::string* out) {
  switch (compression) {
    case Compression::kNone:
      out->append(input);
      return Status::OK();
    case Compression::kLz4: {
      if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
        return InvalidArgument("block of {} bytes is too large for lz4", input.size());
      }
      int bound = LZ4_compressBound(static_cast<int>(input.size()));
      return CompressVia(static_cast<size_t>(bound), out, [&](char* scratch) -> Result<size_t> {
        int written =
            LZ4_compress_default(input.data(), scratch, static_cast<int>(input.size()), bound);
        if (written <= 0) return Internal("lz4 compression failed");
        return static_cast<size_t>(written);
      });
    }
    case Compression::kZstd: {
      size_t bound = ZSTD_compressBound(input.size());
      return CompressVia(bound, out, [&](char* scratch) -> Result<size_t> {
        size_t written = ZSTD_compress(scratch, bound, input.data(), input.size(), level);
        if (ZSTD_isError(written)) {
          return Internal("zstd compression failed: {}", ZSTD_getErrorName(written));
        }
        return written;
      });
    }
  }
  return Internal("unknown compression {}", static_cast<int>(compression));
}

Status DecompressInto(Compression compression, std::string_view input, char* out,
                      size_t uncompressed_size) {
  switch (compression) {
    case Compression::kNone:
      if (input.size() != uncompressed_size) return Corruption("stored size mismatch");
      std::memcpy(out, input.data(), input.size());
      return Status::OK();
    case Compression::kLz4: {
      int read = LZ4_decompress_safe(input.data(), out, static_cast<int>(input.size()),
                                     static_cast<int>(uncompressed_size));
      if (read < 0 || static_cast<size_t>(read) != uncompressed_size) {
        return Corruption("lz4 data does not decompress to {} bytes", uncompressed_size);
      }
      return Status::OK();
    }
    case Compression::kZstd: {
      // One decompression context per thread, reused: making one per block costs more than
      // decompressing a small block.
      thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(),
                                                                              ZSTD_freeDCtx);
      size_t read =
          ZSTD_decompressDCtx(context.get(), out, uncompressed_size, input.data(), input.size());
      if (ZSTD_isError(read) || read != uncompressed_size) {
        return Corruption("zstd data does not decompress to {} bytes", uncompressed_size);
      }
      return Status::OK();
    }
  }
  return Corruption("unknown compression {}", static_cast<int>(compression));
}

Status Decompress(Compression compression, std::string_view input, size_t uncompressed_size,
                  std::string* out) {
  out->resize(uncompressed_size);
  return DecompressInto(compression, input, out->data(), uncompressed_size);
}

}  // namespace larder::storage
