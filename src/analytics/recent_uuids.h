// RecentUuids: the last N event uuids of a project, for dropping client retries. A ring of
// uuids plus an open-addressing index into it (linear probing, backward-shift deletion), about
// 24 bytes per remembered uuid.
#pragma once

#include <cstdint>
#include <vector>

#include "types/logical_type.h"

namespace larder::analytics {

struct Uuid128Hash {
  size_t operator()(const Uuid128& uuid) const {
    uint64_t h = uuid.high * 0x9e3779b97f4a7c15ULL ^ uuid.low * 0xc2b2ae3d27d4eb4fULL;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

class RecentUuids {
 public:
  // REQUIRES: capacity >= 1.
  explicit RecentUuids(size_t capacity);

  bool Contains(const Uuid128& uuid) const;
  // Remembers `uuid` (if not already there), forgetting the oldest one when full.
  void Insert(const Uuid128& uuid);
  size_t size() const { return size_; }
  size_t capacity() const { return ring_.size(); }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  size_t SlotOf(const Uuid128& uuid) const;
  // The index slot holding ring position `position`'s uuid.
  size_t FindSlot(const Uuid128& uuid) const;
  void EraseSlot(size_t slot);

  std::vector<Uuid128> ring_;    // Remembered uuids; ring_[next_] is the oldest once full.
  std::vector<uint32_t> index_;  // Ring positions, or kEmpty; size a power of two.
  size_t mask_ = 0;
  size_t next_ = 0;  // Ring position the next uuid goes to.
  size_t size_ = 0;
};

}  // namespace larder::analytics
