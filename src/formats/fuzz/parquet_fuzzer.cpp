// libFuzzer target for the Parquet reader. An input starting with "PAR1" is a whole file: opened,
// its statistics looked at, and every column of every row group read in small batches, each
// batch checked against its schema. Any other input drives one decoder directly, chosen by its
// first byte: the footer's Thrift, a page header, or a page of values in an encoding and physical
// type taken from the next bytes. Errors are fine; a crash, a leak, a sanitizer report or a batch
// that breaks its own schema is a finding. Built and run by tests/formats/fuzz.sh (clang, ASan,
// UBSan), not by CMake.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/page_values.h"
#include "formats/parquet/parquet_reader.h"
#include "formats/parquet/thrift_compact.h"

namespace {

namespace parquet = larder::formats::parquet;

class MemorySource : public larder::ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  const std::string& name() const override { return name_; }
  larder::Result<uint64_t> Size() override { return bytes_.size(); }
  larder::Status ReadAt(uint64_t offset, size_t length, std::string* out) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      return larder::InvalidArgument("read past the end");
    }
    out->assign(bytes_.substr(offset, length));
    return larder::Status::OK();
  }

 private:
  std::string name_ = "fuzz.parquet";
  std::string_view bytes_;
};

void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

// An error must say something and name the file.
void CheckError(const larder::Status& status) {
  if (status.ok()) return;
  if (status.message().find("fuzz.parquet") == std::string::npos) {
    Fail("error without the file's name", status.ToString());
  }
}

void ReadFile(std::string_view bytes) {
  auto reader = parquet::ParquetReader::Open(std::make_unique<MemorySource>(bytes));
  if (!reader.ok()) return CheckError(reader.status());
  std::vector<int> columns;
  for (size_t i = 0; i < (*reader)->schema().fields.size(); ++i) {
    columns.push_back(static_cast<int>(i));
  }
  for (size_t group = 0; group < (*reader)->num_row_groups(); ++group) {
    for (const parquet::ColumnStatistics& statistics : (*reader)->row_group(group).columns) {
      if (statistics.min && statistics.max && statistics.min->is_null()) Fail("NULL min", "");
    }
    auto rows = (*reader)->ReadRowGroup(group, columns);
    if (!rows.ok()) return CheckError(rows.status());
    larder::Batch batch;
    for (;;) {
      auto more = (*rows)->Next(97, &batch);
      if (!more.ok()) return CheckError(more.status());
      if (!*more) break;
      if (larder::Status valid = batch.Validate(); !valid.ok()) {
        Fail("batch breaks its schema", valid.ToString());
      }
      for (const larder::ColumnVector& column : batch.columns) {
        for (size_t row = 0; row < column.size(); ++row) column.GetValue(row);
      }
    }
  }
}

void DecodeValues(std::string_view bytes) {
  if (bytes.size() < 3) return;
  const auto encoding = static_cast<parquet::Encoding>(static_cast<uint8_t>(bytes[0]) % 10);
  const auto physical = static_cast<parquet::PhysicalType>(static_cast<uint8_t>(bytes[1]) % 8);
  const int32_t type_length = static_cast<uint8_t>(bytes[2]) % 20;
  parquet::PageValueDecoder decoder;
  if (!decoder.Init(encoding, physical, type_length, bytes.substr(3)).ok()) return;
  std::vector<uint8_t> bools(64);
  std::vector<int64_t> longs(64);
  std::vector<int32_t> ints(64);
  std::vector<double> doubles(64);
  std::vector<float> floats(64);
  std::vector<parquet::Int96> int96s(64);
  std::vector<uint32_t> indices(64);
  std::vector<std::string_view> views;
  for (int call = 0; call < 16; ++call) {
    const size_t count = static_cast<size_t>(call * 7 % 64);
    larder::Status status;
    if (decoder.dictionary_indices()) {
      status = decoder.GetIndices(indices.data(), count);
    } else {
      switch (physical) {
        case parquet::PhysicalType::kBoolean:
          status = decoder.GetBools(bools.data(), count);
          break;
        case parquet::PhysicalType::kInt32:
          status = decoder.GetInt32(ints.data(), count);
          break;
        case parquet::PhysicalType::kInt64:
          status = decoder.GetInt64(longs.data(), count);
          break;
        case parquet::PhysicalType::kInt96:
          status = decoder.GetInt96(int96s.data(), count);
          break;
        case parquet::PhysicalType::kFloat:
          status = decoder.GetFloat(floats.data(), count);
          break;
        case parquet::PhysicalType::kDouble:
          status = decoder.GetDouble(doubles.data(), count);
          break;
        default:
          status = decoder.GetBytes(count, &views, 1 << 20);
          break;
      }
    }
    if (!status.ok()) return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.starts_with("PAR1")) {
    ReadFile(bytes);
    return 0;
  }
  if (bytes.empty()) return 0;
  const std::string_view rest = bytes.substr(1);
  switch (static_cast<uint8_t>(bytes[0]) % 3) {
    case 0: {
      parquet::FileMetaData metadata;
      if (parquet::DecodeFileMetaData(rest, &metadata).ok()) {
        parquet::ParquetSchema::Build(metadata.schema).status().IgnoreError();
      }
      break;
    }
    case 1: {
      parquet::PageHeader header;
      size_t header_size = 0;
      if (parquet::DecodePageHeader(rest, &header, &header_size).ok() &&
          header_size > rest.size()) {
        Fail("page header longer than its input", std::to_string(header_size));
      }
      break;
    }
    default:
      DecodeValues(rest);
      break;
  }
  return 0;
}
