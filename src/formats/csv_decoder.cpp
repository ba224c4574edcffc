#include "formats/csv_decoder.h"

#include <set>

#include "formats/text_values.h"

namespace larder::formats {

namespace {

// Whether the first record of a file names its columns.
bool IsHeader(const std::vector<CsvField>& fields, CsvHeader mode) {
  if (mode != CsvHeader::kDetect) return mode == CsvHeader::kPresent;
  std::set<std::string_view> seen;
  for (const CsvField& field : fields) {
    if (field.text.empty() || !seen.insert(field.text).second) return false;
    ColumnTypeInference inference;
    inference.ObserveText(field.text);
    if (inference.Type().WithNullable(false).id() != TypeId::kString) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<CsvDecoder>> CsvDecoder::Open(std::string file_name, std::string_view data,
                                                     const CsvOptions& options) {
  std::unique_ptr<CsvDecoder> decoder(new CsvDecoder(std::move(file_name), options));
  const size_t bom = ByteOrderMarkLength(data);
  CsvReader reader(decoder->file_name_, data, bom, data.size(), 1, options);
  std::vector<CsvField> fields;
  if (!reader.Next(&fields)) {
    LARDER_RETURN_IF_ERROR(reader.status());
    return InvalidArgument(
        "{}: the file is empty; a CSV file starts with a header row naming "
        "the columns",
        decoder->file_name_);
  }
  if (!IsHeader(fields, options.header)) {
    for (size_t column = 0; column < fields.size(); ++column) {
      decoder->header_.push_back(fmt::format("c{}", column + 1));
    }
    decoder->data_begin_ = bom;
    decoder->data_first_line_ = 1;
    return decoder;
  }
  std::set<std::string_view> seen;
  for (size_t column = 0; column < fields.size(); ++column) {
    std::string name(fields[column].text);
    if (name.empty()) name = fmt::format("column{}", column + 1);
    decoder->header_.push_back(std::move(name));
  }
  for (const std::string& name : decoder->header_) {
    if (!seen.insert(name).second) {
      return InvalidArgument("{}:{}: the header names column `{}` twice", decoder->file_name_,
                             reader.record_line(), name);
    }
  }
  decoder->data_begin_ = reader.position();
  decoder->data_first_line_ = reader.position_line();
  return decoder;
}

Status CsvDecoder::WrongFieldCount(uint64_t line, size_t fields) const {
  return InvalidArgument("{}:{}: {} field{}, but the header has {} column{}", file_name_, line,
                         fields, fields == 1 ? "" : "s", header_.size(),
                         header_.size() == 1 ? "" : "s");
}

std::vector<TextChunk> CsvDecoder::SplitAtRecords(const TextChunk& rest,
                                                  size_t target_bytes) const {
  const size_t size = rest.data.size();
  std::vector<TextChunk> chunks = {{rest.data, rest.begin, size, rest.first_line, 0}};
  CsvReader reader(file_name_, rest.data, rest.begin, size, rest.first_line, options_);
  std::vector<CsvField> fields;
  uint64_t rows = 0;
  while (reader.Next(&fields)) {
    ++rows;
    if (reader.position() - chunks.back().begin < target_bytes || reader.position() >= size) {
      continue;
    }
    chunks.back().end = reader.position();
    chunks.back().expected_rows = rows;
    chunks.push_back({rest.data, reader.position(), size, reader.position_line(), 0});
    rows = 0;
  }
  return chunks;
}

Status CsvDecoder::Infer(const TextChunk& chunk, ChunkInference* inference) const {
  inference->names = header_;
  inference->columns.assign(header_.size(), ColumnTypeInference());
  inference->rows = 0;
  CsvReader reader(file_name_, chunk.data, chunk.begin, chunk.end, chunk.first_line, options_);
  std::vector<CsvField> fields;
  fields.reserve(header_.size());
  while (reader.Next(&fields)) {
    if (fields.size() != header_.size())
      return WrongFieldCount(reader.record_line(), fields.size());
    for (size_t column = 0; column < fields.size(); ++column) {
      if (fields[column].is_null()) {
        inference->columns[column].ObserveNull();
      } else {
        inference->columns[column].ObserveText(fields[column].text);
      }
    }
    ++inference->rows;
  }
  LARDER_RETURN_IF_ERROR(reader.status());
  inference->end = {reader.position(), reader.position_line()};
  return Status::OK();
}

Status CsvDecoder::Decode(const TextChunk& chunk, const DecodePlan& plan,
                          DecodedChunk* decoded) const {
  const Schema& schema = plan.schema;
  std::vector<size_t> target(header_.size());
  std::vector<ValueReader> readers;
  std::vector<bool> filled(schema.fields.size(), false);
  for (size_t column = 0; column < header_.size(); ++column) {
    int index = schema.FindField(header_[column]);
    if (index < 0) {
      return InvalidArgument("{}: column `{}` is not in table {}", file_name_, header_[column],
                             plan.table_name);
    }
    target[column] = static_cast<size_t>(index);
    filled[target[column]] = true;
    readers.emplace_back(schema.fields[target[column]].type);
  }
  for (size_t index = 0; index < schema.fields.size(); ++index) {
    if (!filled[index] && !schema.fields[index].type.nullable()) {
      return InvalidArgument(
          "{}: the file has no column `{}`, which table {} needs ({} is not "
          "Nullable)",
          file_name_, schema.fields[index].name, plan.table_name,
          schema.fields[index].type.ToString());
    }
  }

  Batch batch = Batch::Empty(schema);
  for (ColumnVector& column : batch.columns) column.Reserve(chunk.expected_rows);
  CsvReader reader(file_name_, chunk.data, chunk.begin, chunk.end, chunk.first_line, options_);
  std::vector<CsvField> fields;
  fields.reserve(header_.size());
  size_t rows = 0;
  while (reader.Next(&fields)) {
    if (fields.size() != header_.size())
      return WrongFieldCount(reader.record_line(), fields.size());
    for (size_t column = 0; column < fields.size(); ++column) {
      ColumnVector& values = batch.columns[target[column]];
      const CsvField& field = fields[column];
      if (field.is_null()) {
        if (!values.type().nullable()) {
          return NullInNonNullable(file_name_, reader.record_line(), header_[column],
                                   values.type());
        }
        values.AppendNull();
      } else if (!readers[column].Append(field.text, &values)) {
        return CannotReadValue(file_name_, reader.record_line(), header_[column], field.text,
                               values.type());
      }
    }
    ++rows;
  }
  LARDER_RETURN_IF_ERROR(reader.status());
  for (size_t index = 0; index < schema.fields.size(); ++index) {
    if (filled[index]) continue;
    for (size_t row = 0; row < rows; ++row) batch.columns[index].AppendNull();
  }
  decoded->batch = std::move(batch);
  decoded->end = {reader.position(), reader.position_line()};
  return Status::OK();
}

}  // namespace larder::formats
