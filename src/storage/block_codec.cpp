#include "storage/block_codec.h"

#include <unordered_map>
#include <vector>

#include "common/coding.h"
#include "storage/bit_packing.h"
#include "storage/integer_codec.h"

namespace larder::storage {
namespace {

// Dictionaries bigger than this are not worth it for a block.
constexpr size_t kMaxDictionaryEntries = 1 << 16;

int PlainIntegerWidth(TypeId id) {
  switch (id) {
    case TypeId::kBool:
      return 1;
    case TypeId::kDate:
      return 4;
    default:
      return 8;
  }
}

void EncodeNulls(const ColumnVector& column, size_t start, size_t count, std::string* out) {
  bool any = false;
  if (column.has_nulls()) {
    for (size_t row = start; row < start + count && !any; ++row) any = column.IsNull(row);
  }
  out->push_back(any ? 1 : 0);
  if (!any) return;
  size_t base = out->size();
  out->resize(base + (count + 7) / 8, '\0');
  for (size_t i = 0; i < count; ++i) {
    if (column.IsNull(start + i)) (*out)[base + i / 8] |= static_cast<char>(1 << (i % 8));
  }
}

void EncodeIntegerColumn(const ColumnVector& column, size_t start, size_t count, std::string* out) {
  out->push_back(static_cast<char>(BlockEncoding::kInteger));
  TypeId id = column.type().id();
  if (id == TypeId::kInt64 || id == TypeId::kDateTime) {
    EncodeIntegers(column.data<int64_t>() + start, count, 8, out);
    return;
  }
  std::vector<int64_t> values(count);
  for (size_t i = 0; i < count; ++i) {
    values[i] =
        id == TypeId::kDate ? column.data<int32_t>()[start + i] : column.data<uint8_t>()[start + i];
  }
  EncodeIntegers(values.data(), count, PlainIntegerWidth(id), out);
}

void EncodeStringsPlain(const ColumnVector& column, size_t start, size_t count, std::string* out) {
  std::vector<int64_t> lengths(count);
  size_t total = 0;
  for (size_t i = 0; i < count; ++i) {
    lengths[i] = static_cast<int64_t>(column.GetString(start + i).size());
    total += static_cast<size_t>(lengths[i]);
  }
  EncodeIntegers(lengths.data(), count, 8, out);
  out->reserve(out->size() + total);
  for (size_t i = 0; i < count; ++i) out->append(column.GetString(start + i));
}

// Returns false (and writes nothing) when a dictionary would not be smaller.
bool TryEncodeDictionary(const ColumnVector& column, size_t start, size_t count, std::string* out) {
  std::unordered_map<std::string_view, uint32_t> codes_by_value;
  std::vector<std::string_view> entries;
  std::vector<uint64_t> codes(count);
  size_t plain_bytes = 0, entry_bytes = 0;
  for (size_t i = 0; i < count; ++i) {
    std::string_view v = column.GetString(start + i);
    plain_bytes += v.size();
    auto [it, inserted] = codes_by_value.try_emplace(v, static_cast<uint32_t>(entries.size()));
    if (inserted) {
      // Give up as soon as the values look mostly distinct (e.g. JSON documents, ids).
      if (entries.size() >= kMaxDictionaryEntries || entries.size() > count / 2 ||
          (i >= 256 && entries.size() > i / 2)) {
        return false;
      }
      entries.push_back(v);
      entry_bytes += v.size();
    }
    codes[i] = it->second;
  }
  int width = BitWidth(entries.size() - 1);
  if (entry_bytes + PackedSize(count, width) >= plain_bytes + count) return false;
  out->push_back(static_cast<char>(BlockEncoding::kDictionary));
  BinaryWriter writer(out);
  writer.PutVarint(entries.size());
  std::vector<int64_t> lengths(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) lengths[i] = static_cast<int64_t>(entries[i].size());
  EncodeIntegers(lengths.data(), lengths.size(), 8, out);
  for (std::string_view entry : entries) out->append(entry);
  writer.PutByte(static_cast<uint8_t>(width));
  PackBits(codes.data(), count, width, out);
  return true;
}

void EncodeFixedPlain(const ColumnVector& column, size_t start, size_t count, std::string* out) {
  out->push_back(static_cast<char>(BlockEncoding::kPlain));
  size_t width = column.type().fixed_width();
  out->append(column.data<char>() + start * width, count * width);
}

void EncodeArray(const ColumnVector& column, size_t start, size_t count, std::string* out) {
  out->push_back(static_cast<char>(BlockEncoding::kPlain));
  const std::vector<uint32_t>& offsets = column.offsets();
  std::vector<int64_t> lengths(count);
  for (size_t i = 0; i < count; ++i) lengths[i] = offsets[start + i + 1] - offsets[start + i];
  EncodeIntegers(lengths.data(), count, 8, out);
  size_t child_start = offsets[start];
  size_t child_count = offsets[start + count] - child_start;
  BinaryWriter(out).PutVarint(child_count);
  EncodeBlock(column.child(), child_start, child_count, out);
}

}  // namespace

void EncodeBlock(const ColumnVector& column, size_t start, size_t count, std::string* out) {
  EncodeNulls(column, start, count, out);
  switch (column.type().id()) {
    case TypeId::kBool:
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kDate:
      return EncodeIntegerColumn(column, start, count, out);
    case TypeId::kNothing:
    case TypeId::kInterval:
    case TypeId::kFloat64:
    case TypeId::kDecimal:
    case TypeId::kUuid:
      return EncodeFixedPlain(column, start, count, out);
    case TypeId::kString:
    case TypeId::kJson:
      if (TryEncodeDictionary(column, start, count, out)) return;
      out->push_back(static_cast<char>(BlockEncoding::kPlain));
      return EncodeStringsPlain(column, start, count, out);
    case TypeId::kArray:
      return EncodeArray(column, start, count, out);
  }
}

namespace {

Status DecodeNulls(BinaryReader* reader, size_t count, std::vector<uint8_t>* nulls) {
  uint8_t flags;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&flags));
  if (flags > 1) return Corruption("{}: bad block flags {}", reader->what(), flags);
  if (flags == 0) return Status::OK();
  std::string_view bitmap;
  LARDER_RETURN_IF_ERROR(reader->GetRaw((count + 7) / 8, &bitmap));
  nulls->resize(count);
  for (size_t i = 0; i < count; ++i) {
    (*nulls)[i] = (static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1;
  }
  return Status::OK();
}

Status DecodeIntegerColumn(BinaryReader* reader, size_t count, ColumnVector* out) {
  TypeId id = out->type().id();
  out->Resize(count);
  if (id == TypeId::kInt64 || id == TypeId::kDateTime) {
    return DecodeIntegers(reader, count, 8, out->mutable_data<int64_t>());
  }
  std::vector<int64_t> values(count);
  LARDER_RETURN_IF_ERROR(DecodeIntegers(reader, count, PlainIntegerWidth(id), values.data()));
  for (size_t i = 0; i < count; ++i) {
    if (id == TypeId::kDate)
      out->mutable_data<int32_t>()[i] = static_cast<int32_t>(values[i]);
    else
      out->mutable_data<uint8_t>()[i] = values[i] != 0;
  }
  return Status::OK();
}

Status DecodeStringsPlain(BinaryReader* reader, size_t count, ColumnVector* out) {
  std::vector<int64_t> lengths(count);
  LARDER_RETURN_IF_ERROR(DecodeIntegers(reader, count, 8, lengths.data()));
  uint64_t total = 0;
  for (size_t i = 0; i < count; ++i) {
    if (lengths[i] < 0) return Corruption("{}: negative string length", reader->what());
    total += static_cast<uint64_t>(lengths[i]);
  }
  // The strings lie one after another: one read, one copy.
  std::string_view bytes;
  LARDER_RETURN_IF_ERROR(reader->GetRaw(total, &bytes));
  if (out->chars().size() + total > UINT32_MAX) {
    return Corruption("{}: {} bytes of strings in one block", reader->what(), total);
  }
  out->AppendStrings(bytes, lengths.data(), count);
  return Status::OK();
}

// Plain strings, only `rows` of them.
Status DecodeStringsPlainRows(BinaryReader* reader, size_t count, const std::vector<uint32_t>& rows,
                              ColumnVector* out) {
  std::vector<int64_t> lengths(count);
  LARDER_RETURN_IF_ERROR(DecodeIntegers(reader, count, 8, lengths.data()));
  std::vector<uint64_t> starts(count + 1, 0);
  for (size_t i = 0; i < count; ++i) {
    if (lengths[i] < 0) return Corruption("{}: negative string length", reader->what());
    starts[i + 1] = starts[i] + static_cast<uint64_t>(lengths[i]);
  }
  std::string_view bytes;
  LARDER_RETURN_IF_ERROR(reader->GetRaw(starts[count], &bytes));
  out->Reserve(rows.size());
  for (uint32_t row : rows) {
    if (row >= count) return Internal("{}: row {} of a block of {}", reader->what(), row, count);
    out->AppendString(bytes.substr(starts[row], starts[row + 1] - starts[row]));
  }
  return Status::OK();
}

Status DecodeDictionary(BinaryReader* reader, size_t count, ColumnVector* out) {
  uint64_t entries;
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(kMaxDictionaryEntries + 1, &entries));
  if (entries == 0 && count > 0) return Corruption("{}: empty dictionary", reader->what());
  auto dictionary = std::make_shared<ColumnVector>(out->type().WithNullable(false));
  LARDER_RETURN_IF_ERROR(DecodeStringsPlain(reader, entries, dictionary.get()));
  uint8_t width;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&width));
  if (width > 32) return Corruption("{}: code width {} out of range", reader->what(), width);
  std::string_view packed;
  LARDER_RETURN_IF_ERROR(reader->GetRaw(PackedSize(count, width), &packed));
  std::vector<uint32_t> codes(count);
  UnpackBits32(reinterpret_cast<const uint8_t*>(packed.data()), count, width, codes.data());
  for (uint32_t code : codes) {
    if (code >= entries)
      return Corruption("{}: dictionary code {} out of range", reader->what(), code);
  }
  *out = ColumnVector::MakeDictionary(out->type(), std::move(dictionary), std::move(codes));
  return Status::OK();
}

