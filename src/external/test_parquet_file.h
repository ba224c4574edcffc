// Test support: a small Parquet file of two row groups with statistics — `n` INT64 (1, 2, 3 in
// the first row group, 10, 11, 12 in the second) and `plan` an optional string — for tests of
// reading files in place.
#pragma once

#include <string>

#include "formats/parquet/parquet_test_file.h"

namespace larder::external::testing {

inline std::string TwoRowGroupParquet() {
  namespace pq = formats::parquet;
  namespace t = formats::parquet::testing;
  auto group = [](std::vector<int64_t> n, std::vector<std::string> plans) {
    t::ThriftWriter statistics;
    statistics.I64(3, 0);
    statistics.Binary(5, t::Plain<int64_t>({n.back()}));
    statistics.Binary(6, t::Plain<int64_t>({n.front()}));
    t::ChunkSpec numbers{
        {"n"}, pq::PhysicalType::kInt64, pq::Codec::kUncompressed, static_cast<int64_t>(n.size())};
    numbers.pages =
        t::DataPageV1(static_cast<int32_t>(n.size()), pq::Encoding::kPlain, t::Plain<int64_t>(n));
    numbers.statistics = statistics.bytes();
    t::ChunkSpec plan{{"plan"},
                      pq::PhysicalType::kByteArray,
                      pq::Codec::kUncompressed,
                      static_cast<int64_t>(plans.size())};
    std::vector<uint32_t> defined(plans.size(), 1);
    plan.pages = t::DataPageV1(static_cast<int32_t>(plans.size()), pq::Encoding::kPlain,
                               t::LevelsV1(defined, 1) + t::PlainByteArrays(plans));
    return t::RowGroupSpec{static_cast<int64_t>(n.size()), {numbers, plan}};
  };
  t::ElementSpec plan = t::Leaf("plan", pq::PhysicalType::kByteArray, pq::Repetition::kOptional);
  plan.converted = pq::ConvertedType::kUtf8;
  return t::BuildFile(
      {t::Group("schema", 2, std::nullopt),
       t::Leaf("n", pq::PhysicalType::kInt64, pq::Repetition::kRequired), plan},
      {group({1, 2, 3}, {"free", "pro", "pro"}), group({10, 11, 12}, {"team", "free", "pro"})});
}

}  // namespace larder::external::testing
