#include "warehouse/table_import.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "formats/parquet/parquet_test_file.h"
#include "storage/table_scan.h"
#include "storage/table_writer.h"
#include "warehouse/sample_events.h"

namespace larder::warehouse {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Each test runs with a thread pool and without one (everything on the calling thread).
class TableImportTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/larder-import-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    if (GetParam()) pool_ = std::make_unique<ThreadPool>(2);
    env_ = storage::StorageEnv{fs_.get(), pool_.get(), &clock_};
    auto data = DataDirectory::Open(dir_ + "/data", env_);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    data_ = std::move(*data);
  }
  void TearDown() override {
    data_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string File(const std::string& name, const std::string& contents) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  ImportRequest Request(const std::string& table, std::vector<std::string> files) {
    ImportRequest request;
    request.project_id = data_->default_project().id;
    request.table = table;
    request.files = std::move(files);
    return request;
  }

  Result<ImportResult> Import(const std::string& table, std::vector<std::string> files,
                              std::vector<std::string> columns = {}, bool replace = false) {
    ImportRequest request = Request(table, std::move(files));
    for (const std::string& column : columns) {
      auto parsed = ParseColumnOverride(column);
      if (!parsed.ok()) return parsed.status();
      request.column_types.push_back(*parsed);
    }
    request.replace = replace;
    return ImportTable(data_.get(), request);
  }

  bool TableExists(const std::string& table) {
    return data_->catalog().GetTable(data_->default_project().id, table).ok();
  }

  // "name Type" per column.
  std::vector<std::string> Columns(const std::string& table) {
    auto opened = data_->OpenTable(data_->default_project().id, table);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return {};
    std::vector<std::string> columns;
    for (const Field& field : (*opened)->Snapshot()->schema().fields) {
      columns.push_back(field.name + " " + field.type.ToString());
    }
    return columns;
  }

  // Every row as the CLI prints values.
  Rows ReadRows(const std::string& table) {
    auto opened = data_->OpenTable(data_->default_project().id, table);
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    if (!opened.ok()) return {};
    auto scan = storage::TableScan::Create((*opened)->Snapshot(), {});
    EXPECT_TRUE(scan.ok());
    if (!scan.ok()) return {};
    auto all = scan->ReadAll();
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    if (!all.ok()) return {};
    Rows rows(all->num_rows());
    for (size_t row = 0; row < all->num_rows(); ++row) {
      for (const ColumnVector& column : all->columns) {
        rows[row].push_back(column.GetValue(row).ToString(column.type()));
      }
    }
    return rows;
  }

  // The table directories of the project (a failed new import must leave none behind).
  size_t TableDirectories() {
    std::string tables = dir_ + "/data/tables/p1";
    if (!std::filesystem::exists(tables)) return 0;
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(tables),
                                             std::filesystem::directory_iterator()));
  }

  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  ManualClock clock_{1'700'000'000'000'000};
  std::unique_ptr<ThreadPool> pool_;
  storage::StorageEnv env_;
  std::string dir_;
  std::unique_ptr<DataDirectory> data_;
};

INSTANTIATE_TEST_SUITE_P(Pool, TableImportTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Parallel" : "Serial"; });

TEST_P(TableImportTest, CsvCreatesATableWithInferredTypes) {
  std::string csv = File("customers.csv",
                         "id,name,score,active,signup,seen_at,note,empty\r\n"
                         "1,Ada,1.5,true,2024-01-31,2024-01-31T10:00:00Z,,\r\n"
                         "2,\"Lovelace, A.\",2,false,2023-12-01,2024-02-01 12:30:00.25,\"hi\",\r\n"
                         "3,\"say \"\"x\"\"\",-3e2,TRUE,2020-02-29,2024-01-01T01:00:00+01:00,"
                         "\"two\nlines\",\r\n");
  auto result = Import("customers", {csv});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->created);
  EXPECT_EQ(result->rows, 3u);
  EXPECT_EQ(Columns("customers"),
            (std::vector<std::string>{"id Int64", "name String", "score Float64", "active Bool",
                                      "signup Date", "seen_at DateTime", "note Nullable(String)",
                                      "empty Nullable(String)"}));
  EXPECT_EQ(ReadRows("customers"),
            (Rows{{"1", "Ada", "1.5", "true", "2024-01-31", "2024-01-31 10:00:00", "NULL", "NULL"},
                  {"2", "Lovelace, A.", "2", "false", "2023-12-01", "2024-02-01 12:30:00.250000",
                   "hi", "NULL"},
                  {"3", "say \"x\"", "-300", "true", "2020-02-29", "2024-01-01 00:00:00",
                   "two\nlines", "NULL"}}));
  auto entry = data_->catalog().GetTable(data_->default_project().id, "customers");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->kind, catalog::TableKind::kSynced);
}

