// libFuzzer target for the text readers: CSV (with a header, without, detected; TSV), JSON
// lines, and gzip / zstd input. The first byte picks the format, the rest is the file: it is
// opened, split into chunks, its columns inferred over every chunk, and every chunk decoded into
// those columns. Errors are fine and must name the file; a crash, a leak, a sanitizer report, a
// batch that breaks its own schema or a decoded row count other than the inferred one is a
// finding. Built and run by tests/formats/fuzz.sh (clang, ASan, UBSan), not by CMake.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "formats/chunk_pipeline.h"
#include "formats/inferred_columns.h"
#include "formats/input_file.h"

namespace {

namespace formats = larder::formats;

void Fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s: %s\n", what, detail.c_str());
  std::abort();
}

void CheckError(const larder::Status& status) {
  if (status.ok()) return;
  if (status.message().find("fuzz.txt") == std::string::npos) {
    Fail("error without the file's name", status.ToString());
  }
}

constexpr formats::FileFormat kFormats[] = {
    formats::FileFormat::kCsv, formats::FileFormat::kCsvNoHeader, formats::FileFormat::kCsvDetect,
    formats::FileFormat::kTsv, formats::FileFormat::kJsonLines};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const formats::FileFormat format = kFormats[static_cast<uint8_t>(bytes[0]) % 5];
  // Small chunks, so that splits land inside records and quotes.
  const size_t chunk_bytes = 1 + static_cast<uint8_t>(bytes[1]) % 64;
  auto input = formats::OpenOwnedInput("fuzz.txt", std::string(bytes.substr(2)), format,
                                       chunk_bytes, nullptr);
  if (!input.ok()) return CheckError(input.status()), 0;
  std::vector<formats::ImportInput> inputs;
  inputs.push_back(std::move(*input));
  formats::InferredColumns columns;
  columns.AddNames(inputs[0].decoder->fixed_columns());
  // Both passes as `larder import` runs them: splits inside quoted records are repaired.
  formats::ImportPipeline<formats::ChunkInference> infer(nullptr, &inputs, chunk_bytes);
  larder::Status status = infer.Run(
      [](const formats::ImportInput& in, const formats::TextChunk& chunk,
         formats::ChunkInference* inference) { return in.decoder->Infer(chunk, inference); },
      [&](formats::ImportInput&, size_t, formats::ChunkInference& inference) {
        columns.Merge(inference);
        return larder::Status::OK();
      });
  if (!status.ok()) return CheckError(status), 0;
  formats::DecodePlan plan{"t", columns.ToSchema()};
  // Records without a column (`{}`) leave nothing to decode: import refuses such files.
  if (plan.schema.fields.empty()) return 0;
  for (larder::Field& field : plan.schema.fields) field.type = field.type.WithNullable(true);
  uint64_t rows = 0;
  formats::ImportPipeline<formats::DecodedChunk> decode(nullptr, &inputs, chunk_bytes);
  status = decode.Run(
      [&plan](const formats::ImportInput& in, const formats::TextChunk& chunk,
              formats::DecodedChunk* decoded) { return in.decoder->Decode(chunk, plan, decoded); },
      [&](formats::ImportInput&, size_t, formats::DecodedChunk& decoded) {
        if (larder::Status valid = decoded.batch.Validate(); !valid.ok()) {
          Fail("batch breaks its schema", valid.ToString());
        }
        rows += decoded.batch.num_rows();
        return larder::Status::OK();
      });
  if (!status.ok()) return CheckError(status), 0;
  if (rows != columns.rows()) {
    Fail("decoded rows differ from inferred rows",
         std::to_string(rows) + " vs " + std::to_string(columns.rows()));
  }
  return 0;
}
