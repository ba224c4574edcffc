#include "sync/replication_key.h"

#include <gtest/gtest.h>

namespace larder::sync {
namespace {

sources::SourceColumn Column(std::string name, std::string type, bool candidate) {
  sources::SourceColumn column{std::move(name), std::move(type), LogicalType::String()};
  column.replication_key_candidate = candidate;
  return column;
}

TEST(ReplicationKeyTest, OnlyCandidateColumnsAreAccepted) {
  sources::SourceTable orders{"orders",
                              {Column("id", "bigint", true), Column("note", "text", false),
                               Column("updated_at", "timestamp with time zone", true)},
                              {"id"},
                              std::nullopt};
  EXPECT_TRUE(CheckReplicationKey(orders, "id").ok());
  EXPECT_TRUE(CheckReplicationKey(orders, "updated_at").ok());
  Status refused = CheckReplicationKey(orders, "note");
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("integer (smallint, integer, bigint), numeric, date, datetime "
                                   "or timestamp"),
            std::string::npos)
      << refused.message();
  EXPECT_NE(refused.message().find("candidates: id, updated_at"), std::string::npos);
  EXPECT_EQ(CheckReplicationKey(orders, "missing").code(), StatusCode::kNotFound);
  sources::SourceTable notes{"notes", {Column("body", "text", false)}, {}, std::nullopt};
  EXPECT_NE(CheckReplicationKey(notes, "body").message().find("use full_refresh"),
            std::string::npos);
}

}  // namespace
}  // namespace larder::sync
