#include "sources/object_storage/bucket_source.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/file_system.h"
#include "common/thread_pool.h"
#include "formats/chunk_pipeline.h"
#include "formats/file_decompression.h"
#include "formats/inferred_columns.h"
#include "formats/input_file.h"
#include "formats/parquet/parquet_reader.h"
#include "sources/source_settings.h"

namespace larder::sources {
namespace {

constexpr size_t kChunkBytes = 4 << 20;
constexpr size_t kSampleChunkBytes = 64 << 10;

struct BucketSettings {
  std::string url_text;
  ObjectUrl url;
  formats::FileFormat format = formats::FileFormat::kAuto;
  std::string table;
  std::vector<std::pair<std::string, LogicalType>> column_types;
};

std::string Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

// "name:Type; name:Type".
Result<std::vector<std::pair<std::string, LogicalType>>> ParseColumnTypes(std::string_view text) {
  std::vector<std::pair<std::string, LogicalType>> columns;
  while (!text.empty()) {
    const size_t end = std::min(text.find(';'), text.size());
    const std::string item = Trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    if (item.empty()) continue;
    const size_t colon = item.find(':');
    if (colon == std::string::npos || colon == 0) {
      return InvalidArgument("column_types: expected NAME:TYPE, e.g. zip:String, not '{}'", item);
    }
    Result<LogicalType> type = LogicalType::Parse(Trim(std::string_view(item).substr(colon + 1)));
    if (!type.ok()) return type.status().WithContext(fmt::format("column_types {}", item));
    columns.emplace_back(Trim(std::string_view(item).substr(0, colon)), *type);
  }
  return columns;
}

// The pattern's last literal folder or file name without extensions: "orders" for
// s3://b/orders/*.parquet and for file:///data/orders.csv.gz; "files" when there is none.
std::string DefaultTableName(const ObjectUrl& url) {
  std::string_view prefix = url.key_prefix;
  if (prefix.size() == url.key_pattern.size())
    prefix = url.key_pattern;  // A single file.
  else
    prefix = prefix.substr(0, prefix.rfind('/') == std::string_view::npos ? 0 : prefix.rfind('/'));
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  std::string name(BaseName(prefix));
  name = name.substr(0, name.find('.'));
  std::string clean;
  for (char c : name) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    clean += word ? static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) : '_';
  }
  return clean.empty() ? "files" : clean;
}

Result<BucketSettings> ParseSettings(const SourceConfig& config) {
  BucketSettings settings;
  LARDER_RETURN_IF_ERROR(RequireSetting(config, "bucket", "url", &settings.url_text));
  ObjectUrlSettings url_settings;
  OptionalSetting(config, "endpoint", &url_settings.endpoint);
  OptionalSetting(config, "region", &url_settings.region);
  LARDER_ASSIGN_OR_RETURN(settings.url, ParseObjectUrl(settings.url_text, url_settings));
  std::string format;
  OptionalSetting(config, "format", &format);
  if (!format.empty()) {
    LARDER_ASSIGN_OR_RETURN(settings.format, formats::ParseFileFormat(format));
  }
  settings.table = DefaultTableName(settings.url);
  OptionalSetting(config, "table", &settings.table);
  std::string column_types;
  OptionalSetting(config, "column_types", &column_types);
  LARDER_ASSIGN_OR_RETURN(settings.column_types, ParseColumnTypes(column_types));
  return settings;
}

std::string ObjectId(const ObjectInfo& object) { return object.key + "\n" + object.etag; }

class BucketSource : public Source {
 public:
  BucketSource(BucketSettings settings, ObjectAccess access)
      : settings_(std::move(settings)), access_(std::move(access)) {}

  Status Check() override {
    LARDER_ASSIGN_OR_RETURN(std::vector<ObjectInfo> objects, List());
    return Status::OK();
  }

