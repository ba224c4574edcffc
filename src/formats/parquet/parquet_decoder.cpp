#include "formats/parquet/parquet_decoder.h"

#include <numeric>

namespace larder::formats::parquet {

namespace {

// The bytes of a file already in memory (import maps its files).
class MappedByteSource : public ByteSource {
 public:
  MappedByteSource(std::string name, std::string_view data) : name_(std::move(name)), data_(data) {}
  const std::string& name() const override { return name_; }
  Result<uint64_t> Size() override { return data_.size(); }
  Status ReadAt(uint64_t offset, size_t length, std::string* out) override {
    if (offset > data_.size() || length > data_.size() - offset) {
      return InvalidArgument("{}: a read of {} bytes at offset {} goes past the end ({} bytes)",
                             name_, length, offset, data_.size());
    }
    out->assign(data_.substr(offset, length));
    return Status::OK();
  }

 private:
  const std::string name_;
  const std::string_view data_;
};

}  // namespace

Result<std::unique_ptr<ParquetDecoder>> ParquetDecoder::Open(std::string file_name,
                                                             std::string_view data) {
  LARDER_ASSIGN_OR_RETURN(
      std::unique_ptr<ParquetReader> reader,
      ParquetReader::Open(std::make_unique<MappedByteSource>(std::move(file_name), data)));
  return std::unique_ptr<ParquetDecoder>(new ParquetDecoder(std::move(reader)));
}

ParquetDecoder::ParquetDecoder(std::unique_ptr<ParquetReader> reader) : reader_(std::move(reader)) {
  for (const Field& field : reader_->schema().fields) names_.push_back(field.name);
}

std::vector<TextChunk> ParquetDecoder::Chunks(std::string_view data) const {
  std::vector<TextChunk> chunks;
  uint64_t offset = 0;
  for (size_t group = 0; group < reader_->num_row_groups(); ++group) {
    const RowGroupInfo& info = reader_->row_group(group);
    chunks.push_back({data, static_cast<size_t>(offset),
                      static_cast<size_t>(offset + info.compressed_bytes), group,
                      static_cast<uint64_t>(info.num_rows)});
    offset += info.compressed_bytes;
  }
  return chunks;
}

std::vector<TextChunk> ParquetDecoder::SplitAtRecords(const TextChunk& rest, size_t) const {
  return {rest};
}

Status ParquetDecoder::Infer(const TextChunk& chunk, ChunkInference* inference) const {
  inference->rows = static_cast<uint64_t>(reader_->row_group(chunk.first_line).num_rows);
  inference->end = {chunk.end, chunk.first_line};
  return Status::OK();
}

Status ParquetDecoder::Decode(const TextChunk& chunk, const DecodePlan& plan,
                              DecodedChunk* decoded) const {
  const Schema& file = reader_->schema();
  const Schema& schema = plan.schema;
  std::vector<int> columns(file.fields.size());
  std::iota(columns.begin(), columns.end(), 0);
  std::vector<size_t> target(file.fields.size());
  std::vector<bool> filled(schema.fields.size(), false);
  for (size_t column = 0; column < file.fields.size(); ++column) {
    const Field& field = file.fields[column];
    const int index = schema.FindField(field.name);
    if (index < 0) {
      return InvalidArgument("{}: column `{}` is not in table {}", file_name(), field.name,
                             plan.table_name);
    }
    target[column] = static_cast<size_t>(index);
    filled[target[column]] = true;
    const LogicalType& type = schema.fields[target[column]].type;
    if (field.type != type && !IsWideningConversion(field.type, type)) {
      return InvalidArgument(
          "{}: column `{}` is {} in the file, which does not convert to {} "
          "(its type in table {})",
          file_name(), field.name, field.type.ToString(), type.ToString(), plan.table_name);
    }
  }
  for (size_t index = 0; index < schema.fields.size(); ++index) {
    if (!filled[index] && !schema.fields[index].type.nullable()) {
      return InvalidArgument(
          "{}: the file has no column `{}`, which table {} needs ({} is not Nullable)", file_name(),
          schema.fields[index].name, plan.table_name, schema.fields[index].type.ToString());
    }
  }

  const size_t row_group = static_cast<size_t>(chunk.first_line);
  const size_t rows = static_cast<size_t>(reader_->row_group(row_group).num_rows);
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<RowGroupReader> reader,
                          reader_->ReadRowGroup(row_group, columns));
  Batch read = Batch::Empty(file);
  if (rows > 0) {
    LARDER_ASSIGN_OR_RETURN(bool any, reader->Next(rows, &read));
    if (!any) return Internal("{}: row group {} gave no rows", file_name(), row_group);
  }
  Batch batch = Batch::Empty(schema);
  for (size_t column = 0; column < file.fields.size(); ++column) {
    ColumnVector& values = read.columns[column];
    const LogicalType& type = schema.fields[target[column]].type;
    if (values.type() == type) {
      batch.columns[target[column]] = std::move(values);
      continue;
    }
    auto converted = values.CastTo(type);
    if (!converted.ok()) {
      return converted.status().WithContext(fmt::format(
          "{}: row group {}: column `{}`", file_name(), row_group, file.fields[column].name));
    }
    batch.columns[target[column]] = std::move(*converted);
  }
  for (size_t index = 0; index < schema.fields.size(); ++index) {
    if (filled[index]) continue;
    for (size_t row = 0; row < rows; ++row) batch.columns[index].AppendNull();
  }
  decoded->batch = std::move(batch);
  decoded->end = {chunk.end, chunk.first_line};
  return Status::OK();
}

}  // namespace larder::formats::parquet
