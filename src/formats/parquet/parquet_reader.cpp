#include "formats/parquet/parquet_reader.h"

#include <algorithm>
#include <cstring>

#include "formats/parquet/page_codec.h"
#include "formats/parquet/page_values.h"
#include "formats/parquet/thrift_compact.h"

namespace larder::formats::parquet {
namespace {

constexpr std::string_view kMagic = "PAR1";
constexpr std::string_view kEncryptedMagic = "PARE";
// "PAR1" at the start, and the footer length and "PAR1" at the end.
constexpr uint64_t kFramingBytes = 12;
// Read from the end of a file at first, in the hope that the footer fits.
constexpr uint64_t kTailBytes = 64 << 10;

std::string JoinPath(const std::vector<std::string>& path) {
  std::string joined;
  for (const std::string& part : path) joined += (joined.empty() ? "" : ".") + part;
  return joined;
}

}  // namespace

Result<std::unique_ptr<ParquetReader>> ParquetReader::Open(std::unique_ptr<ByteSource> source) {
  std::unique_ptr<ParquetReader> reader(new ParquetReader(std::move(source)));
  LARDER_RETURN_IF_ERROR(reader->ReadFooter());
  return reader;
}

Status ParquetReader::ReadFooter() {
  const std::string& name = source_->name();
  LARDER_ASSIGN_OR_RETURN(const uint64_t size, source_->Size());
  if (size < kFramingBytes) {
    return Corruption(
        "{}: not a Parquet file: {} bytes is too short (a Parquet file starts and "
        "ends with PAR1)",
        name, size);
  }
  // The file's last kTailBytes hold the footer of most files: one read (two when the footer is
  // larger), and one more for the magic at the start unless the file is that small.
  std::string tail;
  const uint64_t tail_begin = size - std::min<uint64_t>(size, kTailBytes);
  LARDER_RETURN_IF_ERROR(source_->ReadAt(tail_begin, size - tail_begin, &tail));
  std::string head;
  if (tail_begin == 0) {
    head = tail.substr(0, 4);
  } else {
    LARDER_RETURN_IF_ERROR(source_->ReadAt(0, 4, &head));
  }
  const std::string_view end_magic = std::string_view(tail).substr(tail.size() - 4);
  if (end_magic == kEncryptedMagic) {
    return NotImplemented(
        "{}: the file is encrypted (its footer ends with PARE), which Larder cannot read", name);
  }
  if (head != kMagic || end_magic != kMagic) {
    return Corruption("{}: not a Parquet file: it does not {} with PAR1", name,
                      head != kMagic ? "start" : "end");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail.data() + tail.size() - 8, 4);
  if (footer_length > size - kFramingBytes) {
    return Corruption(
        "{}: the footer length {} is more than the file's {} bytes allow; the file may be "
        "truncated",
        name, footer_length, size);
  }
  if (footer_length > kMaxFooterBytes) {
    return ResourceExhausted("{}: the footer of {} bytes is larger than the {} bytes accepted",
                             name, footer_length, kMaxFooterBytes);
  }
  const uint64_t footer_begin = size - 8 - footer_length;
  std::string footer;
  if (footer_begin >= tail_begin) {
    footer = tail.substr(footer_begin - tail_begin, footer_length);
  } else {
    LARDER_RETURN_IF_ERROR(source_->ReadAt(footer_begin, footer_length, &footer));
  }
  if (Status status = DecodeFileMetaData(footer, &metadata_); !status.ok()) {
    return status.WithContext(fmt::format("{}: footer", name));
  }
  if (metadata_.encrypted) {
    return NotImplemented("{}: the file's columns are encrypted, which Larder cannot read", name);
  }
  auto schema = ParquetSchema::Build(metadata_.schema);
  if (!schema.ok()) return schema.status().WithContext(fmt::format("{}: schema", name));
  schema_ = std::move(*schema);
  for (const ParquetField& field : schema_.fields()) {
    larder_schema_.fields.push_back({field.name, field.type});
  }
  return CheckRowGroups(footer_begin);
}

void ParquetReader::ChunkRange(const ColumnMetaData& meta, uint64_t* begin,
                               uint64_t* length) const {
  int64_t start = meta.data_page_offset;
  if (meta.dictionary_page_offset && *meta.dictionary_page_offset > 0 &&
      *meta.dictionary_page_offset < start) {
    start = *meta.dictionary_page_offset;
  }
  *begin = static_cast<uint64_t>(start);
  *length = static_cast<uint64_t>(meta.total_compressed_size);
}

Status ParquetReader::CheckRowGroups(uint64_t data_end) {
  const std::string& name = source_->name();
  const std::vector<LeafColumn>& leaves = schema_.leaves();
  for (size_t group = 0; group < metadata_.row_groups.size(); ++group) {
    const RowGroup& row_group = metadata_.row_groups[group];
    if (row_group.num_rows < 0) {
      return Corruption("{}: row group {} has {} rows", name, group, row_group.num_rows);
    }
    if (row_group.columns.size() != leaves.size()) {
      return Corruption("{}: row group {} has {} column chunks but the schema {} columns", name,
                        group, row_group.columns.size(), leaves.size());
    }
    RowGroupInfo info;
    info.num_rows = row_group.num_rows;
    for (size_t leaf = 0; leaf < leaves.size(); ++leaf) {
      const ColumnChunk& chunk = row_group.columns[leaf];
      const std::string context = Context(group, leaves[leaf].dotted_path);
      if (!chunk.file_path.empty()) {
        return NotImplemented("{}: the chunk is in another file ({}), which Larder cannot read",
                              context, chunk.file_path);
      }
      if (chunk.encrypted) return NotImplemented("{}: the chunk is encrypted", context);
      if (!chunk.meta_data) return Corruption("{}: the chunk has no metadata", context);
      const ColumnMetaData& meta = *chunk.meta_data;
      if (meta.type != leaves[leaf].physical) {
        return Corruption("{}: the chunk holds {} values but the schema says {}", context,
                          PhysicalTypeName(meta.type), PhysicalTypeName(leaves[leaf].physical));
      }
      if (meta.path_in_schema != leaves[leaf].path) {
        return Corruption("{}: the chunk is for column {}", context, JoinPath(meta.path_in_schema));
      }
      uint64_t begin, length;
      ChunkRange(meta, &begin, &length);
      if (meta.data_page_offset < 4 || meta.total_compressed_size < 0 || begin < 4 ||
          begin > data_end || length > data_end - begin) {
        return Corruption("{}: the chunk claims bytes [{}, {}) but column data lies in [4, {})",
                          context, static_cast<int64_t>(begin),
                          static_cast<int64_t>(begin + length), data_end);
      }
      info.compressed_bytes += length;
    }
    for (const ParquetField& field : schema_.fields()) {
      ColumnStatistics statistics;
      const ColumnChunk& chunk = row_group.columns[static_cast<size_t>(field.node.first_leaf)];
      if (field.flat && chunk.meta_data->statistics) {
        statistics = DecodeStatistics(leaves[static_cast<size_t>(field.node.leaf)],
                                      *chunk.meta_data->statistics);
      }
      info.columns.push_back(std::move(statistics));
    }
    num_rows_ += static_cast<uint64_t>(row_group.num_rows);
    row_groups_.push_back(std::move(info));
  }
  return Status::OK();
}

std::string ParquetReader::Context(size_t row_group, std::string_view column) const {
  return fmt::format("{}: column `{}`, row group {}", source_->name(), column, row_group);
}

Result<std::unique_ptr<ColumnChunkReader>> ParquetReader::OpenChunk(size_t row_group,
                                                                    int leaf) const {
  const LeafColumn& column = schema_.leaves()[static_cast<size_t>(leaf)];
  const ColumnMetaData& meta =
      *metadata_.row_groups[row_group].columns[static_cast<size_t>(leaf)].meta_data;
  const std::string context = Context(row_group, column.dotted_path);
  if (!IsSupportedCodec(meta.codec)) {
    return NotImplemented(
        "{}: compression {} is not supported (UNCOMPRESSED, SNAPPY, GZIP, ZSTD "
        "and LZ4_RAW are); rewrite the file with one of those",
        context, CodecName(meta.codec));
  }
  uint64_t begin, length;
  ChunkRange(meta, &begin, &length);
  std::string bytes = buffers_.Take();
  if (Status status = source_->ReadAt(begin, static_cast<size_t>(length), &bytes); !status.ok()) {
    return status.WithContext(context);
  }
  return std::make_unique<ColumnChunkReader>(&column, meta.codec, meta.num_values, std::move(bytes),
                                             context, &buffers_);
}

Result<std::unique_ptr<RowGroupReader>> ParquetReader::ReadRowGroup(
    size_t row_group, const std::vector<int>& columns) const {
  if (row_group >= row_groups_.size()) {
    return InvalidArgument("{}: there is no row group {} (the file has {})", source_->name(),
                           row_group, row_groups_.size());
  }
  std::unique_ptr<RowGroupReader> reader(new RowGroupReader());
  reader->rows_left_ = static_cast<uint64_t>(row_groups_[row_group].num_rows);
  for (int index : columns) {
    if (index < 0 || static_cast<size_t>(index) >= schema_.fields().size()) {
      return InvalidArgument("{}: there is no column {} (the file has {})", source_->name(), index,
                             schema_.fields().size());
    }
    const ParquetField& field = schema_.fields()[static_cast<size_t>(index)];
    if (!field.unsupported.empty()) {
      return NotImplemented("{}: column `{}` cannot be read: {}", source_->name(), field.name,
                            field.unsupported);
    }
    reader->schema_.fields.push_back({field.name, field.type});
    RowGroupReader::Column column;
    if (field.flat) {
      LARDER_ASSIGN_OR_RETURN(column.flat, OpenChunk(row_group, field.node.leaf));
    } else {
      std::vector<std::unique_ptr<ColumnChunkReader>> leaves;
      for (int leaf = field.node.first_leaf; leaf < field.node.end_leaf; ++leaf) {
        LARDER_ASSIGN_OR_RETURN(auto chunk, OpenChunk(row_group, leaf));
        leaves.push_back(std::move(chunk));
      }
      column.nested = std::make_unique<NestedColumnReader>(
          &field, &schema_.leaves(), std::move(leaves), Context(row_group, field.name));
    }
    reader->columns_.push_back(std::move(column));
  }
  return reader;
}

Result<bool> RowGroupReader::Next(size_t max_rows, Batch* batch) {
  if (rows_left_ == 0) return false;
  const size_t rows =
      static_cast<size_t>(std::min<uint64_t>(std::max<size_t>(max_rows, 1), rows_left_));
  Batch next{schema_, {}};
  next.columns.reserve(columns_.size());
  for (size_t index = 0; index < columns_.size(); ++index) {
    ColumnVector column(schema_.fields[index].type);
    column.Reserve(rows);
    if (columns_[index].flat) {
      LARDER_RETURN_IF_ERROR(columns_[index].flat->ReadRows(rows, &column));
    } else {
      LARDER_RETURN_IF_ERROR(columns_[index].nested->ReadRows(rows, &column));
    }
    next.columns.push_back(std::move(column));
  }
  rows_left_ -= rows;
  *batch = std::move(next);
  return true;
}

}  // namespace larder::formats::parquet
