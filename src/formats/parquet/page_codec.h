// Decompressing Parquet pages: UNCOMPRESSED, SNAPPY (libsnappy), GZIP (zlib), ZSTD (libzstd) and
// LZ4_RAW (liblz4). Other codecs (LZO, BROTLI, the Hadoop-framed LZ4) are refused by name.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"
#include "formats/parquet/parquet_metadata.h"

namespace larder::formats::parquet {

// A page may not expand to more than this (the page header says how much it expands to).
inline constexpr size_t kMaxPageBytes = size_t{512} << 20;

// "SNAPPY", "LZ4_RAW", or "codec 42" for a value parquet.thrift does not define.
std::string CodecName(Codec codec);

// True for the codecs DecompressPage reads.
bool IsSupportedCodec(Codec codec);

// Decompresses `input` into `*out` (resized to `uncompressed_size`). kCorruption when the bytes
// do not decompress to exactly `uncompressed_size` bytes; kNotImplemented naming an unsupported
// codec; kResourceExhausted beyond kMaxPageBytes.
Status DecompressPage(Codec codec, std::string_view input, size_t uncompressed_size,
                      std::string* out);

}  // namespace larder::formats::parquet
