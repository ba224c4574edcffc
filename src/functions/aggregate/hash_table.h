// Open-addressing hash tables for aggregate states (uniqExact, groupUniqArray, topK, -Distinct):
// flat arrays with linear probing, power-of-two capacity, at most half full. Keys are 64-bit
// values or 128-bit keys (row keys, see row_key.h); the zero key is tracked apart so that zero
// can mark empty slots.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

namespace larder::functions {

// A 128-bit key: the value itself for 16-byte types, or a 128-bit hash.
struct Key128 {
  uint64_t high = 0;
  uint64_t low = 0;
  bool operator==(const Key128&) const = default;
};

// A bijective 64-bit mixer (the MurmurHash3 finalizer): spreads consecutive integers over the
// whole table and the top bits HyperLogLog looks at.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t HashKey(uint64_t key) { return Mix64(key); }
inline uint64_t HashKey(const Key128& key) { return Mix64(key.low ^ Mix64(key.high)); }
inline bool IsZeroKey(uint64_t key) { return key == 0; }
inline bool IsZeroKey(const Key128& key) { return key.high == 0 && key.low == 0; }

// A set of keys. Not thread-safe; movable, not copyable.
template <typename Key>
class HashSet {
 public:
  // Adds `key`; returns true when it was not there yet.
  bool Insert(const Key& key) {
    if (IsZeroKey(key)) {
      if (has_zero_) return false;
      has_zero_ = true;
      ++size_;
      return true;
    }
    if (2 * (size_ + 1) > capacity_) Grow();
    size_t mask = capacity_ - 1;
    for (size_t slot = HashKey(key) & mask;; slot = (slot + 1) & mask) {
      Key& entry = slots_[slot];
      if (entry == key) return false;
      if (IsZeroKey(entry)) {
        entry = key;
        ++size_;
        return true;
      }
    }
  }
  size_t size() const { return size_; }
  // Calls fn(key) for every key, in no particular order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    if (has_zero_) fn(Key{});
    for (size_t slot = 0; slot < capacity_; ++slot) {
      if (!IsZeroKey(slots_[slot])) fn(slots_[slot]);
    }
  }
  size_t MemoryBytes() const { return capacity_ * sizeof(Key); }

 private:
  void Grow() {
    size_t old_capacity = capacity_;
    std::unique_ptr<Key[]> old = std::move(slots_);
    capacity_ = old_capacity == 0 ? 16 : old_capacity * 2;
    slots_ = std::make_unique<Key[]>(capacity_);
    size_t mask = capacity_ - 1;
    for (size_t i = 0; i < old_capacity; ++i) {
      if (IsZeroKey(old[i])) continue;
      size_t slot = HashKey(old[i]) & mask;
      while (!IsZeroKey(slots_[slot])) slot = (slot + 1) & mask;
      slots_[slot] = old[i];
    }
  }

  std::unique_ptr<Key[]> slots_;
  size_t capacity_ = 0;
  size_t size_ = 0;
  bool has_zero_ = false;
};

// Numbers keys 0, 1, 2, … in the order they are first added (so that the values they stand for
// can live in a plain array beside it).
template <typename Key>
class HashIndex {
 public:
  // The number of `key`, adding it as size() when new; `*added` says which.
  uint32_t FindOrAdd(const Key& key, bool* added) {
    if (2 * (size_ + 1) > capacity_) Grow();
    size_t mask = capacity_ - 1;
    for (size_t slot = HashKey(key) & mask;; slot = (slot + 1) & mask) {
      Slot& entry = slots_[slot];
      if (entry.index == 0) {
        entry.key = key;
        entry.index = static_cast<uint32_t>(++size_);
        *added = true;
        return entry.index - 1;
      }
      if (entry.key == key) {
        *added = false;
        return entry.index - 1;
      }
    }
  }
  size_t size() const { return size_; }
  size_t MemoryBytes() const { return capacity_ * sizeof(Slot); }
  void Clear() {
    slots_.reset();
    capacity_ = 0;
    size_ = 0;
  }

 private:
  struct Slot {
    Key key{};
    uint32_t index = 0;  // Number + 1; 0 marks an empty slot.
  };

  void Grow() {
    size_t old_capacity = capacity_;
    std::unique_ptr<Slot[]> old = std::move(slots_);
    capacity_ = old_capacity == 0 ? 16 : old_capacity * 2;
    slots_ = std::make_unique<Slot[]>(capacity_);
    size_t mask = capacity_ - 1;
    for (size_t i = 0; i < old_capacity; ++i) {
      if (old[i].index == 0) continue;
      size_t slot = HashKey(old[i].key) & mask;
      while (slots_[slot].index != 0) slot = (slot + 1) & mask;
      slots_[slot] = old[i];
    }
  }

  std::unique_ptr<Slot[]> slots_;
  size_t capacity_ = 0;
  size_t size_ = 0;
};

}  // namespace larder::functions