TEST_P(TableImportTest, JsonLinesWithNestedValuesAndMissingKeys) {
  std::string jsonl =
      File("events.jsonl", R"({"id": 1, "props": {"a": 1}, "tags": [1, 2], "name": "x", "n": 1})"
                           "\n\n"
                           R"({"id": 2, "extra": true, "n": 2.5, "at": "2024-05-01T00:00:00Z"})"
                           "\n"
                           R"({"id": 3, "props": "text", "name": null, "n": 3})");
  auto result = Import("events_copy", {jsonl});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(Columns("events_copy"),
            (std::vector<std::string>{"id Int64", "props Nullable(JSON)", "tags Nullable(JSON)",
                                      "name Nullable(String)", "n Float64", "extra Nullable(Bool)",
                                      "at Nullable(DateTime)"}));
  EXPECT_EQ(ReadRows("events_copy"),
            (Rows{{"1", R"({"a": 1})", "[1, 2]", "x", "1", "NULL", "NULL"},
                  {"2", "NULL", "NULL", "NULL", "2.5", "true", "2024-05-01 00:00:00"},
                  {"3", R"("text")", "NULL", "NULL", "3", "NULL", "NULL"}}));
}

TEST_P(TableImportTest, ColumnOverridesReplaceInferredTypes) {
  std::string csv = File("zips.csv", "zip,amount,id\n02134,3.10,1\n10001,,2\n");
  auto result = Import("zips", {csv},
                       {"zip:String", "amount:Nullable(Decimal(38, 2))", "id:Nullable(Int64)"});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(Columns("zips"),
            (std::vector<std::string>{"zip String", "amount Nullable(Decimal(38, 2))",
                                      "id Nullable(Int64)"}));
  EXPECT_EQ(ReadRows("zips"), (Rows{{"02134", "3.10", "1"}, {"10001", "NULL", "2"}}));

  struct Case {
    std::vector<std::string> columns;
    std::string error;
  };
  std::vector<Case> cases = {
      {{"nope:String"},
       "--column nope: the files have no column `nope` (their columns: zip, "
       "amount, id)"},
      {{"zip:Array(Int64)"}, "Array(Int64) columns cannot be imported yet"},
      {{"zip:Int64", "zip:String"}, "--column zip is given twice"},
      {{"zip"}, "expected NAME:TYPE"},
      {{"zip:Integer"}, "--column zip:Integer"},
      {{"amount:Decimal(38, 0)"},
       "zips.csv:2: column `amount`: cannot read \"3.10\" as "
       "Decimal(38, 0)"},
      {{"amount:Float64"},
       "zips.csv:3: column `amount` is empty (NULL), but its type Float64 "
       "is not Nullable"},
  };
  for (const Case& test : cases) {
    auto failed = Import("zips2", {csv}, test.columns);
    ASSERT_FALSE(failed.ok()) << test.error;
    EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument) << test.error;
    EXPECT_NE(failed.status().message().find(test.error), std::string::npos)
        << failed.status().ToString();
    EXPECT_FALSE(TableExists("zips2"));
  }
}

