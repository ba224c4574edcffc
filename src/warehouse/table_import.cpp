#include "warehouse/table_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "catalog/name_rules.h"
#include "formats/chunk_pipeline.h"
#include "formats/csv_decoder.h"
#include "formats/inferred_columns.h"
#include "formats/ndjson_decoder.h"
#include "formats/parquet/parquet_decoder.h"
#include "formats/text_values.h"
#include "storage/table_writer.h"

namespace larder::warehouse {
namespace {

using formats::ImportInput;
using formats::ImportPipeline;
using formats::TextChunk;

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

std::vector<std::string> FieldNames(const Schema& schema) {
  std::vector<std::string> names;
  for (const Field& field : schema.fields) names.push_back(field.name);
  return names;
}

Result<ImportInput> OpenInputFile(const storage::StorageEnv& env, const std::string& path,
                                  ImportFormat format, size_t chunk_bytes) {
  if (env.fs->DirExists(path)) {
    return InvalidArgument("{} is a directory; name the files in it to import them", path);
  }
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                          env.fs->NewRandomAccessFile(path));
  LARDER_ASSIGN_OR_RETURN(std::string_view data, file->Read(0, file->Size()));
  return formats::OpenInput(path, std::move(file), data, format, chunk_bytes, env.pool);
}

Status CheckOverrides(const std::vector<ColumnOverride>& overrides) {
  std::set<std::string_view> seen;
  for (const ColumnOverride& column : overrides) {
    if (!seen.insert(column.name).second) {
      return InvalidArgument("--column {} is given twice", column.name);
    }
    if (!formats::ValueReader::IsImportable(column.type)) {
      return InvalidArgument(
          "--column {}:{}: {} columns cannot be imported yet; use JSON or String", column.name,
          column.type.ToString(), column.type.ToString());
    }
  }
  return Status::OK();
}

// The inferred columns with the user's overrides applied.
Result<Schema> InferredSchema(const formats::InferredColumns& columns,
                              const std::vector<ColumnOverride>& overrides,
                              const std::vector<ImportInput>& inputs) {
  Schema schema = columns.ToSchema();
  for (const ColumnOverride& column : overrides) {
    int index = schema.FindField(column.name);
    if (index < 0) {
      return InvalidArgument("--column {}: the files have no column `{}` (their columns: {})",
                             column.name, column.name, JoinNames(columns.names()));
    }
    schema.fields[static_cast<size_t>(index)].type = column.type;
  }
  if (schema.fields.empty()) {
    std::vector<std::string> paths;
    for (const ImportInput& input : inputs) paths.push_back(input.path);
    return InvalidArgument("{}: no columns to import; the files hold no records", JoinNames(paths));
  }
  return schema;
}

// The first pass over the files for a new table: infers the column types. Records each chunk's
// row count for the second pass.
Result<Schema> InferSchema(ThreadPool* pool, std::vector<ImportInput>* inputs,
                           const ImportRequest& request, uint64_t total_bytes,
                           uint64_t* total_rows) {
  formats::InferredColumns columns;
  for (const ImportInput& input : *inputs) columns.AddNames(input.decoder->fixed_columns());
  ImportProgress progress;
  progress.phase = ImportProgress::Phase::kInferring;
  progress.total_bytes = total_bytes;
  ImportPipeline<formats::ChunkInference> pipeline(pool, inputs, request.chunk_bytes);
  LARDER_RETURN_IF_ERROR(pipeline.Run(
      [](const ImportInput& input, const TextChunk& chunk, formats::ChunkInference* inference) {
        return input.decoder->Infer(chunk, inference);
      },
      [&](ImportInput& input, size_t chunk_index, formats::ChunkInference& inference) {
        TextChunk& chunk = input.chunks[chunk_index];
        chunk.expected_rows = inference.rows;
        columns.Merge(inference);
        progress.rows += inference.rows;
        progress.bytes += chunk.end - chunk.begin;
        if (request.progress) request.progress(progress);
        return Status::OK();
      }));
  *total_rows = columns.rows();
  return InferredSchema(columns, request.column_types, *inputs);
}

// The columns of files that declare their types (Parquet), in the order they are first named;
// a column some files lack becomes Nullable. Records each chunk's row count in `total_rows`.
Result<Schema> DeclaredSchema(const std::vector<ImportInput>& inputs, const ImportRequest& request,
                              uint64_t* total_rows) {
  Schema schema;
  std::vector<size_t> files_with;  // Per column: how many files have it.
  for (const ImportInput& input : inputs) {
    const Schema* declared = input.decoder->declared_schema();
    for (const Field& field : declared->fields) {
      const int index = schema.FindField(field.name);
      if (index < 0) {
        schema.fields.push_back(field);
        files_with.push_back(1);
        continue;
      }
      Field& known = schema.fields[static_cast<size_t>(index)];
      if (known.type.WithNullable(false) != field.type.WithNullable(false)) {
        return InvalidArgument("{}: column `{}` is {} here but {} in {}", input.path, field.name,
                               field.type.ToString(), known.type.ToString(), inputs[0].path);
      }
      if (field.type.nullable()) known.type = field.type;
      ++files_with[static_cast<size_t>(index)];
    }
    for (const formats::TextChunk& chunk : input.chunks) *total_rows += chunk.expected_rows;
  }
  for (size_t index = 0; index < schema.fields.size(); ++index) {
    if (files_with[index] < inputs.size()) {
      schema.fields[index].type = schema.fields[index].type.WithNullable(true);
    }
  }
  for (const ColumnOverride& column : request.column_types) {
    const int index = schema.FindField(column.name);
    if (index < 0) {
      return InvalidArgument("--column {}: the files have no column `{}`", column.name,
                             column.name);
    }
    schema.fields[static_cast<size_t>(index)].type = column.type;
  }
  if (schema.fields.empty()) return InvalidArgument("{}: the file has no columns", inputs[0].path);
  return schema;
}

// Parquet files declare their column types and text files do not: one import takes one kind.
Status CheckOneKind(const std::vector<ImportInput>& inputs) {
  for (const ImportInput& input : inputs) {
    if ((input.decoder->declared_schema() == nullptr) !=
        (inputs[0].decoder->declared_schema() == nullptr)) {
      return InvalidArgument(
          "{} and {}: Parquet files and text files cannot be imported "
          "together; import them with separate commands",
          inputs[0].path, input.path);
    }
  }
  return Status::OK();
}

// Checks files and overrides against an existing table's columns before reading any rows.
Status CheckAgainstTable(const Schema& schema, const ImportRequest& request,
                         const std::vector<ImportInput>& inputs) {
  for (const ColumnOverride& column : request.column_types) {
    int index = schema.FindField(column.name);
    if (index < 0) {
      return InvalidArgument("--column {}: table {} has no column `{}` (its columns: {})",
                             column.name, request.table, column.name,
                             JoinNames(FieldNames(schema)));
    }
    const LogicalType& type = schema.fields[static_cast<size_t>(index)].type;
    if (type != column.type) {
      return InvalidArgument(
          "--column {}:{}: table {} has column `{}` as {}; an import cannot change a column's type",
          column.name, column.type.ToString(), request.table, column.name, type.ToString());
    }
  }
  for (const ImportInput& input : inputs) {
    const std::vector<std::string>& names = input.decoder->fixed_columns();
    if (names.empty()) continue;  // JSON lines: each record names its keys; checked per line.
    for (const std::string& name : names) {
      int index = schema.FindField(name);
      if (index < 0) {
        return InvalidArgument("{}: column `{}` is not in table {} (its columns: {})", input.path,
                               name, request.table, JoinNames(FieldNames(schema)));
      }
      const LogicalType& type = schema.fields[static_cast<size_t>(index)].type;
      if (input.decoder->declared_schema() == nullptr &&
          !formats::ValueReader::IsImportable(type)) {
        return InvalidArgument("{}: column `{}` of table {} is {}, which cannot be imported yet",
                               input.path, name, request.table, type.ToString());
      }
    }
    for (const Field& field : schema.fields) {
      if (field.type.nullable() || std::find(names.begin(), names.end(), field.name) != names.end())
        continue;
      return InvalidArgument(
          "{}: the file has no column `{}`, which table {} needs ({} is not "
          "Nullable)",
          input.path, field.name, request.table, field.type.ToString());
    }
  }
  return Status::OK();
}

std::string DescribeFiles(const std::vector<std::string>& files) {
  constexpr size_t kShown = 5;
  std::vector<std::string> shown(files.begin(), files.begin() + std::min(files.size(), kShown));
  std::string text = JoinNames(shown);
  if (files.size() > kShown) text += fmt::format(" and {} more", files.size() - kShown);
  return text;
}

// Hands batches to a TableWriter cut at its part boundaries. The writer starts a part every
// `part_rows` rows and slices what it buffered there, so a batch straddling a boundary would
// leave a small part behind (10M rows in 19 parts instead of 10).
class PartAlignedAppender {
 public:
  PartAlignedAppender(storage::TableWriter* writer, uint64_t part_rows)
      : writer_(writer), part_rows_(std::max<uint64_t>(part_rows, 1)) {}

