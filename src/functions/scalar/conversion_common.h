// Shared pieces of the conversion functions (conversion*.cpp): what a conversion does with a
// value it cannot convert (fail, NULL or zero: toInt64, toInt64OrNull, toInt64OrZero), and the
// registration of the three forms.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {

enum class OnFailure {
  kError,  // toInt64: the query fails, naming the value.
  kNull,   // toInt64OrNull: the row is NULL.
  kZero,   // toInt64OrZero: the row is 0 (epoch for dates, "" for strings).
};

// Writes a conversion's `rows` results of C++ type T into `out`, handling rows that do not
// convert as `on_failure` says.
template <typename T>
class ConversionWriter {
 public:
  ConversionWriter(ColumnVector* out, size_t rows, OnFailure on_failure, std::string_view function,
                   std::string_view target)
      : out_(out),
        base_(out->size()),
        values_(AppendSlots<T>(out, rows)),
        on_failure_(on_failure),
        function_(function),
        target_(target) {}

  void Set(size_t row, T value) { values_[row] = value; }
  // Row `row` holds `text` (the value as the user wrote it), which does not convert.
  Status Fail(size_t row, std::string_view text, bool quoted) {
    values_[row] = T{};
    switch (on_failure_) {
      case OnFailure::kError:
        return InvalidArgument("{}: cannot convert {}{}{} to {}", function_, quoted ? "\"" : "",
                               text, quoted ? "\"" : "", target_);
      case OnFailure::kNull:
        (*out_->mutable_nulls())[base_ + row] = 1;
        return Status::OK();
      case OnFailure::kZero:
        return Status::OK();
    }
    return Status::OK();
  }

 private:
  ColumnVector* out_;
  size_t base_;
  T* values_;
  OnFailure on_failure_;
  std::string_view function_;
  std::string_view target_;
};

// Makes the kernel of one form.
using ConversionKernelFactory = std::function<ScalarKernel(std::string function, OnFailure)>;

// Registers `name`, `nameOrNull` and `nameOrZero` with result type `type` (Nullable for
// OrNull; the others keep the arguments' nullability), taking `min_args` to `max_args`
// arguments of which the first must satisfy `accepts`.
void RegisterConversion(FunctionRegistry* r, const std::string& name, int min_args, int max_args,
                        const LogicalType& type, std::function<bool(const LogicalType&)> accepts,
                        const ConversionKernelFactory& factory);

// ClickHouse's names for results in messages: "Int64", "Float64", "Date", ….
std::string TargetName(const LogicalType& type);

void RegisterNumberConversions(FunctionRegistry* r);
void RegisterTextConversions(FunctionRegistry* r);
void RegisterDateConversions(FunctionRegistry* r);

}  // namespace larder::functions
