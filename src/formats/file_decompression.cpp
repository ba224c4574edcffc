#include "formats/file_decompression.h"

#include <zlib.h>
#include <zstd.h>

#include <memory>

namespace larder::formats {
namespace {

constexpr size_t kOutputStep = 1 << 20;

Result<std::string> Gunzip(const std::string& file_name, std::string_view data) {
  std::string out;
  z_stream stream{};
  // 32 + MAX_WBITS: a gzip (or zlib) header is detected and checked.
  if (inflateInit2(&stream, 32 + MAX_WBITS) != Z_OK) {
    return Internal("{}: cannot start gzip decompression", file_name);
  }
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  for (;;) {
    const size_t used = out.size();
    out.resize(used + kOutputStep);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + used);
    stream.avail_out = static_cast<uInt>(kOutputStep);
    const int code = inflate(&stream, Z_NO_FLUSH);
    out.resize(out.size() - stream.avail_out);
    if (code == Z_STREAM_END) {
      if (stream.avail_in == 0) return out;
      // Another gzip member follows (concatenated .gz files are one file).
      if (inflateReset(&stream) != Z_OK) break;
      continue;
    }
    if (code == Z_BUF_ERROR && stream.avail_in == 0) {
      return InvalidArgument("{}: the gzip data is truncated", file_name);
    }
    if (code != Z_OK && code != Z_BUF_ERROR) {
      return InvalidArgument("{}: the gzip data is corrupt ({})", file_name,
                             stream.msg != nullptr ? stream.msg : "inflate failed");
    }
  }
  return InvalidArgument("{}: the gzip data is corrupt", file_name);
}

Result<std::string> Unzstd(const std::string& file_name, std::string_view data) {
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (context == nullptr) return Internal("{}: cannot start zstd decompression", file_name);
  std::string out;
  ZSTD_inBuffer input{data.data(), data.size(), 0};
  size_t pending = 0;  // Non-zero while a frame is unfinished.
  // One step: decompresses what fits in another kOutputStep bytes; how many it wrote.
  auto step = [&]() -> Result<size_t> {
    const size_t used = out.size();
    out.resize(used + kOutputStep);
    ZSTD_outBuffer output{out.data() + used, kOutputStep, 0};
    pending = ZSTD_decompressStream(context.get(), &output, &input);
    out.resize(used + output.pos);
    if (ZSTD_isError(pending)) {
      return InvalidArgument("{}: the zstd data is corrupt ({})", file_name,
                             ZSTD_getErrorName(pending));
    }
    return output.pos;
  };
  while (input.pos < input.size) {
    LARDER_ASSIGN_OR_RETURN(size_t written, step());
    (void)written;
  }
  // The input is consumed; flush what the decoder still holds.
  while (pending != 0) {
    LARDER_ASSIGN_OR_RETURN(size_t written, step());
    if (written == 0) break;
  }
  if (pending != 0) return InvalidArgument("{}: the zstd data is truncated", file_name);
  return out;
}

}  // namespace

FileCompression DetectCompression(std::string_view data) {
  if (data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
      static_cast<unsigned char>(data[1]) == 0x8b) {
    return FileCompression::kGzip;
  }
  if (data.size() >= 4 && data.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) {
    return FileCompression::kZstd;
  }
  return FileCompression::kNone;
}

Result<std::string> DecompressFile(const std::string& file_name, std::string_view data,
                                   FileCompression compression) {
  switch (compression) {
    case FileCompression::kGzip:
      return Gunzip(file_name, data);
    case FileCompression::kZstd:
      return Unzstd(file_name, data);
    case FileCompression::kNone:
      break;
  }
  return std::string(data);
}

}  // namespace larder::formats
