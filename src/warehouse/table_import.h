// ImportTable: what `larder import` does — loads local CSV, JSON-lines or Parquet files into a
// table of a data directory, creating it with inferred column types, appending to it, or
// replacing its rows, all in one transaction. Files are read through the FileSystem (mmap;
// Parquet through a ByteSource) and parsed in parallel chunks (Parquet: row groups) on the
// StorageEnv's thread pool (formats/), and written with one storage::TableWriter.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "formats/input_file.h"
#include "types/column_vector.h"
#include "warehouse/data_directory.h"

namespace larder::warehouse {

// kAuto (from each file's extension), kCsv, kTsv, kJsonLines, kParquet, …
using ImportFormat = formats::FileFormat;

// "csv", "tsv", "jsonl" (or "ndjson"), "parquet" (formats::ParseFileFormat).
Result<ImportFormat> ParseImportFormat(std::string_view name);

// A column type the user gives instead of the inferred one.
struct ColumnOverride {
  std::string name;
  LogicalType type;
};

// "name:Type", e.g. "zip:String" or "amount:Nullable(Decimal(38, 2))" (types as `describe`
// prints them).
Result<ColumnOverride> ParseColumnOverride(std::string_view text);

struct ImportProgress {
  enum class Phase {
    kInferring,  // Reading every file once to infer column types (new tables only).
    kLoading,    // Reading, converting and writing rows.
  };
  Phase phase = Phase::kLoading;
  uint64_t rows = 0;        // Rows read so far in this phase.
  uint64_t total_rows = 0;  // Rows in all files when known (loading after inferring), else 0.
  uint64_t bytes = 0;       // Input bytes read so far in this phase.
  uint64_t total_bytes = 0;
};

struct ImportRequest {
  int64_t project_id = 0;
  std::string table;
  std::vector<std::string> files;
  ImportFormat format = ImportFormat::kAuto;
  std::vector<ColumnOverride> column_types;
  bool replace = false;
  // Called on the calling thread as chunks are done, and at the end of each phase. May be empty.
  std::function<void(const ImportProgress&)> progress;
  // Files are split into chunks of about this many bytes that are parsed in parallel.
  size_t chunk_bytes = 4 << 20;
};

struct ImportResult {
  uint64_t rows = 0;  // Rows imported.
  Schema schema;      // The table's columns.
  bool created = false;
};

// Loads `request.files` into `request.table`:
//  - When the table does not exist it is created (catalog kind "synced": a copy of data from
//    outside that Larder stores), with one column per column of the files (matched by name
//    across files) and the types formats/type_inference.h describes, or those of
//    `column_types`. Text files are read twice: to infer the types, then to load them; Parquet
//    files declare their types (a column some files lack becomes Nullable) and are read once.
//    Parquet and text files cannot be mixed in one import.
//  - When it exists, rows are appended, or with `replace` they replace every row the table has.
//    The table keeps its columns: file columns are matched to them by name and converted to
//    their types; a table column that a file lacks must be Nullable, and a file column the table
//    lacks is an error. `column_types` may only repeat the table's types.
// Everything is one transaction: on any error (a bad row is reported as "FILE:LINE: column `c`:
// …") nothing is committed, the table keeps its rows, and a table this call created is dropped.
// Errors about the input are kInvalidArgument; a missing file is kNotFound.
Result<ImportResult> ImportTable(DataDirectory* data, const ImportRequest& request);

}  // namespace larder::warehouse
