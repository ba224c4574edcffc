#include "formats/input_file.h"

#include "formats/csv_decoder.h"
#include "formats/file_decompression.h"
#include "formats/ndjson_decoder.h"
#include "formats/parquet/parquet_decoder.h"

namespace larder::formats {
namespace {

std::string LowerCase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// Opens the decoder of `input` (its data set) and splits it.
Status OpenDecoder(ImportInput* input, FileFormat format, size_t chunk_bytes, ThreadPool* pool) {
  if (format == FileFormat::kAuto) {
    LARDER_ASSIGN_OR_RETURN(format, FormatFromFileName(input->path));
  }
  if (format != FileFormat::kParquet) {
    const FileCompression compression = DetectCompression(input->data);
    if (compression != FileCompression::kNone) {
      LARDER_ASSIGN_OR_RETURN(std::string bytes,
                              DecompressFile(input->path, input->data, compression));
      input->owned = std::make_unique<std::string>(std::move(bytes));
      input->data = *input->owned;
      input->file.reset();
    }
  }
  if (format == FileFormat::kParquet) {
    LARDER_ASSIGN_OR_RETURN(auto decoder, parquet::ParquetDecoder::Open(input->path, input->data));
    input->chunks = decoder->Chunks(input->data);
    input->decoder = std::move(decoder);
    return Status::OK();
  }
  if (format == FileFormat::kJsonLines) {
    input->decoder = std::make_unique<NdjsonDecoder>(input->path, input->data);
  } else {
    CsvOptions options;
    options.delimiter = format == FileFormat::kTsv ? '\t' : ',';
    if (format == FileFormat::kCsvNoHeader) options.header = CsvHeader::kAbsent;
    if (format == FileFormat::kCsvDetect) options.header = CsvHeader::kDetect;
    LARDER_ASSIGN_OR_RETURN(input->decoder, CsvDecoder::Open(input->path, input->data, options));
  }
  const TextDecoder& decoder = *input->decoder;
  input->chunks = SplitIntoChunks(input->data, decoder.data_begin(), decoder.data_first_line(),
                                  chunk_bytes, decoder.records_span_lines(), pool);
  return Status::OK();
}

}  // namespace

Result<FileFormat> ParseFileFormat(std::string_view name) {
  if (name == "csv" || name == "CSVWithNames") return FileFormat::kCsv;
  if (name == "CSV") return FileFormat::kCsvDetect;
  if (name == "tsv" || name == "TSVWithNames") return FileFormat::kTsv;
  if (name == "jsonl" || name == "ndjson" || name == "JSONEachRow") return FileFormat::kJsonLines;
  if (name == "parquet" || name == "Parquet") return FileFormat::kParquet;
  return InvalidArgument(
      "unknown format '{}'; use csv, tsv, jsonl or parquet (or ClickHouse's CSV, CSVWithNames, "
      "TSVWithNames, JSONEachRow, Parquet)",
      name);
}

Result<FileFormat> FormatFromFileName(std::string_view path) {
  std::string name = LowerCase(BaseName(path));
  for (std::string_view compressed : {".gz", ".gzip", ".zst", ".zstd"}) {
    if (name.ends_with(compressed)) {
      name.resize(name.size() - compressed.size());
      break;
    }
  }
  if (name.ends_with(".csv")) return FileFormat::kCsv;
  if (name.ends_with(".tsv") || name.ends_with(".tab")) return FileFormat::kTsv;
  if (name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json")) {
    return FileFormat::kJsonLines;
  }
  if (name.ends_with(".parquet")) return FileFormat::kParquet;
  for (std::string_view compressed : {".bz2", ".xz", ".lz4", ".zip"}) {
    if (name.ends_with(compressed)) {
      return InvalidArgument(
          "{}: {} files cannot be read; gzip and zstd are the compressions Larder reads", path,
          compressed);
    }
  }
  return InvalidArgument(
      "{}: cannot tell the format from the file name; name it: csv, tsv, jsonl or parquet", path);
}

Result<ImportInput> OpenInput(std::string path, std::unique_ptr<RandomAccessFile> file,
                              std::string_view data, FileFormat format, size_t chunk_bytes,
                              ThreadPool* pool) {
  ImportInput input;
  input.path = std::move(path);
  input.file = std::move(file);
  input.data = data;
  LARDER_RETURN_IF_ERROR(OpenDecoder(&input, format, chunk_bytes, pool));
  return input;
}

Result<ImportInput> OpenOwnedInput(std::string path, std::string bytes, FileFormat format,
                                   size_t chunk_bytes, ThreadPool* pool) {
  ImportInput input;
  input.path = std::move(path);
  input.owned = std::make_unique<std::string>(std::move(bytes));
  input.data = *input.owned;
  LARDER_RETURN_IF_ERROR(OpenDecoder(&input, format, chunk_bytes, pool));
  return input;
}

}  // namespace larder::formats
