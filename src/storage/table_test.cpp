#include "storage/table.h"

#include <gtest/gtest.h>

#include "storage/storage_test_util.h"
#include "storage/table_scan.h"
#include "storage/table_writer.h"

namespace larder::storage {
namespace {

using testing::MakeBatch;
using testing::MemoryStorage;
using testing::ReadTable;
using testing::Rows;

const Schema kSchema{{{"id", LogicalType::Int64()},
                      {"name", LogicalType::String().WithNullable(true)},
                      {"ts", LogicalType::DateTime()}}};

TableSettings SmallSettings() {
  TableSettings settings;
  settings.block_rows = 4;
  settings.part_rows = 10;
  return settings;
}

Rows MakeRows(int64_t first, int64_t count) {
  Rows rows;
  for (int64_t id = first; id < first + count; ++id) {
    rows.push_back({Value::Int64(id),
                    id % 5 == 0 ? Value::Null() : Value::String("n" + std::to_string(id)),
                    Value::DateTime(id * 1000)});
  }
  return rows;
}

Status AppendRows(Table* table, const Rows& rows) {
  auto writer = table->NewWriter();
  LARDER_RETURN_IF_ERROR(writer->Append(MakeBatch(kSchema, rows)));
  return writer->Commit();
}

class TableTest : public ::testing::Test {
 protected:
  std::unique_ptr<Table> CreateTable(std::vector<std::string> sort_key = {"id"}) {
    auto table = Table::Create(storage_.env, "/data/t", "t", kSchema, sort_key, SmallSettings());
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return std::move(*table);
  }
  std::unique_ptr<Table> Reopen() {
    auto table = Table::Open(storage_.env, "/data/t", "t");
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    return table.ok() ? std::move(*table) : nullptr;
  }
  size_t PartFiles() {
    size_t parts = 0;
    auto names = storage_.memory.ListDir("/data/t");
    for (const auto& name : *names) parts += name.ends_with(".lpt");
    return parts;
  }
  MemoryStorage storage_;
};

TEST_F(TableTest, AppendedRowsAreReadBackAfterReopen) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 25)).ok());
  EXPECT_EQ(table->Snapshot()->row_count(), 25u);
  EXPECT_EQ(table->Snapshot()->parts().size(), 3u);  // part_rows = 10.
  EXPECT_EQ(ReadTable(*table), MakeRows(0, 25));
  table.reset();
  EXPECT_EQ(ReadTable(*Reopen()), MakeRows(0, 25));
}

TEST_F(TableTest, CreatingTwiceAndOpeningNothingFail) {
  auto table = CreateTable();
  auto again = Table::Create(storage_.env, "/data/t", "t", kSchema, {}, {});
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto missing = Table::Open(storage_.env, "/data/none", "none");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto bad_key = Table::Create(storage_.env, "/data/u", "u", kSchema, {"nope"}, {});
  EXPECT_EQ(bad_key.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(TableTest, PartsAreSortedBySortKey) {
  auto table = CreateTable({"id"});
  Rows rows = MakeRows(0, 8);
  std::reverse(rows.begin(), rows.end());
  ASSERT_TRUE(AppendRows(table.get(), rows).ok());
  EXPECT_EQ(ReadTable(*table), MakeRows(0, 8));
}

TEST_F(TableTest, BadRowsAreRefusedAndChangeNothing) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 3)).ok());
  auto writer = table->NewWriter();
  Schema wrong_type{{{"id", LogicalType::String()}, {"ts", LogicalType::DateTime()}}};
  EXPECT_EQ(
      writer->Append(MakeBatch(wrong_type, {{Value::String("x"), Value::DateTime(1)}})).code(),
      StatusCode::kInvalidArgument);
  Schema missing_required{{{"name", LogicalType::String()}}};
  Status missing = writer->Append(MakeBatch(missing_required, {{Value::String("x")}}));
  EXPECT_NE(missing.message().find("column id (Int64) is missing"), std::string::npos);
  Schema extra{{{"id", LogicalType::Int64()},
                {"ts", LogicalType::DateTime()},
                {"zz", LogicalType::Int64()}}};
  EXPECT_EQ(
      writer->Append(MakeBatch(extra, {{Value::Int64(1), Value::DateTime(1), Value::Int64(1)}}))
          .code(),
      StatusCode::kInvalidArgument);
  Schema nullable_id{
      {{"id", LogicalType::Int64().WithNullable(true)}, {"ts", LogicalType::DateTime()}}};
  Status null_id = writer->Append(MakeBatch(nullable_id, {{Value::Null(), Value::DateTime(1)}}));
  EXPECT_NE(null_id.message().find("not Nullable but row 0 is NULL"), std::string::npos);
  writer.reset();
  EXPECT_EQ(ReadTable(*table), MakeRows(0, 3));
}

