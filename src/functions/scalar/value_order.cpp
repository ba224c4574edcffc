#include "functions/scalar/value_order.h"

namespace larder::functions {

int CompareVectorRows(const ColumnVector& a, size_t i, const ColumnVector& b, size_t j) {
  const bool a_null = a.IsNull(i), b_null = b.IsNull(j);
  if (a_null || b_null) return a_null == b_null ? 0 : (a_null ? 1 : -1);
  if (a.type().id() == TypeId::kArray) {
    const ColumnVector& x = a.child();
    const ColumnVector& y = b.child();
    uint32_t x_begin = a.offsets()[i], x_end = a.offsets()[i + 1];
    uint32_t y_begin = b.offsets()[j], y_end = b.offsets()[j + 1];
    for (; x_begin < x_end && y_begin < y_end; ++x_begin, ++y_begin) {
      int order = CompareVectorRows(x, x_begin, y, y_begin);
      if (order != 0) return order;
    }
    uint32_t x_left = x_end - x_begin, y_left = y_end - y_begin;
    return x_left == y_left ? 0 : (x_left < y_left ? -1 : 1);
  }
  int order = 0;
  VisitComparable(a.type(), [&](auto tag) {
    using T = decltype(tag);
    // Nothing (the only other NestedValue type) is always NULL, handled above.
    if constexpr (!std::is_same_v<T, NestedValue>) order = CompareAs<T>(a, i, b, j);
  });
  return order;
}

}  // namespace larder::functions
