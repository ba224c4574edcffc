// CsvReader: splits CSV text (RFC 4180) into records of fields — the first step of importing a
// CSV file. Works on a whole file or on a chunk of one that starts at a record boundary.
//
// The dialect: fields separated by a delimiter (',' by default, '\t' for TSV); records end with
// "\n" or "\r\n"; blank lines are skipped. A field that starts with '"' is quoted: it may hold
// delimiters, newlines and quotes written twice (""), and must be followed by a delimiter or the
// end of the record. A quote inside an unquoted field is an ordinary character. An empty unquoted
// field is NULL; a quoted empty field ("") is the empty string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder::formats {

// Whether a CSV file starts with a header row naming its columns.
enum class CsvHeader {
  kPresent,  // It does (ClickHouse's CSVWithNames).
  kAbsent,   // It does not: the columns are c1, c2, … (ClickHouse's names).
  // Guessed from the first record: a header when every field is non-empty, distinct and not a
  // number, a boolean or a date (ClickHouse's CSV with header detection).
  kDetect,
};

struct CsvOptions {
  char delimiter = ',';
  CsvHeader header = CsvHeader::kPresent;
};

struct CsvField {
  std::string_view text;  // Without the quotes, doubled quotes made single.
  bool quoted = false;
  // NULL: an empty field that was not quoted.
  bool is_null() const { return text.empty() && !quoted; }
};

class CsvReader {
 public:
  // Reads the records of `data` that start in [begin, end); the last of them may run past `end`
  // (it is read to its end). `first_line` is the line number of data[begin]; `file_name` is for
  // messages. REQUIRES: begin is at the start of a record (or a blank line); `data` outlives the
  // reader.
  CsvReader(std::string_view file_name, std::string_view data, size_t begin, size_t end,
            uint64_t first_line, const CsvOptions& options);

  // Reads the next record into `fields` (pass the same vector each time), whose views stay valid
  // until the next call. Returns false at the end or on a malformed record; status() tells which.
  bool Next(std::vector<CsvField>* fields);
  // kInvalidArgument "FILE:LINE: …" after Next returned false on bad input; OK otherwise.
  const Status& status() const { return status_; }

  // The line the record last read starts on.
  uint64_t record_line() const { return record_line_; }
  // Offset just past the last record read (its line ending included), and that offset's line.
  size_t position() const { return record_end_; }
  uint64_t position_line() const { return record_end_line_; }

 private:
  bool Fail(uint64_t line, std::string_view message);
  // Reads a quoted field starting at pos_ (on the opening quote).
  bool ReadQuotedField(std::vector<CsvField>* fields);
  void ReadUnquotedField(std::vector<CsvField>* fields);

  std::string_view file_name_;
  std::string_view data_;
  size_t pos_;
  size_t end_;
  uint64_t line_;
  char delimiter_;
  bool special_[256];       // Bytes that end an unquoted field: the delimiter, '\n' and '\r'.
  size_t field_count_ = 0;  // Fields of the record being read.
  uint64_t record_line_ = 0;
  size_t record_end_;
  uint64_t record_end_line_;
  Status status_;
  // Fields whose doubled quotes were undone live here; (field index, offset, length) each.
  std::string unescaped_;
  std::vector<std::pair<size_t, std::pair<size_t, size_t>>> unescaped_fields_;
};

}  // namespace larder::formats