Status DecodeFixedPlain(BinaryReader* reader, size_t count, ColumnVector* out) {
  size_t width = out->type().fixed_width();
  std::string_view bytes;
  LARDER_RETURN_IF_ERROR(reader->GetRaw(count * width, &bytes));
  out->Resize(count);
  std::memcpy(out->mutable_data<char>(), bytes.data(), bytes.size());
  return Status::OK();
}

Status DecodeInto(BinaryReader* reader, size_t count, ColumnVector* out);

Status DecodeArray(BinaryReader* reader, size_t count, ColumnVector* out) {
  std::vector<int64_t> lengths(count);
  LARDER_RETURN_IF_ERROR(DecodeIntegers(reader, count, 8, lengths.data()));
  uint64_t child_count;
  LARDER_RETURN_IF_ERROR(reader->GetVarint(&child_count));
  uint64_t total = 0;
  for (int64_t length : lengths) {
    if (length < 0) return Corruption("{}: negative array length", reader->what());
    total += static_cast<uint64_t>(length);
  }
  if (total != child_count || child_count > reader->remaining() * 8 + 64) {
    return Corruption("{}: array lengths do not add up to {} elements", reader->what(),
                      child_count);
  }
  LARDER_RETURN_IF_ERROR(DecodeInto(reader, child_count, out->mutable_child()));
  for (int64_t length : lengths) out->AppendArrayRow(static_cast<uint32_t>(length));
  return Status::OK();
}

