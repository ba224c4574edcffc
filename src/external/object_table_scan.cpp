#include "external/object_table_scan.h"

#include <fmt/format.h>

#include <mutex>
#include <optional>

#include "formats/parquet/parquet_reader.h"
#include "sources/object_storage/bucket_source.h"
#include "storage/zone_map.h"

namespace larder::external {
namespace {

namespace parquet = formats::parquet;

constexpr size_t kTextChunkBytes = 4 << 20;

bool IsParquet(const sources::ObjectInfo& object, formats::FileFormat format) {
  if (format != formats::FileFormat::kAuto) return format == formats::FileFormat::kParquet;
  Result<formats::FileFormat> named = formats::FormatFromFileName(object.key);
  return named.ok() && *named == formats::FileFormat::kParquet;
}

// False only when the row group's statistics show that no row can satisfy `predicate`.
bool RowGroupMayMatch(const parquet::ParquetReader& reader, size_t row_group, const Schema& table,
                      const storage::ColumnPredicate& predicate) {
  const int file_column = reader.schema().FindField(predicate.column);
  const int table_column = table.FindField(predicate.column);
  if (file_column < 0 || table_column < 0) return true;
  // Bounds compare only with values of the same type.
  if (reader.schema().fields[file_column].type.WithNullable(false) !=
      table.fields[table_column].type.WithNullable(false)) {
    return true;
  }
  const parquet::RowGroupInfo& info = reader.row_group(row_group);
  const parquet::ColumnStatistics& statistics = info.columns[file_column];
  using Op = storage::ColumnPredicate::Op;
  const bool about_nulls = predicate.op == Op::kIsNull || predicate.op == Op::kIsNotNull;
  if (!statistics.null_count && about_nulls) return true;
  storage::ZoneMap zone_map;
  zone_map.min = statistics.min;
  zone_map.max = statistics.max;
  zone_map.row_count = static_cast<uint64_t>(info.num_rows);
  zone_map.null_count = static_cast<uint64_t>(statistics.null_count.value_or(0));
  return storage::ZoneMapMayMatch(zone_map, predicate);
}

class ObjectTableScanner : public execution::TableScanner {
 public:
  explicit ObjectTableScanner(ObjectScanRequest request) : request_(std::move(request)) {}

  Status Open() {
    for (const std::string& name : request_.columns) {
      const int index = request_.schema.FindField(name);
      if (index < 0) return InvalidArgument("table {} has no column {}", request_.table_name, name);
      types_.push_back(request_.schema.fields[static_cast<size_t>(index)].type);
    }
    LARDER_ASSIGN_OR_RETURN(std::vector<sources::ObjectInfo> objects,
                            sources::ListMatchingObjects(request_.url, request_.access));
    for (sources::ObjectInfo& object : objects) {
      File& file = files_.emplace_back();
      file.object = std::move(object);
      if (!IsParquet(file.object, request_.format)) {
        morsels_.push_back({files_.size() - 1, -1, 0});
        continue;
      }
      LARDER_RETURN_IF_ERROR(OpenParquet(&file));
    }
    texts_ = std::make_unique<TextRows[]>(morsels_.size());
    return Status::OK();
  }

  size_t MorselCount() const override { return morsels_.size(); }

  size_t MorselRows(size_t morsel) const override {
    const Morsel& piece = morsels_[morsel];
    if (piece.row_group >= 0) return piece.rows;
    const Result<const Batch*> batch = TextBatch(morsel);
    return batch.ok() ? (*batch)->num_rows() : 0;
  }

  Result<ColumnVector> ReadColumn(size_t morsel, size_t column) const override {
    const Morsel& piece = morsels_[morsel];
    const File& file = files_[piece.file];
    if (piece.row_group < 0) {
      LARDER_ASSIGN_OR_RETURN(const Batch* batch, TextBatch(morsel));
      const int index = batch->schema.FindField(request_.columns[column]);
      return batch->columns[static_cast<size_t>(index)].Clone();
    }
    const std::string& name = request_.columns[column];
    const LogicalType& type = types_[column];
    const int file_column = file.reader->schema().FindField(name);
    if (file_column < 0) {
      ColumnVector nulls(type);
      for (size_t row = 0; row < piece.rows; ++row) nulls.AppendNull();
      return nulls;
    }
    LARDER_ASSIGN_OR_RETURN(
        std::unique_ptr<parquet::RowGroupReader> reader,
        file.reader->ReadRowGroup(static_cast<size_t>(piece.row_group), {file_column}));
    Batch read = Batch::Empty(Schema{{file.reader->schema().fields[file_column]}});
    if (piece.rows > 0) {
      LARDER_ASSIGN_OR_RETURN(bool any, reader->Next(piece.rows, &read));
      if (!any) return Internal("{}: row group {} gave no rows", Name(file), piece.row_group);
    }
    ColumnVector& values = read.columns[0];
    if (values.type() == type) return std::move(values);
    Result<ColumnVector> converted = values.CastTo(type);
    if (!converted.ok()) {
      return converted.status().WithContext(fmt::format("{}: column `{}`", Name(file), name));
    }
    return converted;
  }

