#include "storage/part_writer.h"

#include "common/coding.h"
#include "common/hash.h"
#include "storage/block_codec.h"

namespace larder::storage {
namespace {

struct StoredBlock {
  std::string bytes;
  BlockInfo info;
  Status status;
};

StoredBlock EncodeAndCompress(const ColumnVector& column, size_t start, size_t count,
                              const PartWriteOptions& options) {
  StoredBlock block;
  std::string encoded;
  EncodeBlock(column, start, count, &encoded);
  block.info.uncompressed_size = encoded.size();
  block.info.zone_map = ComputeZoneMap(column, start, count);
  if (options.compression != Compression::kNone && encoded.size() >= 64) {
    const Compression compression =
        column.type().id() == TypeId::kJson ? options.json_compression : options.compression;
    block.status = Compress(compression, options.compression_level, encoded, &block.bytes);
    if (!block.status.ok()) return block;
    double saving = 1.0 - static_cast<double>(block.bytes.size()) / encoded.size();
    if (saving >= options.min_compression_saving) {
      block.info.compression = compression;
    } else {
      block.bytes = std::move(encoded);
    }
  } else {
    block.bytes = std::move(encoded);
  }
  block.info.stored_size = block.bytes.size();
  block.info.checksum = Checksum64(block.bytes);
  return block;
}

}  // namespace

Result<PartFooter> WritePart(FileSystem* fs, const std::string& path, const Batch& batch,
                             const std::vector<uint32_t>& column_ids,
                             const PartWriteOptions& options) {
  LARDER_RETURN_IF_ERROR(batch.Validate());
  LARDER_CHECK(column_ids.size() == batch.columns.size());
  PartFooter footer;
  footer.row_count = batch.num_rows();
  for (size_t start = 0; start < footer.row_count; start += options.block_rows) {
    footer.block_rows.push_back(std::min<uint64_t>(options.block_rows, footer.row_count - start));
  }
  const size_t blocks_per_column = footer.block_rows.size();
  std::vector<StoredBlock> stored(batch.columns.size() * blocks_per_column);
  auto encode = [&](size_t task) {
    size_t column = task / blocks_per_column, block = task % blocks_per_column;
    stored[task] = EncodeAndCompress(batch.columns[column], block * options.block_rows,
                                     footer.block_rows[block], options);
  };
  if (options.pool) {
    options.pool->ParallelFor(stored.size(), encode);
  } else {
    for (size_t task = 0; task < stored.size(); ++task) encode(task);
  }

  LARDER_ASSIGN_OR_RETURN(auto file, fs->NewWritableFile(path));
  LARDER_RETURN_IF_ERROR(file->Append(kPartMagic));
  uint64_t offset = kPartMagic.size();
  for (size_t column = 0; column < batch.columns.size(); ++column) {
    PartColumn& part_column = footer.columns.emplace_back();
    part_column.column_id = column_ids[column];
    part_column.name = batch.schema.fields[column].name;
    part_column.type = batch.schema.fields[column].type;
    for (size_t block = 0; block < blocks_per_column; ++block) {
      StoredBlock& stored_block = stored[column * blocks_per_column + block];
      LARDER_RETURN_IF_ERROR(stored_block.status);
      LARDER_RETURN_IF_ERROR(file->Append(stored_block.bytes));
      stored_block.info.offset = offset;
      offset += stored_block.bytes.size();
      part_column.blocks.push_back(std::move(stored_block.info));
      std::string().swap(stored_block.bytes);
    }
  }
  std::string footer_bytes = footer.Serialize();
  std::string trailer;
  BinaryWriter writer(&trailer);
  writer.PutFixed32(static_cast<uint32_t>(footer_bytes.size()));
  writer.PutFixed64(Checksum64(footer_bytes));
  writer.PutRaw(kPartMagic);
  LARDER_RETURN_IF_ERROR(file->Append(footer_bytes));
  LARDER_RETURN_IF_ERROR(file->Append(trailer));
  LARDER_RETURN_IF_ERROR(file->Sync());
  LARDER_RETURN_IF_ERROR(file->Close());
  return footer;
}

}  // namespace larder::storage
