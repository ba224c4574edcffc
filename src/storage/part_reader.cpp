#include "storage/part_reader.h"

#include "common/coding.h"
#include "common/hash.h"
#include "storage/block_codec.h"

namespace larder::storage {

Result<std::shared_ptr<const PartReader>> PartReader::Open(FileSystem* fs, const std::string& path,
                                                           std::string table_name,
                                                           std::string part_name) {
  LARDER_ASSIGN_OR_RETURN(auto file, fs->NewRandomAccessFile(path));
  std::string what = fmt::format("table {}, part {}", table_name, part_name);
  uint64_t size = file->Size();
  if (size < kPartMagic.size() + kPartTrailerSize + kPartMagic.size()) {
    return Corruption("{}: file is {} bytes, too small to be a part", what, size);
  }
  LARDER_ASSIGN_OR_RETURN(std::string_view head, file->Read(0, kPartMagic.size()));
  if (head != kPartMagic) return Corruption("{}: not a part file (bad magic)", what);
  LARDER_ASSIGN_OR_RETURN(std::string_view trailer,
                          file->Read(size - kPartTrailerSize, kPartTrailerSize));
  BinaryReader reader(trailer, what);
  uint32_t footer_size;
  uint64_t footer_checksum;
  std::string_view magic;
  LARDER_RETURN_IF_ERROR(reader.GetFixed32(&footer_size));
  LARDER_RETURN_IF_ERROR(reader.GetFixed64(&footer_checksum));
  LARDER_RETURN_IF_ERROR(reader.GetRaw(kPartMagic.size(), &magic));
  if (magic != kPartMagic) return Corruption("{}: bad trailing magic (truncated file?)", what);
  if (footer_size > size - kPartTrailerSize - kPartMagic.size()) {
    return Corruption("{}: footer size {} exceeds the file", what, footer_size);
  }
  LARDER_ASSIGN_OR_RETURN(std::string_view footer_bytes,
                          file->Read(size - kPartTrailerSize - footer_size, footer_size));
  if (Checksum64(footer_bytes) != footer_checksum) {
    return Corruption("{}: footer checksum mismatch", what);
  }
  std::shared_ptr<PartReader> part(
      new PartReader(std::move(file), std::move(table_name), std::move(part_name)));
  LARDER_RETURN_IF_ERROR(PartFooter::Deserialize(footer_bytes, what, &part->footer_));
  uint64_t data_end = size - kPartTrailerSize - footer_size;
  for (const PartColumn& column : part->footer_.columns) {
    for (const BlockInfo& block : column.blocks) {
      if (block.offset < kPartMagic.size() || block.offset > data_end ||
          block.stored_size > data_end - block.offset) {
        return Corruption("{}, column {}: block outside the data area", what, column.name);
      }
    }
  }
  return std::shared_ptr<const PartReader>(std::move(part));
}

std::string PartReader::Where(size_t column_index, size_t block) const {
  return fmt::format("table {}, part {}, column {}, block {}", table_name_, part_name_,
                     footer_.columns[column_index].name, block);
}

Result<ColumnVector> PartReader::ReadBlock(size_t column_index, size_t block,
                                           const std::vector<uint32_t>* rows) const {
  const PartColumn& column = footer_.columns[column_index];
  const BlockInfo& info = column.blocks[block];
  LARDER_ASSIGN_OR_RETURN(std::string_view stored, file_->Read(info.offset, info.stored_size));
  if (Checksum64(stored) != info.checksum) {
    return Corruption("{}: checksum mismatch (stored bytes are damaged)",
                      Where(column_index, block));
  }
  // Decoding copies every value out, so one buffer per thread serves every block; it only
  // grows, and is not cleared first.
  thread_local std::string decompressed;
  std::string_view encoded = stored;
  if (info.compression != Compression::kNone) {
    if (decompressed.size() < info.uncompressed_size) decompressed.resize(info.uncompressed_size);
    Status status =
        DecompressInto(info.compression, stored, decompressed.data(), info.uncompressed_size);
    if (!status.ok()) return status.WithContext(Where(column_index, block));
    encoded = std::string_view(decompressed.data(), info.uncompressed_size);
  }
  return DecodeBlock(encoded, column.type, footer_.block_rows[block], Where(column_index, block),
                     rows);
}

Status PartReader::Verify() const {
  for (size_t column = 0; column < footer_.columns.size(); ++column) {
    for (size_t block = 0; block < footer_.block_rows.size(); ++block) {
      LARDER_RETURN_IF_ERROR(ReadBlock(column, block));
    }
  }
  return Status::OK();
}

}  // namespace larder::storage