 private:
  struct File {
    sources::ObjectInfo object;
    std::unique_ptr<parquet::ParquetReader> reader;  // Parquet files only.
  };
  struct Morsel {
    size_t file;
    int64_t row_group;  // -1 for a text file (the whole file).
    size_t rows;        // Parquet: the row group's.
  };
  // A text file's rows, decoded on first use.
  struct TextRows {
    std::mutex mutex;
    bool done = false;
    Status status;
    Batch batch;
  };

  std::string Name(const File& file) const { return request_.url.DisplayObject(file.object.key); }

  // Reads the footer, checks the columns' types and keeps the row groups that may match.
  Status OpenParquet(File* file) {
    LARDER_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source,
                            sources::OpenListedObject(request_.url, file->object, request_.access));
    LARDER_ASSIGN_OR_RETURN(file->reader, parquet::ParquetReader::Open(std::move(source)));
    const Schema& declared = file->reader->schema();
    for (size_t column = 0; column < request_.columns.size(); ++column) {
      const int index = declared.FindField(request_.columns[column]);
      if (index < 0) continue;
      const LogicalType& from = declared.fields[static_cast<size_t>(index)].type;
      if (from != types_[column] && !IsWideningConversion(from, types_[column])) {
        return InvalidArgument(
            "{}: column `{}` is {} in the file, which does not convert to {} (its type in table "
            "{})",
            Name(*file), request_.columns[column], from.ToString(), types_[column].ToString(),
            request_.table_name);
      }
    }
    for (size_t row_group = 0; row_group < file->reader->num_row_groups(); ++row_group) {
      bool may_match = true;
      for (const storage::ColumnPredicate& predicate : request_.prune) {
        may_match =
            may_match && RowGroupMayMatch(*file->reader, row_group, request_.schema, predicate);
      }
      if (!may_match) continue;
      morsels_.push_back({static_cast<size_t>(&*file - &files_[0]), static_cast<int64_t>(row_group),
                          static_cast<size_t>(file->reader->row_group(row_group).num_rows)});
    }
    return Status::OK();
  }

  Result<const Batch*> TextBatch(size_t morsel) const {
    TextRows& rows = texts_[morsel];
    std::lock_guard lock(rows.mutex);
    if (!rows.done) {
      rows.status = DecodeText(files_[morsels_[morsel].file], &rows.batch);
      rows.done = true;
    }
    if (!rows.status.ok()) return rows.status;
    return &rows.batch;
  }

  // Decodes a whole text file into the table's columns.
  Status DecodeText(const File& file, Batch* out) const {
    LARDER_ASSIGN_OR_RETURN(formats::ImportInput input,
                            sources::FetchObjectInput(request_.url, file.object, request_.access,
                                                      request_.format, kTextChunkBytes, nullptr));
    const formats::DecodePlan plan{request_.table_name, request_.schema};
    *out = Batch::Empty(request_.schema);
    for (const formats::TextChunk& chunk : input.chunks) {
      formats::DecodedChunk decoded;
      LARDER_RETURN_IF_ERROR(input.decoder->Decode(chunk, plan, &decoded));
      for (size_t column = 0; column < out->columns.size(); ++column) {
        out->columns[column].AppendRange(decoded.batch.columns[column], 0,
                                         decoded.batch.num_rows());
      }
    }
    return Status::OK();
  }

  ObjectScanRequest request_;
  std::vector<LogicalType> types_;  // Of request_.columns.
  std::vector<File> files_;
  std::vector<Morsel> morsels_;
  std::unique_ptr<TextRows[]> texts_;  // Per morsel; used by text files only.
};

}  // namespace

Result<std::unique_ptr<execution::TableScanner>> OpenObjectTableScan(ObjectScanRequest request) {
  auto scanner = std::make_unique<ObjectTableScanner>(std::move(request));
  LARDER_RETURN_IF_ERROR(scanner->Open());
  return std::unique_ptr<execution::TableScanner>(std::move(scanner));
}

}  // namespace larder::external