Status DecodePayload(BinaryReader* reader, size_t count, BlockEncoding encoding,
                     ColumnVector* out) {
  const LogicalType& type = out->type();
  if (type.id() == TypeId::kArray && encoding == BlockEncoding::kPlain) {
    return DecodeArray(reader, count, out);
  }
  if (type.is_string_like() && encoding == BlockEncoding::kDictionary) {
    return DecodeDictionary(reader, count, out);
  }
  if (type.is_string_like() && encoding == BlockEncoding::kPlain) {
    return DecodeStringsPlain(reader, count, out);
  }
  bool plain_fixed = type.fixed_width() == 16 || type.id() == TypeId::kFloat64 ||
                     type.id() == TypeId::kNothing || type.id() == TypeId::kInterval;
  if (plain_fixed && encoding == BlockEncoding::kPlain) return DecodeFixedPlain(reader, count, out);
  if (!plain_fixed && type.fixed_width() > 0 && encoding == BlockEncoding::kInteger) {
    return DecodeIntegerColumn(reader, count, out);
  }
  return Corruption("{}: encoding {} is not valid for {}", reader->what(),
                    static_cast<int>(encoding), type.ToString());
}

Status DecodeInto(BinaryReader* reader, size_t count, ColumnVector* out) {
  std::vector<uint8_t> nulls;
  LARDER_RETURN_IF_ERROR(DecodeNulls(reader, count, &nulls));
  uint8_t encoding;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&encoding));
  LARDER_RETURN_IF_ERROR(DecodePayload(reader, count, static_cast<BlockEncoding>(encoding), out));
  if (!nulls.empty()) *out->mutable_nulls() = std::move(nulls);
  return Status::OK();
}

}  // namespace

Result<ColumnVector> DecodeBlock(std::string_view bytes, const LogicalType& type, size_t row_count,
                                 std::string_view what, const std::vector<uint32_t>* rows) {
  BinaryReader reader(bytes, what);
  ColumnVector column(type);
  if (rows != nullptr && type.is_string_like()) {
    std::vector<uint8_t> nulls;
    LARDER_RETURN_IF_ERROR(DecodeNulls(&reader, row_count, &nulls));
    uint8_t encoding;
    LARDER_RETURN_IF_ERROR(reader.GetByte(&encoding));
    if (static_cast<BlockEncoding>(encoding) == BlockEncoding::kPlain) {
      LARDER_RETURN_IF_ERROR(DecodeStringsPlainRows(&reader, row_count, *rows, &column));
      if (!nulls.empty()) {
        std::vector<uint8_t> picked;
        picked.reserve(rows->size());
        for (uint32_t row : *rows) picked.push_back(nulls[row]);
        *column.mutable_nulls() = std::move(picked);
      }
      if (reader.remaining() != 0) {
        return Corruption("{}: {} unexpected bytes after the block's {} rows", what,
                          reader.remaining(), row_count);
      }
      return column;
    }
    reader = BinaryReader(bytes, what);  // Another encoding: decoded whole below.
  }
  LARDER_RETURN_IF_ERROR(DecodeInto(&reader, row_count, &column));
  if (reader.remaining() != 0) {
    return Corruption("{}: {} unexpected bytes after the block's {} rows", what, reader.remaining(),
                      row_count);
  }
  if (rows != nullptr) return column.Take(*rows);
  return column;
}

}  // namespace larder::storage
