#include "warehouse/scan_aggregates.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace larder::warehouse {
namespace {

// Runs `body(morsel_index)` over every morsel on the pool; returns the first error.
Status ForEachMorsel(const storage::TableScan& scan, ThreadPool* pool,
                     const std::function<Status(size_t)>& body) {
  std::mutex mutex;
  Status first_error;
  auto run = [&](size_t index) {
    Status status = body(index);
    if (!status.ok()) {
      std::lock_guard lock(mutex);
      if (first_error.ok()) first_error = status;
    }
  };
  if (pool) {
    pool->ParallelFor(scan.morsels().size(), run);
  } else {
    for (size_t i = 0; i < scan.morsels().size(); ++i) run(i);
  }
  return first_error;
}

}  // namespace

Result<int64_t> SumInt64(const storage::TableScan& scan, ThreadPool* pool) {
  std::vector<uint64_t> sums(scan.morsels().size(), 0);
  LARDER_RETURN_IF_ERROR(ForEachMorsel(scan, pool, [&](size_t index) -> Status {
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, scan.ReadColumn(scan.morsels()[index], 0));
    const int64_t* data = values.data<int64_t>();
    uint64_t sum = 0;
    if (values.has_nulls()) {
      for (size_t row = 0; row < values.size(); ++row) {
        if (!values.IsNull(row)) sum += static_cast<uint64_t>(data[row]);
      }
    } else {
      for (size_t row = 0; row < values.size(); ++row) sum += static_cast<uint64_t>(data[row]);
    }
    sums[index] = sum;
    return Status::OK();
  }));
  uint64_t total = 0;
  for (uint64_t sum : sums) total += sum;
  return static_cast<int64_t>(total);
}

Result<std::vector<std::pair<std::string, uint64_t>>> CountByString(const storage::TableScan& scan,
                                                                    ThreadPool* pool) {
  std::mutex mutex;
  std::unordered_map<std::string, uint64_t> totals;
  LARDER_RETURN_IF_ERROR(ForEachMorsel(scan, pool, [&](size_t index) -> Status {
    LARDER_ASSIGN_OR_RETURN(ColumnVector values, scan.ReadColumn(scan.morsels()[index], 0));
    std::unordered_map<std::string_view, uint64_t> local;
    if (values.is_dictionary()) {
      // Count codes, then name them: one array increment per row.
      std::vector<uint64_t> per_code(values.dictionary().size(), 0);
      for (uint32_t code : values.codes()) ++per_code[code];
      if (values.has_nulls()) {
        for (size_t row = 0; row < values.size(); ++row)
          per_code[values.codes()[row]] -= values.IsNull(row);
      }
      for (size_t code = 0; code < per_code.size(); ++code) {
        if (per_code[code]) local[values.dictionary().GetString(code)] += per_code[code];
      }
    } else {
      for (size_t row = 0; row < values.size(); ++row) {
        if (!values.IsNull(row)) ++local[values.GetString(row)];
      }
    }
    std::lock_guard lock(mutex);
    for (const auto& [key, count] : local) totals[std::string(key)] += count;
    return Status::OK();
  }));
  std::vector<std::pair<std::string, uint64_t>> result(totals.begin(), totals.end());
  std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return result;
}

}  // namespace larder::warehouse