TEST_P(TableImportTest, BadInputNamesFileLineAndColumnAndCreatesNothing) {
  struct Case {
    std::string file_name;
    std::string contents;
    std::vector<std::string> columns;
    std::string error;  // After the file's path.
  };
  std::vector<Case> cases = {
      {"fields.csv", "a,b\n1,2\n3\n", {}, ":3: 1 field, but the header has 2 columns"},
      {"quote.csv", "a,b\n1,2\n3,\"open\n4,5\n", {}, ":3: field 2 starts with a quote"},
      {"after_quote.csv", "a\n\"x\"y\n", {}, ":2: field 1: unexpected text after the closing"},
      {"value.csv",
       "n,s\n1,a\n2,b\nabc,c\n",
       {"n:Int64"},
       ":4: column `n`: cannot read \"abc\" as Int64"},
      {"dup.csv", "a,b,a\n1,2,3\n", {}, ":1: the header names column `a` twice"},
      {"empty.csv", "", {}, ": the file is empty"},
      {"syntax.jsonl", "{\"a\":1}\n{\"a\":2,}\n", {}, ":2: invalid JSON"},
      {"array.json", "[{\"a\":1}]\n", {}, ":1: expected a JSON object, found an array"},
      {"dupkey.jsonl", "{\"a\":1}\n{\"a\":1,\"a\":2}\n", {}, ":2: key `a` appears twice"},
      {"value.jsonl",
       "{\"a\":1}\n{\"a\":\"x\"}\n",
       {"a:Int64"},
       ":2: column `a`: cannot read \"x\" as Int64"},
      {"missing.jsonl",
       "{\"a\":1}\n{\"b\":1}\n",
       {"a:Int64"},
       ":2: the object has no key `a`, and column `a` (Int64) is not Nullable"},
      {"blank.jsonl", "\n\n", {}, "no columns to import"},
      {"data.txt", "a\n1\n", {}, ": cannot tell the format from the file name"},
      {"data.csv.bz2", "a\n1\n", {}, ": .bz2 files cannot be read"},
  };
  for (const Case& test : cases) {
    std::string path = File(test.file_name, test.contents);
    auto result = Import("bad", {path}, test.columns);
    ASSERT_FALSE(result.ok()) << test.file_name;
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument) << test.file_name;
    EXPECT_NE(result.status().message().find(test.error), std::string::npos)
        << test.file_name << ": " << result.status().ToString();
    if (test.error.find("no columns") == std::string::npos) {
      EXPECT_TRUE(result.status().message().starts_with(path)) << result.status().ToString();
    }
    EXPECT_FALSE(TableExists("bad")) << test.file_name;
    EXPECT_EQ(TableDirectories(), 0u) << test.file_name;
  }
  auto missing = Import("bad", {dir_ + "/no-such-file.csv"});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto bad_name = Import("bad-name", {File("ok.csv", "a\n1\n")});
  EXPECT_EQ(bad_name.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(TableDirectories(), 0u);
}

TEST_P(TableImportTest, AppendsMatchColumnsByNameAndChecksThem) {
  ASSERT_TRUE(Import("people", {File("a.csv", "id,name,note\n1,Ada,x\n2,Bob,\n")}).ok());
  EXPECT_EQ(Columns("people"),
            (std::vector<std::string>{"id Int64", "name String", "note Nullable(String)"}));
  // Other column order, a Nullable column left out, and JSON lines into the same table.
  auto appended =
      Import("people", {File("b.csv", "name,id\nCy,3\n"),
                        File("c.jsonl", "{\"id\": 4, \"name\": \"Di\", \"note\": \"n\"}\n")});
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_FALSE(appended->created);
  EXPECT_EQ(appended->rows, 2u);
  Rows expected = {{"1", "Ada", "x"}, {"2", "Bob", "NULL"}, {"3", "Cy", "NULL"}, {"4", "Di", "n"}};
  EXPECT_EQ(ReadRows("people"), expected);

  struct Case {
    std::string file_name;
    std::string contents;
    std::vector<std::string> columns;
    std::string error;
  };
  std::vector<Case> cases = {
      {"extra.csv", "id,name,age\n5,Ed,40\n", {}, "extra.csv: column `age` is not in table people"},
      {"lacks.csv",
       "id,note\n5,x\n",
       {},
       "lacks.csv: the file has no column `name`, which table "
       "people needs (String is not Nullable)"},
      {"type.csv",
       "id,name\nfive,Ed\n",
       {},
       "type.csv:2: column `id`: cannot read \"five\" as "
       "Int64"},
      {"null.csv", "id,name\n5,\n", {}, "null.csv:2: column `name` is empty (NULL)"},
      {"key.jsonl",
       "{\"id\":5,\"name\":\"Ed\"}\n{\"id\":6,\"name\":\"Fa\",\"age\":1}\n",
       {},
       "key.jsonl:2: key `age` is not a column of table people"},
      {"override.csv",
       "id,name\n5,Ed\n",
       {"id:String"},
       "--column id:String: table people has column `id` as Int64"},
  };
  for (const Case& test : cases) {
    auto failed = Import("people", {File(test.file_name, test.contents)}, test.columns);
    ASSERT_FALSE(failed.ok()) << test.file_name;
    EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument) << test.file_name;
    EXPECT_NE(failed.status().message().find(test.error), std::string::npos)
        << failed.status().ToString();
    EXPECT_EQ(ReadRows("people"), expected) << test.file_name;
  }
}

