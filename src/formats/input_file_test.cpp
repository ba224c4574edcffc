#include "formats/input_file.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include "analytics/capture_test_util.h"
#include "formats/file_decompression.h"

namespace larder::formats {
namespace {

using larder::analytics::capture_testing::GzipForTest;

std::string Zstd(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
  return out;
}

// The column names and the rows' field count an input's first chunk reports.
ChunkInference InferAll(const ImportInput& input) {
  ChunkInference all;
  for (const TextChunk& chunk : input.chunks) {
    ChunkInference inference;
    EXPECT_TRUE(input.decoder->Infer(chunk, &inference).ok());
    all.rows += inference.rows;
    all.names = inference.names;
  }
  return all;
}

TEST(FileFormatTest, NamesAndExtensions) {
  EXPECT_EQ(*ParseFileFormat("CSVWithNames"), FileFormat::kCsv);
  EXPECT_EQ(*ParseFileFormat("CSV"), FileFormat::kCsvDetect);
  EXPECT_EQ(*ParseFileFormat("JSONEachRow"), FileFormat::kJsonLines);
  EXPECT_EQ(*ParseFileFormat("Parquet"), FileFormat::kParquet);
  EXPECT_FALSE(ParseFileFormat("xml").ok());
  EXPECT_EQ(*FormatFromFileName("s3/a/b.CSV.gz"), FileFormat::kCsv);
  EXPECT_EQ(*FormatFromFileName("x.jsonl.zst"), FileFormat::kJsonLines);
  EXPECT_EQ(*FormatFromFileName("/d/x.parquet"), FileFormat::kParquet);
  Result<FileFormat> bz2 = FormatFromFileName("x.csv.bz2");
  ASSERT_FALSE(bz2.ok());
  EXPECT_NE(bz2.status().message().find("gzip and zstd"), std::string::npos);
}

TEST(InputFileTest, CompressedTextIsDecompressedByItsMagicBytes) {
  const std::string csv = "a,b\n1,x\n2,y\n3,z\n";
  for (const std::string& bytes :
       {GzipForTest(csv), Zstd(csv), GzipForTest("a,b\n1,x\n") + GzipForTest("2,y\n3,z\n")}) {
    Result<ImportInput> input =
        OpenOwnedInput("data.csv.gz", bytes, FileFormat::kAuto, 1 << 20, nullptr);
    ASSERT_TRUE(input.ok()) << input.status().ToString();
    EXPECT_EQ(input->data, csv);
    EXPECT_EQ(InferAll(*input).rows, 3u);
  }
}

TEST(InputFileTest, CorruptCompressedDataNamesTheFile) {
  std::string truncated = GzipForTest(std::string(10000, 'a'));
  truncated.resize(truncated.size() / 2);
  Result<ImportInput> input =
      OpenOwnedInput("bad.csv.gz", truncated, FileFormat::kAuto, 1 << 20, nullptr);
  ASSERT_FALSE(input.ok());
  EXPECT_NE(input.status().message().find("bad.csv.gz: the gzip data is truncated"),
            std::string::npos)
      << input.status().ToString();
  std::string zstd = Zstd(std::string(10000, 'a'));
  zstd[zstd.size() / 2] ^= 0x55;
  zstd.resize(zstd.size() - 3);
  input = OpenOwnedInput("bad.csv.zst", zstd, FileFormat::kAuto, 1 << 20, nullptr);
  ASSERT_FALSE(input.ok());
  EXPECT_NE(input.status().message().find("bad.csv.zst: the zstd data is"), std::string::npos)
      << input.status().ToString();
}

TEST(InputFileTest, CsvHeaderPresentAbsentOrDetected) {
  struct Case {
    FileFormat format;
    std::string text;
    std::vector<std::string> names;
    uint64_t rows;
  };
  const std::vector<Case> cases = {
      {FileFormat::kCsv, "id,name\n1,a\n", {"id", "name"}, 1},
      {FileFormat::kCsvNoHeader, "1,a\n2,b\n", {"c1", "c2"}, 2},
      {FileFormat::kCsvDetect, "id,name\n1,a\n", {"id", "name"}, 1},
      {FileFormat::kCsvDetect, "\xEF\xBB\xBFid,name\r\n1,a\r\n", {"id", "name"}, 1},
      {FileFormat::kCsvDetect, "1,a\n2,b\n", {"c1", "c2"}, 2},
      {FileFormat::kCsvDetect, "x,x\n2,b\n", {"c1", "c2"}, 2},  // Repeated names: data.
      {FileFormat::kCsvDetect, "a,,c\n1,2,3\n", {"c1", "c2", "c3"}, 2},
      {FileFormat::kCsvDetect, "2024-01-01,b\n", {"c1", "c2"}, 1},
  };
  for (const Case& test : cases) {
    Result<ImportInput> input = OpenOwnedInput("t.csv", test.text, test.format, 1 << 20, nullptr);
    ASSERT_TRUE(input.ok()) << input.status().ToString();
    ChunkInference inference = InferAll(*input);
    EXPECT_EQ(inference.names, test.names) << test.text;
    EXPECT_EQ(inference.rows, test.rows) << test.text;
  }
}

}  // namespace
}  // namespace larder::formats
