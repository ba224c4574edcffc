// Array functions that take elements out of arrays or rearrange them: arrayElement (what
// arr[i] means), arraySlice, arrayReverse, arrayDistinct, arrayCompact, arraySort and
// arrayReverseSort. Elements keep their type; only which ones and in what order changes.
#include "functions/registration.h"
#include "functions/scalar/array_internal.h"
#include "functions/scalar/row_gather.h"

namespace larder::functions {
namespace {

// The element type, Nullable when the array or the index may be NULL (NULL in, NULL out).
Result<LogicalType> ElementType(const std::vector<LogicalType>& args) {
  if (args[0].id() == TypeId::kNothing) {  // arrayElement(NULL, i) is NULL, as in ClickHouse.
    LARDER_RETURN_IF_ERROR(RequireInteger(args[1], "the index"));
    return LogicalType::Nothing();
  }
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the first argument"));
  LARDER_RETURN_IF_ERROR(RequireInteger(args[1], "the index"));
  return args[0].element().WithNullable(args[0].element().nullable() || args[0].nullable() ||
                                        args[1].nullable());
}

// arrayElement(arr, i): 1-based, negative counts from the end; out of range (and 0) gives the
// type's default value (0, '', []) or NULL for Nullable elements, as in ClickHouse.
Status Element(const KernelCall& call, ColumnVector* out) {
  const KernelArg& array = call.args[0];
  const KernelArg& index = call.args[1];
  if (array.type().id() == TypeId::kNothing) {
    for (size_t row = 0; row < call.rows; ++row) out->AppendNull();
    return Status::OK();
  }
  const uint32_t missing = array.type().element().nullable() ? kNullRow : kDefaultRow;
  std::vector<RowRef> refs(call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    const ElementRange range = ElementsOf(array, row);
    const int64_t at = IntArgAt(index, row);
    const int64_t size = range.size();
    if (at > 0 && at <= size) {
      refs[row] = {0, static_cast<uint32_t>(range.begin + at - 1)};
    } else if (at < 0 && at >= -size) {
      refs[row] = {0, static_cast<uint32_t>(range.end + at)};
    } else {
      refs[row] = {missing, 0};
    }
  }
  GatherRows({&array.vector->child()}, refs, /*keep_nulls=*/true, out);
  return Status::OK();
}

Result<LogicalType> SliceType(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the first argument"));
  LARDER_RETURN_IF_ERROR(RequireInteger(args[1], "the offset"));
  if (args.size() == 3) LARDER_RETURN_IF_ERROR(RequireInteger(args[2], "the length"));
  return args[0];
}

// The elements arraySlice(arr, offset[, length]) keeps of the array `range`, as ClickHouse's
// GatherUtils computes them: offset 1-based or from the end when negative (0 gives []); a
// negative length leaves that many elements off the end.
ElementRange SliceOf(ElementRange range, int64_t offset, std::optional<int64_t> length) {
  const Int128 size = range.size();
  Int128 begin = 0, count = 0;
  if (offset > 0) {
    begin = Int128{offset} - 1;
    count = length ? Int128{*length} : size;
    if (count < 0) count += size - begin;
    if (begin >= size) count = 0;
    count = std::min(count, size - begin);
  } else if (offset < 0) {
    const Int128 from_end = -Int128{offset};
    count = length ? Int128{*length} : size;
    if (length && count < 0) count += from_end;
    if (from_end > size) {
      // Starts before the array: only what reaches into it remains (all of it when unbounded).
      count = !length ? size : std::min(size, std::max(Int128{0}, count - (from_end - size)));
    } else {
      begin = size - from_end;
      count = std::min(count, from_end);
    }
  }
  if (count <= 0) return {range.begin, range.begin};
  const uint32_t first = range.begin + static_cast<uint32_t>(begin);
  return {first, first + static_cast<uint32_t>(count)};
}

// arraySlice: a NULL offset means 1 and a NULL length no limit, as in ClickHouse; a NULL array
// gives NULL.
Status Slice(const KernelCall& call, ColumnVector* out) {
  const KernelArg& array = call.args[0];
  std::vector<uint32_t> elements, counts(call.rows);
  for (size_t row = 0; row < call.rows; ++row) {
    if (array.IsNull(row)) continue;
    const KernelArg& offset = call.args[1];
    const int64_t start = offset.IsNull(row) ? 1 : IntArgAt(offset, row);
    std::optional<int64_t> length;
    if (call.args.size() == 3 && !call.args[2].IsNull(row)) length = IntArgAt(call.args[2], row);
    const ElementRange slice = SliceOf(ElementsOf(array, row), start, length);
    for (uint32_t element = slice.begin; element < slice.end; ++element) {
      elements.push_back(element);
    }
    counts[row] = slice.size();
  }
  AppendSelected(array.vector->child(), elements, counts, out);
  if (array.vector->has_nulls()) {
    std::vector<uint8_t>& nulls = *out->mutable_nulls();
    for (size_t row = 0; row < call.rows; ++row) nulls[row] = array.IsNull(row);
  }
  return Status::OK();
}

// A kernel that keeps, per array, the child rows `choose(T{}, child, range, &elements,
// &scratch)` appends, with T the elements' comparison type and `scratch` reused across rows.
template <typename Choose>
ScalarKernel Selecting(Choose choose) {
  return [choose](const KernelCall& call, ColumnVector* out) -> Status {
    const KernelArg& array = call.args[0];
    const ColumnVector& child = array.vector->child();
    std::vector<uint32_t> elements, counts(call.rows), scratch;
    // At most every element once per row.
    elements.reserve(array.constant ? size_t{ElementsOf(array, 0).size()} * call.rows
                                    : child.size());
    VisitComparable(child.type(), [&](auto tag) {
      for (size_t row = 0; row < call.rows; ++row) {
        const size_t before = elements.size();
        choose(tag, child, ElementsOf(array, row), &elements, &scratch);
        counts[row] = static_cast<uint32_t>(elements.size() - before);
      }
    });
    AppendSelected(child, elements, counts, out);
    return Status::OK();
  };
}

// The choices for Selecting, as function objects whose call operator takes the elements'
// comparison type as a tag.
struct Reverse {
  template <typename T>
  void operator()(T, const ColumnVector&, ElementRange range, std::vector<uint32_t>* elements,
                  std::vector<uint32_t>*) const {
    for (uint32_t element = range.end; element > range.begin; --element) {
      elements->push_back(element - 1);
    }
  }
};

// arrayDistinct: the first occurrence of each value, in order; NULLs dropped (ClickHouse).
struct Distinct {
  template <typename T>
  void operator()(T, const ColumnVector& child, ElementRange range, std::vector<uint32_t>* elements,
                  std::vector<uint32_t>* scratch) const {
    bool saw_null = false;
    FirstOccurrences<T>(child, range, scratch, elements, &saw_null);
  }
};

// arrayCompact: runs of equal values become one (NULL equals NULL, NaN equals NaN).
struct Compact {
  template <typename T>
  void operator()(T, const ColumnVector& child, ElementRange range, std::vector<uint32_t>* elements,
                  std::vector<uint32_t>*) const {
    for (uint32_t element = range.begin; element < range.end; ++element) {
      if (element == range.begin || CompareAs<T>(child, element, child, element - 1) != 0) {
        elements->push_back(element);
      }
    }
  }
};

// arraySort / arrayReverseSort: see SortsBefore for where NaN and NULL go.
struct Sort {
  bool descending = false;
  template <typename T>
  void operator()(T, const ColumnVector& child, ElementRange range, std::vector<uint32_t>* elements,
                  std::vector<uint32_t>*) const {
    const size_t first = elements->size();
    for (uint32_t element = range.begin; element < range.end; ++element) {
      elements->push_back(element);
    }
    auto begin = elements->begin() + static_cast<ptrdiff_t>(first);
    if constexpr (kFixedComparable<T>) {
      if (!child.has_nulls()) {
        const T* values = child.data<T>();
        std::sort(begin, elements->end(), [&](uint32_t a, uint32_t b) {
          return FixedSortsBefore(values, a, b, descending);
        });
        return;
      }
    }
    std::sort(begin, elements->end(),
              [&](uint32_t a, uint32_t b) { return SortsBefore<T>(child, a, b, descending); });
  }
};

Result<LogicalType> SameArray(const std::vector<LogicalType>& args) {
  LARDER_RETURN_IF_ERROR(RequireArray(args[0], "the argument"));
  return args[0];
}

}  // namespace

void RegisterArrayTransforms(FunctionRegistry* r) {
  Scalar(r, "arrayElement", 2, 2, ElementType, Element);
  Scalar(r, "arraySlice", 2, 3, SliceType, Slice, NullHandling::kSpecial);
  Scalar(r, "arrayReverse", 1, 1, SameArray, Selecting(Reverse{}));
  Scalar(r, "arrayDistinct", 1, 1, SameArray, Selecting(Distinct{}));
  Scalar(r, "arrayCompact", 1, 1, SameArray, Selecting(Compact{}));
  // The lambda forms arraySort(x -> key, arr) wait for lambda support in the binder.
  Scalar(r, "arraySort", 1, 1, SameArray, Selecting(Sort{false}));
  Scalar(r, "arrayReverseSort", 1, 1, SameArray, Selecting(Sort{true}));
}

}  // namespace larder::functions
