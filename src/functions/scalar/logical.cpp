// Logical operators with SQL's three-valued logic: and, or, not, and the NULL tests isNull,
// isNotNull. Arguments may be Bool or numbers (non-zero is true), as in ClickHouse.
#include "functions/registration.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

// Truth of row `row`: 1 true, 0 false, 2 NULL.
uint8_t Truth(const KernelArg& arg, size_t row) {
  if (arg.type().id() == TypeId::kNothing || arg.IsNull(row)) return 2;
  uint8_t truth = 0;
  VisitNumeric(arg.type().id(), [&](auto tag) {
    using T = decltype(tag);
    truth = arg.template Get<T>(row) != T{} ? 1 : 0;
  });
  return truth;
}

Status CheckLogical(const KernelCall& call, std::string_view name) {
  for (const KernelArg& arg : call.args) {
    TypeId id = arg.type().id();
    // Numbers only, as ClickHouse: a Date or DateTime is not a truth value.
    if (id != TypeId::kBool && id != TypeId::kInt64 && id != TypeId::kFloat64 &&
        id != TypeId::kNothing) {
      return InvalidArgument("{} needs Bool or number arguments, not {}", name,
                             arg.type().ToString());
    }
  }
  return Status::OK();
}

// and: false if any argument is false, else NULL if any is NULL, else true. `or` mirrors it.
ScalarKernel Junction(bool is_and) {
  return [is_and](const KernelCall& call, ColumnVector* out) -> Status {
    LARDER_RETURN_IF_ERROR(CheckLogical(call, is_and ? "and" : "or"));
    const uint8_t decisive = is_and ? 0 : 1;
    std::vector<uint8_t> result(call.rows, is_and ? 1 : 0);
    bool any_null = false;
    std::vector<uint8_t> nulls(call.rows, 0);
    bool fast = true;
    for (const KernelArg& arg : call.args) {
      fast = fast && arg.type().id() == TypeId::kBool && !arg.constant && !arg.vector->has_nulls();
    }
    if (fast) {
      for (const KernelArg& arg : call.args) {
        const uint8_t* values = arg.vector->data<uint8_t>();
        if (is_and) {
          for (size_t row = 0; row < call.rows; ++row) result[row] &= values[row] != 0;
        } else {
          for (size_t row = 0; row < call.rows; ++row) result[row] |= values[row] != 0;
        }
      }
    } else {
      for (size_t row = 0; row < call.rows; ++row) {
        bool decided = false, null = false;
        for (const KernelArg& arg : call.args) {
          uint8_t truth = Truth(arg, row);
          if (truth == decisive) {
            decided = true;
            break;
          }
          null = null || truth == 2;
        }
        result[row] = decided ? decisive : !decisive;
        if (!decided && null) nulls[row] = 1, any_null = true;
      }
    }
    uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
    std::memcpy(values, result.data(), call.rows);
    if (any_null) *out->mutable_nulls() = std::move(nulls);
    return Status::OK();
  };
}

Status Not(const KernelCall& call, ColumnVector* out) {
  LARDER_RETURN_IF_ERROR(CheckLogical(call, "not"));
  uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
  for (size_t row = 0; row < call.rows; ++row) values[row] = Truth(call.args[0], row) == 0;
  return Status::OK();
}

ScalarKernel NullTest(bool want_null) {
  return [want_null](const KernelCall& call, ColumnVector* out) -> Status {
    uint8_t* values = AppendSlots<uint8_t>(out, call.rows);
    const KernelArg& arg = call.args[0];
    bool nothing = arg.type().id() == TypeId::kNothing;
    for (size_t row = 0; row < call.rows; ++row) {
      values[row] = (nothing || arg.IsNull(row)) == want_null;
    }
    return Status::OK();
  };
}

}  // namespace

void RegisterLogical(FunctionRegistry* r) {
  Scalar(r, "and", 2, -1, Propagating(kBool), Junction(true), NullHandling::kSpecial);
  Scalar(r, "or", 2, -1, Propagating(kBool), Junction(false), NullHandling::kSpecial);
  Scalar(r, "not", 1, 1, Propagating(kBool), Not);
  Scalar(r, "isNull", 1, 1, Fixed(kBool), NullTest(true), NullHandling::kSpecial);
  Scalar(r, "isNotNull", 1, 1, Fixed(kBool), NullTest(false), NullHandling::kSpecial);
}

}  // namespace larder::functions
