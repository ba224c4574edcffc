#include "analytics/uuid_v7.h"

#include <random>

namespace larder::analytics {

namespace {

// One generator per thread, so no lock is taken per uuid.
std::mt19937_64& ThreadGenerator() {
  thread_local std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  return generator;
}

}  // namespace

Uuid128 NewUuidV7(int64_t unix_millis) {
  constexpr uint64_t kMillisMask = (uint64_t{1} << 48) - 1;
  constexpr uint64_t kVersion7 = uint64_t{0x7} << 12;
  constexpr uint64_t kVariantRfc = uint64_t{0x2} << 62;
  uint64_t millis = unix_millis < 0 ? 0 : static_cast<uint64_t>(unix_millis) & kMillisMask;
  std::mt19937_64& generator = ThreadGenerator();
  uint64_t random_a = generator();
  uint64_t random_b = generator();
  Uuid128 uuid;
  uuid.high = (millis << 16) | kVersion7 | (random_a & 0x0FFF);
  uuid.low = kVariantRfc | (random_b >> 2);
  return uuid;
}

}  // namespace larder::analytics
