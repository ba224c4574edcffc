#include "sync/schema_drift.h"

#include <gtest/gtest.h>

#include "common/memory_file_system.h"

namespace larder::sync {
namespace {

Schema Columns(std::vector<Field> fields) { return Schema{std::move(fields)}; }

TEST(SchemaDriftTest, NewColumnsAreAddedAndWideningChangesWiden) {
  Schema table = Columns({{"id", LogicalType::Int64()}, {"day", LogicalType::Date()}});
  Schema source = Columns({{"id", LogicalType::Float64()},
                           {"day", LogicalType::DateTime()},
                           {"note", LogicalType::String()}});
  auto changes = PlanSchemaChanges(table, source, "orders");
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->added.size(), 1u);
  EXPECT_EQ(changes->added[0].first, "note");
  EXPECT_TRUE(changes->added[0].second.nullable());
  ASSERT_EQ(changes->widened.size(), 2u);
  EXPECT_EQ(changes->widened[0].second, LogicalType::Float64());
  EXPECT_EQ(changes->widened[1].second, LogicalType::DateTime());
  EXPECT_TRUE(PlanSchemaChanges(table, table, "orders")->empty());
}

TEST(SchemaDriftTest, NarrowingOrIncompatibleChangesFailWithAFix) {
  struct Case {
    LogicalType stored, source;
  };
  for (const Case& c : std::vector<Case>{{LogicalType::String(), LogicalType::Int64()},
                                         {LogicalType::Float64(), LogicalType::Int64()},
                                         {LogicalType::Uuid(), LogicalType::Date()}}) {
    auto changes = PlanSchemaChanges(Columns({{"v", c.stored}}), Columns({{"v", c.source}}), "t");
    if (IsWideningConversion(c.source, c.stored)) {
      EXPECT_TRUE(changes.ok()) << c.stored.ToString() << " <- " << c.source.ToString();
      continue;
    }
    ASSERT_FALSE(changes.ok());
    EXPECT_EQ(changes.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(changes.status().message().find("resync"), std::string::npos);
  }
  auto dropped =
      PlanSchemaChanges(Columns({{"a", LogicalType::Int64()}, {"b", LogicalType::Int64()}}),
                        Columns({{"a", LogicalType::Int64()}}), "t");
  ASSERT_FALSE(dropped.ok());
  EXPECT_NE(dropped.status().message().find("column b is gone"), std::string::npos);
}

TEST(SchemaDriftTest, ChangesApplyToAStoredTable) {
  MemoryFileSystem fs;
  ManualClock clock(1);
  storage::StorageEnv env{&fs, nullptr, &clock};
  auto table =
      storage::Table::Create(env, "/t", "t", Columns({{"id", LogicalType::Int64()}}), {}, {});
  ASSERT_TRUE(table.ok());
  Schema source = Columns({{"id", LogicalType::Decimal(2)}, {"name", LogicalType::String()}});
  auto changes = PlanSchemaChanges((*table)->Snapshot()->schema(), source, "t");
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_TRUE(ApplySchemaChanges(table->get(), *changes).ok());
  Schema after = (*table)->Snapshot()->schema();
  EXPECT_EQ(after.fields[0].type, LogicalType::Decimal(2));
  EXPECT_EQ(after.fields[1].name, "name");
  EXPECT_TRUE(PlanSchemaChanges(after, source, "t")->empty());
}

}  // namespace
}  // namespace larder::sync
