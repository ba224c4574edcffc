// InputFile: one file to load, whatever its format — CSV (with a header row, without, or
// detected), TSV, JSON lines or Parquet, gzip- or zstd-compressed text included — opened with its
// decoder and split into chunks that can be parsed in parallel (formats/chunk_pipeline.h).
// `larder import` and the bucket / folder connector open their files through it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_system.h"
#include "common/status.h"
#include "common/thread_pool.h"
#include "formats/text_decoder.h"

namespace larder::formats {

enum class FileFormat {
  kAuto,         // From the file name: .csv, .tsv / .tab, .jsonl / .ndjson / .json, .parquet,
                 // each optionally followed by .gz or .zst.
  kCsv,          // Comma-separated, header row first (ClickHouse's CSVWithNames).
  kCsvNoHeader,  // Comma-separated without a header: columns c1, c2, …
  kCsvDetect,    // A header row when the first record looks like one (CsvHeader::kDetect).
  kTsv,          // As kCsv with tabs.
  kJsonLines,    // One JSON object per line (formats/ndjson_reader.h).
  kParquet,      // Column types as the file declares them (formats/parquet/parquet_schema.h).
};

// "csv", "tsv", "jsonl" (or "ndjson"), "parquet" — the names `larder import --format` takes —
// and ClickHouse's "CSV" (header detected), "CSVWithNames", "TSV", "TSVWithNames",
// "JSONEachRow", "Parquet". kInvalidArgument listing them otherwise.
Result<FileFormat> ParseFileFormat(std::string_view name);

// The format a file name says; kInvalidArgument saying so when it says none.
Result<FileFormat> FormatFromFileName(std::string_view path);

// One input file: its bytes, its decoder and its chunks.
struct ImportInput {
  std::string path;                        // As messages name it.
  std::unique_ptr<RandomAccessFile> file;  // The mapping `data` points into, when mapped.
  // Or the bytes themselves (decompressed, downloaded); on the heap, so that `data` and the
  // decoder's views stay valid when the input moves.
  std::unique_ptr<std::string> owned;
  std::string_view data;  // The whole file.
  std::unique_ptr<TextDecoder> decoder;
  std::vector<TextChunk> chunks;
};

// Opens the file whose bytes are `data` (named `path` in messages): decompresses gzip / zstd
// text (by its magic bytes) into input.owned, reads the header or the Parquet footer, and splits
// it into chunks of about `chunk_bytes` (row groups for Parquet). `file` (may be null) owns the
// memory `data` points into and moves into the input. `pool` (may be null) speeds up splitting.
Result<ImportInput> OpenInput(std::string path, std::unique_ptr<RandomAccessFile> file,
                              std::string_view data, FileFormat format, size_t chunk_bytes,
                              ThreadPool* pool);

// The same for bytes the input takes over (an object downloaded from a bucket).
Result<ImportInput> OpenOwnedInput(std::string path, std::string bytes, FileFormat format,
                                   size_t chunk_bytes, ThreadPool* pool);

}  // namespace larder::formats
