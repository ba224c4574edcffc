#include "analytics/gzip.h"

#include <zlib.h>

#include <algorithm>

namespace larder::analytics {

namespace {

constexpr int kGzipWindowBits = 16 + MAX_WBITS;  // zlib: expect a gzip header and trailer.
constexpr size_t kMinOutputChunk = 16 << 10;

// Owns a z_stream set up for inflation; ends it on every return path.
class Inflater {
 public:
  Inflater() = default;
  ~Inflater() {
    if (initialized_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  Status Init() {
    if (inflateInit2(&stream_, kGzipWindowBits) != Z_OK) {
      return ResourceExhausted("cannot inflate the body: zlib could not allocate its state");
    }
    initialized_ = true;
    return Status::OK();
  }
  z_stream* stream() { return &stream_; }

 private:
  z_stream stream_{};
  bool initialized_ = false;
};

Status NotGzip(std::string_view why) {
  return InvalidArgument("the body is not valid gzip: {}", why);
}

Status TooLarge(size_t max_bytes) {
  return ResourceExhausted("the body inflates past the limit of {} bytes; send smaller batches",
                           max_bytes);
}

}  // namespace

bool HasGzipMagic(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<std::string> GunzipCapped(std::string_view data, size_t max_bytes) {
  Inflater inflater;
  LARDER_RETURN_IF_ERROR(inflater.Init());
  z_stream* stream = inflater.stream();
  stream->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream->avail_in = static_cast<uInt>(data.size());  // Capture bodies are far below 4 GiB.

  // One byte past the limit is room to notice that the limit is exceeded.
  const size_t hard_cap = max_bytes + 1;
  std::string out;
  out.resize(std::min(hard_cap, std::max(kMinOutputChunk, data.size() * 4)));
  size_t produced = 0;
  while (true) {
    if (produced == out.size()) {
      if (out.size() >= hard_cap) return TooLarge(max_bytes);
      out.resize(std::min(hard_cap, out.size() * 2));
    }
    stream->next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream->avail_out = static_cast<uInt>(out.size() - produced);
    int rc = inflate(stream, Z_NO_FLUSH);
    produced = out.size() - stream->avail_out;
    if (produced > max_bytes) return TooLarge(max_bytes);
    if (rc == Z_STREAM_END) {
      std::string_view rest(reinterpret_cast<const char*>(stream->next_in), stream->avail_in);
      if (!HasGzipMagic(rest)) break;
      inflateReset(stream);  // Another gzip member follows.
      continue;
    }
    if (rc == Z_DATA_ERROR) return NotGzip(stream->msg ? stream->msg : "corrupt data");
    if (rc == Z_MEM_ERROR) return ResourceExhausted("cannot inflate the body: out of memory");
    if (rc == Z_NEED_DICT) return NotGzip("it needs a preset dictionary");
    bool stalled = rc == Z_BUF_ERROR || (rc == Z_OK && stream->avail_out != 0);
    if (stalled && stream->avail_in == 0) {
      return NotGzip("it ends before the end of the compressed stream (truncated)");
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) return NotGzip(stream->msg ? stream->msg : "corrupt data");
  }
  out.resize(produced);
  return out;
}

}  // namespace larder::analytics
