#include "execution/group_table.h"

#include <gtest/gtest.h>

#include <memory>

namespace larder::execution {
namespace {

// Find on a dictionary-encoded key (looked up once per distinct code) answers as on the same
// values flat: known keys, unknown keys, and NULL, which is a key of its own.
TEST(GroupTableTest, FindOnADictionaryKeyMatchesFindOnFlatValues) {
  const LogicalType type = LogicalType::String().WithNullable(true);
  GroupTable table({type}, nullptr);
  ColumnVector built(type);
  built.AppendString("a");
  built.AppendString("b");
  built.AppendNull();
  std::vector<uint32_t> ids;
  ASSERT_TRUE(table.FindOrCreate({&built}, 3, &ids, nullptr).ok());
  ASSERT_EQ(ids, (std::vector<uint32_t>{0, 1, 2}));

  auto dictionary = std::make_shared<ColumnVector>(LogicalType::String());
  for (const char* value : {"b", "zz", "a"}) dictionary->AppendString(value);
  ColumnVector probe = ColumnVector::MakeDictionary(type, dictionary, {0, 1, 2, 0, 2, 1, 0});
  probe.mutable_nulls()->at(5) = 1;  // Row 5 is NULL.
  ColumnVector flat = probe.Clone();
  flat.Flatten();
  ASSERT_FALSE(flat.is_dictionary());

  std::vector<uint32_t> from_dictionary, from_flat;
  table.Find({&probe}, probe.size(), &from_dictionary);
  table.Find({&flat}, flat.size(), &from_flat);
  const uint32_t none = GroupTable::kNoGroup;
  EXPECT_EQ(from_dictionary, (std::vector<uint32_t>{1, none, 0, 1, 0, 2, 1}));
  EXPECT_EQ(from_flat, from_dictionary);
}

}  // namespace
}  // namespace larder::execution