  Result<std::vector<SourceTable>> Discover() override {
    LARDER_ASSIGN_OR_RETURN(std::vector<ObjectInfo> objects, List());
    LARDER_ASSIGN_OR_RETURN(Schema schema, InferSchema(objects));
    SourceTable table;
    table.name = settings_.table;
    table.appends_by_object = true;
    for (const Field& field : schema.fields) {
      SourceColumn column;
      column.name = field.name;
      column.type = field.type.WithNullable(true);
      column.source_type = field.type.WithNullable(false).ToString();
      table.columns.push_back(std::move(column));
    }
    schema_ = schema;
    for (Field& field : schema_->fields) field.type = field.type.WithNullable(true);
    return std::vector<SourceTable>{std::move(table)};
  }

  Status Read(const ReadRequest& request, const BatchSink& sink) override {
    if (request.table != settings_.table) {
      return NotFound("the bucket source has no table {} (its table: {})", request.table,
                      settings_.table);
    }
    if (!request.cursor_column.empty()) {
      return InvalidArgument(
          "table {} is made of files: append loads the files not loaded before and takes no "
          "replication key",
          request.table);
    }
    if (!schema_ && !request.columns) {
      LARDER_ASSIGN_OR_RETURN(std::vector<SourceTable> tables, Discover());
    }
    LARDER_ASSIGN_OR_RETURN(std::vector<ObjectInfo> objects, List());
    ThreadPool pool;
    const formats::DecodePlan plan{settings_.table, request.columns ? *request.columns : *schema_};
    for (const ObjectInfo& object : objects) {
      const std::string id = ObjectId(object);
      if (request.skip_object && request.skip_object(id)) continue;
      LARDER_RETURN_IF_ERROR(ReadObject(object, plan, &pool, sink));
      if (request.object_done) {
        LARDER_RETURN_IF_ERROR(request.object_done(id));
      }
    }
    return Status::OK();
  }

 private:
  Result<std::vector<ObjectInfo>> List() const {
    LARDER_ASSIGN_OR_RETURN(std::vector<ObjectInfo> objects,
                            ListMatchingObjects(settings_.url, access_));
    if (objects.empty()) {
      return NotFound("no file matches {}; check the pattern (globs: *, **, ?, {{a,b}})",
                      settings_.url.Display());
    }
    return objects;
  }

  std::string Name(const ObjectInfo& object) const {
    return settings_.url.DisplayObject(object.key);
  }

  Status ReadObject(const ObjectInfo& object, const formats::DecodePlan& plan, ThreadPool* pool,
                    const BatchSink& sink) const {
    std::vector<formats::ImportInput> inputs;
    LARDER_ASSIGN_OR_RETURN(
        formats::ImportInput input,
        FetchObjectInput(settings_.url, object, access_, settings_.format, kChunkBytes, pool));
    inputs.push_back(std::move(input));
    formats::ImportPipeline<formats::DecodedChunk> pipeline(pool, &inputs, kChunkBytes);
    return pipeline.Run(
        [&plan](const formats::ImportInput& in, const formats::TextChunk& chunk,
                formats::DecodedChunk* decoded) {
          return in.decoder->Decode(chunk, plan, decoded);
        },
        [&sink](formats::ImportInput&, size_t, formats::DecodedChunk& decoded) {
          if (decoded.batch.num_rows() == 0) return Status::OK();
          return sink(std::move(decoded.batch));
        });
  }

  bool IsParquet(const ObjectInfo& object) const {
    if (settings_.format != formats::FileFormat::kAuto) {
      return settings_.format == formats::FileFormat::kParquet;
    }
    Result<formats::FileFormat> format = formats::FormatFromFileName(object.key);
    return format.ok() && *format == formats::FileFormat::kParquet;
  }

