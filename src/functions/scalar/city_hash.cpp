#include "functions/scalar/city_hash.h"

#include <cstring>
#include <utility>

namespace larder::functions {
namespace {

// The algorithm's multiplier constants.
constexpr uint64_t kK0 = 0xc3a5c85c97cb3127ULL;
constexpr uint64_t kK1 = 0xb492b66fbe98f273ULL;
constexpr uint64_t kK2 = 0x9ae16a3b2f90404fULL;
constexpr uint64_t kK3 = 0xc949d7c7509e6557ULL;

uint64_t Load64(const char* p) {
  uint64_t value;
  std::memcpy(&value, p, sizeof(value));
  return value;  // Little-endian hosts only, as ClickHouse.
}

uint64_t Load32(const char* p) {
  uint32_t value;
  std::memcpy(&value, p, sizeof(value));
  return value;
}

// Right rotation; a shift of 0 leaves the value unchanged.
uint64_t RotateRight(uint64_t value, int shift) {
  return shift == 0 ? value : (value >> shift) | (value << (64 - shift));
}

uint64_t Mix47(uint64_t value) { return value ^ (value >> 47); }

uint64_t Pair(uint64_t low, uint64_t high) { return CityHash128To64(low, high); }

uint64_t UpTo16Bytes(const char* s, size_t n) {
  if (n > 8) {
    uint64_t first = Load64(s);
    uint64_t last = Load64(s + n - 8);
    // n is 9..16 here, so the rotation is never by 0.
    return Pair(first, RotateRight(last + n, static_cast<int>(n))) ^ last;
  }
  if (n >= 4) {
    uint64_t first = Load32(s);
    return Pair(n + (first << 3), Load32(s + n - 4));
  }
  if (n > 0) {
    uint32_t a = static_cast<uint8_t>(s[0]);
    uint32_t b = static_cast<uint8_t>(s[n >> 1]);
    uint32_t c = static_cast<uint8_t>(s[n - 1]);
    uint32_t y = a + (b << 8);
    uint32_t z = static_cast<uint32_t>(n) + (c << 2);
    return Mix47(y * kK2 ^ z * kK3) * kK2;
  }
  return kK2;
}

uint64_t UpTo32Bytes(const char* s, size_t n) {
  uint64_t a = Load64(s) * kK1;
  uint64_t b = Load64(s + 8);
  uint64_t c = Load64(s + n - 8) * kK2;
  uint64_t d = Load64(s + n - 16) * kK0;
  return Pair(RotateRight(a - b, 43) + RotateRight(c, 30) + d,
              a + RotateRight(b ^ kK3, 20) - c + n);
}

// Hashes 32 bytes (as four words w, x, y, z) into two words, seeded with a and b.
std::pair<uint64_t, uint64_t> Hash32Seeded(uint64_t w, uint64_t x, uint64_t y, uint64_t z,
                                           uint64_t a, uint64_t b) {
  a += w;
  b = RotateRight(b + a + z, 21);
  uint64_t c = a;
  a += x;
  a += y;
  b += RotateRight(a, 44);
  return {a + z, b + c};
}

std::pair<uint64_t, uint64_t> Hash32Seeded(const char* s, uint64_t a, uint64_t b) {
  return Hash32Seeded(Load64(s), Load64(s + 8), Load64(s + 16), Load64(s + 24), a, b);
}

uint64_t UpTo64Bytes(const char* s, size_t n) {
  uint64_t z = Load64(s + 24);
  uint64_t a = Load64(s) + (n + Load64(s + n - 16)) * kK0;
  uint64_t b = RotateRight(a + z, 52);
  uint64_t c = RotateRight(a, 37);
  a += Load64(s + 8);
  c += RotateRight(a, 7);
  a += Load64(s + 16);
  uint64_t front_final = a + z;
  uint64_t front_sum = b + RotateRight(a, 31) + c;
  a = Load64(s + 16) + Load64(s + n - 32);
  z = Load64(s + n - 8);
  b = RotateRight(a + z, 52);
  c = RotateRight(a, 37);
  a += Load64(s + n - 24);
  c += RotateRight(a, 7);
  a += Load64(s + n - 16);
  uint64_t back_final = a + z;
  uint64_t back_sum = b + RotateRight(a, 31) + c;
  uint64_t r = Mix47((front_final + back_sum) * kK2 + (back_final + front_sum) * kK0);
  return Mix47(r * kK0 + front_sum) * kK2;
}

}  // namespace

uint64_t CityHash128To64(uint64_t low, uint64_t high) {
  constexpr uint64_t kMul = 0x9ddfea08eb382d69ULL;
  uint64_t a = (low ^ high) * kMul;
  a ^= a >> 47;
  uint64_t b = (high ^ a) * kMul;
  b ^= b >> 47;
  return b * kMul;
}

uint64_t CityHash64(const char* s, size_t n) {
  if (n <= 16) return UpTo16Bytes(s, n);
  if (n <= 32) return UpTo32Bytes(s, n);
  if (n <= 64) return UpTo64Bytes(s, n);
  // Longer inputs: seed a 56-byte state from the last 64 bytes, then fold in 64-byte blocks
  // from the front (the last, partial block overlaps the ones before it).
  uint64_t x = Load64(s);
  uint64_t y = Load64(s + n - 16) ^ kK1;
  uint64_t z = Load64(s + n - 56) ^ kK0;
  std::pair<uint64_t, uint64_t> v = Hash32Seeded(s + n - 64, n, y);
  std::pair<uint64_t, uint64_t> w = Hash32Seeded(s + n - 32, n * kK1, kK0);
  z += Mix47(v.second) * kK1;
  x = RotateRight(z + x, 39) * kK1;
  y = RotateRight(y, 33) * kK1;
  size_t left = (n - 1) & ~static_cast<size_t>(63);
  do {
    x = RotateRight(x + y + v.first + Load64(s + 16), 37) * kK1;
    y = RotateRight(y + v.second + Load64(s + 48), 42) * kK1;
    x ^= w.second;
    y ^= v.first;
    z = RotateRight(z ^ w.first, 33);
    v = Hash32Seeded(s, v.second * kK1, x + w.first);
    w = Hash32Seeded(s + 32, z + w.second, y);
    std::swap(z, x);
    s += 64;
    left -= 64;
  } while (left != 0);
  return Pair(Pair(v.first, w.first) + Mix47(y) * kK1 + z, Pair(v.second, w.second) + x);
}

}  // namespace larder::functions