  Status Append(Batch batch) {
    for (;;) {
      const uint64_t rows = batch.num_rows(), room = part_rows_ - filled_;
      if (rows <= room) {
        filled_ = (filled_ + rows) % part_rows_;
        return writer_->Append(std::move(batch));
      }
      LARDER_RETURN_IF_ERROR(writer_->Append(Slice(batch, 0, room)));
      filled_ = 0;
      batch = Slice(batch, room, rows - room);
    }
  }

 private:
  static Batch Slice(const Batch& batch, size_t start, size_t count) {
    Batch slice{batch.schema, {}};
    for (const ColumnVector& column : batch.columns) {
      slice.columns.emplace_back(column.type());
      slice.columns.back().AppendRange(column, start, count);
    }
    return slice;
  }

  storage::TableWriter* writer_;
  uint64_t part_rows_;
  uint64_t filled_ = 0;  // Rows in the part being filled.
};

// The second pass: decodes every chunk into the table's columns and writes them in one
// transaction, committed only when every row was read.
Result<uint64_t> LoadRows(storage::Table* table, ThreadPool* pool, std::vector<ImportInput>* inputs,
                          const ImportRequest& request, const Schema& schema, uint64_t total_bytes,
                          uint64_t total_rows) {
  const formats::DecodePlan plan{request.table, schema};
  std::unique_ptr<storage::TableWriter> writer = table->NewWriter();
  if (request.replace) writer->ReplaceAll();
  PartAlignedAppender appender(writer.get(), writer->base().manifest().settings.part_rows);
  ImportProgress progress;
  progress.phase = ImportProgress::Phase::kLoading;
  progress.total_rows = total_rows;
  progress.total_bytes = total_bytes;
  ImportPipeline<formats::DecodedChunk> pipeline(pool, inputs, request.chunk_bytes);
  LARDER_RETURN_IF_ERROR(pipeline.Run(
      [&plan](const ImportInput& input, const TextChunk& chunk, formats::DecodedChunk* decoded) {
        return input.decoder->Decode(chunk, plan, decoded);
      },
      [&](ImportInput& input, size_t chunk_index, formats::DecodedChunk& decoded) {
        const TextChunk& chunk = input.chunks[chunk_index];
        progress.rows += decoded.batch.num_rows();
        progress.bytes += chunk.end - chunk.begin;
        LARDER_RETURN_IF_ERROR(appender.Append(std::move(decoded.batch)));
        if (request.progress) request.progress(progress);
        return Status::OK();
      }));
  writer->SetMetadata("import.files", DescribeFiles(request.files));
  LARDER_RETURN_IF_ERROR(writer->Commit());
  return writer->rows_appended();
}

}  // namespace

