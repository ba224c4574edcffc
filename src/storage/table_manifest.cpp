#include "storage/table_manifest.h"

#include <charconv>

#include "common/coding.h"
#include "common/hash.h"

namespace larder::storage {

Schema TableManifest::schema() const {
  Schema schema;
  for (const TableColumn& column : columns) schema.fields.push_back({column.name, column.type});
  return schema;
}

int TableManifest::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

uint64_t TableManifest::row_count() const {
  uint64_t rows = 0;
  for (const PartEntry& part : parts) rows += part.row_count;
  return rows;
}

std::string TableManifest::Serialize() const {
  std::string out(kManifestMagic);
  BinaryWriter writer(&out);
  writer.PutVarint(kManifestFormatVersion);
  writer.PutVarint(version);
  writer.PutVarint(static_cast<uint64_t>(committed_at_us));
  writer.PutVarint(next_column_id);
  writer.PutVarint(settings.block_rows);
  writer.PutVarint(settings.part_rows);
  writer.PutByte(static_cast<uint8_t>(settings.compression));
  writer.PutSignedVarint(settings.compression_level);
  writer.PutVarint(columns.size());
  for (const TableColumn& column : columns) {
    writer.PutVarint(column.id);
    writer.PutBytes(column.name);
    column.type.Serialize(&writer);
  }
  writer.PutVarint(sort_key.size());
  for (const std::string& key : sort_key) writer.PutBytes(key);
  writer.PutVarint(parts.size());
  for (const PartEntry& part : parts) {
    writer.PutBytes(part.file_name);
    writer.PutVarint(part.row_count);
    writer.PutVarint(part.file_size);
  }
  writer.PutVarint(metadata.size());
  for (const auto& [key, value] : metadata) {
    writer.PutBytes(key);
    writer.PutBytes(value);
  }
  writer.PutFixed64(Checksum64(out));
  return out;
}

namespace {

Status ReadSettings(BinaryReader* reader, TableSettings* settings) {
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&settings->block_rows));
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&settings->part_rows));
  uint8_t compression;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&compression));
  if (compression >= kCompressionCount || settings->block_rows == 0) {
    return Corruption("{}: bad table settings", reader->what());
  }
  settings->compression = static_cast<Compression>(compression);
  int64_t level;
  LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&level));
  settings->compression_level = static_cast<int>(level);
  return Status::OK();
}

Status ReadBody(BinaryReader* reader, TableManifest* m) {
  uint64_t format, committed_at, next_column_id, count;
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&format));
  if (format != kManifestFormatVersion) {
    return Corruption("{}: manifest format {} is not supported (this larder reads {})",
                      reader->what(), format, kManifestFormatVersion);
  }
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&m->version));
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&committed_at));
  m->committed_at_us = static_cast<int64_t>(committed_at);
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(UINT32_MAX, &next_column_id));
  m->next_column_id = static_cast<uint32_t>(next_column_id);
  LARDER_RETURN_IF_ERROR(ReadSettings(reader, &m->settings));
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(reader->remaining() + 1, &count));
  m->columns.resize(count);
  for (TableColumn& column : m->columns) {
    uint64_t id;
    LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(UINT32_MAX, &id));
    column.id = static_cast<uint32_t>(id);
    LARDER_RETURN_IF_ERROR(reader->GetString(&column.name));
    LARDER_RETURN_IF_ERROR(LogicalType::Deserialize(reader, &column.type));
  }
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(reader->remaining() + 1, &count));
  m->sort_key.resize(count);
  for (std::string& key : m->sort_key) LARDER_RETURN_IF_ERROR(reader->GetString(&key));
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(reader->remaining() + 1, &count));
  m->parts.resize(count);
  for (PartEntry& part : m->parts) {
    LARDER_RETURN_IF_ERROR(reader->GetString(&part.file_name));
    LARDER_RETURN_IF_ERROR(reader->GetVarint(&part.row_count));
    LARDER_RETURN_IF_ERROR(reader->GetVarint(&part.file_size));
  }
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(reader->remaining() + 1, &count));
  for (uint64_t i = 0; i < count; ++i) {
    std::string key, value;
    LARDER_RETURN_IF_ERROR(reader->GetString(&key));
    LARDER_RETURN_IF_ERROR(reader->GetString(&value));
    m->metadata.emplace(std::move(key), std::move(value));
  }
  return Status::OK();
}

}  // namespace

Result<TableManifest> TableManifest::Deserialize(std::string_view bytes, std::string_view what) {
  if (bytes.size() < kManifestMagic.size() + 8 || !bytes.starts_with(kManifestMagic)) {
    return Corruption("{}: not a manifest (bad magic or too short)", what);
  }
  std::string_view covered = bytes.substr(0, bytes.size() - 8);
  uint64_t stored_checksum;
  std::memcpy(&stored_checksum, bytes.data() + covered.size(), 8);
  if (Checksum64(covered) != stored_checksum) return Corruption("{}: checksum mismatch", what);
  BinaryReader reader(covered.substr(kManifestMagic.size()), what);
  TableManifest manifest;
  LARDER_RETURN_IF_ERROR(ReadBody(&reader, &manifest));
  if (reader.remaining() != 0) return Corruption("{}: trailing bytes", what);
  return manifest;
}

std::string ManifestFileName(uint64_t version) { return fmt::format("manifest-{:020d}", version); }

bool ParseManifestFileName(std::string_view name, uint64_t* version) {
  constexpr std::string_view kPrefix = "manifest-";
  if (!name.starts_with(kPrefix) || name.size() != kPrefix.size() + 20) return false;
  std::string_view digits = name.substr(kPrefix.size());
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *version);
  return ec == std::errc() && ptr == digits.data() + digits.size();
}

}  // namespace larder::storage
