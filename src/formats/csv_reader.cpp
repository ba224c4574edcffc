#include "formats/csv_reader.h"

#include <algorithm>
#include <cstring>

namespace larder::formats {
namespace {

// Sets field `index` of a record; `fields` keeps its size between records, so most calls only
// overwrite (Next trims it to the record's field count at the end).
inline void SetField(std::vector<CsvField>* fields, size_t index, CsvField field) {
  if (index < fields->size()) {
    (*fields)[index] = field;
  } else {
    fields->push_back(field);
  }
}

}  // namespace

CsvReader::CsvReader(std::string_view file_name, std::string_view data, size_t begin, size_t end,
                     uint64_t first_line, const CsvOptions& options)
    : file_name_(file_name),
      data_(data),
      pos_(begin),
      end_(end),
      line_(first_line),
      delimiter_(options.delimiter),
      record_end_(begin),
      record_end_line_(first_line) {
  std::memset(special_, 0, sizeof(special_));
  special_[static_cast<unsigned char>(delimiter_)] = true;
  special_[static_cast<unsigned char>('\n')] = true;
  special_[static_cast<unsigned char>('\r')] = true;
}

bool CsvReader::Fail(uint64_t line, std::string_view message) {
  status_ = InvalidArgument("{}:{}: {}", file_name_, line, message);
  return false;
}

bool CsvReader::Next(std::vector<CsvField>* fields) {
  field_count_ = 0;
  if (!status_.ok()) return false;
  const size_t size = data_.size();
  for (;;) {  // Blank lines.
    if (pos_ < size && data_[pos_] == '\n') {
      ++pos_;
      ++line_;
    } else if (pos_ < size && data_[pos_] == '\r' &&
               (pos_ + 1 == size || data_[pos_ + 1] == '\n')) {
      pos_ += pos_ + 1 == size ? 1 : 2;
      ++line_;
    } else {
      break;
    }
  }
  if (pos_ >= end_ || pos_ >= size) return false;
  record_line_ = line_;
  unescaped_.clear();
  unescaped_fields_.clear();
  for (;;) {
    if (pos_ < size && data_[pos_] == '"') {
      if (!ReadQuotedField(fields)) return false;
    } else {
      ReadUnquotedField(fields);
    }
    if (pos_ >= size) break;
    const char c = data_[pos_];
    if (c == delimiter_) {
      ++pos_;
      continue;
    }
    // The field readers stop only at a delimiter, "\n", "\r\n" or a final "\r".
    pos_ += c == '\r' && pos_ + 1 < size ? 2 : 1;
    ++line_;
    break;
  }
  fields->resize(field_count_);
  for (const auto& [field, range] : unescaped_fields_) {
    (*fields)[field].text = std::string_view(unescaped_).substr(range.first, range.second);
  }
  record_end_ = pos_;
  record_end_line_ = line_;
  return true;
}

bool CsvReader::ReadQuotedField(std::vector<CsvField>* fields) {
  const char* base = data_.data();
  const size_t size = data_.size();
  const uint64_t open_line = line_;
  const size_t start = ++pos_;
  bool doubled_quotes = false;
  size_t close;
  for (;;) {
    const void* found = std::memchr(base + pos_, '"', size - pos_);
    if (found == nullptr) {
      return Fail(open_line, fmt::format("field {} starts with a quote that is never closed",
                                         field_count_ + 1));
    }
    close = static_cast<size_t>(static_cast<const char*>(found) - base);
    line_ += static_cast<uint64_t>(std::count(base + pos_, base + close, '\n'));
    if (close + 1 < size && base[close + 1] == '"') {
      doubled_quotes = true;
      pos_ = close + 2;
      continue;
    }
    pos_ = close + 1;
    break;
  }
  if (!doubled_quotes) {
    SetField(fields, field_count_++, {std::string_view(base + start, close - start), true});
  } else {
    size_t offset = unescaped_.size();
    for (size_t i = start; i < close; ++i) {
      unescaped_.push_back(base[i]);
      if (base[i] == '"') ++i;  // The second quote of a pair.
    }
    unescaped_fields_.push_back({field_count_, {offset, unescaped_.size() - offset}});
    SetField(fields, field_count_++, {std::string_view(), true});
  }
  if (pos_ < size) {
    const char c = base[pos_];
    bool record_end = c == '\n' || (c == '\r' && (pos_ + 1 == size || base[pos_ + 1] == '\n'));
    if (c != delimiter_ && !record_end) {
      return Fail(line_, fmt::format("field {}: unexpected text after the closing quote; a quote "
                                     "inside a quoted field must be doubled (\"\")",
                                     field_count_));
    }
  }
  return true;
}

void CsvReader::ReadUnquotedField(std::vector<CsvField>* fields) {
  const char* base = data_.data();
  const size_t size = data_.size();
  size_t p = pos_;
  for (;;) {
    while (p < size && !special_[static_cast<unsigned char>(base[p])]) ++p;
    // A '\r' that does not end the line is an ordinary character.
    if (p + 1 < size && base[p] == '\r' && base[p + 1] != '\n') {
      ++p;
      continue;
    }
    break;
  }
  SetField(fields, field_count_++, {std::string_view(base + pos_, p - pos_), false});
  pos_ = p;
}

}  // namespace larder::formats
