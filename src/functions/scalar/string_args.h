// Arguments of the string function families (string*.cpp, url.cpp, json.cpp): the type rules
// that check them at bind time, and typed reads of integer and constant-string arguments in
// kernels.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "functions/function_registry.h"
#include "functions/kernel.h"

namespace larder::functions {

// What an argument must be.
enum class ArgKind {
  kText,           // String or JSON.
  kInteger,        // Int64 or Bool.
  kTextOrArray,    // length, empty, reverse.
  kTextOrInteger,  // JSON paths: keys or indexes.
  kAny,
};

// Checks the arguments against `kinds` (the last kind covers any further arguments; NULL fits
// every kind), then computes the result type with `rule`.
ReturnTypeRule Checked(std::initializer_list<ArgKind> kinds, ReturnTypeRule rule);

// The value of an Int64 or Bool argument at `row`.
int64_t IntegerArgAt(const KernelArg& arg, size_t row);

// The text of a constant, non-NULL string-like argument; nullopt otherwise.
std::optional<std::string_view> ConstantText(const KernelArg& arg);

// True when the argument is the NULL literal or NULL at `row`.
inline bool IsNullAt(const KernelArg& arg, size_t row) {
  return arg.type().id() == TypeId::kNothing || arg.IsNull(row);
}

// The string at `row` of a string-like argument, or "" when NULL (safe for dictionary vectors,
// whose NULL rows may hold codes past the dictionary).
inline std::string_view TextAt(const KernelArg& arg, size_t row) {
  return IsNullAt(arg, row) ? std::string_view() : arg.GetString(row);
}

}  // namespace larder::functions
