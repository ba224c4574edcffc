#include "external/object_table_scan.h"

#include <gtest/gtest.h>

#include <fstream>

#include "catalog/test_temp_dir.h"
#include "external/test_parquet_file.h"

namespace larder::external {
namespace {

using Op = storage::ColumnPredicate::Op;

class ObjectTableScanTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_.path() + "/" + name, std::ios::binary) << bytes;
  }

  Result<std::unique_ptr<execution::TableScanner>> Scan(
      const std::string& pattern, Schema schema, std::vector<std::string> columns,
      std::vector<storage::ColumnPredicate> prune = {}) {
    ObjectScanRequest request;
    auto url = sources::ParseObjectUrl("file://" + dir_.path() + "/" + pattern);
    EXPECT_TRUE(url.ok());
    request.url = *url;
    request.table_name = "t";
    request.schema = std::move(schema);
    request.columns = std::move(columns);
    request.prune = std::move(prune);
    return OpenObjectTableScan(std::move(request));
  }

  // Every value of column `column`, morsel after morsel, as text.
  static std::vector<std::string> Values(const execution::TableScanner& scanner, size_t column) {
    std::vector<std::string> values;
    for (size_t morsel = 0; morsel < scanner.MorselCount(); ++morsel) {
      auto vector = scanner.ReadColumn(morsel, column);
      EXPECT_TRUE(vector.ok()) << vector.status().ToString();
      if (!vector.ok()) continue;
      for (size_t row = 0; row < vector->size(); ++row) {
        values.push_back(vector->GetValue(row).ToString(vector->type()));
      }
    }
    return values;
  }

  catalog::TestTempDir dir_;
};

const Schema kParquetTable{{{"n", LogicalType::Int64().WithNullable(true)},
                            {"plan", LogicalType::String().WithNullable(true)},
                            {"missing", LogicalType::Float64().WithNullable(true)}}};

TEST_F(ObjectTableScanTest, ParquetRowGroupsAreMorselsAndStatisticsSkipThem) {
  Write("a.parquet", testing::TwoRowGroupParquet());
  auto all = Scan("*.parquet", kParquetTable, {"plan", "n", "missing"});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ((*all)->MorselCount(), 2u);
  EXPECT_EQ(Values(**all, 0),
            (std::vector<std::string>{"free", "pro", "pro", "team", "free", "pro"}));
  EXPECT_EQ(Values(**all, 1), (std::vector<std::string>{"1", "2", "3", "10", "11", "12"}));
  EXPECT_EQ(Values(**all, 2), std::vector<std::string>(6, "NULL"));  // Not in the file.

  auto pruned = Scan("*.parquet", kParquetTable, {"n"}, {{"n", Op::kGe, Value::Int64(10)}});
  ASSERT_TRUE(pruned.ok());
  EXPECT_EQ((*pruned)->MorselCount(), 1u);
  EXPECT_EQ(Values(**pruned, 0), (std::vector<std::string>{"10", "11", "12"}));
  auto none = Scan("*.parquet", kParquetTable, {"n"}, {{"n", Op::kEq, Value::Int64(5)}});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ((*none)->MorselCount(), 0u);
  auto count_only = Scan("*.parquet", kParquetTable, {});
  ASSERT_TRUE(count_only.ok());
  EXPECT_EQ((*count_only)->MorselRows(0) + (*count_only)->MorselRows(1), 6u);
}

TEST_F(ObjectTableScanTest, AColumnThatDoesNotConvertNamesTheFile) {
  Write("a.parquet", testing::TwoRowGroupParquet());
  const Schema dates{{{"n", LogicalType::Date()}}};
  auto scan = Scan("*.parquet", dates, {"n"});
  ASSERT_FALSE(scan.ok());
  EXPECT_NE(scan.status().message().find("a.parquet: column `n` is Int64 in the file"),
            std::string::npos)
      << scan.status().ToString();
}

TEST_F(ObjectTableScanTest, TextFilesAreOneMorselEachAndBadValuesNameFileAndLine) {
  Write("a.csv", "id,name\n1,x\n2,y\n");
  Write("b.csv", "id,name\n3,z\n");
  const Schema table{{{"id", LogicalType::Int64().WithNullable(true)},
                      {"name", LogicalType::String().WithNullable(true)}}};
  auto scan = Scan("*.csv", table, {"name"});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ((*scan)->MorselCount(), 2u);
  EXPECT_EQ((*scan)->MorselRows(0), 2u);
  EXPECT_EQ(Values(**scan, 0), (std::vector<std::string>{"x", "y", "z"}));
  Write("c.csv", "id,name\nseven,w\n");
  auto bad = Scan("*.csv", table, {"id"});
  ASSERT_TRUE(bad.ok());
  auto column = (*bad)->ReadColumn(2, 0);
  ASSERT_FALSE(column.ok());
  EXPECT_NE(column.status().message().find("c.csv:2: column `id`"), std::string::npos)
      << column.status().ToString();
}

}  // namespace
}  // namespace larder::external
