#include "functions/aggregate/row_key.h"

#include <cmath>
#include <limits>

#include "common/coding.h"
#include "functions/aggregate/aggregate_helpers.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace larder::functions {
namespace {

// Key of one read value.
template <typename T>
Key128 KeyOf(const T& value, std::string* scratch) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return BytesKey(value);
  } else if constexpr (std::is_same_v<T, Value>) {
    scratch->clear();
    BinaryWriter writer(scratch);
    value.Serialize(&writer);
    return BytesKey(*scratch);
  } else {
    return FixedKey(value);
  }
}

// 64-bit hash of one read value.
template <typename T>
uint64_t HashOf(const T& value, std::string* scratch) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    return XXH3_64bits(value.data(), value.size());
  } else if constexpr (std::is_same_v<T, Value>) {
    scratch->clear();
    BinaryWriter writer(scratch);
    value.Serialize(&writer);
    return XXH3_64bits(scratch->data(), scratch->size());
  } else if constexpr (sizeof(T) <= 8) {
    return Mix64(FixedKey(value).low);
  } else {
    Key128 key = FixedKey(value);
    return Mix64(key.low ^ Mix64(key.high + 0x9e3779b97f4a7c15ULL));
  }
}

// Marks skip[row] for NULL rows of `arg`; returns whether any.
bool MarkNulls(const KernelArg& arg, size_t rows, std::vector<uint8_t>* skip) {
  if (arg.type().id() == TypeId::kNothing) {
    std::fill(skip->begin(), skip->begin() + static_cast<ptrdiff_t>(rows), 1);
    return rows > 0;
  }
  if (!arg.vector->has_nulls()) return false;
  if (arg.constant) {
    if (!arg.vector->IsNull(0)) return false;
    std::fill(skip->begin(), skip->begin() + static_cast<ptrdiff_t>(rows), 1);
    return true;
  }
  const uint8_t* nulls = arg.vector->nulls().data();
  bool any = false;
  for (size_t row = 0; row < rows; ++row) {
    (*skip)[row] |= nulls[row];
    any |= nulls[row] != 0;
  }
  return any;
}

// out[row] = per_value(value of row) for every row of one argument (NULL rows untouched). For a
// dictionary-encoded string column with fewer entries than rows, each entry is computed once.
template <typename Out, typename PerValue>
void ComputeColumn(const KernelArg& arg, size_t rows, Out* out, PerValue&& per_value) {
  if (arg.type().id() == TypeId::kNothing) return;  // Every row is NULL.
  VisitValueType(arg.type(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, std::string_view>) {
      const ColumnVector& vector = *arg.vector;
      if (!arg.constant && vector.is_dictionary() && vector.dictionary().size() <= rows) {
        const ColumnVector& dictionary = vector.dictionary();
        std::vector<Out> entries(dictionary.size());
        for (size_t code = 0; code < dictionary.size(); ++code) {
          entries[code] = per_value(dictionary.GetString(code));
        }
        const uint32_t* codes = vector.codes().data();
        for (size_t row = 0; row < rows; ++row) {
          if (!vector.IsNull(row) && codes[row] < entries.size()) out[row] = entries[codes[row]];
        }
        return;
      }
    }
    if (arg.constant) {
      ColumnReader<T> reader(arg);
      if (rows == 0 || reader.IsNull(0)) return;
      Out value = per_value(reader.Get(0));
      for (size_t row = 0; row < rows; ++row) out[row] = value;
      return;
    }
    ForEachValue<T>(arg, rows, [&](size_t row, const T& value) { out[row] = per_value(value); });
  });
}

}  // namespace

Key128 BytesKey(std::string_view bytes) {
  XXH128_hash_t hash = XXH3_128bits(bytes.data(), bytes.size());
  return Key128{hash.high64, hash.low64};
}

Key128 ArrayKey(const Value& array) {
  std::string bytes;
  BinaryWriter writer(&bytes);
  array.Serialize(&writer);
  return BytesKey(bytes);
}

bool KeysAreValues(const std::vector<LogicalType>& types) {
  return types.size() == 1 && types[0].fixed_width() > 0 && types[0].id() != TypeId::kNothing;
}

bool RowKeys(const std::vector<KernelArg>& args, size_t rows, std::vector<Key128>* keys,
             std::vector<uint8_t>* skip) {
  keys->assign(rows, Key128{});
  skip->assign(rows, 0);
  bool any_skipped = false;
  for (const KernelArg& arg : args) any_skipped |= MarkNulls(arg, rows, skip);
  std::string scratch;
  auto key_of = [&](const auto& value) { return KeyOf(value, &scratch); };
  if (args.size() == 1) {
    ComputeColumn(args[0], rows, keys->data(), key_of);
    return any_skipped;
  }
  // Several arguments: the key hashes the arguments' keys, side by side.
  std::vector<Key128> parts(rows * args.size());
  std::vector<Key128> column(rows);
  for (size_t arg_idx = 0; arg_idx < args.size(); ++arg_idx) {
    ComputeColumn(args[arg_idx], rows, column.data(), key_of);
    for (size_t row = 0; row < rows; ++row) parts[row * args.size() + arg_idx] = column[row];
  }
  for (size_t row = 0; row < rows; ++row) {
    XXH128_hash_t hash = XXH3_128bits(&parts[row * args.size()], args.size() * sizeof(Key128));
    (*keys)[row] = Key128{hash.high64, hash.low64};
  }
  return any_skipped;
}

bool RowHashes(const std::vector<KernelArg>& args, size_t rows, std::vector<uint64_t>* hashes,
               std::vector<uint8_t>* skip) {
  hashes->assign(rows, 0);
  skip->assign(rows, 0);
  bool any_skipped = false;
  for (const KernelArg& arg : args) any_skipped |= MarkNulls(arg, rows, skip);
  std::string scratch;
  auto hash_of = [&](const auto& value) { return HashOf(value, &scratch); };
  if (args.size() == 1) {
    ComputeColumn(args[0], rows, hashes->data(), hash_of);
    return any_skipped;
  }
  std::vector<uint64_t> column(rows);
  for (size_t arg_idx = 0; arg_idx < args.size(); ++arg_idx) {
    std::fill(column.begin(), column.end(), 0);
    ComputeColumn(args[arg_idx], rows, column.data(), hash_of);
    for (size_t row = 0; row < rows; ++row) {
      (*hashes)[row] = Mix64((*hashes)[row] * 0x9e3779b97f4a7c15ULL + column[row]);
    }
  }
  return any_skipped;
}

void AppendValueFromKey(const Key128& key, ColumnVector* out) {
  VisitValueType(out->type(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (kIsFixed<T>) {
      T value;
      if constexpr (std::is_same_v<T, Int128>) {
        value = static_cast<Int128>((static_cast<unsigned __int128>(key.high) << 64) | key.low);
      } else if constexpr (std::is_same_v<T, Uuid128>) {
        value = Uuid128{key.high, key.low};
      } else {
        std::memcpy(&value, &key.low, sizeof(T));
      }
      out->Append<T>(value);
    }
  });
}

}  // namespace larder::functions