TEST_P(TableImportTest, AFailedImportCommitsNothingEvenAfterManyChunks) {
  std::string good = "id,value\n", bad = "id,value\n";
  for (int row = 0; row < 3000; ++row) {
    good += fmt::format("{},{}\n", row, row * 2);
    bad += fmt::format("{},{}\n", row, row == 2900 ? "oops" : std::to_string(row));
  }
  // Small parts, so that the failed imports below write some before they reach the bad row.
  storage::TableSettings settings;
  settings.part_rows = 256;
  auto table = data_->CreateTable(
      data_->default_project().id, "numbers", catalog::TableKind::kSynced,
      Schema{{{"id", LogicalType::Int64()}, {"value", LogicalType::Int64()}}}, {}, settings);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_TRUE(Import("numbers", {File("good.csv", good)}).ok());
  const uint64_t version = (*table)->Snapshot()->version();
  const Rows before = ReadRows("numbers");
  ASSERT_EQ(before.size(), 3000u);

  for (bool replace : {false, true}) {
    ImportRequest request = Request("numbers", {File("bad.csv", bad)});
    request.replace = replace;
    request.chunk_bytes = 512;  // Many chunks: earlier ones are written before the bad row.
    auto result = ImportTable(data_.get(), request);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().message(),
              dir_ + "/bad.csv:2902: column `value`: cannot read \"oops\" as Int64");
    EXPECT_EQ((*table)->Snapshot()->version(), version);
    EXPECT_EQ(ReadRows("numbers"), before);
  }
  // The parts written before the error are gone.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator((*table)->dir())) {
    files += entry.path().filename().string().starts_with("part-");
  }
  EXPECT_EQ(files, (*table)->Snapshot()->parts().size());
}

// Chunks do not line up with the writer's parts; the import cuts them so that parts are full.
TEST_P(TableImportTest, PartsAreFullWhateverTheChunks) {
  std::string csv = "id\n";
  for (int row = 0; row < 2500; ++row) csv += std::to_string(row) + "\n";
  storage::TableSettings settings;
  settings.part_rows = 1000;
  auto table = data_->CreateTable(data_->default_project().id, "parts", catalog::TableKind::kSynced,
                                  Schema{{{"id", LogicalType::Int64()}}}, {}, settings);
  ASSERT_TRUE(table.ok());
  ImportRequest request = Request("parts", {File("parts.csv", csv)});
  request.chunk_bytes = 700;  // About 150 rows per chunk.
  ASSERT_TRUE(ImportTable(data_.get(), request).ok());
  std::vector<uint64_t> part_rows;
  for (const auto& part : (*table)->Snapshot()->manifest().parts)
    part_rows.push_back(part.row_count);
  EXPECT_EQ(part_rows, (std::vector<uint64_t>{1000, 1000, 500}));
  Rows rows = ReadRows("parts");
  ASSERT_EQ(rows.size(), 2500u);
  for (size_t row = 0; row < rows.size(); ++row) ASSERT_EQ(rows[row][0], std::to_string(row));
}

TEST_P(TableImportTest, ReplaceSwapsTheRows) {
  ASSERT_TRUE(Import("swap", {File("one.csv", "k,v\na,1\nb,2\nc,3\n")}).ok());
  ASSERT_TRUE(Import("swap", {File("two.csv", "k,v\nx,9\n")}).ok());
  EXPECT_EQ(ReadRows("swap").size(), 4u);
  auto replaced =
      Import("swap", {File("three.jsonl", "{\"k\":\"y\",\"v\":8}\n{\"v\":7,\"k\":\"z\"}")}, {},
             /*replace=*/true);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->rows, 2u);
  EXPECT_EQ(ReadRows("swap"), (Rows{{"y", "8"}, {"z", "7"}}));
  // --replace on a missing table creates it.
  auto created = Import("fresh", {File("fresh.csv", "a\n1\n")}, {}, /*replace=*/true);
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE(created->created);
}