  // Folds the declared columns of a Parquet file into `schema` (first seen first).
  Status MergeParquetSchema(const ObjectInfo& object, Schema* schema) const {
    LARDER_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source,
                            OpenListedObject(settings_.url, object, access_));
    LARDER_ASSIGN_OR_RETURN(auto reader, formats::parquet::ParquetReader::Open(std::move(source)));
    for (const Field& field : reader->schema().fields) {
      const int index = schema->FindField(field.name);
      if (index < 0) {
        schema->fields.push_back(field);
        continue;
      }
      const LogicalType& known = schema->fields[static_cast<size_t>(index)].type;
      if (known.WithNullable(false) != field.type.WithNullable(false)) {
        return InvalidArgument("{}: column `{}` is {} here but {} in the files before it",
                               Name(object), field.name, field.type.ToString(), known.ToString());
      }
    }
    return Status::OK();
  }

  // Infers the columns of a text file from its first kSampleBytes.
  Status SampleText(const ObjectInfo& object, formats::InferredColumns* columns) const {
    LARDER_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> source,
                            OpenListedObject(settings_.url, object, access_));
    LARDER_ASSIGN_OR_RETURN(uint64_t size, source->Size());
    std::string bytes;
    uint64_t length = std::min<uint64_t>(size, kSampleBytes);
    LARDER_RETURN_IF_ERROR(source->ReadAt(0, length, &bytes));
    if (length < size && formats::DetectCompression(bytes) != formats::FileCompression::kNone) {
      // A compressed file cannot be read from a prefix: read it whole.
      LARDER_RETURN_IF_ERROR(source->ReadAt(0, size, &bytes));
      length = size;
    }
    const bool truncated = length < size;
    if (truncated) bytes.resize(bytes.rfind('\n') == std::string::npos ? 0 : bytes.rfind('\n') + 1);
    LARDER_ASSIGN_OR_RETURN(formats::ImportInput input,
                            formats::OpenOwnedInput(Name(object), std::move(bytes),
                                                    settings_.format, kSampleChunkBytes, nullptr));
    columns->AddNames(input.decoder->fixed_columns());
    const formats::TextChunk rest{input.data, input.decoder->data_begin(), input.data.size(),
                                  input.decoder->data_first_line(), 0};
    std::vector<formats::TextChunk> chunks = input.decoder->SplitAtRecords(rest, kSampleChunkBytes);
    // The sample's last record may be cut short where the sample ends: its chunk is left out.
    if (truncated && chunks.size() > 1) chunks.pop_back();
    for (const formats::TextChunk& chunk : chunks) {
      formats::ChunkInference inference;
      LARDER_RETURN_IF_ERROR(input.decoder->Infer(chunk, &inference));
      columns->Merge(inference);
    }
    return Status::OK();
  }

  Result<Schema> InferSchema(const std::vector<ObjectInfo>& objects) const {
    Schema schema;
    formats::InferredColumns text_columns;
    size_t text_files = 0, parquet_files = 0;
    for (size_t i = 0; i < objects.size() && i < kSampleObjects; ++i) {
      if (IsParquet(objects[i])) {
        ++parquet_files;
        LARDER_RETURN_IF_ERROR(MergeParquetSchema(objects[i], &schema));
      } else {
        ++text_files;
        LARDER_RETURN_IF_ERROR(SampleText(objects[i], &text_columns));
      }
    }
    if (text_files > 0 && parquet_files > 0) {
      return InvalidArgument(
          "{} matches both Parquet and text files; link them as separate tables (narrow the "
          "pattern, e.g. *.parquet)",
          settings_.url.Display());
    }
    if (text_files > 0) schema = text_columns.ToSchema();
    for (const auto& [name, type] : settings_.column_types) {
      const int index = schema.FindField(name);
      if (index < 0) {
        return InvalidArgument("column_types: the files have no column `{}`", name);
      }
      schema.fields[static_cast<size_t>(index)].type = type;
    }
    if (schema.fields.empty()) {
      return InvalidArgument("{}: the files hold no columns", Name(objects[0]));
    }
    return schema;
  }

  BucketSettings settings_;
  ObjectAccess access_;
  std::optional<Schema> schema_;  // The columns Discover() found, which Read() delivers.
};

