// Hash functions: cityHash64 (CityHash v1.0.2) and sipHash64 (SipHash-2-4, zero key), of any
// number of arguments, as ClickHouse computes them. ClickHouse returns UInt64; Larder returns
// the Int64 with the same 64 bits (toUInt64 semantics left to the caller: values above 2^63
// read as negative).
//
// Each argument is hashed by its ClickHouse type — strings by their bytes; for cityHash64,
// Int64, Bool, Float64, Date (UInt16 days) and DateTime (UInt32 seconds) through intHash64 of
// their bits, for sipHash64 by their native bytes; Decimal and UUID by their 16 bytes — and the
// argument hashes are folded left to right (CityHash's Hash128to64 for cityHash64, SipHash of the
// 16 bytes of both for sipHash64). An array contributes intHash64(its length), then each element.
#include "functions/registration.h"
#include "functions/scalar/city_hash.h"
#include "functions/scalar/kernel_helpers.h"
#include "functions/scalar/sip_hash.h"
#include "functions/scalar/string_args.h"

namespace larder::functions {
namespace {

enum class HashKind { kCity, kSip };

uint64_t HashBytes(HashKind kind, const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  return kind == HashKind::kCity ? CityHash64(bytes, size) : SipHash64(0, 0, bytes, size);
}

uint64_t Combine(HashKind kind, uint64_t previous, uint64_t next) {
  if (kind == HashKind::kCity) return CityHash128To64(previous, next);
  const uint64_t both[2] = {previous, next};
  return SipHash64(0, 0, reinterpret_cast<const char*>(both), sizeof(both));
}

// ClickHouse's IntHash64Impl: the Murmur3 finalizer of x xor a fixed seed.
uint64_t IntHash64(uint64_t x) {
  x ^= 0x4CF2D2BAAE6DA887ULL;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Hash of a fixed-width value: intHash64 of its bits for cityHash64, its bytes for sipHash64.
template <typename T>
uint64_t HashNumber(HashKind kind, T value) {
  if (kind == HashKind::kSip) return HashBytes(kind, &value, sizeof(value));
  uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(value));
  return IntHash64(bits);
}

// The hash of row `row` of a non-array vector (NULL rows hash as zero bytes).
uint64_t HashValue(HashKind kind, const ColumnVector& vector, size_t row) {
  const LogicalType& type = vector.type();
  if (vector.IsNull(row)) return HashBytes(kind, "", 0);
  switch (type.id()) {
    case TypeId::kBool:
      return HashNumber(kind, vector.data<uint8_t>()[row]);
    case TypeId::kInt64:
    case TypeId::kInterval:
      return HashNumber(kind, vector.data<int64_t>()[row]);
    case TypeId::kFloat64:
      return HashNumber(kind, vector.data<double>()[row]);
    case TypeId::kDate:
      return HashNumber(kind, static_cast<uint16_t>(vector.data<int32_t>()[row]));
    case TypeId::kDateTime: {
      int64_t micros = vector.data<int64_t>()[row];
      int64_t seconds = micros / 1'000'000 - (micros % 1'000'000 < 0 ? 1 : 0);
      return HashNumber(kind, static_cast<uint32_t>(seconds));
    }
    case TypeId::kDecimal:
      return HashBytes(kind, &vector.data<Int128>()[row], sizeof(Int128));
    case TypeId::kUuid:  // ClickHouse's UUID bytes: the high half, then the low half.
      return HashBytes(kind, &vector.data<Uuid128>()[row], sizeof(Uuid128));
    case TypeId::kString:
    case TypeId::kJson: {
      std::string_view text = vector.GetString(row);
      return HashBytes(kind, text.data(), text.size());
    }
    default:
      return HashBytes(kind, "", 0);
  }
}

// Folds `count` rows of `vector` (one row repeated when `constant`) into `running`: the first
// argument sets it, later ones combine into it.
void Fold(HashKind kind, const ColumnVector& vector, bool constant, size_t count, bool first,
          uint64_t* running) {
  auto fold = [&](size_t row, uint64_t hash) {
    running[row] = first ? hash : Combine(kind, running[row], hash);
  };
  if (vector.type().id() != TypeId::kArray) {
    if (constant) {
      uint64_t hash = HashValue(kind, vector, 0);
      for (size_t row = 0; row < count; ++row) fold(row, hash);
      return;
    }
    for (size_t row = 0; row < count; ++row) fold(row, HashValue(kind, vector, row));
    return;
  }
  const ColumnVector& child = vector.child();
  std::vector<uint64_t> element_hashes(child.size());
  Fold(kind, child, false, child.size(), true, element_hashes.data());
  const auto& offsets = vector.offsets();
  for (size_t row = 0; row < count; ++row) {
    size_t index = constant ? 0 : row;
    fold(row, IntHash64(offsets[index + 1] - offsets[index]));
    for (uint32_t i = offsets[index]; i < offsets[index + 1]; ++i) {
      running[row] = Combine(kind, running[row], element_hashes[i]);
    }
  }
}

ScalarKernel HashKernel(HashKind kind) {
  return [kind](const KernelCall& call, ColumnVector* out) -> Status {
    std::vector<uint64_t> hashes(call.rows, 0);
    for (size_t i = 0; i < call.args.size(); ++i) {
      const KernelArg& arg = call.args[i];
      if (arg.type().id() == TypeId::kNothing) continue;  // NULL: the result is NULL anyway.
      Fold(kind, *arg.vector, arg.constant, call.rows, i == 0, hashes.data());
    }
    int64_t* values = AppendSlots<int64_t>(out, call.rows);
    std::memcpy(values, hashes.data(), call.rows * sizeof(int64_t));
    return Status::OK();
  };
}

}  // namespace

void RegisterStringHashes(FunctionRegistry* r) {
  Scalar(r, "cityHash64", 1, -1, Propagating(kInt), HashKernel(HashKind::kCity));
  Scalar(r, "sipHash64", 1, -1, Propagating(kInt), HashKernel(HashKind::kSip));
}

}  // namespace larder::functions