Result<ImportFormat> ParseImportFormat(std::string_view name) {
  return formats::ParseFileFormat(name);
}

Result<ColumnOverride> ParseColumnOverride(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    return InvalidArgument(
        "--column {}: expected NAME:TYPE, e.g. zip:String or "
        "amount:Nullable(Float64)",
        text);
  }
  ColumnOverride column;
  column.name = std::string(text.substr(0, colon));
  auto type = LogicalType::Parse(text.substr(colon + 1));
  if (!type.ok()) return type.status().WithContext(fmt::format("--column {}", text));
  column.type = *type;
  return column;
}

Result<ImportResult> ImportTable(DataDirectory* data, const ImportRequest& request) {
  LARDER_RETURN_IF_ERROR(catalog::ValidateTableName(request.table));
  if (request.files.empty()) return InvalidArgument("name at least one file to import");
  LARDER_RETURN_IF_ERROR(CheckOverrides(request.column_types));
  const storage::StorageEnv& env = data->env();
  std::vector<ImportInput> inputs;
  uint64_t total_bytes = 0;
  for (const std::string& path : request.files) {
    LARDER_ASSIGN_OR_RETURN(ImportInput input,
                            OpenInputFile(env, path, request.format, request.chunk_bytes));
    total_bytes += input.data.size() - input.decoder->data_begin();
    inputs.push_back(std::move(input));
  }

  LARDER_RETURN_IF_ERROR(CheckOneKind(inputs));

  ImportResult result;
  storage::Table* table = nullptr;
  uint64_t total_rows = 0;
  auto entry = data->catalog().GetTable(request.project_id, request.table);
  if (entry.ok()) {
    if (entry->kind != catalog::TableKind::kSynced) {
      return FailedPrecondition(
          "table {} is of kind {}; larder import only loads tables of kind synced (the kind it "
          "creates)",
          request.table, catalog::TableKindName(entry->kind));
    }
    LARDER_ASSIGN_OR_RETURN(table, data->OpenTable(request.project_id, request.table));
    result.schema = table->Snapshot()->schema();
    LARDER_RETURN_IF_ERROR(CheckAgainstTable(result.schema, request, inputs));
  } else if (entry.status().code() != StatusCode::kNotFound) {
    return entry.status();
  } else {
    if (inputs[0].decoder->declared_schema() != nullptr) {
      LARDER_ASSIGN_OR_RETURN(result.schema, DeclaredSchema(inputs, request, &total_rows));
    } else {
      LARDER_ASSIGN_OR_RETURN(result.schema,
                              InferSchema(env.pool, &inputs, request, total_bytes, &total_rows));
    }
    LARDER_ASSIGN_OR_RETURN(
        table, data->CreateTable(request.project_id, request.table, catalog::TableKind::kSynced,
                                 result.schema, {}, {}));
    result.created = true;
  }

  auto rows = LoadRows(table, env.pool, &inputs, request, result.schema, total_bytes, total_rows);
  if (!rows.ok()) {
    if (result.created) data->DropTable(request.project_id, request.table).IgnoreError();
    return rows.status();
  }
  result.rows = *rows;
  return result;
}

}  // namespace larder::warehouse