TEST_F(TableTest, ANullableColumnMayBeLeftOut) {
  auto table = CreateTable();
  Schema partial{{{"ts", LogicalType::DateTime()}, {"id", LogicalType::Int64()}}};
  auto writer = table->NewWriter();
  ASSERT_TRUE(writer->Append(MakeBatch(partial, {{Value::DateTime(5), Value::Int64(1)}})).ok());
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(ReadTable(*table), (Rows{{Value::Int64(1), Value::Null(), Value::DateTime(5)}}));
}

TEST_F(TableTest, SnapshotsDoNotSeeLaterCommits) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 5)).ok());
  auto pinned = table->Snapshot();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(5, 5)).ok());
  auto scan = TableScan::Create(pinned, {});
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(testing::BatchRows(*scan->ReadAll()), MakeRows(0, 5));
  EXPECT_EQ(ReadTable(*table), MakeRows(0, 10));
}

TEST_F(TableTest, ReplaceAllSwapsAtomicallyAndOldPartsGoWhenUnpinned) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 20)).ok());
  auto pinned = table->Snapshot();
  auto writer = table->NewWriter();
  writer->ReplaceAll();
  ASSERT_TRUE(writer->Append(MakeBatch(kSchema, MakeRows(100, 3))).ok());
  EXPECT_EQ(ReadTable(*table), MakeRows(0, 20));  // Nothing visible before the commit.
  ASSERT_TRUE(writer->Commit().ok());
  writer.reset();  // A writer pins the version it started from.
  EXPECT_EQ(ReadTable(*table), MakeRows(100, 3));
  EXPECT_EQ(PartFiles(), 3u);  // Two old parts kept for the pinned snapshot, one new.
  auto scan = TableScan::Create(pinned, {});
  EXPECT_EQ(testing::BatchRows(*scan->ReadAll()), MakeRows(0, 20));
  pinned.reset();
  scan = TableScan::Create(table->Snapshot(), {});
  EXPECT_EQ(PartFiles(), 1u);
  EXPECT_EQ(ReadTable(*Reopen()), MakeRows(100, 3));
}

TEST_F(TableTest, AbandonedWriteLeavesNoFiles) {
  auto table = CreateTable();
  {
    auto writer = table->NewWriter();
    ASSERT_TRUE(writer->Append(MakeBatch(kSchema, MakeRows(0, 25))).ok());
  }
  EXPECT_EQ(PartFiles(), 0u);
  EXPECT_EQ(table->Snapshot()->row_count(), 0u);
}

TEST_F(TableTest, MetadataIsCommittedWithTheRows) {
  auto table = CreateTable();
  auto writer = table->NewWriter();
  ASSERT_TRUE(writer->Append(MakeBatch(kSchema, MakeRows(0, 2))).ok());
  writer->SetMetadata("sync.cursor", "2026-01-01");
  ASSERT_TRUE(writer->Commit().ok());
  EXPECT_EQ(Reopen()->Snapshot()->metadata("sync.cursor"), "2026-01-01");
}

TEST_F(TableTest, AddedColumnsReadAsNullInOldParts) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 2)).ok());
  EXPECT_EQ(table->AddColumn("score", LogicalType::Float64()).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(table->AddColumn("score", LogicalType::Float64().WithNullable(true)).ok());
  EXPECT_EQ(table->AddColumn("score", LogicalType::Int64().WithNullable(true)).code(),
            StatusCode::kAlreadyExists);
  Schema wider = kSchema;
  wider.fields.push_back({"score", LogicalType::Float64().WithNullable(true)});
  auto writer = table->NewWriter();
  ASSERT_TRUE(writer
                  ->Append(MakeBatch(wider, {{Value::Int64(9), Value::String("x"),
                                              Value::DateTime(1), Value::Float64(2.5)}}))
                  .ok());
  ASSERT_TRUE(writer->Commit().ok());
  Rows rows = ReadTable(*Reopen());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0][3].is_null());
  EXPECT_EQ(rows[2][3], Value::Float64(2.5));
}

