#include "analytics/recent_uuids.h"

#include <bit>

namespace larder::analytics {

RecentUuids::RecentUuids(size_t capacity) : ring_(capacity) {
  size_t slots = std::bit_ceil(capacity * 2);
  index_.assign(slots, kEmpty);
  mask_ = slots - 1;
}

size_t RecentUuids::SlotOf(const Uuid128& uuid) const {
  uint64_t h = uuid.high * 0x9e3779b97f4a7c15ULL ^ uuid.low * 0xc2b2ae3d27d4eb4fULL;
  return static_cast<size_t>(h ^ (h >> 29)) & mask_;
}

size_t RecentUuids::FindSlot(const Uuid128& uuid) const {
  for (size_t slot = SlotOf(uuid);; slot = (slot + 1) & mask_) {
    if (index_[slot] == kEmpty || ring_[index_[slot]] == uuid) return slot;
  }
}

bool RecentUuids::Contains(const Uuid128& uuid) const { return index_[FindSlot(uuid)] != kEmpty; }

void RecentUuids::EraseSlot(size_t slot) {
  // Backward-shift deletion keeps every remaining entry reachable from its home slot.
  size_t hole = slot;
  for (size_t next = (hole + 1) & mask_; index_[next] != kEmpty; next = (next + 1) & mask_) {
    size_t home = SlotOf(ring_[index_[next]]);
    // Move `next` into the hole unless its home lies cyclically in (hole, next].
    bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
    if (!stays) {
      index_[hole] = index_[next];
      hole = next;
    }
  }
  index_[hole] = kEmpty;
}

void RecentUuids::Insert(const Uuid128& uuid) {
  size_t slot = FindSlot(uuid);
  if (index_[slot] != kEmpty) return;
  if (size_ == ring_.size()) {
    EraseSlot(FindSlot(ring_[next_]));
    --size_;
    slot = FindSlot(uuid);
  }
  ring_[next_] = uuid;
  index_[slot] = static_cast<uint32_t>(next_);
  next_ = (next_ + 1) % ring_.size();
  ++size_;
}

}  // namespace larder::analytics
