#include "functions/scalar/row_gather.h"

#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

// Calls fn(T{}) with the C++ type of a fixed-width type's values; false for strings and arrays.
template <typename Fn>
bool VisitFixedWidth(TypeId id, Fn&& fn) {
  switch (id) {
    case TypeId::kDecimal:
      fn(Int128{});
      return true;
    case TypeId::kUuid:
      fn(Uuid128{});
      return true;
    case TypeId::kNothing:
      fn(uint8_t{});
      return true;
    default:
      return VisitNumeric(id, std::forward<Fn>(fn));
  }
}

bool IsMarker(uint32_t source) { return source >= kDefaultRow; }

// out[i] = the value refs[i] points at (T{} for markers and, unless kept, NULL rows).
template <typename T>
void GatherFixed(const std::vector<const ColumnVector*>& sources, const std::vector<RowRef>& refs,
                 T* out) {
  std::vector<const T*> data;
  data.reserve(sources.size());
  for (const ColumnVector* source : sources) data.push_back(source->data<T>());
  for (size_t i = 0; i < refs.size(); ++i) {
    const RowRef ref = refs[i];
    out[i] = IsMarker(ref.source) ? T{} : data[ref.source][ref.row];
  }
}

}  // namespace

void GatherRows(const std::vector<const ColumnVector*>& sources, const std::vector<RowRef>& refs,
                bool keep_nulls, ColumnVector* out) {
  const size_t old_size = out->size();
  const size_t count = refs.size();
  bool any_source_nulls = false;
  for (const ColumnVector* source : sources) any_source_nulls |= source->has_nulls();
  // Which output rows are NULL: kNullRow, and NULL rows of the sources (which become the
  // default value instead when !keep_nulls).
  std::vector<uint8_t> nulls(count, 0);
  bool any_null = false;
  for (size_t i = 0; i < count; ++i) {
    const RowRef ref = refs[i];
    bool is_null = ref.source == kNullRow || (any_source_nulls && !IsMarker(ref.source) &&
                                              sources[ref.source]->IsNull(ref.row));
    nulls[i] = is_null;
    any_null |= is_null;
  }
  const LogicalType& type = out->type();
  bool fixed = VisitFixedWidth(type.id(), [&](auto tag) {
    using T = decltype(tag);
    T* values = AppendSlots<T>(out, count);
    GatherFixed<T>(sources, refs, values);
    if (any_null) {
      for (size_t i = 0; i < count; ++i) {
        if (nulls[i]) values[i] = T{};
      }
    }
  });
  if (!fixed) {
    const bool strings = type.is_string_like();
    ColumnVector* child = strings ? nullptr : out->mutable_child();
    for (size_t i = 0; i < count; ++i) {
      const RowRef ref = refs[i];
      if (IsMarker(ref.source) || nulls[i]) {
        if (strings) {
          out->AppendString({});
        } else {
          out->AppendArrayRow(0);
        }
        continue;
      }
      const ColumnVector& source = *sources[ref.source];
      if (strings) {
        out->AppendString(source.GetString(ref.row));
      } else {
        uint32_t begin = source.offsets()[ref.row];
        uint32_t length = source.offsets()[ref.row + 1] - begin;
        child->AppendRange(source.child(), begin, length);
        out->AppendArrayRow(length);
      }
    }
  }
  if (!any_null || !keep_nulls) return;
  std::vector<uint8_t>& out_nulls = *out->mutable_nulls();
  for (size_t i = 0; i < count; ++i) out_nulls[old_size + i] = nulls[i];
}

}  // namespace larder::functions
