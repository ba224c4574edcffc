#include "formats/parquet/column_chunk_reader.h"

#include <algorithm>
#include <cstring>

#include "formats/parquet/page_codec.h"
#include "formats/parquet/thrift_compact.h"

namespace larder::formats::parquet {

ColumnChunkReader::ColumnChunkReader(const LeafColumn* leaf, Codec codec, int64_t num_values,
                                     std::string bytes, std::string context, BufferPool* pool)
    : leaf_(leaf),
      codec_(codec),
      num_values_(static_cast<uint64_t>(std::max<int64_t>(num_values, 0))),
      bytes_(std::move(bytes)),
      context_(std::move(context)),
      pool_(pool) {
  if (pool_ != nullptr) page_buffer_ = pool_->Take();
}

ColumnChunkReader::~ColumnChunkReader() {
  if (pool_ == nullptr) return;
  pool_->Give(std::move(bytes_));
  pool_->Give(std::move(page_buffer_));
}

Status ColumnChunkReader::Error(const Status& status) const {
  if (page_index_ < 0) return status.WithContext(context_);
  return status.WithContext(fmt::format("{}, page {}", context_, page_index_));
}

Status ColumnChunkReader::NextDataPage() {
  for (;;) {
    if (pos_ >= bytes_.size()) {
      return Error(Corruption("the column chunk ends after {} of its {} values", entries_read_,
                              num_values_));
    }
    ++page_index_;
    PageHeader header;
    size_t header_size = 0;
    const std::string_view rest = std::string_view(bytes_).substr(pos_);
    if (Status status = DecodePageHeader(rest, &header, &header_size); !status.ok()) {
      return Error(status);
    }
    if (header.compressed_page_size < 0 || header.uncompressed_page_size < 0 ||
        static_cast<uint64_t>(header.compressed_page_size) > rest.size() - header_size) {
      return Error(Corruption("the page claims {} bytes but the column chunk has {} left",
                              header.compressed_page_size, rest.size() - header_size));
    }
    const std::string_view page =
        rest.substr(header_size, static_cast<size_t>(header.compressed_page_size));
    pos_ += header_size + page.size();
    Status status;
    switch (header.type) {
      case PageType::kDictionaryPage:
        status = ReadDictionaryPage(header, page);
        break;
      case PageType::kDataPage:
        status = StartPageV1(header, page);
        if (status.ok()) return Status::OK();
        break;
      case PageType::kDataPageV2:
        status = StartPageV2(header, page);
        if (status.ok()) return Status::OK();
        break;
      default:
        break;  // Index pages and pages of kinds not known: skipped.
    }
    if (!status.ok()) return Error(status);
  }
}

Status ColumnChunkReader::ReadDictionaryPage(const PageHeader& header, std::string_view page) {
  if (!header.dictionary_page_header) return Corruption("dictionary page without its header");
  if (dictionary_) return Corruption("a second dictionary page");
  const DictionaryPageHeader& dictionary = *header.dictionary_page_header;
  if (dictionary.encoding != Encoding::kPlain &&
      dictionary.encoding != Encoding::kPlainDictionary) {
    return Corruption("dictionary page in {}", EncodingName(dictionary.encoding));
  }
  if (dictionary.num_values < 0 || dictionary.num_values > kMaxDictionaryValues) {
    return Corruption("dictionary page of {} values", dictionary.num_values);
  }
  // The values are copied into dictionary_, so the page buffer is free again afterwards.
  std::string_view values = page;
  if (codec_ != Codec::kUncompressed) {
    LARDER_RETURN_IF_ERROR(DecompressPage(
        codec_, page, static_cast<size_t>(header.uncompressed_page_size), &page_buffer_));
    values = page_buffer_;
  }
  PageValueDecoder decoder;
  LARDER_RETURN_IF_ERROR(
      decoder.Init(Encoding::kPlain, leaf_->physical, leaf_->type_length, values));
  auto values_column = std::make_shared<ColumnVector>(leaf_->value_type);
  LARDER_RETURN_IF_ERROR(AppendValues(*leaf_, &decoder, static_cast<size_t>(dictionary.num_values),
                                      values_column.get(), &buffers_));
  dictionary_ = std::move(values_column);
  return Status::OK();
}

Status ColumnChunkReader::StartPageV1(const PageHeader& header, std::string_view page) {
  if (!header.data_page_header) return Corruption("data page without its header");
  const DataPageHeader& data_header = *header.data_page_header;
  if (data_header.num_values < 0) return Corruption("page of {} values", data_header.num_values);
  std::string_view data = page;
  if (codec_ != Codec::kUncompressed) {
    LARDER_RETURN_IF_ERROR(DecompressPage(
        codec_, page, static_cast<size_t>(header.uncompressed_page_size), &page_buffer_));
    data = page_buffer_;
  }
  page_left_ = static_cast<uint64_t>(data_header.num_values);
  LARDER_RETURN_IF_ERROR(StartLevels(data_header.repetition_level_encoding,
                                     leaf_->max_repetition_level, true, &data, &repetition_));
  LARDER_RETURN_IF_ERROR(StartLevels(data_header.definition_level_encoding,
                                     leaf_->max_definition_level, true, &data, &definition_));
  return StartValues(data_header.encoding, data);
}

Status ColumnChunkReader::StartPageV2(const PageHeader& header, std::string_view page) {
  if (!header.data_page_header_v2) return Corruption("data page v2 without its header");
  const DataPageHeaderV2& data_header = *header.data_page_header_v2;
  if (data_header.num_values < 0) return Corruption("page of {} values", data_header.num_values);
  const int64_t repetition_bytes = data_header.repetition_levels_byte_length;
  const int64_t definition_bytes = data_header.definition_levels_byte_length;
  if (repetition_bytes < 0 || definition_bytes < 0 ||
      repetition_bytes + definition_bytes > static_cast<int64_t>(page.size())) {
    return Corruption("page levels of {} and {} bytes do not fit in its {} bytes", repetition_bytes,
                      definition_bytes, page.size());
  }
  page_left_ = static_cast<uint64_t>(data_header.num_values);
  std::string_view levels = page.substr(0, static_cast<size_t>(repetition_bytes));
  LARDER_RETURN_IF_ERROR(
      StartLevels(Encoding::kRle, leaf_->max_repetition_level, false, &levels, &repetition_));
  levels =
      page.substr(static_cast<size_t>(repetition_bytes), static_cast<size_t>(definition_bytes));
  LARDER_RETURN_IF_ERROR(
      StartLevels(Encoding::kRle, leaf_->max_definition_level, false, &levels, &definition_));
  std::string_view values = page.substr(static_cast<size_t>(repetition_bytes + definition_bytes));
  if (data_header.is_compressed && codec_ != Codec::kUncompressed) {
    const int64_t size = header.uncompressed_page_size - repetition_bytes - definition_bytes;
    if (size < 0) return Corruption("page is smaller than its levels");
    LARDER_RETURN_IF_ERROR(
        DecompressPage(codec_, values, static_cast<size_t>(size), &page_buffer_));
    values = page_buffer_;
  }
  return StartValues(data_header.encoding, values);
}

Status ColumnChunkReader::StartLevels(Encoding encoding, uint8_t max_level, bool length_prefixed,
                                      std::string_view* data, LevelSource* source) {
  source->legacy = false;
  if (max_level == 0) return Status::OK();
  const int bit_width = BitWidthOf(max_level);
  if (encoding == Encoding::kBitPacked) {
    if ((page_left_ * static_cast<uint64_t>(bit_width) + 7) / 8 > data->size()) {
      return Corruption("BIT_PACKED levels of {} values run past the page's end", page_left_);
    }
    source->legacy = true;
    source->next = 0;
    source->decoded.resize(page_left_);
    size_t used = 0;
    LARDER_RETURN_IF_ERROR(
        DecodeLegacyBitPacked(*data, bit_width, page_left_, source->decoded.data(), &used));
    data->remove_prefix(used);
    return Status::OK();
  }
  if (encoding != Encoding::kRle) {
    return Corruption("levels in {}, which only encodes values", EncodingName(encoding));
  }
  if (!length_prefixed) {
    source->rle = RleBitPackedDecoder(*data, bit_width);
    return Status::OK();
  }
  uint32_t length = 0;
  if (data->size() < 4) return Corruption("page ends before its levels' length");
  std::memcpy(&length, data->data(), 4);
  if (length > data->size() - 4) {
    return Corruption("levels of {} bytes in a page with {} left", length, data->size() - 4);
  }
  source->rle = RleBitPackedDecoder(data->substr(4, length), bit_width);
  data->remove_prefix(4 + length);
  return Status::OK();
}

Status ColumnChunkReader::StartValues(Encoding encoding, std::string_view data) {
  LARDER_RETURN_IF_ERROR(values_.Init(encoding, leaf_->physical, leaf_->type_length, data));
  if (values_.dictionary_indices() && !dictionary_) {
    return Corruption("the page is dictionary-encoded but the column chunk has no dictionary");
  }
  return Status::OK();
}

Status ColumnChunkReader::ReadLevels(LevelSource* source, uint8_t max_level, uint8_t* out,
                                     size_t count) {
  if (source->legacy) {
    if (count > source->decoded.size() - source->next) return Corruption("levels end early");
    if (count > 0) std::memcpy(out, source->decoded.data() + source->next, count);
    source->next += count;
  } else {
    LARDER_RETURN_IF_ERROR(source->rle.Get(out, count));
  }
  uint8_t highest = 0;
  for (size_t i = 0; i < count; ++i) highest = std::max(highest, out[i]);
  if (highest > max_level) return Corruption("level {} above the column's {}", highest, max_level);
  return Status::OK();
}

Status ColumnChunkReader::AppendDense(size_t count, ColumnVector* out) {
  if (!values_.dictionary_indices()) return AppendValues(*leaf_, &values_, count, out, &buffers_);
  indices_.resize(count);
  LARDER_RETURN_IF_ERROR(values_.GetIndices(indices_.data(), count));
  return AppendFromDictionary(*dictionary_, indices_.data(), count, out);
}

Status ColumnChunkReader::DenseStrings(size_t count) {
  if (!values_.dictionary_indices()) {
    return DecodeStringValues(*leaf_, &values_, count, &views_, &buffers_);
  }
  indices_.resize(count);
  LARDER_RETURN_IF_ERROR(values_.GetIndices(indices_.data(), count));
  views_.clear();
  for (uint32_t index : indices_) {
    if (index >= dictionary_->size()) {
      return Corruption("dictionary index {} is past the dictionary's {} values", index,
                        dictionary_->size());
    }
    views_.push_back(dictionary_->GetString(index));
  }
  return Status::OK();
}

Status ColumnChunkReader::AppendRows(size_t count, ColumnVector* out) {
  const uint8_t max_level = leaf_->max_definition_level;
  if (max_level > 0) {
    levels_.resize(count);
    LARDER_RETURN_IF_ERROR(ReadLevels(&definition_, max_level, levels_.data(), count));
  }
  if (leaf_->kind == ValueKind::kNull) {
    for (size_t row = 0; row < count; ++row) out->AppendNull();
    return Status::OK();
  }
  if (max_level == 0) return AppendDense(count, out);
  const size_t present = static_cast<size_t>(std::count(levels_.begin(), levels_.end(), max_level));
  if (present == count) return AppendDense(count, out);
  if (!HasStringValues(*leaf_)) {
    const size_t old_size = out->size();
    LARDER_RETURN_IF_ERROR(AppendDense(present, out));
    out->Resize(old_size + count);
    const size_t width = out->type().fixed_width();
    SpreadOverNulls(out->mutable_data<uint8_t>() + old_size * width, width, levels_.data(), count,
                    max_level, out->mutable_nulls()->data() + old_size);
    return Status::OK();
  }
  LARDER_RETURN_IF_ERROR(DenseStrings(present));
  size_t bytes = out->chars().size();
  for (std::string_view view : views_) bytes += view.size();
  if (bytes > kMaxBatchStringBytes) {
    return ResourceExhausted("a batch of strings takes more than {} bytes", kMaxBatchStringBytes);
  }
  for (size_t row = 0, next = 0; row < count; ++row) {
    if (levels_[row] == max_level) {
      out->AppendString(views_[next++]);
    } else {
      out->AppendNull();
    }
  }
  return Status::OK();
}

Status ColumnChunkReader::ReadDictionaryRows(size_t rows, size_t* done, ColumnVector* out) {
  const uint8_t max_level = leaf_->max_definition_level;
  std::vector<uint32_t> codes;
  std::vector<uint8_t> nulls;
  codes.reserve(rows);
  nulls.reserve(rows);
  bool any_null = false;
  while (*done < rows) {
    if (page_left_ == 0) LARDER_RETURN_IF_ERROR(NextDataPage());
    if (!values_.dictionary_indices() || dictionary_->size() == 0) break;
    const size_t count = static_cast<size_t>(std::min<uint64_t>(rows - *done, page_left_));
    size_t present = count;
    Status status;
    if (max_level > 0) {
      levels_.resize(count);
      status = ReadLevels(&definition_, max_level, levels_.data(), count);
      present = static_cast<size_t>(std::count(levels_.begin(), levels_.end(), max_level));
    }
    indices_.resize(present);
    if (status.ok()) status = values_.GetIndices(indices_.data(), present);
    const uint32_t highest = present == 0 ? 0 : *std::max_element(indices_.begin(), indices_.end());
    if (status.ok() && highest >= dictionary_->size()) {
      status = Corruption("dictionary index {} is past the dictionary's {} values", highest,
                          dictionary_->size());
    }
    if (!status.ok()) return Error(status);
    if (present == count) {
      codes.insert(codes.end(), indices_.begin(), indices_.end());
      nulls.resize(nulls.size() + count, 0);
    } else {
      for (size_t row = 0, next = 0; row < count; ++row) {
        const bool is_null = levels_[row] != max_level;
        codes.push_back(is_null ? 0 : indices_[next++]);
        nulls.push_back(is_null ? 1 : 0);
      }
      any_null = true;
    }
    page_left_ -= count;
    entries_read_ += count;
    *done += count;
  }
  if (codes.empty()) return Status::OK();
  *out = ColumnVector::MakeDictionary(out->type(), dictionary_, std::move(codes));
  if (any_null) *out->mutable_nulls() = std::move(nulls);
  return Status::OK();
}

Status ColumnChunkReader::ReadRows(size_t rows, ColumnVector* out) {
  if (HasStringValues(*leaf_) && leaf_->kind != ValueKind::kNull && out->size() == 0) {
    // Strings of dictionary pages come out as codes into the shared dictionary (no copies).
    size_t done = 0;
    LARDER_RETURN_IF_ERROR(ReadDictionaryRows(rows, &done, out));
    if (done == rows) return Status::OK();
    out->Flatten();  // A page without the dictionary follows: go on with flat strings.
    rows -= done;
  }
  while (rows > 0) {
    if (page_left_ == 0) LARDER_RETURN_IF_ERROR(NextDataPage());
    const size_t count = static_cast<size_t>(std::min<uint64_t>(rows, page_left_));
    if (Status status = AppendRows(count, out); !status.ok()) return Error(status);
    page_left_ -= count;
    entries_read_ += count;
    rows -= count;
  }
  return Status::OK();
}

Status ColumnChunkReader::ReadEntries(size_t count, std::vector<uint8_t>* definition,
                                      std::vector<uint8_t>* repetition, ColumnVector* values) {
  const uint8_t max_definition = leaf_->max_definition_level;
  const uint8_t max_repetition = leaf_->max_repetition_level;
  while (count > 0) {
    if (page_left_ == 0) LARDER_RETURN_IF_ERROR(NextDataPage());
    const size_t n = static_cast<size_t>(std::min<uint64_t>(count, page_left_));
    const size_t old_size = definition->size();
    definition->resize(old_size + n, 0);
    repetition->resize(old_size + n, 0);
    Status status;
    if (max_repetition > 0) {
      status = ReadLevels(&repetition_, max_repetition, repetition->data() + old_size, n);
    }
    if (status.ok() && max_definition > 0) {
      status = ReadLevels(&definition_, max_definition, definition->data() + old_size, n);
    }
    if (status.ok()) {
      const size_t present =
          static_cast<size_t>(std::count(definition->begin() + static_cast<ptrdiff_t>(old_size),
                                         definition->end(), max_definition));
      status = AppendDense(present, values);
    }
    if (!status.ok()) return Error(status);
    page_left_ -= n;
    entries_read_ += n;
    count -= n;
  }
  return Status::OK();
}

}  // namespace larder::formats::parquet