// Files split into many chunks — with quoted newlines, and with stray quotes that make the
// quote-parity split land inside records — load the same rows as one serial read, and errors
// late in such files carry the right line numbers.
TEST_P(TableImportTest, ChunkedReadsMatchOneSerialRead) {
  std::string quoted = "id,text,n\n", stray = "id,text,n\n";
  for (int row = 0; row < 2000; ++row) {
    std::string text = row % 3 == 0 ? "\"multi\nline \"\"" + std::to_string(row) + "\"\"\""
                                    : "plain " + std::to_string(row);
    quoted += fmt::format("{},{},{}\n", row, text, row % 10);
    stray += fmt::format("{},{},{}\n", row, row % 50 == 1 ? "5'11\"" : text, row % 10);
  }
  for (const auto& [name, contents] :
       std::vector<std::pair<std::string, std::string>>{{"quoted", quoted}, {"stray", stray}}) {
    std::string path = File(name + ".csv", contents);
    ImportRequest serial = Request(name + "_serial", {path});
    serial.chunk_bytes = 1 << 30;
    ASSERT_TRUE(ImportTable(data_.get(), serial).ok());
    for (size_t chunk_bytes : {64, 300, 4096}) {
      std::string table = fmt::format("{}_{}", name, chunk_bytes);
      ImportRequest request = Request(table, {path});
      request.chunk_bytes = chunk_bytes;
      auto result = ImportTable(data_.get(), request);
      ASSERT_TRUE(result.ok()) << table << ": " << result.status().ToString();
      EXPECT_EQ(result->rows, 2000u) << table;
      EXPECT_EQ(ReadRows(table), ReadRows(name + "_serial")) << table;
    }
    // A bad value in the last row: line 1 header + rows with 2 lines every third row.
    std::string broken = contents + "2000,x,notanumber\n";
    uint64_t line = std::count(contents.begin(), contents.end(), '\n') + 1;
    ImportRequest request = Request(name + "_broken", {File(name + "_broken.csv", broken)});
    request.chunk_bytes = 64;
    request.column_types.push_back({"n", LogicalType::Int64()});
    auto result = ImportTable(data_.get(), request);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.status().message().find(fmt::format("_broken.csv:{}: column `n`", line)),
              std::string::npos)
        << result.status().ToString();
  }
}