TEST_F(TableTest, WidenedColumnsAreConvertedOnRead) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(1, 2)).ok());
  Status narrowing = table->WidenColumn("ts", LogicalType::Int64());
  EXPECT_EQ(narrowing.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(narrowing.message().find("cannot change from DateTime to Int64"), std::string::npos);
  ASSERT_TRUE(table->WidenColumn("id", LogicalType::Float64()).ok());
  ASSERT_TRUE(table->WidenColumn("ts", LogicalType::String()).ok());
  Rows rows = ReadTable(*Reopen());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], Value::Float64(1.0));
  EXPECT_EQ(rows[0][2], Value::String("1970-01-01 00:00:00.001000"));
}

TEST_F(TableTest, CompactionMergesSmallPartsWithoutChangingRows) {
  auto table = CreateTable({"id"});
  for (int batch = 0; batch < 6; ++batch) {
    ASSERT_TRUE(AppendRows(table.get(), MakeRows(batch * 3, 3)).ok());
  }
  EXPECT_EQ(table->Snapshot()->parts().size(), 6u);
  auto pinned = table->Snapshot();
  CompactionPolicy policy;
  policy.min_parts = 2;
  auto merged = table->CompactOnce(policy);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_TRUE(*merged);
  EXPECT_EQ(table->Snapshot()->parts().size(), 2u);  // 18 rows at 10 rows per part.
  EXPECT_EQ(ReadTable(*table), MakeRows(0, 18));
  EXPECT_EQ(PartFiles(), 8u);  // The pinned snapshot keeps the six small parts.
  pinned.reset();
  EXPECT_EQ(PartFiles(), 2u);
  EXPECT_EQ(ReadTable(*Reopen()), MakeRows(0, 18));
}

TEST_F(TableTest, CompactionWaitsForEnoughSmallParts) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 3)).ok());
  auto merged = table->CompactOnce(CompactionPolicy{});
  ASSERT_TRUE(merged.ok());
  EXPECT_FALSE(*merged);
}

TEST_F(TableTest, BackgroundCompactionRunsOnThePool) {
  ThreadPool pool(2);
  storage_.env.pool = &pool;
  auto table = CreateTable();
  CompactionPolicy policy;
  policy.min_parts = 3;
  table->EnableBackgroundCompaction(policy);
  for (int batch = 0; batch < 9; ++batch) {
    ASSERT_TRUE(AppendRows(table.get(), MakeRows(batch * 2, 2)).ok());
    table->WaitForBackgroundCompaction();
  }
  EXPECT_LT(table->Snapshot()->parts().size(), 5u);
  EXPECT_EQ(ReadTable(*table), MakeRows(0, 18));
}

// JSON columns are compressed with lz4 (read whole by every property query), the others with
// the table's zstd; either way the rows read back the same.
TEST_F(TableTest, JsonColumnsUseLz4AndTheRestZstd) {
  const Schema schema{{{"id", LogicalType::Int64()}, {"properties", LogicalType::Json()}}};
  auto table = Table::Create(storage_.env, "/data/j", "j", schema, {"id"}, TableSettings{});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  Rows rows;
  for (int64_t id = 0; id < 5000; ++id) {
    rows.push_back({Value::Int64(id * 1000003 % 7919),
                    Value::String(R"({"$browser":"Chrome","plan":"pro","n":)" +
                                  std::to_string(id % 17) + "}")});
  }
  auto writer = (*table)->NewWriter();
  ASSERT_TRUE(writer->Append(MakeBatch(schema, rows)).ok());
  ASSERT_TRUE(writer->Commit().ok());
  auto snapshot = (*table)->Snapshot();
  ASSERT_EQ(snapshot->parts().size(), 1u);
  const PartFooter& footer = snapshot->parts()[0]->footer();
  ASSERT_EQ(footer.columns.size(), 2u);
  for (const PartColumn& column : footer.columns) {
    const Compression expected =
        column.type.id() == TypeId::kJson ? Compression::kLz4 : Compression::kZstd;
    for (const BlockInfo& block : column.blocks) {
      EXPECT_EQ(block.compression, expected) << column.name;
    }
  }
  EXPECT_EQ(ReadTable(**table).size(), rows.size());
}

