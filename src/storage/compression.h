// Block compression codecs for stored column blocks: zstd and lz4 (Debian's libzstd, liblz4).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::storage {

enum class Compression : uint8_t { kNone = 0, kLz4 = 1, kZstd = 2 };
inline constexpr int kCompressionCount = 3;

std::string_view CompressionName(Compression compression);
Result<Compression> ParseCompression(std::string_view name);

// Appends the compressed form of `input` to `out`. `level` applies to zstd.
Status Compress(Compression compression, int level, std::string_view input, std::string* out);
// Decompresses `input`, which must expand to exactly `uncompressed_size` bytes, into `out`.
Status Decompress(Compression compression, std::string_view input, size_t uncompressed_size,
                  std::string* out);

// The same into `out`, which has room for `uncompressed_size` bytes. Thread-safe.
Status DecompressInto(Compression compression, std::string_view input, char* out,
                      size_t uncompressed_size);

}  // namespace larder::storage