// Streams a large object into a file in the temporary folder ($TMPDIR or /tmp) and maps it;
// the file is removed at once, so it is gone when the mapping is, however the process ends.
Result<std::unique_ptr<RandomAccessFile>> DownloadToTemporaryFile(const ObjectUrl& url,
                                                                  const ObjectInfo& object,
                                                                  const ObjectAccess& access) {
  std::string path = (std::filesystem::temp_directory_path() / "larder-object-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    return IOError("cannot create a temporary file for {}: {}", url.DisplayObject(object.key),
                   std::strerror(errno));
  }
  struct Cleanup {
    int fd;
    std::string path;
    ~Cleanup() {
      ::close(fd);
      ::unlink(path.c_str());
    }
  } cleanup{fd, path};
  LARDER_RETURN_IF_ERROR(StreamListedObject(url, object, access, [&](std::string_view piece) {
    while (!piece.empty()) {
      const ssize_t written = ::write(fd, piece.data(), piece.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        return IOError("writing {} to {}: {}", url.DisplayObject(object.key), path,
                       std::strerror(errno));
      }
      piece.remove_prefix(static_cast<size_t>(written));
    }
    return Status::OK();
  }));
  return NewPosixFileSystem()->NewRandomAccessFile(path);
}

}  // namespace

Result<formats::ImportInput> FetchObjectInput(const ObjectUrl& url, const ObjectInfo& object,
                                              const ObjectAccess& access,
                                              formats::FileFormat format, size_t chunk_bytes,
                                              ThreadPool* pool) {
  if (url.provider == ObjectStoreProvider::kLocalFiles) {
    // Checked against the file roots before it is mapped.
    LARDER_ASSIGN_OR_RETURN(auto checked, OpenListedObject(url, object, access));
    auto fs = NewPosixFileSystem();
    LARDER_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                            fs->NewRandomAccessFile(object.key));
    LARDER_ASSIGN_OR_RETURN(std::string_view data, file->Read(0, file->Size()));
    return formats::OpenInput(object.key, std::move(file), data, format, chunk_bytes, pool);
  }
  if (object.size > access.in_memory_object_bytes) {
    LARDER_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                            DownloadToTemporaryFile(url, object, access));
    LARDER_ASSIGN_OR_RETURN(std::string_view data, file->Read(0, file->Size()));
    return formats::OpenInput(url.DisplayObject(object.key), std::move(file), data, format,
                              chunk_bytes, pool);
  }
  std::string bytes;
  bytes.reserve(object.size);
  LARDER_RETURN_IF_ERROR(StreamListedObject(url, object, access, [&bytes](std::string_view piece) {
    bytes.append(piece);
    return Status::OK();
  }));
  return formats::OpenOwnedInput(url.DisplayObject(object.key), std::move(bytes), format,
                                 chunk_bytes, pool);
}

Result<std::unique_ptr<Source>> OpenBucketSource(const SourceConfig& config,
                                                 const ObjectAccess& policy) {
  LARDER_ASSIGN_OR_RETURN(BucketSettings settings, ParseSettings(config));
  ObjectAccess access = policy;
  OptionalSetting(config, "access_key_id", &access.credentials.access_key_id);
  OptionalSetting(config, "secret_access_key", &access.credentials.secret_access_key);
  OptionalSetting(config, "session_token", &access.credentials.session_token);
  if (settings.url.provider == ObjectStoreProvider::kLocalFiles && access.file_roots) {
    LARDER_RETURN_IF_ERROR(CheckFileRoots(settings.url, *access.file_roots));
  }
  return std::unique_ptr<Source>(new BucketSource(std::move(settings), std::move(access)));
}

}  // namespace larder::sources