TEST_F(TableTest, ZoneMapsSkipBlocks) {
  auto table = CreateTable({"id"});
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 40)).ok());  // 4 parts x 3 blocks.
  using Op = ColumnPredicate::Op;
  struct Case {
    ColumnPredicate predicate;
    size_t blocks_read;
  };
  std::vector<Case> cases = {
      {{"id", Op::kEq, Value::Int64(13)}, 1},      {{"id", Op::kGe, Value::Int64(36)}, 2},
      {{"id", Op::kLt, Value::Int64(4)}, 1},       {{"id", Op::kGt, Value::Int64(100)}, 0},
      {{"id", Op::kNe, Value::Int64(1)}, 12},      {{"name", Op::kIsNull, {}}, 8},
      {{"ts", Op::kLe, Value::DateTime(7000)}, 2},
  };
  for (const auto& test : cases) {
    auto scan = TableScan::Create(table->Snapshot(), {{"id"}, {test.predicate}});
    ASSERT_TRUE(scan.ok());
    EXPECT_EQ(scan->blocks_total(), 12u);
    EXPECT_EQ(scan->morsels().size(), test.blocks_read) << test.predicate.column;
  }
  auto unknown = TableScan::Create(table->Snapshot(), {{"nope"}, {}});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
}

TEST_F(TableTest, CorruptedPartIsReportedWithTablePartColumnAndBlock) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 8)).ok());
  std::string part = table->Snapshot()->manifest().parts[0].file_name;
  table.reset();
  // Damage a byte inside the first block of the first column (just past the magic).
  ASSERT_TRUE(storage_.memory.CorruptByte("/data/t/" + part, 9, 0x40).ok());
  auto reopened = Reopen();
  auto scan = TableScan::Create(reopened->Snapshot(), {});
  auto rows = scan->ReadAll();
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(rows.status().message(),
            "table t, part " + part +
                ", column id, block 0: checksum mismatch (stored bytes are damaged)");
  EXPECT_EQ(reopened->Verify().code(), StatusCode::kCorruption);
}

TEST_F(TableTest, EveryDamagedByteOfAPartIsDetected) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 9)).ok());
  std::string part = "/data/t/" + table->Snapshot()->manifest().parts[0].file_name;
  table.reset();
  uint64_t size = *storage_.memory.FileSize(part);
  for (uint64_t offset = 0; offset < size; ++offset) {
    ASSERT_TRUE(storage_.memory.CorruptByte(part, offset, 0x10).ok());
    auto reopened = Table::Open(storage_.env, "/data/t", "t");
    Status status = reopened.ok() ? (*reopened)->Verify() : reopened.status();
    EXPECT_EQ(status.code(), StatusCode::kCorruption) << "byte " << offset;
    EXPECT_NE(status.message().find("table t"), std::string::npos) << status.ToString();
    ASSERT_TRUE(storage_.memory.CorruptByte(part, offset, 0x10).ok());  // Repair.
  }
}

TEST_F(TableTest, OpenRemovesLeftoversOfInterruptedCommits) {
  auto table = CreateTable();
  ASSERT_TRUE(AppendRows(table.get(), MakeRows(0, 3)).ok());
  table.reset();
  auto write = [&](const std::string& name) {
    auto file = storage_.memory.NewWritableFile("/data/t/" + name);
    ASSERT_TRUE((*file)->Append("junk").ok());
  };
  write("part-deadbeef-000001.lpt");
  write("manifest-00000000000000000009.tmp");
  ASSERT_TRUE(Reopen() != nullptr);
  auto names = *storage_.memory.ListDir("/data/t");
  EXPECT_EQ(names.size(), 2u);  // The manifest and the one live part.
}

}  // namespace
}  // namespace larder::storage
