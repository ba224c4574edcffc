// InSet: the right side of `x IN (…)` — a literal list or a subquery's rows — as a hash set
// keyed in the probe column's type, built once per query and probed vector at a time.
// ClickHouse semantics: a NULL probe is not IN anything (the result is 0, never NULL).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "functions/kernel.h"

namespace larder::execution {

class InSet {
 public:
  // `values` are the set's elements, `types` their types (one per value).
  static Result<std::unique_ptr<InSet>> Build(const LogicalType& probe_type,
                                              const std::vector<Value>& values,
                                              const std::vector<LogicalType>& types);
  // out[i] = 1 when row i of `probe` is in the set, else 0 (also for NULL rows).
  void Probe(const functions::KernelArg& probe, size_t rows, uint8_t* out) const;
  bool empty() const { return size_ == 0; }

 private:
  enum class Keying { kString, kInteger, kFloat, kUuid, kText };
  bool Contains(const ColumnVector& vector, size_t row) const;

  Keying keying_ = Keying::kText;
  LogicalType probe_type_;
  size_t size_ = 0;
  std::unordered_set<std::string> strings_;  // kString and kText (the value's printed form).
  std::unordered_set<int64_t> integers_;
  std::unordered_set<double> floats_;
  std::set<Uuid128> uuids_;
};

}  // namespace larder::execution
