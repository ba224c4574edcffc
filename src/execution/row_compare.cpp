#include "execution/row_compare.h"

#include <cmath>

namespace larder::execution {

int CompareRows(const ColumnVector& a, size_t row_a, const ColumnVector& b, size_t row_b) {
  bool null_a = a.IsNull(row_a), null_b = b.IsNull(row_b);
  if (null_a || null_b) return null_a == null_b ? 0 : (null_a ? 1 : -1);
  auto three_way = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.type().id()) {
    case TypeId::kBool:
      return three_way(a.data<uint8_t>()[row_a], b.data<uint8_t>()[row_b]);
    case TypeId::kDate:
      return three_way(a.data<int32_t>()[row_a], b.data<int32_t>()[row_b]);
    case TypeId::kInt64:
    case TypeId::kDateTime:
    case TypeId::kInterval:
      return three_way(a.data<int64_t>()[row_a], b.data<int64_t>()[row_b]);
    case TypeId::kFloat64: {
      double x = a.data<double>()[row_a], y = b.data<double>()[row_b];
      // NaN sorts after numbers (and before NULL), as in ClickHouse.
      if (std::isnan(x) || std::isnan(y))
        return std::isnan(x) == std::isnan(y) ? 0 : (std::isnan(x) ? 1 : -1);
      return three_way(x, y);
    }
    case TypeId::kDecimal:
      return three_way(a.data<Int128>()[row_a], b.data<Int128>()[row_b]);
    case TypeId::kUuid:
      return three_way(a.data<Uuid128>()[row_a], b.data<Uuid128>()[row_b]);
    case TypeId::kString:
    case TypeId::kJson:
      return a.GetString(row_a).compare(b.GetString(row_b));
    default: {
      std::partial_ordering order = a.GetValue(row_a).Compare(b.GetValue(row_b));
      return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
  }
}

bool IsNullOrNan(const ColumnVector& column, size_t row) {
  if (column.IsNull(row)) return true;
  return column.type().id() == TypeId::kFloat64 && std::isnan(column.data<double>()[row]);
}

}  // namespace larder::execution
