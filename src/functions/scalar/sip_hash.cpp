#include "functions/scalar/sip_hash.h"

#include <cstring>

namespace larder::functions {
namespace {

uint64_t RotateLeft(uint64_t value, int shift) {
  return (value << shift) | (value >> (64 - shift));
}

struct SipState {
  uint64_t v0, v1, v2, v3;

  void Round() {
    v0 += v1;
    v1 = RotateLeft(v1, 13);
    v1 ^= v0;
    v0 = RotateLeft(v0, 32);
    v2 += v3;
    v3 = RotateLeft(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = RotateLeft(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = RotateLeft(v1, 17);
    v1 ^= v2;
    v2 = RotateLeft(v2, 32);
  }

  // Two compression rounds per 8-byte word.
  void Absorb(uint64_t word) {
    v3 ^= word;
    Round();
    Round();
    v0 ^= word;
  }
};

}  // namespace

uint64_t SipHash64(uint64_t key0, uint64_t key1, const char* data, size_t size) {
  SipState state{0x736f6d6570736575ULL ^ key0, 0x646f72616e646f6dULL ^ key1,
                 0x6c7967656e657261ULL ^ key0, 0x7465646279746573ULL ^ key1};
  size_t whole = size & ~static_cast<size_t>(7);
  for (size_t i = 0; i < whole; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, 8);  // Little-endian hosts only, as ClickHouse.
    state.Absorb(word);
  }
  // The last word: the remaining bytes, with the length (mod 256) in the top byte.
  uint64_t last = static_cast<uint64_t>(size & 0xFF) << 56;
  for (size_t i = whole; i < size; ++i) {
    last |= static_cast<uint64_t>(static_cast<uint8_t>(data[i])) << (8 * (i - whole));
  }
  state.Absorb(last);
  // Four finalization rounds.
  state.v2 ^= 0xff;
  for (int round = 0; round < 4; ++round) state.Round();
  return state.v0 ^ state.v1 ^ state.v2 ^ state.v3;
}

}  // namespace larder::functions