TEST_P(TableImportTest, FormatsFromNamesOrFlagAndHeaderOnlyFiles) {
  auto tsv = Import("tabs", {File("t.tsv", "a\tb\n1\tx,y\n")});
  ASSERT_TRUE(tsv.ok()) << tsv.status().ToString();
  EXPECT_EQ(ReadRows("tabs"), (Rows{{"1", "x,y"}}));

  ImportRequest request = Request("flagged", {File("export.txt", "\xEF\xBB\xBF{\"a\":true}\n")});
  request.format = ImportFormat::kJsonLines;
  ASSERT_TRUE(ImportTable(data_.get(), request).ok());
  EXPECT_EQ(Columns("flagged"), (std::vector<std::string>{"a Bool"}));

  auto header_only = Import("header_only", {File("h.csv", "\xEF\xBB\xBFx,y\r\n")});
  ASSERT_TRUE(header_only.ok()) << header_only.status().ToString();
  EXPECT_EQ(header_only->rows, 0u);
  EXPECT_EQ(Columns("header_only"),
            (std::vector<std::string>{"x Nullable(String)", "y Nullable(String)"}));

  // Columns of several files are matched by name; a column only some files have is Nullable.
  auto merged = Import("merged", {File("m1.csv", "a,b\n1,x\n"), File("m2.csv", "b,c\ny,2.5\n")});
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(Columns("merged"),
            (std::vector<std::string>{"a Nullable(Int64)", "b String", "c Nullable(Float64)"}));
  EXPECT_EQ(ReadRows("merged"), (Rows{{"1", "x", "NULL"}, {"NULL", "y", "2.5"}}));

  EXPECT_EQ(ParseImportFormat("xml").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(TableImportTest, RefusesTablesItDoesNotManage) {
  auto events = data_->CreateTable(data_->default_project().id, "events",
                                   catalog::TableKind::kEvents, SampleEventsSchema(), {}, {});
  ASSERT_TRUE(events.ok());
  auto result = Import("events", {File("e.csv", "event\nx\n")});
  EXPECT_EQ(result.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find(
                "table events is of kind events; larder import only loads tables of kind synced"),
            std::string::npos)
      << result.status().ToString();
}

// Two row groups of id (INT64), name (optional STRING) and tags (optional list of int32).
std::string ParquetFile(bool with_tags) {
  namespace pq = formats::parquet;
  using pq::testing::ChunkSpec;
  using pq::testing::DataPageV1;
  using pq::testing::LevelsV1;
  using pq::testing::Plain;
  std::vector<pq::testing::ElementSpec> schema = {
      pq::testing::Group("schema", with_tags ? 3 : 2, std::nullopt),
      pq::testing::Leaf("id", pq::PhysicalType::kInt64, pq::Repetition::kRequired),
      pq::testing::Leaf("name", pq::PhysicalType::kByteArray, pq::Repetition::kOptional)};
  schema.back().converted = pq::ConvertedType::kUtf8;
  if (with_tags) {
    schema.push_back(
        pq::testing::Group("tags", 1, pq::Repetition::kOptional, pq::ConvertedType::kList));
    schema.push_back(pq::testing::Group("list", 1, pq::Repetition::kRepeated));
    schema.push_back(
        pq::testing::Leaf("element", pq::PhysicalType::kInt32, pq::Repetition::kRequired));
  }
  std::vector<pq::testing::RowGroupSpec> groups;
  for (int64_t first : {1, 3}) {
    ChunkSpec id{{"id"}, pq::PhysicalType::kInt64, pq::Codec::kSnappy, 2};
    id.pages =
        DataPageV1(2, pq::Encoding::kPlain, Plain<int64_t>({first, first + 1}), pq::Codec::kSnappy);
    ChunkSpec name{{"name"}, pq::PhysicalType::kByteArray, pq::Codec::kUncompressed, 2};
    name.pages = DataPageV1(2, pq::Encoding::kPlain,
                            LevelsV1({1, 0}, 1) + pq::testing::PlainByteArrays({"n"}));
    pq::testing::RowGroupSpec group{2, {id, name}};
    if (with_tags) {
      ChunkSpec tags{
          {"tags", "list", "element"}, pq::PhysicalType::kInt32, pq::Codec::kUncompressed, 3};
      tags.pages = DataPageV1(3, pq::Encoding::kPlain,
                              LevelsV1({0, 1, 0}, 1) + LevelsV1({2, 2, 0}, 2) +
                                  Plain<int32_t>({static_cast<int32_t>(first), 7}));
      group.chunks.push_back(tags);
    }
    groups.push_back(group);
  }
  return pq::testing::BuildFile(schema, groups);
}

TEST_P(TableImportTest, ParquetFilesDeclareTheirTypes) {
  auto result = Import("parquet", {File("a.parquet", ParquetFile(true))});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->rows, 4u);
  EXPECT_EQ(Columns("parquet"), (std::vector<std::string>{"id Int64", "name Nullable(String)",
                                                          "tags Nullable(Array(Int64))"}));
  // A file without `tags` appends NULLs there.
  result = Import("parquet", {File("b.parquet", ParquetFile(false))});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(ReadRows("parquet"), (Rows{{"1", "n", "[1,7]"},
                                       {"2", "NULL", "NULL"},
                                       {"3", "n", "[3,7]"},
                                       {"4", "NULL", "NULL"},
                                       {"1", "n", "NULL"},
                                       {"2", "NULL", "NULL"},
                                       {"3", "n", "NULL"},
                                       {"4", "NULL", "NULL"}}));
  auto mixed = Import("mixed", {File("c.parquet", ParquetFile(false)), File("d.csv", "id\n1\n")});
  ASSERT_FALSE(mixed.ok());
  EXPECT_NE(mixed.status().message().find("cannot be imported together"), std::string::npos);
  auto broken = Import("broken", {File("e.parquet", ParquetFile(false).substr(0, 40))});
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("e.parquet: not a Parquet file"), std::string::npos)
      << broken.status().message();
  EXPECT_FALSE(TableExists("broken"));
}

TEST_P(TableImportTest, ReportsProgressInBothPhases) {
  std::string csv = "a\n";
  for (int row = 0; row < 1000; ++row) csv += std::to_string(row) + "\n";
  ImportRequest request = Request("progress", {File("p.csv", csv)});
  request.chunk_bytes = 256;
  std::vector<ImportProgress> updates;
  request.progress = [&](const ImportProgress& progress) { updates.push_back(progress); };
  ASSERT_TRUE(ImportTable(data_.get(), request).ok());
  ASSERT_GE(updates.size(), 4u);
  EXPECT_EQ(updates.front().phase, ImportProgress::Phase::kInferring);
  const ImportProgress& last = updates.back();
  EXPECT_EQ(last.phase, ImportProgress::Phase::kLoading);
  EXPECT_EQ(last.rows, 1000u);
  EXPECT_EQ(last.total_rows, 1000u);
  EXPECT_EQ(last.bytes, csv.size() - 2);
  EXPECT_EQ(last.total_bytes, csv.size() - 2);
}

}  // namespace
}  // namespace larder::warehouse
