#include "execution/group_table.h"

#include <cstring>

#include "common/coding.h"
#include "common/hash.h"

namespace larder::execution {

namespace {
constexpr size_t kArenaBlock = 1 << 20;
constexpr size_t kInitialSlots = 1024;
}  // namespace

Arena::~Arena() {
  if (memory_ && reserved_) memory_->Release(reserved_);
}

Result<uint8_t*> Arena::Allocate(size_t size) {
  size = (size + 15) & ~size_t{15};
  if (size > left_) {
    size_t block = std::max(kArenaBlock, size + 16);
    if (memory_) LARDER_RETURN_IF_ERROR(memory_->Reserve(block, "GROUP BY"));
    reserved_ += block;
    blocks_.push_back(std::make_unique<uint8_t[]>(block));
    uintptr_t start = reinterpret_cast<uintptr_t>(blocks_.back().get());
    uintptr_t aligned = (start + 15) & ~uintptr_t{15};
    next_ = reinterpret_cast<uint8_t*>(aligned);
    left_ = block - (aligned - start);
  }
  uint8_t* result = next_;
  next_ += size;
  left_ -= size;
  return result;
}

GroupTable::GroupTable(std::vector<LogicalType> key_types, MemoryTracker* memory)
    : key_types_(std::move(key_types)), memory_(memory), key_arena_(memory) {
  slots_.assign(kInitialSlots, 0);
  mask_ = kInitialSlots - 1;
  for (const LogicalType& type : key_types_) key_columns_.emplace_back(type);
}

GroupTable::~GroupTable() {
  if (memory_ && reserved_) memory_->Release(reserved_);
}

void GroupTable::SerializeKey(const std::vector<const ColumnVector*>& keys, size_t row,
                              std::string* out) {
  out->clear();
  for (const ColumnVector* column : keys) {
    if (column->IsNull(row)) {
      out->push_back('\1');
      continue;
    }
    out->push_back('\0');
    const LogicalType& type = column->type();
    size_t width = type.fixed_width();
    if (type.is_string_like()) {
      std::string_view text = column->GetString(row);
      uint32_t length = static_cast<uint32_t>(text.size());
      out->append(reinterpret_cast<const char*>(&length), 4);
      out->append(text);
    } else if (width > 0 && type.id() != TypeId::kNothing) {
      out->append(reinterpret_cast<const char*>(column->data<uint8_t>() + row * width), width);
    } else {
      BinaryWriter writer(out);
      column->GetValue(row).Serialize(&writer);
    }
  }
}

Status GroupTable::Grow() {
  size_t capacity = slots_.size() * 2;
  uint64_t bytes = capacity * sizeof(uint32_t);
  if (memory_) LARDER_RETURN_IF_ERROR(memory_->Reserve(bytes, "GROUP BY"));
  reserved_ += bytes;
  std::vector<uint32_t> slots(capacity, 0);
  uint64_t mask = capacity - 1;
  for (uint32_t group = 0; group < hashes_.size(); ++group) {
    uint64_t slot = hashes_[group] & mask;
    while (slots[slot] != 0) slot = (slot + 1) & mask;
    slots[slot] = group + 1;
  }
  slots_ = std::move(slots);
  mask_ = mask;
  return Status::OK();
}

uint32_t GroupTable::Lookup(std::string_view key, uint64_t hash) const {
  for (uint64_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    uint32_t entry = slots_[slot];
    if (entry == 0) return kNoGroup;
    if (hashes_[entry - 1] == hash && keys_[entry - 1] == key) return entry - 1;
  }
}

void GroupTable::Find(const std::vector<const ColumnVector*>& keys, size_t rows,
                      std::vector<uint32_t>* ids) const {
  ids->resize(rows);
  std::string key;
  for (size_t row = 0; row < rows; ++row) {
    SerializeKey(keys, row, &key);
    (*ids)[row] = Lookup(key, HashBytes(key.data(), key.size()));
  }
}

Result<uint32_t> GroupTable::Insert(std::string_view key, uint64_t hash, bool* created) {
  uint64_t slot = hash & mask_;
  while (true) {
    uint32_t entry = slots_[slot];
    if (entry == 0) break;
    uint32_t group = entry - 1;
    if (hashes_[group] == hash && keys_[group] == key) {
      *created = false;
      return group;
    }
    slot = (slot + 1) & mask_;
  }
  uint32_t group = static_cast<uint32_t>(hashes_.size());
  LARDER_ASSIGN_OR_RETURN(uint8_t * stored, key_arena_.Allocate(key.size()));
  std::memcpy(stored, key.data(), key.size());
  hashes_.push_back(hash);
  keys_.emplace_back(reinterpret_cast<const char*>(stored), key.size());
  slots_[slot] = group + 1;
  *created = true;
  if (hashes_.size() * 2 > slots_.size()) LARDER_RETURN_IF_ERROR(Grow());
  return group;
}

Status GroupTable::FindOrCreate(const std::vector<const ColumnVector*>& keys, size_t rows,
                                std::vector<uint32_t>* ids, std::vector<uint32_t>* new_groups) {
  ids->resize(rows);
  std::string key;
  auto lookup = [&](size_t row) -> Result<uint32_t> {
    SerializeKey(keys, row, &key);
    bool created = false;
    LARDER_ASSIGN_OR_RETURN(uint32_t group,
                            Insert(key, HashBytes(key.data(), key.size()), &created));
    if (created) {
      for (size_t column = 0; column < keys.size(); ++column) {
        key_columns_[column].AppendRange(*keys[column], row, 1);
      }
      if (new_groups) new_groups->push_back(group);
    }
    return group;
  };
  // One dictionary-encoded key: look each distinct code up once.
  if (keys.size() == 1 && keys[0]->is_dictionary()) {
    const ColumnVector& column = *keys[0];
    std::vector<uint32_t> by_code(column.dictionary().size(), UINT32_MAX);
    uint32_t null_group = UINT32_MAX;
    const std::vector<uint32_t>& codes = column.codes();
    for (size_t row = 0; row < rows; ++row) {
      uint32_t* cached = column.IsNull(row) ? &null_group : &by_code[codes[row]];
      if (*cached == UINT32_MAX) {
        LARDER_ASSIGN_OR_RETURN(*cached, lookup(row));
      }
      (*ids)[row] = *cached;
    }
    return Status::OK();
  }
  for (size_t row = 0; row < rows; ++row) {
    LARDER_ASSIGN_OR_RETURN((*ids)[row], lookup(row));
  }
  return Status::OK();
}

Result<uint32_t> GroupTable::FindOrCreateFrom(const GroupTable& other, uint32_t group,
                                              bool* created) {
  LARDER_ASSIGN_OR_RETURN(uint32_t id, Insert(other.keys_[group], other.hashes_[group], created));
  if (*created) {
    for (size_t column = 0; column < key_columns_.size(); ++column) {
      key_columns_[column].AppendRange(other.key_columns_[column], group, 1);
    }
  }
  return id;
}

}  // namespace larder::execution
