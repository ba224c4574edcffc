// Test support: writes Parquet bytes by hand — Thrift compact structs, the RLE / bit-packed
// hybrid, pages and whole files — so that tests can build exactly the file they need, malformed
// ones included. Not a Parquet writer: it encodes what the test says, nothing more.
#pragma once

#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/byte_source.h"
#include "formats/parquet/parquet_metadata.h"

namespace larder::formats::parquet::testing {

// Writes Thrift compact-protocol values.
class ThriftWriter {
 public:
  std::string& bytes() { return out_; }

  void Varint(uint64_t value) {
    while (value >= 0x80) {
      out_.push_back(static_cast<char>(value | 0x80));
      value >>= 7;
    }
    out_.push_back(static_cast<char>(value));
  }
  void ZigZag(int64_t value) {
    Varint((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
  }
  // A field header with the id as a delta from the previous field of the struct.
  void Field(int16_t id, uint8_t type) {
    const int delta = id - last_ids_.back();
    if (delta > 0 && delta <= 15) {
      out_.push_back(static_cast<char>((delta << 4) | type));
    } else {
      out_.push_back(static_cast<char>(type));
      ZigZag(id);
    }
    last_ids_.back() = id;
  }
  void I32(int16_t id, int64_t value) {
    Field(id, 5);
    ZigZag(value);
  }
  void I64(int16_t id, int64_t value) {
    Field(id, 6);
    ZigZag(value);
  }
  void Bool(int16_t id, bool value) { Field(id, value ? 1 : 2); }
  void Binary(int16_t id, std::string_view value) {
    Field(id, 8);
    Varint(value.size());
    out_.append(value);
  }
  void BeginStruct(int16_t id) {
    Field(id, 12);
    last_ids_.push_back(0);
  }
  // A struct that is a list element.
  void BeginElement() { last_ids_.push_back(0); }
  void EndStruct() {
    out_.push_back(0);
    last_ids_.pop_back();
  }
  void BeginList(int16_t id, uint8_t element_type, size_t size) {
    Field(id, 9);
    if (size < 15) {
      out_.push_back(static_cast<char>((size << 4) | element_type));
    } else {
      out_.push_back(static_cast<char>(0xf0 | element_type));
      Varint(size);
    }
  }
  // An empty struct field: a union member such as LogicalType's STRING.
  void EmptyStruct(int16_t id) {
    BeginStruct(id);
    EndStruct();
  }

 private:
  std::string out_;
  std::vector<int16_t> last_ids_{0};
};

inline void PutFixed32(std::string* out, uint32_t value) {
  out->append(reinterpret_cast<const char*>(&value), 4);
}

// The RLE / bit-packed hybrid of `values`: RLE runs for repeats of 8 or more, bit-packed runs
// (padded to groups of 8) otherwise.
inline std::string RleHybrid(const std::vector<uint32_t>& values, int bit_width) {
  std::string out;
  auto varint = [&](uint64_t value) {
    while (value >= 0x80) {
      out.push_back(static_cast<char>(value | 0x80));
      value >>= 7;
    }
    out.push_back(static_cast<char>(value));
  };
  size_t i = 0;
  while (i < values.size()) {
    size_t run = 1;
    while (i + run < values.size() && values[i + run] == values[i]) ++run;
    if (run >= 8) {
      varint(run << 1);
      for (int byte = 0; byte < (bit_width + 7) / 8; ++byte) {
        out.push_back(static_cast<char>(values[i] >> (8 * byte)));
      }
      i += run;
      continue;
    }
    // Bit-pack up to the next long run, in groups of 8.
    size_t end = i;
    while (end < values.size()) {
      size_t repeat = 1;
      while (end + repeat < values.size() && values[end + repeat] == values[end]) ++repeat;
      if (repeat >= 8) break;
      end += repeat;
    }
    const size_t groups = (end - i + 7) / 8;
    varint((groups << 1) | 1);
    std::string packed(groups * static_cast<size_t>(bit_width), '\0');
    for (size_t k = 0; k < end - i; ++k) {
      for (int bit = 0; bit < bit_width; ++bit) {
        if ((values[i + k] >> bit) & 1) {
          const size_t position = k * static_cast<size_t>(bit_width) + static_cast<size_t>(bit);
          packed[position / 8] = static_cast<char>(packed[position / 8] | (1 << (position % 8)));
        }
      }
    }
    out += packed;
    i = end;
  }
  return out;
}

// Levels as a v1 page holds them: a 4-byte length, then the hybrid.
inline std::string LevelsV1(const std::vector<uint32_t>& levels, int bit_width) {
  std::string runs = RleHybrid(levels, bit_width);
  std::string out;
  PutFixed32(&out, static_cast<uint32_t>(runs.size()));
  return out + runs;
}

template <typename T>
std::string Plain(const std::vector<T>& values) {
  std::string out(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

inline std::string PlainByteArrays(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    PutFixed32(&out, static_cast<uint32_t>(value.size()));
    out += value;
  }
  return out;
}

inline std::string Compress(Codec codec, const std::string& data) {
  std::string out;
  switch (codec) {
    case Codec::kSnappy:
      snappy::Compress(data.data(), data.size(), &out);
      return out;
    case Codec::kGzip: {
      z_stream stream{};
      deflateInit2(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
      out.resize(deflateBound(&stream, data.size()) + 32);
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      stream.avail_in = static_cast<uInt>(data.size());
      stream.next_out = reinterpret_cast<Bytef*>(out.data());
      stream.avail_out = static_cast<uInt>(out.size());
      deflate(&stream, Z_FINISH);
      out.resize(stream.total_out);
      deflateEnd(&stream);
      return out;
    }
    case Codec::kZstd:
      out.resize(ZSTD_compressBound(data.size()));
      out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
      return out;
    case Codec::kLz4Raw:
      out.resize(static_cast<size_t>(LZ4_compressBound(static_cast<int>(data.size()))));
      out.resize(static_cast<size_t>(LZ4_compress_default(
          data.data(), out.data(), static_cast<int>(data.size()), static_cast<int>(out.size()))));
      return out;
    default:
      return data;
  }
}

// A data page v1: its header, then `body` (levels and values) compressed with `codec`.
inline std::string DataPageV1(int32_t num_values, Encoding encoding, const std::string& body,
                              Codec codec = Codec::kUncompressed) {
  const std::string compressed = Compress(codec, body);
  ThriftWriter writer;
  writer.I32(1, static_cast<int32_t>(PageType::kDataPage));
  writer.I32(2, static_cast<int64_t>(body.size()));
  writer.I32(3, static_cast<int64_t>(compressed.size()));
  writer.BeginStruct(5);
  writer.I32(1, num_values);
  writer.I32(2, static_cast<int32_t>(encoding));
  writer.I32(3, static_cast<int32_t>(Encoding::kRle));
  writer.I32(4, static_cast<int32_t>(Encoding::kRle));
  writer.EndStruct();
  writer.bytes().push_back(0);
  return writer.bytes() + compressed;
}

// A data page v2: levels (the hybrid, no lengths) uncompressed, values compressed.
inline std::string DataPageV2(int32_t num_values, int32_t num_nulls, int32_t num_rows,
                              Encoding encoding, const std::string& repetition,
                              const std::string& definition, const std::string& values,
                              Codec codec = Codec::kUncompressed) {
  const std::string compressed = Compress(codec, values);
  ThriftWriter writer;
  writer.I32(1, static_cast<int32_t>(PageType::kDataPageV2));
  writer.I32(2, static_cast<int64_t>(repetition.size() + definition.size() + values.size()));
  writer.I32(3, static_cast<int64_t>(repetition.size() + definition.size() + compressed.size()));
  writer.BeginStruct(8);
  writer.I32(1, num_values);
  writer.I32(2, num_nulls);
  writer.I32(3, num_rows);
  writer.I32(4, static_cast<int32_t>(encoding));
  writer.I32(5, static_cast<int64_t>(definition.size()));
  writer.I32(6, static_cast<int64_t>(repetition.size()));
  writer.EndStruct();
  writer.bytes().push_back(0);
  return writer.bytes() + repetition + definition + compressed;
}

inline std::string DictionaryPage(int32_t num_values, const std::string& values,
                                  Codec codec = Codec::kUncompressed) {
  const std::string compressed = Compress(codec, values);
  ThriftWriter writer;
  writer.I32(1, static_cast<int32_t>(PageType::kDictionaryPage));
  writer.I32(2, static_cast<int64_t>(values.size()));
  writer.I32(3, static_cast<int64_t>(compressed.size()));
  writer.BeginStruct(7);
  writer.I32(1, num_values);
  writer.I32(2, static_cast<int32_t>(Encoding::kPlain));
  writer.EndStruct();
  writer.bytes().push_back(0);
  return writer.bytes() + compressed;
}

// One SchemaElement.
struct ElementSpec {
  std::string name;
  std::optional<PhysicalType> type;
  std::optional<Repetition> repetition;
  int32_t num_children = 0;
  std::optional<ConvertedType> converted;
  // The LogicalType union member's field id and its encoded fields (a struct body without the
  // STOP), e.g. {1, ""} for STRING.
  std::optional<std::pair<int16_t, std::string>> logical;
  int32_t type_length = 0;
  int32_t scale = 0;
  int32_t precision = 0;
};

inline ElementSpec Leaf(std::string name, PhysicalType type, Repetition repetition) {
  return {std::move(name), type, repetition};
}
inline ElementSpec Group(std::string name, int32_t children, std::optional<Repetition> repetition,
                         std::optional<ConvertedType> converted = std::nullopt) {
  return {std::move(name), std::nullopt, repetition, children, converted};
}

// A column chunk: its pages, and what its metadata says.
struct ChunkSpec {
  std::vector<std::string> path;
  PhysicalType type = PhysicalType::kInt32;
  Codec codec = Codec::kUncompressed;
  int64_t num_values = 0;
  std::string pages;  // Dictionary page first, when there is one.
  bool has_dictionary = false;
  // Encoded Statistics fields (without the STOP), when the chunk has them.
  std::optional<std::string> statistics;
};

struct RowGroupSpec {
  int64_t num_rows = 0;
  std::vector<ChunkSpec> chunks;
};

// A whole file: PAR1, the chunks, the footer, its length, PAR1.
inline std::string BuildFile(const std::vector<ElementSpec>& schema,
                             const std::vector<RowGroupSpec>& row_groups) {
  std::string file = "PAR1";
  std::vector<std::vector<int64_t>> offsets;
  for (const RowGroupSpec& group : row_groups) {
    offsets.emplace_back();
    for (const ChunkSpec& chunk : group.chunks) {
      offsets.back().push_back(static_cast<int64_t>(file.size()));
      file += chunk.pages;
    }
  }
  ThriftWriter writer;
  writer.I32(1, 2);
  writer.BeginList(2, 12, schema.size());
  for (const ElementSpec& element : schema) {
    writer.BeginElement();
    if (element.type) writer.I32(1, static_cast<int32_t>(*element.type));
    if (element.type_length) writer.I32(2, element.type_length);
    if (element.repetition) writer.I32(3, static_cast<int32_t>(*element.repetition));
    writer.Binary(4, element.name);
    if (element.num_children) writer.I32(5, element.num_children);
    if (element.converted) writer.I32(6, static_cast<int32_t>(*element.converted));
    if (element.scale) writer.I32(7, element.scale);
    if (element.precision) writer.I32(8, element.precision);
    if (element.logical) {
      writer.BeginStruct(10);
      writer.BeginStruct(element.logical->first);
      writer.bytes() += element.logical->second;
      writer.EndStruct();
      writer.EndStruct();
    }
    writer.EndStruct();
  }
  int64_t total_rows = 0;
  for (const RowGroupSpec& group : row_groups) total_rows += group.num_rows;
  writer.I64(3, total_rows);
  writer.BeginList(4, 12, row_groups.size());
  for (size_t g = 0; g < row_groups.size(); ++g) {
    const RowGroupSpec& group = row_groups[g];
    writer.BeginElement();
    writer.BeginList(1, 12, group.chunks.size());
    for (size_t c = 0; c < group.chunks.size(); ++c) {
      const ChunkSpec& chunk = group.chunks[c];
      writer.BeginElement();
      writer.I64(2, 0);
      writer.BeginStruct(3);
      writer.I32(1, static_cast<int32_t>(chunk.type));
      writer.BeginList(2, 5, 0);
      writer.BeginList(3, 8, chunk.path.size());
      for (const std::string& part : chunk.path) {
        writer.Varint(part.size());
        writer.bytes() += part;
      }
      writer.I32(4, static_cast<int32_t>(chunk.codec));
      writer.I64(5, chunk.num_values);
      writer.I64(6, static_cast<int64_t>(chunk.pages.size()));
      writer.I64(7, static_cast<int64_t>(chunk.pages.size()));
      writer.I64(9, offsets[g][c]);
      if (chunk.has_dictionary) writer.I64(11, offsets[g][c]);
      if (chunk.statistics) {
        writer.BeginStruct(12);
        writer.bytes() += *chunk.statistics;
        writer.EndStruct();
      }
      writer.EndStruct();
      writer.EndStruct();
    }
    writer.I64(2, 0);
    writer.I64(3, group.num_rows);
    writer.EndStruct();
  }
  writer.bytes().push_back(0);
  const std::string& footer = writer.bytes();
  file += footer;
  PutFixed32(&file, static_cast<uint32_t>(footer.size()));
  return file + "PAR1";
}

// A ByteSource over bytes in memory that counts its reads.
class MemoryByteSource : public ByteSource {
 public:
  MemoryByteSource(std::string name, std::string bytes)
      : name_(std::move(name)), bytes_(std::move(bytes)) {}
  const std::string& name() const override { return name_; }
  Result<uint64_t> Size() override { return bytes_.size(); }
  Status ReadAt(uint64_t offset, size_t length, std::string* out) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      return InvalidArgument("{}: a read past the end", name_);
    }
    ++reads_;
    bytes_read_ += length;
    out->assign(bytes_, offset, length);
    return Status::OK();
  }
  int reads() const { return reads_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  std::string name_;
  std::string bytes_;
  int reads_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace larder::formats::parquet::testing
