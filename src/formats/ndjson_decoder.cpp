#include "formats/ndjson_decoder.h"

#include <unordered_map>

#include "formats/ndjson_reader.h"
#include "formats/text_values.h"

namespace larder::formats {
namespace {

// Column numbers of keys. Lines of a JSON-lines file usually list the same keys in the same
// order, so the column a key had at the same position last time is tried first.
class KeyColumns {
 public:
  explicit KeyColumns(const std::vector<std::string>* names) : names_(names) {
    for (size_t column = 0; column < names->size(); ++column) by_name_[(*names)[column]] = column;
  }
  // The column of `key`, the field at `position` of its line, or -1.
  int Find(std::string_view key, size_t position) {
    if (position < predicted_.size()) {
      size_t column = predicted_[position];
      if ((*names_)[column] == key) return static_cast<int>(column);
    }
    auto it = by_name_.find(std::string(key));
    if (it == by_name_.end()) return -1;
    Predict(position, it->second);
    return static_cast<int>(it->second);
  }
  // Records that `names` (the vector given at construction) gained `key` at its end.
  size_t Added(std::string_view key, size_t position) {
    size_t column = names_->size() - 1;
    by_name_[std::string(key)] = column;
    Predict(position, column);
    return column;
  }

 private:
  void Predict(size_t position, size_t column) {
    if (position >= predicted_.size()) predicted_.resize(position + 1, column);
    predicted_[position] = column;
  }

  const std::vector<std::string>* names_;
  std::unordered_map<std::string, size_t> by_name_;
  std::vector<size_t> predicted_;
};

Status DuplicateKey(const std::string& file, uint64_t line, std::string_view key) {
  return InvalidArgument("{}:{}: key `{}` appears twice in the object", file, line, key);
}

void Observe(const JsonField& field, ColumnTypeInference* column) {
  switch (field.kind) {
    case JsonValueKind::kNull:
      return column->ObserveNull();
    case JsonValueKind::kBool:
      return column->ObserveJsonBool();
    case JsonValueKind::kInt64:
      return column->ObserveJsonNumber(/*is_int64=*/true);
    case JsonValueKind::kFloat64:
      return column->ObserveJsonNumber(/*is_int64=*/false);
    case JsonValueKind::kString:
      return column->ObserveJsonString(field.text);
    case JsonValueKind::kNested:
      return column->ObserveJsonNested();
  }
}

// Appends a non-null value to `values`; false when it cannot be read as the column's type.
bool AppendValue(const JsonField& field, ValueReader* reader, ColumnVector* values) {
  switch (values->type().id()) {
    case TypeId::kInt64:
      if (field.kind != JsonValueKind::kInt64) break;
      values->Append<int64_t>(field.int_value);
      return true;
    case TypeId::kFloat64:
      if (field.kind != JsonValueKind::kInt64 && field.kind != JsonValueKind::kFloat64) break;
      values->Append<double>(field.float_value);
      return true;
    case TypeId::kBool:
      if (field.kind != JsonValueKind::kBool) break;
      values->Append<uint8_t>(field.bool_value ? 1 : 0);
      return true;
    case TypeId::kString:
      values->AppendString(field.text);
      return true;
    case TypeId::kJson:
      values->AppendString(field.json);
      return true;
    default:
      break;
  }
  // Strings spelling a value ("42" for Int64), and numbers for Decimal.
  return field.kind != JsonValueKind::kNested && reader->Append(field.text, values);
}

}  // namespace

Status NdjsonDecoder::Infer(const TextChunk& chunk, ChunkInference* inference) const {
  inference->names.clear();
  inference->columns.clear();
  inference->rows = 0;
  KeyColumns keys(&inference->names);
  std::vector<uint64_t> last_row;  // Per column: the last row (counting from 1) that set it.
  NdjsonReader reader(file_name_, chunk.data, chunk.begin, chunk.end, chunk.first_line);
  std::vector<JsonField> fields;
  uint64_t row = 0;
  while (reader.Next(&fields)) {
    ++row;
    for (size_t position = 0; position < fields.size(); ++position) {
      const JsonField& field = fields[position];
      int found = keys.Find(field.key, position);
      size_t column;
      if (found < 0) {
        inference->names.emplace_back(field.key);
        column = keys.Added(field.key, position);
        inference->columns.emplace_back();
        if (row > 1) inference->columns.back().ObserveNull();  // Earlier lines lacked it.
        last_row.push_back(0);
      } else {
        column = static_cast<size_t>(found);
      }
      if (last_row[column] == row) return DuplicateKey(file_name_, reader.record_line(), field.key);
      last_row[column] = row;
      Observe(field, &inference->columns[column]);
    }
    if (fields.size() != inference->columns.size()) {
      for (size_t column = 0; column < last_row.size(); ++column) {
        if (last_row[column] != row) inference->columns[column].ObserveNull();
      }
    }
  }
  LARDER_RETURN_IF_ERROR(reader.status());
  inference->rows = row;
  inference->end = {reader.position(), reader.position_line()};
  return Status::OK();
}

Status NdjsonDecoder::Decode(const TextChunk& chunk, const DecodePlan& plan,
                             DecodedChunk* decoded) const {
  const Schema& schema = plan.schema;
  std::vector<std::string> names;
  std::vector<ValueReader> readers;
  for (const Field& field : schema.fields) {
    names.push_back(field.name);
    readers.emplace_back(field.type);
  }
  KeyColumns keys(&names);
  Batch batch = Batch::Empty(schema);
  for (ColumnVector& column : batch.columns) column.Reserve(chunk.expected_rows);
  std::vector<uint64_t> last_row(names.size(), 0);
  NdjsonReader reader(file_name_, chunk.data, chunk.begin, chunk.end, chunk.first_line);
  std::vector<JsonField> fields;
  uint64_t row = 0;
  while (reader.Next(&fields)) {
    ++row;
    const uint64_t line = reader.record_line();
    for (size_t position = 0; position < fields.size(); ++position) {
      const JsonField& field = fields[position];
      int found = keys.Find(field.key, position);
      if (found < 0) {
        return InvalidArgument("{}:{}: key `{}` is not a column of table {}", file_name_, line,
                               field.key, plan.table_name);
      }
      const size_t column = static_cast<size_t>(found);
      if (last_row[column] == row) return DuplicateKey(file_name_, line, field.key);
      last_row[column] = row;
      ColumnVector& values = batch.columns[column];
      if (field.kind == JsonValueKind::kNull) {
        if (!values.type().nullable()) {
          return NullInNonNullable(file_name_, line, names[column], values.type());
        }
        values.AppendNull();
      } else if (!AppendValue(field, &readers[column], &values)) {
        return CannotReadValue(file_name_, line, names[column], field.text, values.type());
      }
    }
    if (fields.size() != names.size()) {
      for (size_t column = 0; column < names.size(); ++column) {
        if (last_row[column] == row) continue;
        ColumnVector& values = batch.columns[column];
        if (!values.type().nullable()) {
          return InvalidArgument(
              "{}:{}: the object has no key `{}`, and column `{}` ({}) is not "
              "Nullable",
              file_name_, line, names[column], names[column], values.type().ToString());
        }
        values.AppendNull();
      }
    }
  }
  LARDER_RETURN_IF_ERROR(reader.status());
  decoded->batch = std::move(batch);
  decoded->end = {reader.position(), reader.position_line()};
  return Status::OK();
}

}  // namespace larder::formats
