#include "storage/sort_key.h"

#include <algorithm>
#include <numeric>

namespace larder::storage {
namespace {

// Three-way comparison of two rows of one column.
int CompareRows(const ColumnVector& column, uint32_t a, uint32_t b) {
  bool a_null = column.IsNull(a), b_null = column.IsNull(b);
  if (a_null || b_null) return static_cast<int>(b_null) - static_cast<int>(a_null);
  auto three_way = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (column.type().id()) {
    case TypeId::kBool:
    case TypeId::kNothing:
      return three_way(column.data<uint8_t>()[a], column.data<uint8_t>()[b]);
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      return three_way(column.data<int64_t>()[a], column.data<int64_t>()[b]);
    case TypeId::kDate:
      return three_way(column.data<int32_t>()[a], column.data<int32_t>()[b]);
    case TypeId::kFloat64:
      return three_way(column.data<double>()[a], column.data<double>()[b]);
    case TypeId::kDecimal:
      return three_way(column.data<Int128>()[a], column.data<Int128>()[b]);
    case TypeId::kUuid:
      return three_way(column.data<Uuid128>()[a], column.data<Uuid128>()[b]);
    case TypeId::kString:
    case TypeId::kJson:
      return three_way(column.GetString(a), column.GetString(b));
    case TypeId::kArray: {
      auto order = column.GetValue(a).Compare(column.GetValue(b));
      return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
  }
  return 0;
}

}  // namespace

std::vector<uint32_t> SortPermutation(const Batch& batch, const std::vector<int>& key_columns) {
  const size_t rows = batch.num_rows();
  if (key_columns.empty() || rows < 2) return {};
  auto less = [&](uint32_t a, uint32_t b) {
    for (int key : key_columns) {
      int order = CompareRows(batch.columns[static_cast<size_t>(key)], a, b);
      if (order != 0) return order < 0;
    }
    return false;
  };
  bool sorted = true;
  for (uint32_t row = 1; row < rows && sorted; ++row) sorted = !less(row, row - 1);
  if (sorted) return {};
  std::vector<uint32_t> order(rows);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), less);
  return order;
}

Batch SortBatch(Batch batch, const std::vector<int>& key_columns) {
  std::vector<uint32_t> order = SortPermutation(batch, key_columns);
  if (order.empty()) return batch;
  Batch sorted{batch.schema, {}};
  for (const ColumnVector& column : batch.columns) sorted.columns.push_back(column.Take(order));
  return sorted;
}

}  // namespace larder::storage
