#include "storage/part_format.h"

#include "common/coding.h"

namespace larder::storage {

std::string PartFooter::Serialize() const {
  std::string out;
  BinaryWriter writer(&out);
  writer.PutVarint(kPartFormatVersion);
  writer.PutVarint(row_count);
  writer.PutVarint(block_rows.size());
  for (uint64_t rows : block_rows) writer.PutVarint(rows);
  writer.PutVarint(columns.size());
  for (const PartColumn& column : columns) {
    writer.PutVarint(column.column_id);
    writer.PutBytes(column.name);
    column.type.Serialize(&writer);
    for (const BlockInfo& block : column.blocks) {
      writer.PutVarint(block.offset);
      writer.PutVarint(block.stored_size);
      writer.PutVarint(block.uncompressed_size);
      writer.PutByte(static_cast<uint8_t>(block.compression));
      writer.PutFixed64(block.checksum);
      block.zone_map.Serialize(&writer);
    }
  }
  return out;
}

namespace {

Status ReadBlockInfo(BinaryReader* reader, BlockInfo* block) {
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&block->offset));
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&block->stored_size));
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&block->uncompressed_size));
  uint8_t compression;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&compression));
  if (compression >= kCompressionCount) {
    return Corruption("{}: unknown compression {}", reader->what(), compression);
  }
  block->compression = static_cast<Compression>(compression);
  LARDER_RETURN_IF_ERROR(reader->GetFixed64(&block->checksum));
  return ZoneMap::Deserialize(reader, &block->zone_map);
}

}  // namespace

Status PartFooter::Deserialize(std::string_view bytes, std::string_view what, PartFooter* footer) {
  BinaryReader reader(bytes, what);
  uint64_t version, block_count, column_count;
  LARDER_RETURN_IF_ERROR(reader.GetVarint(&version));
  if (version != kPartFormatVersion) {
    return Corruption("{}: part format version {} is not supported (this larder reads {})", what,
                      version, kPartFormatVersion);
  }
  LARDER_RETURN_IF_ERROR(reader.GetVarint(&footer->row_count));
  LARDER_RETURN_IF_ERROR(reader.GetBoundedVarint(bytes.size() + 1, &block_count));
  footer->block_rows.resize(block_count);
  uint64_t total_rows = 0;
  for (uint64_t& rows : footer->block_rows) {
    LARDER_RETURN_IF_ERROR(reader.GetVarint(&rows));
    total_rows += rows;
  }
  if (total_rows != footer->row_count) {
    return Corruption("{}: blocks hold {} rows but the part says {}", what, total_rows,
                      footer->row_count);
  }
  LARDER_RETURN_IF_ERROR(reader.GetBoundedVarint(bytes.size() + 1, &column_count));
  footer->columns.resize(column_count);
  for (PartColumn& column : footer->columns) {
    uint64_t id;
    LARDER_RETURN_IF_ERROR(reader.GetBoundedVarint(UINT32_MAX, &id));
    column.column_id = static_cast<uint32_t>(id);
    LARDER_RETURN_IF_ERROR(reader.GetString(&column.name));
    LARDER_RETURN_IF_ERROR(LogicalType::Deserialize(&reader, &column.type));
    column.blocks.resize(block_count);
    for (BlockInfo& block : column.blocks) LARDER_RETURN_IF_ERROR(ReadBlockInfo(&reader, &block));
  }
  if (reader.remaining() != 0) return Corruption("{}: trailing bytes in the footer", what);
  return Status::OK();
}

int PartFooter::FindColumn(uint32_t column_id) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].column_id == column_id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace larder::storage
