#include "formats/parquet/page_codec.h"

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <climits>

namespace larder::formats::parquet {
namespace {

Status WrongSize(std::string_view codec, size_t got, size_t expected) {
  return Corruption("{} page decompresses to {} bytes but its header says {}", codec, got,
                    expected);
}

// Inflates gzip (or zlib) members from `input` into exactly out->size() bytes.
Status Inflate(std::string_view input, std::string* out) {
  z_stream stream{};
  // 32 + MAX_WBITS: a gzip or zlib header, whichever the data has.
  if (inflateInit2(&stream, 32 + MAX_WBITS) != Z_OK) {
    return ResourceExhausted("zlib could not allocate its state");
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.next_out = reinterpret_cast<Bytef*>(out->data());
  size_t in_left = input.size();
  size_t out_left = out->size();
  Status status;
  for (;;) {
    const uInt in_chunk = static_cast<uInt>(std::min<size_t>(in_left, UINT_MAX));
    const uInt out_chunk = static_cast<uInt>(std::min<size_t>(out_left, UINT_MAX));
    stream.avail_in = in_chunk;
    stream.avail_out = out_chunk;
    const int rc = inflate(&stream, Z_NO_FLUSH);
    in_left -= in_chunk - stream.avail_in;
    out_left -= out_chunk - stream.avail_out;
    if (rc == Z_STREAM_END && in_left == 0) break;
    if (rc == Z_STREAM_END && inflateReset(&stream) == Z_OK) continue;  // Another member.
    if (rc == Z_OK && in_left > 0) continue;
    if (rc == Z_OK || rc == Z_BUF_ERROR || rc == Z_STREAM_END) {
      status = out_left == 0 ? Corruption(
                                   "GZIP page inflates to more than the {} bytes its "
                                   "header says",
                                   out->size())
                             : Corruption("GZIP page is truncated");
    } else {
      status = Corruption("GZIP page does not inflate: {}", stream.msg ? stream.msg : "bad data");
    }
    break;
  }
  inflateEnd(&stream);
  LARDER_RETURN_IF_ERROR(status);
  if (out_left != 0) return WrongSize("GZIP", out->size() - out_left, out->size());
  return Status::OK();
}

}  // namespace

std::string CodecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed:
      return "UNCOMPRESSED";
    case Codec::kSnappy:
      return "SNAPPY";
    case Codec::kGzip:
      return "GZIP";
    case Codec::kLzo:
      return "LZO";
    case Codec::kBrotli:
      return "BROTLI";
    case Codec::kLz4:
      return "LZ4";
    case Codec::kZstd:
      return "ZSTD";
    case Codec::kLz4Raw:
      return "LZ4_RAW";
  }
  return fmt::format("codec {}", static_cast<int32_t>(codec));
}

bool IsSupportedCodec(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed:
    case Codec::kSnappy:
    case Codec::kGzip:
    case Codec::kZstd:
    case Codec::kLz4Raw:
      return true;
    default:
      return false;
  }
}

Status DecompressPage(Codec codec, std::string_view input, size_t uncompressed_size,
                      std::string* out) {
  if (!IsSupportedCodec(codec)) {
    return NotImplemented(
        "compression {} is not supported (UNCOMPRESSED, SNAPPY, GZIP, ZSTD and LZ4_RAW are); "
        "rewrite the file with one of those",
        CodecName(codec));
  }
  if (uncompressed_size > kMaxPageBytes) {
    return ResourceExhausted("a page of {} bytes is larger than the {} bytes a page may have",
                             uncompressed_size, kMaxPageBytes);
  }
  if (uncompressed_size == 0 && input.empty()) {  // Some writers skip compressing nothing.
    out->clear();
    return Status::OK();
  }
  if (codec == Codec::kUncompressed) {
    if (input.size() != uncompressed_size) {
      return WrongSize("UNCOMPRESSED", input.size(), uncompressed_size);
    }
    out->assign(input);
    return Status::OK();
  }
  if (codec == Codec::kSnappy) {
    size_t length = 0;
    if (!snappy::GetUncompressedLength(input.data(), input.size(), &length)) {
      return Corruption("SNAPPY page has a malformed header");
    }
    if (length != uncompressed_size) return WrongSize("SNAPPY", length, uncompressed_size);
    out->resize(uncompressed_size);
    if (!snappy::RawUncompress(input.data(), input.size(), out->data())) {
      return Corruption("SNAPPY page does not decompress");
    }
    return Status::OK();
  }
  out->resize(uncompressed_size);
  if (codec == Codec::kGzip) return Inflate(input, out);
  if (codec == Codec::kZstd) {
    const size_t got = ZSTD_decompress(out->data(), out->size(), input.data(), input.size());
    if (ZSTD_isError(got)) {
      return Corruption("ZSTD page does not decompress: {}", ZSTD_getErrorName(got));
    }
    if (got != uncompressed_size) return WrongSize("ZSTD", got, uncompressed_size);
    return Status::OK();
  }
  if (input.size() > INT_MAX) return Corruption("LZ4_RAW page is too large");
  const int got = LZ4_decompress_safe(input.data(), out->data(), static_cast<int>(input.size()),
                                      static_cast<int>(out->size()));
  if (got < 0) return Corruption("LZ4_RAW page does not decompress");
  if (static_cast<size_t>(got) != uncompressed_size) {
    return WrongSize("LZ4_RAW", static_cast<size_t>(got), uncompressed_size);
  }
  return Status::OK();
}

}  // namespace larder::formats::parquet
