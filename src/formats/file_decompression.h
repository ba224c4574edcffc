// Compressed input files: tells gzip and zstd files by their first bytes and decompresses them
// whole, so a `.csv.gz` export loads like a `.csv`.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace larder::formats {

enum class FileCompression { kNone, kGzip, kZstd };

// By the magic bytes at the start of `data` (gzip 1f 8b, zstd 28 b5 2f fd).
FileCompression DetectCompression(std::string_view data);

// The decompressed bytes of `data` (every gzip member / zstd frame, one after another).
// kInvalidArgument naming `file_name` when the data is corrupt or truncated.
Result<std::string> DecompressFile(const std::string& file_name, std::string_view data,
                                   FileCompression compression);

}  // namespace larder::formats
