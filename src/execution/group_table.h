// GroupTable: the hash table of a GROUP BY — maps each row's key (one or more columns of any
// type, NULL being a value of its own) to a dense group id, and keeps every group's key values
// as columns for the output. Keys are stored serialized (a NULL flag, then the fixed-width
// bytes or the length and bytes of each column) in an arena; slots are open-addressed.
// Not thread-safe: each worker has its own, and they are merged at the end.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "execution/memory_tracker.h"
#include "types/column_vector.h"

namespace larder::execution {

// Bump allocation of memory that lives as long as the arena; counted on a MemoryTracker.
class Arena {
 public:
  explicit Arena(MemoryTracker* memory) : memory_(memory) {}
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  // `size` bytes aligned to `alignment` (a power of two, at most 16).
  Result<uint8_t*> Allocate(size_t size, size_t alignment = 16);

 private:
  MemoryTracker* memory_;
  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
  uint8_t* next_ = nullptr;
  size_t left_ = 0;
  uint64_t reserved_ = 0;
};

class GroupTable {
 public:
  GroupTable(std::vector<LogicalType> key_types, MemoryTracker* memory);
  ~GroupTable();

  // ids[i] = the group of row i of `keys` (one vector per key column, `rows` long), creating
  // groups for new keys. `new_groups` (may be null) receives the ids of groups created.
  Status FindOrCreate(const std::vector<const ColumnVector*>& keys, size_t rows,
                      std::vector<uint32_t>* ids, std::vector<uint32_t>* new_groups);
  // ids[i] = the group of row i, or kNoGroup when its key is not in the table.
  void Find(const std::vector<const ColumnVector*>& keys, size_t rows,
            std::vector<uint32_t>* ids) const;
  static constexpr uint32_t kNoGroup = UINT32_MAX;
  // The group in this table with the key of `other`'s group `group`, created if needed.
  Result<uint32_t> FindOrCreateFrom(const GroupTable& other, uint32_t group, bool* created);

  // Serialized keys and their hashes of a chunk's rows, to insert row by row (into one of
  // several tables: a partitioned aggregation).
  struct SerializedKeys {
    std::string bytes;
    std::vector<uint32_t> offsets;  // rows + 1 of them.
    std::vector<uint64_t> hashes;
    std::string_view key(size_t row) const {
      return std::string_view(bytes.data() + offsets[row], offsets[row + 1] - offsets[row]);
    }
  };
  static void Serialize(const std::vector<const ColumnVector*>& keys, size_t rows,
                        SerializedKeys* out);
  // The group whose serialized key and hash are `key` and `hash` (from Serialize), created when
  // new.
  Result<uint32_t> FindOrCreateKey(std::string_view key, uint64_t hash, bool* created) {
    return Insert(key, hash, created);
  }
  // Brings the slot `hash` would probe first into the cache.
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & mask_]); }
  uint64_t hash(uint32_t group) const {
    uint64_t value = 0;
    std::memcpy(&value, records_[group], 8);
    return value;
  }

  size_t size() const { return records_.size(); }
  // Key values of every group, in id order (one column per key), read back from the stored
  // keys (the table keeps no other copy of them).
  std::vector<ColumnVector> KeyColumns() const;

 private:
  // An open-addressing slot: the group (+1; 0 = empty), the hash's high bits to skip most
  // mismatches without touching the key, and the key record ([uint32 length][bytes] in the arena).
  struct Slot {
    uint32_t group_plus_one = 0;
    uint32_t tag = 0;
    const uint8_t* key = nullptr;
  };

  // Appends the serialized key of `row` to `out`.
  static void SerializeKey(const std::vector<const ColumnVector*>& keys, size_t row,
                           std::string* out);
  uint32_t Lookup(std::string_view key, uint64_t hash) const;
  // ids[i] = resolve(serialized key of row i, its hash), each distinct value of a dictionary key
  // resolved once; `scratch` holds the chunk's serialized keys.
  template <typename Resolve>
  Status ResolveRows(const std::vector<const ColumnVector*>& keys, size_t rows,
                     SerializedKeys* scratch, std::vector<uint32_t>* ids,
                     const Resolve& resolve) const;
  Result<uint32_t> Insert(std::string_view key, uint64_t hash, bool* created);
  Status Grow();
  static bool KeyEquals(const uint8_t* record, std::string_view key);
  std::string_view KeyOf(uint32_t group) const;

  std::vector<LogicalType> key_types_;
  MemoryTracker* memory_;
  Arena key_arena_;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  // By group: the key record in key_arena_, [uint64 hash][uint32 length][key bytes], unaligned.
  std::vector<const uint8_t*> records_;
  uint64_t reserved_ = 0;
  SerializedKeys scratch_;  // Per chunk.
};

}  // namespace larder::execution
