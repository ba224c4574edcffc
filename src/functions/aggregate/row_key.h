// Keys and hashes of aggregate argument rows, computed a whole chunk at a time: exact 128-bit
// keys for uniqExact, groupUniqArray, topK and -Distinct, 64-bit hashes for the HyperLogLog
// estimators of uniq.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>
#include <vector>

#include "functions/aggregate/hash_table.h"
#include "functions/kernel.h"

namespace larder::functions {

// Bits of a fixed-width value, with floats made canonical (-0.0 is 0.0, one NaN).
template <typename T>
inline Key128 FixedKey(T value) {
  Key128 key;
  if constexpr (std::is_same_v<T, double>) {
    if (value == 0) value = 0;
    if (std::isnan(value)) value = std::numeric_limits<double>::quiet_NaN();
    std::memcpy(&key.low, &value, 8);
  } else if constexpr (std::is_same_v<T, Int128>) {
    auto bits = static_cast<unsigned __int128>(value);
    key.low = static_cast<uint64_t>(bits);
    key.high = static_cast<uint64_t>(bits >> 64);
  } else if constexpr (std::is_same_v<T, Uuid128>) {
    key.low = value.low;
    key.high = value.high;
  } else {
    key.low = static_cast<uint64_t>(static_cast<std::make_unsigned_t<T>>(value));
  }
  return key;
}

// Whether the key of a row of `types` is the value itself (one argument of a fixed-width type),
// so that keys are exact and the value can be read back with ValueFromKey. Otherwise a key is
// the 128-bit XXH3 hash of the row (strings, arrays, several arguments): two different rows
// share a key with probability about 2^-128, which is ignored (ClickHouse's uniqExact hashes
// strings to 128 bits the same way).
bool KeysAreValues(const std::vector<LogicalType>& types);

// keys[row] for rows [0, rows); skip[row] = 1 where any argument is NULL (those keys are zero).
// Returns whether any row was skipped. Floats are keyed after turning -0.0 into 0.0 and every NaN
// into one NaN, so that equal values get equal keys.
bool RowKeys(const std::vector<KernelArg>& args, size_t rows, std::vector<Key128>* keys,
             std::vector<uint8_t>* skip);

// 64-bit hashes of rows, as RowKeys: integers and other values of up to 8 bytes are mixed with
// Mix64, longer values hashed with XXH3; several arguments are combined.
bool RowHashes(const std::vector<KernelArg>& args, size_t rows, std::vector<uint64_t>* hashes,
               std::vector<uint8_t>* skip);

// The key of one value, as RowKeys gives it for a one-argument row.
Key128 BytesKey(std::string_view bytes);
Key128 ArrayKey(const Value& array);
template <typename T>
Key128 KeyOfValue(const T& value) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return BytesKey(value);
  } else if constexpr (std::is_same_v<T, Value>) {
    return ArrayKey(value);
  } else {
    return FixedKey(value);
  }
}

// Appends the value whose key is `key` to `out` (of the one argument's type).
// REQUIRES: KeysAreValues({out->type()}).
void AppendValueFromKey(const Key128& key, ColumnVector* out);

}  // namespace larder::functions
