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

Result<uint8_t*> Arena::Allocate(size_t size, size_t alignment) {
  // Blocks start 16-aligned; rounding every size up to the alignment keeps each start aligned.
  size = (size + alignment - 1) & ~(alignment - 1);
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
  slots_.assign(kInitialSlots, Slot());
  mask_ = kInitialSlots - 1;
}

GroupTable::~GroupTable() {
  if (memory_ && reserved_) memory_->Release(reserved_);
}

void GroupTable::SerializeKey(const std::vector<const ColumnVector*>& keys, size_t row,
                              std::string* out) {
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

void GroupTable::Serialize(const std::vector<const ColumnVector*>& keys, size_t rows,
                           SerializedKeys* out) {
  out->bytes.clear();
  out->offsets.resize(rows + 1);
  out->hashes.resize(rows);
  for (size_t row = 0; row < rows; ++row) {
    out->offsets[row] = static_cast<uint32_t>(out->bytes.size());
    SerializeKey(keys, row, &out->bytes);
  }
  out->offsets[rows] = static_cast<uint32_t>(out->bytes.size());
  for (size_t row = 0; row < rows; ++row) {
    out->hashes[row] =
        HashBytes(out->bytes.data() + out->offsets[row], out->offsets[row + 1] - out->offsets[row]);
  }
}

bool GroupTable::KeyEquals(const uint8_t* record, std::string_view key) {
  uint32_t length = 0;
  std::memcpy(&length, record + 8, 4);
  return length == key.size() && std::memcmp(record + 12, key.data(), length) == 0;
}

std::string_view GroupTable::KeyOf(uint32_t group) const {
  uint32_t length = 0;
  std::memcpy(&length, records_[group] + 8, 4);
  return std::string_view(reinterpret_cast<const char*>(records_[group] + 12), length);
}

Status GroupTable::Grow() {
  size_t capacity = slots_.size() * 2;
  uint64_t bytes = capacity * sizeof(Slot);
  if (memory_) LARDER_RETURN_IF_ERROR(memory_->Reserve(bytes, "GROUP BY"));
  reserved_ += bytes;
  std::vector<Slot> slots(capacity);
  uint64_t mask = capacity - 1;
  for (uint32_t group = 0; group < records_.size(); ++group) {
    const uint64_t group_hash = hash(group);
    uint64_t slot = group_hash & mask;
    while (slots[slot].group_plus_one != 0) slot = (slot + 1) & mask;
    slots[slot] = Slot{group + 1, static_cast<uint32_t>(group_hash >> 32), records_[group]};
  }
  // The old slots go now: only the first (kInitialSlots) were never counted.
  if (slots_.size() > kInitialSlots) {
    const uint64_t old_bytes = slots_.size() * sizeof(Slot);
    if (memory_) memory_->Release(old_bytes);
    reserved_ -= old_bytes;
  }
  slots_ = std::move(slots);
  mask_ = mask;
  return Status::OK();
}

uint32_t GroupTable::Lookup(std::string_view key, uint64_t hash) const {
  uint32_t tag = static_cast<uint32_t>(hash >> 32);
  for (uint64_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
    const Slot& entry = slots_[slot];
    if (entry.group_plus_one == 0) return kNoGroup;
    if (entry.tag == tag && KeyEquals(entry.key, key)) return entry.group_plus_one - 1;
  }
}

Result<uint32_t> GroupTable::Insert(std::string_view key, uint64_t hash, bool* created) {
  uint32_t tag = static_cast<uint32_t>(hash >> 32);
  uint64_t slot = hash & mask_;
  while (true) {
    const Slot& entry = slots_[slot];
    if (entry.group_plus_one == 0) break;
    if (entry.tag == tag && KeyEquals(entry.key, key)) {
      *created = false;
      return entry.group_plus_one - 1;
    }
    slot = (slot + 1) & mask_;
  }
  uint32_t group = static_cast<uint32_t>(records_.size());
  LARDER_ASSIGN_OR_RETURN(uint8_t * record, key_arena_.Allocate(key.size() + 12, 4));
  uint32_t length = static_cast<uint32_t>(key.size());
  std::memcpy(record, &hash, 8);
  std::memcpy(record + 8, &length, 4);
  std::memcpy(record + 12, key.data(), key.size());
  records_.push_back(record);
  slots_[slot] = Slot{group + 1, tag, record};
  *created = true;
  // At most 3/4 full: the tags keep probing cheap, and slots are half of a big table's memory.
  if (records_.size() * 4 > slots_.size() * 3) LARDER_RETURN_IF_ERROR(Grow());
  return group;
}

template <typename Resolve>
Status GroupTable::ResolveRows(const std::vector<const ColumnVector*>& keys, size_t rows,
                               SerializedKeys* scratch, std::vector<uint32_t>* ids,
                               const Resolve& resolve) const {
  ids->resize(rows);
  // One dictionary-encoded key (a stored string column): each distinct code is resolved once.
  if (keys.size() == 1 && keys[0]->is_dictionary()) {
    const ColumnVector& column = *keys[0];
    constexpr uint32_t kUnresolved = UINT32_MAX - 1;  // kNoGroup (UINT32_MAX) is an answer.
    std::vector<uint32_t> by_code(column.dictionary().size(), kUnresolved);
    uint32_t null_group = kUnresolved;
    const std::vector<uint32_t>& codes = column.codes();
    std::string key;
    for (size_t row = 0; row < rows; ++row) {
      uint32_t* cached = column.IsNull(row) ? &null_group : &by_code[codes[row]];
      if (*cached == kUnresolved) {
        key.clear();
        SerializeKey(keys, row, &key);
        LARDER_ASSIGN_OR_RETURN(*cached, resolve(key, HashBytes(key.data(), key.size())));
      }
      (*ids)[row] = *cached;
    }
    return Status::OK();
  }
  // Keys and hashes of the whole chunk first, then probes with the slots of rows a little ahead
  // prefetched: the table is usually far larger than the caches.
  Serialize(keys, rows, scratch);
  constexpr size_t kAhead = 8;
  for (size_t row = 0; row < rows; ++row) {
    if (row + kAhead < rows) Prefetch(scratch->hashes[row + kAhead]);
    LARDER_ASSIGN_OR_RETURN((*ids)[row], resolve(scratch->key(row), scratch->hashes[row]));
  }
  return Status::OK();
}

Status GroupTable::FindOrCreate(const std::vector<const ColumnVector*>& keys, size_t rows,
                                std::vector<uint32_t>* ids, std::vector<uint32_t>* new_groups) {
  return ResolveRows(keys, rows, &scratch_, ids,
                     [&](std::string_view key, uint64_t hash) -> Result<uint32_t> {
                       bool created = false;
                       LARDER_ASSIGN_OR_RETURN(uint32_t group, Insert(key, hash, &created));
                       if (created && new_groups) new_groups->push_back(group);
                       return group;
                     });
}

void GroupTable::Find(const std::vector<const ColumnVector*>& keys, size_t rows,
                      std::vector<uint32_t>* ids) const {
  SerializedKeys scratch;
  ResolveRows(
      keys, rows, &scratch, ids,
      [&](std::string_view key, uint64_t hash) -> Result<uint32_t> { return Lookup(key, hash); })
      .IgnoreError();  // Lookups cannot fail.
}

Result<uint32_t> GroupTable::FindOrCreateFrom(const GroupTable& other, uint32_t group,
                                              bool* created) {
  return Insert(other.KeyOf(group), other.hash(group), created);
}

namespace {

// Appends a fixed-width value of `width` bytes copied from `bytes`.
void AppendFixed(ColumnVector* column, const char* bytes, size_t width) {
  struct Bytes16 {
    uint8_t bytes[16];
  };
  auto append = [&](auto value) {
    std::memcpy(&value, bytes, sizeof(value));
    column->Append(value);
  };
  switch (width) {
    case 1:
      return append(uint8_t{});
    case 2:
      return append(uint16_t{});
    case 4:
      return append(uint32_t{});
    case 8:
      return append(uint64_t{});
    case 16:
      return append(Bytes16{});
    default:
      LARDER_CHECK(false);
  }
}

}  // namespace

std::vector<ColumnVector> GroupTable::KeyColumns() const {
  std::vector<ColumnVector> columns;
  for (const LogicalType& type : key_types_) {
    columns.emplace_back(type);
    columns.back().Reserve(size());
  }
  for (uint32_t group = 0; group < size(); ++group) {
    std::string_view key = KeyOf(group);
    size_t pos = 0;
    for (size_t index = 0; index < columns.size(); ++index) {
      ColumnVector& column = columns[index];
      if (key[pos++] == '\1') {
        column.AppendNull();
        continue;
      }
      const LogicalType& type = key_types_[index];
      const size_t width = type.fixed_width();
      if (type.is_string_like()) {
        uint32_t length = 0;
        std::memcpy(&length, key.data() + pos, 4);
        column.AppendString(key.substr(pos + 4, length));
        pos += 4 + length;
      } else if (width > 0 && type.id() != TypeId::kNothing) {
        AppendFixed(&column, key.data() + pos, width);
        pos += width;
      } else {
        BinaryReader reader(key.substr(pos), "a GROUP BY key");
        Value value;
        LARDER_CHECK(Value::Deserialize(&reader, &value).ok());
        column.AppendValue(value);
        pos += reader.position();
      }
    }
  }
  return columns;
}

}  // namespace larder::execution
