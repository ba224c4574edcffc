#include "analytics/person_store.h"

#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <optional>
#include <unordered_map>
#include <utility>

#include "analytics/json_object_merge.h"
#include "catalog/sqlite_db.h"
#include "types/value.h"

namespace larder::analytics {
namespace {

using catalog::SqliteDb;
using catalog::Statement;
using catalog::Transaction;

// On-disk format: one SQLite file (WAL mode) with these tables.
//   meta(key, value): "schema_version" (1), "applied_seq" (through_seq of the last Apply) and
//     "applied_at_us" (when that Apply committed, by the store's clock).
//   persons: id (UUID text, lower-case, dashed), created_at (µs since the epoch, UTC),
//     properties (minified JSON object text, keys in byte order), is_identified (0 or 1).
//   person_distinct_ids: every distinct id a person was ever seen with, mapped to the person it
//     belongs to now; merges move rows here, so the map stays complete and current.
//   groups: (group_type, group_key) -> properties (minified JSON object), created_at (µs).
constexpr int64_t kSchemaVersion = 1;
constexpr std::string_view kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS persons (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  properties TEXT NOT NULL,
  is_identified INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS person_distinct_ids (
  distinct_id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES persons (id) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_distinct_ids_by_person ON person_distinct_ids (person_id);
CREATE TABLE IF NOT EXISTS groups (
  group_type TEXT NOT NULL,
  group_key TEXT NOT NULL,
  properties TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (group_type, group_key)
);
)sql";

// The statements the store prepares once and reuses.
enum class Sql {
  kReadMeta,
  kWriteMeta,
  kFindPersonOfDistinctId,
  kInsertDistinctId,
  kDistinctIdsOfPerson,
  kMoveDistinctIds,
  kFindPerson,
  kInsertPerson,
  kUpdatePerson,
  kDeletePerson,
  kFindGroup,
  kInsertGroup,
  kUpdateGroup,
  kAllPersons,
  kAllDistinctIds,
  kAllGroups,
  kCount,
};

constexpr std::array<std::string_view, static_cast<size_t>(Sql::kCount)> kSqlText = {
    "SELECT value FROM meta WHERE key = ?1",
    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "SELECT person_id FROM person_distinct_ids WHERE distinct_id = ?1",
    "INSERT INTO person_distinct_ids (distinct_id, person_id) VALUES (?1, ?2)",
    "SELECT distinct_id FROM person_distinct_ids WHERE person_id = ?1",
    "UPDATE person_distinct_ids SET person_id = ?1 WHERE person_id = ?2",
    "SELECT created_at, properties, is_identified FROM persons WHERE id = ?1",
    "INSERT INTO persons (id, created_at, properties, is_identified) VALUES (?1, ?2, ?3, ?4)",
    "UPDATE persons SET created_at = ?2, properties = ?3, is_identified = ?4 WHERE id = ?1",
    "DELETE FROM persons WHERE id = ?1",
    "SELECT properties FROM groups WHERE group_type = ?1 AND group_key = ?2",
    "INSERT INTO groups (group_type, group_key, properties, created_at) VALUES (?1, ?2, ?3, ?4)",
    "UPDATE groups SET properties = ?3 WHERE group_type = ?1 AND group_key = ?2",
    "SELECT id, created_at, properties, is_identified FROM persons ORDER BY created_at, id",
    "SELECT distinct_id, person_id FROM person_distinct_ids ORDER BY distinct_id",
    "SELECT group_type, group_key, properties, created_at FROM groups "
    "ORDER BY group_type, group_key",
};

// The distinct id -> person cache is dropped when it grows past this many entries.
constexpr size_t kMaxCachedDistinctIds = size_t{1} << 20;

// The namespace of PersonIdFor's name-based (version 5) UUIDs: PostHog's, so a person gets the
// id PostHog would give it.
constexpr std::array<unsigned char, 16> kPersonIdNamespace = {
    0x93, 0x29, 0x79, 0xb4, 0x65, 0xc3, 0x44, 0x24, 0x84, 0x67, 0x0b, 0x66, 0xec, 0x27, 0xbc, 0x22};

// Distinct ids that PostHog refuses to identify or alias with, because they come from client
// bugs ("undefined", "null", …) and would merge unrelated people into one.
bool IsIllegalDistinctId(std::string_view id) {
  if (id.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos) return true;
  std::string_view bare = id;
  if (bare.size() >= 2 && (bare.front() == '"' || bare.front() == '\'') &&
      bare.back() == bare.front()) {
    bare = bare.substr(1, bare.size() - 2);
  }
  static constexpr std::string_view kAnyCase[] = {
      "anonymous",         "guest", "distinctid", "distinct_id", "id",
      "not_authenticated", "email", "undefined",  "true",        "false"};
  static constexpr std::string_view kExactCase[] = {
      "[object Object]", "NaN", "None", "none", "null", "0", "undefined"};
  std::string lower(bare);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(std::begin(kAnyCase), std::end(kAnyCase), lower) != std::end(kAnyCase) ||
         std::find(std::begin(kExactCase), std::end(kExactCase), bare) != std::end(kExactCase);
}

// Events whose person updates PostHog ignores ($set on them changes no person).
bool IgnoresPersonUpdates(std::string_view event) {
  return event == "$exception" || event == "$$heatmap";
}

struct UuidHash {
  size_t operator()(const Uuid128& id) const {
    return static_cast<size_t>(id.high ^ (id.low * 0x9e3779b97f4a7c15ULL));
  }
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// A prepared statement in use: reset when this goes out of scope, so that no read stays open
// and the statement is ready for its next use.
class StatementUse {
 public:
  explicit StatementUse(Statement* statement) : statement_(statement) {}
  StatementUse(StatementUse&& other) noexcept
      : statement_(std::exchange(other.statement_, nullptr)) {}
  StatementUse& operator=(StatementUse&&) = delete;
  ~StatementUse() {
    if (statement_ != nullptr) statement_->Reset();
  }
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
};

// A person loaded into (or created by) the Apply under way; written back when it commits.
struct PersonRow {
  int64_t created_at_us = 0;
  JsonObject properties;
  bool is_identified = false;
  bool is_new = false;   // Not in the persons table yet.
  bool dirty = false;    // Differs from its stored row.
  bool deleted = false;  // Merged into another person.
};

}  // namespace

class PersonStore::Impl {
 public:
  Impl(std::unique_ptr<SqliteDb> db, int64_t project_id, const Clock* clock)
      : db_(std::move(db)), project_id_(project_id), clock_(clock) {}

  Status Init();
  Result<std::vector<Uuid128>> Apply(EventRefs events, uint64_t through_seq);
  Result<std::vector<Uuid128>> Lookup(EventRefs events);
  uint64_t applied_seq() const { return applied_seq_; }
  Result<Batch> PersonsBatch();
  Result<Batch> DistinctIdsBatch();
  Result<Batch> GroupsBatch();

 private:
  // Prepares `sql` (once), resets it and binds `args` to ?1, ?2, ...
  template <typename... Args>
  Result<StatementUse> Use(Sql sql, const Args&... args);
  // Runs a write statement to completion.
  template <typename... Args>
  Status Run(Sql sql, const Args&... args);

  Status ApplyInTransaction(EventRefs events, uint64_t through_seq,
                            std::vector<Uuid128>* person_ids);
  Result<Uuid128> ProcessEvent(const CapturedEvent& event);
  // $identify / $create_alias / $merge_dangerously: the person the event's distinct id belongs
  // to after joining it with the other id, or nullopt when the event joins nothing.
  Result<std::optional<Uuid128>> IdentifyOrAlias(const CapturedEvent& event);
  Result<Uuid128> JoinDistinctIds(const CapturedEvent& event, std::string_view other_id,
                                  bool merge_identified);
  // Merges `source` into `target`: target keeps its id and its values on shared property keys,
  // gets the older created_at and source's distinct ids; source is deleted.
  Status MergePersons(Uuid128 target_id, Uuid128 source_id);
  Result<Uuid128> GetOrCreatePerson(const CapturedEvent& event);
  Status ApplyPropertyUpdates(const CapturedEvent& event, PersonRow* person);
  Status UpsertGroup(const CapturedEvent& event);
  // A malformed update (capture validates them, so only a damaged log has one) changes nothing.
  JsonObject ReadUpdate(std::string_view json);

  Result<std::optional<Uuid128>> FindPersonOf(std::string_view distinct_id);
  Result<PersonRow*> LoadPerson(Uuid128 id);
  Result<Uuid128> CreatePerson(Uuid128 id, int64_t created_at_us,
                               std::initializer_list<std::string_view> distinct_ids);
  Status AddDistinctId(std::string_view distinct_id, Uuid128 person_id);
  Status WritePersons();
  Result<std::optional<int64_t>> ReadMeta(std::string_view key);
  Status WriteMeta(std::string_view key, int64_t value) { return Run(Sql::kWriteMeta, key, value); }
  Result<Uuid128> ReadUuid(const Statement& statement, int column) const;

  std::unique_ptr<SqliteDb> db_;
  const int64_t project_id_;  // Part of every new person's id.
  const Clock* clock_;        // Not owned.
  std::array<std::optional<Statement>, static_cast<size_t>(Sql::kCount)> statements_;
  uint64_t applied_seq_ = 0;
  JsonObjectReader reader_;
  // Committed distinct id -> person id entries, plus those of the Apply under way; dropped
  // whole when an Apply fails, since its entries were rolled back.
  std::unordered_map<std::string, Uuid128, StringHash, std::equal_to<>> person_of_distinct_id_;
  // Persons read or created by the Apply under way.
  std::unordered_map<Uuid128, PersonRow, UuidHash> working_set_;
};

template <typename... Args>
Result<StatementUse> PersonStore::Impl::Use(Sql sql, const Args&... args) {
  std::optional<Statement>& slot = statements_[static_cast<size_t>(sql)];
  if (!slot.has_value()) {
    LARDER_ASSIGN_OR_RETURN(Statement statement, db_->Prepare(kSqlText[static_cast<size_t>(sql)]));
    slot.emplace(std::move(statement));
  }
  slot->Reset();
  StatementUse use(&*slot);
  if constexpr (sizeof...(args) > 0) {
    LARDER_RETURN_IF_ERROR(slot->BindAll(args...));
  }
  return use;
}

template <typename... Args>
Status PersonStore::Impl::Run(Sql sql, const Args&... args) {
  LARDER_ASSIGN_OR_RETURN(StatementUse statement, Use(sql, args...));
  while (true) {
    LARDER_ASSIGN_OR_RETURN(bool has_row, statement->Step());
    if (!has_row) return Status::OK();
  }
}

Status PersonStore::Impl::Init() {
  // WAL with synchronous=NORMAL keeps the file consistent across crashes; a power loss may drop
  // the last commits, whose events the caller replays from its log after applied_seq().
  LARDER_RETURN_IF_ERROR(db_->Exec("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536"));
  LARDER_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db_.get()));
  LARDER_RETURN_IF_ERROR(db_->Exec(kSchemaSql));
  LARDER_ASSIGN_OR_RETURN(std::optional<int64_t> version, ReadMeta("schema_version"));
  LARDER_ASSIGN_OR_RETURN(std::optional<int64_t> applied_seq, ReadMeta("applied_seq"));
  if (version.has_value() && *version != kSchemaVersion) {
    return FailedPrecondition(
        "person store {} has schema version {}, this build reads version {}; open it with the "
        "Larder version that wrote it",
        db_->path(), *version, kSchemaVersion);
  }
  if (!version.has_value()) {
    LARDER_RETURN_IF_ERROR(WriteMeta("schema_version", kSchemaVersion));
  }
  applied_seq_ = static_cast<uint64_t>(applied_seq.value_or(0));
  return transaction.Commit();
}

Result<std::optional<int64_t>> PersonStore::Impl::ReadMeta(std::string_view key) {
  LARDER_ASSIGN_OR_RETURN(StatementUse read, Use(Sql::kReadMeta, key));
  LARDER_ASSIGN_OR_RETURN(bool has_row, read->Step());
  if (!has_row) return std::optional<int64_t>();
  return std::optional<int64_t>(read->ColumnInt64(0));
}

Result<std::vector<Uuid128>> PersonStore::Impl::Apply(EventRefs events, uint64_t through_seq) {
  if (through_seq <= applied_seq_) {
    return FailedPrecondition(
        "person store {}: events through seq {} were applied already (applied_seq is {})",
        db_->path(), through_seq, applied_seq_);
  }
  if (person_of_distinct_id_.size() > kMaxCachedDistinctIds) person_of_distinct_id_.clear();
  std::vector<Uuid128> person_ids;
  person_ids.reserve(events.size());
  Status status = ApplyInTransaction(events, through_seq, &person_ids);
  working_set_.clear();
  if (!status.ok()) {
    person_of_distinct_id_.clear();
    return status;
  }
  applied_seq_ = through_seq;
  return person_ids;
}

Status PersonStore::Impl::ApplyInTransaction(EventRefs events, uint64_t through_seq,
                                             std::vector<Uuid128>* person_ids) {
  LARDER_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db_.get()));
  for (size_t event_idx = 0; event_idx < events.size(); ++event_idx) {
    const CapturedEvent& event = *events[event_idx];
    Result<Uuid128> person_id = ProcessEvent(event);
    if (!person_id.ok()) {
      return person_id.status().WithContext(
          fmt::format("person processing of event {} ('{}' of distinct_id '{}')", event_idx,
                      event.event, event.distinct_id));
    }
    person_ids->push_back(*person_id);
  }
  LARDER_RETURN_IF_ERROR(WritePersons());
  LARDER_RETURN_IF_ERROR(WriteMeta("applied_seq", static_cast<int64_t>(through_seq)));
  LARDER_RETURN_IF_ERROR(WriteMeta("applied_at_us", clock_->NowMicros()));
  return transaction.Commit();
}

Result<Uuid128> PersonStore::Impl::ProcessEvent(const CapturedEvent& event) {
  if (!event.process_person) {
    LARDER_ASSIGN_OR_RETURN(std::optional<Uuid128> existing, FindPersonOf(event.distinct_id));
    return existing.value_or(PersonIdFor(project_id_, event.distinct_id));
  }
  LARDER_ASSIGN_OR_RETURN(std::optional<Uuid128> identified, IdentifyOrAlias(event));
  Uuid128 person_id;
  if (identified.has_value()) {
    person_id = *identified;
  } else {
    LARDER_ASSIGN_OR_RETURN(person_id, GetOrCreatePerson(event));
  }
  bool has_updates = !event.set_json.empty() || !event.set_once_json.empty() ||
                     !event.unset.empty() || identified.has_value();
  if (has_updates) {
    LARDER_ASSIGN_OR_RETURN(PersonRow * person, LoadPerson(person_id));
    LARDER_RETURN_IF_ERROR(ApplyPropertyUpdates(event, person));
    if (identified.has_value() && !person->is_identified) {
      person->is_identified = true;
      person->dirty = true;
    }
  }
  if (event.event == "$groupidentify") {
    LARDER_RETURN_IF_ERROR(UpsertGroup(event));
  }
  return person_id;
}

Result<std::optional<Uuid128>> PersonStore::Impl::IdentifyOrAlias(const CapturedEvent& event) {
  std::string_view other_id;
  bool merge_identified = false;
  if ((event.event == "$create_alias" || event.event == "$merge_dangerously") &&
      !event.alias.empty()) {
    other_id = event.alias;
    merge_identified = event.event == "$merge_dangerously";
  } else if (event.event == "$identify" && !event.anon_distinct_id.empty()) {
    other_id = event.anon_distinct_id;
  } else {
    return std::optional<Uuid128>();
  }
  if (other_id == event.distinct_id || IsIllegalDistinctId(event.distinct_id) ||
      IsIllegalDistinctId(other_id)) {
    return std::optional<Uuid128>();
  }
  LARDER_ASSIGN_OR_RETURN(Uuid128 person_id, JoinDistinctIds(event, other_id, merge_identified));
  return std::optional<Uuid128>(person_id);
}

Result<Uuid128> PersonStore::Impl::JoinDistinctIds(const CapturedEvent& event,
                                                   std::string_view other_id,
                                                   bool merge_identified) {
  const std::string& into_id = event.distinct_id;
  LARDER_ASSIGN_OR_RETURN(std::optional<Uuid128> other_person, FindPersonOf(other_id));
  LARDER_ASSIGN_OR_RETURN(std::optional<Uuid128> into_person, FindPersonOf(into_id));
  if (other_person.has_value() && !into_person.has_value()) {
    LARDER_RETURN_IF_ERROR(AddDistinctId(into_id, *other_person));
    return *other_person;
  }
  if (into_person.has_value() && !other_person.has_value()) {
    LARDER_RETURN_IF_ERROR(AddDistinctId(other_id, *into_person));
    return *into_person;
  }
  if (!into_person.has_value()) {
    return CreatePerson(PersonIdFor(project_id_, into_id), event.timestamp_us, {into_id, other_id});
  }
  if (*other_person == *into_person) return *into_person;
  LARDER_ASSIGN_OR_RETURN(PersonRow * other, LoadPerson(*other_person));
  // PostHog's rule: an identified person is never merged into another one (it is someone
  // else), unless the event is $merge_dangerously.
  if (other->is_identified && !merge_identified) return *into_person;
  LARDER_RETURN_IF_ERROR(MergePersons(*into_person, *other_person));
  return *into_person;
}

Status PersonStore::Impl::MergePersons(Uuid128 target_id, Uuid128 source_id) {
  LARDER_ASSIGN_OR_RETURN(PersonRow * target, LoadPerson(target_id));
  LARDER_ASSIGN_OR_RETURN(PersonRow * source, LoadPerson(source_id));
  target->properties.SetOnce(source->properties);
  target->created_at_us = std::min(target->created_at_us, source->created_at_us);
  target->is_identified = true;
  target->dirty = true;
  source->deleted = true;
  std::string source_text = FormatUuid(source_id);
  {
    LARDER_ASSIGN_OR_RETURN(StatementUse ids, Use(Sql::kDistinctIdsOfPerson, source_text));
    while (true) {
      LARDER_ASSIGN_OR_RETURN(bool has_row, ids->Step());
      if (!has_row) break;
      person_of_distinct_id_.insert_or_assign(ids->ColumnText(0), target_id);
    }
  }
  return Run(Sql::kMoveDistinctIds, FormatUuid(target_id), source_text);
}

Result<Uuid128> PersonStore::Impl::GetOrCreatePerson(const CapturedEvent& event) {
  LARDER_ASSIGN_OR_RETURN(std::optional<Uuid128> existing, FindPersonOf(event.distinct_id));
  if (existing.has_value()) return *existing;
  return CreatePerson(PersonIdFor(project_id_, event.distinct_id), event.timestamp_us,
                      {event.distinct_id});
}

Status PersonStore::Impl::ApplyPropertyUpdates(const CapturedEvent& event, PersonRow* person) {
  if (IgnoresPersonUpdates(event.event)) return Status::OK();
  // PostHog's order: $set_once, then $set (so $set wins), then $unset.
  bool changed = false;
  if (!event.set_once_json.empty()) {
    changed = person->properties.SetOnce(ReadUpdate(event.set_once_json)) || changed;
  }
  if (!event.set_json.empty()) {
    changed = person->properties.Set(ReadUpdate(event.set_json)) || changed;
  }
  changed = person->properties.Unset(event.unset) || changed;
  person->dirty = person->dirty || changed;
  return Status::OK();
}

Status PersonStore::Impl::UpsertGroup(const CapturedEvent& event) {
  if (event.group_type.empty() || event.group_key.empty()) return Status::OK();
  JsonObject properties;
  bool exists = false;
  {
    LARDER_ASSIGN_OR_RETURN(StatementUse find,
                            Use(Sql::kFindGroup, event.group_type, event.group_key));
    LARDER_ASSIGN_OR_RETURN(exists, find->Step());
    if (exists) {
      Result<JsonObject> stored = reader_.Read(find->ColumnText(0));
      if (!stored.ok()) {
        return Corruption("group ({}, {}) in {} has unreadable properties: {}", event.group_type,
                          event.group_key, db_->path(), stored.status().message());
      }
      properties = std::move(*stored);
    }
  }
  bool changed = properties.Set(ReadUpdate(event.group_set_json));
  if (!exists) {
    return Run(Sql::kInsertGroup, event.group_type, event.group_key, properties.Serialize(),
               event.timestamp_us);
  }
  if (!changed) return Status::OK();
  return Run(Sql::kUpdateGroup, event.group_type, event.group_key, properties.Serialize());
}

JsonObject PersonStore::Impl::ReadUpdate(std::string_view json) {
  if (json.empty()) return JsonObject();
  Result<JsonObject> update = reader_.Read(json);
  return update.ok() ? std::move(*update) : JsonObject();
}

Result<std::optional<Uuid128>> PersonStore::Impl::FindPersonOf(std::string_view distinct_id) {
  if (auto it = person_of_distinct_id_.find(distinct_id); it != person_of_distinct_id_.end()) {
    return std::optional<Uuid128>(it->second);
  }
  LARDER_ASSIGN_OR_RETURN(StatementUse find, Use(Sql::kFindPersonOfDistinctId, distinct_id));
  LARDER_ASSIGN_OR_RETURN(bool has_row, find->Step());
  if (!has_row) return std::optional<Uuid128>();
  LARDER_ASSIGN_OR_RETURN(Uuid128 person_id, ReadUuid(*find, 0));
  person_of_distinct_id_.emplace(std::string(distinct_id), person_id);
  return std::optional<Uuid128>(person_id);
}

Result<PersonRow*> PersonStore::Impl::LoadPerson(Uuid128 id) {
  if (auto it = working_set_.find(id); it != working_set_.end()) {
    if (it->second.deleted) {
      return Internal("person {} was used after it was merged away", FormatUuid(id));
    }
    return &it->second;
  }
  std::string id_text = FormatUuid(id);
  LARDER_ASSIGN_OR_RETURN(StatementUse find, Use(Sql::kFindPerson, id_text));
  LARDER_ASSIGN_OR_RETURN(bool has_row, find->Step());
  if (!has_row) {
    return Corruption("person {} is named in person_distinct_ids of {} but is not in persons",
                      id_text, db_->path());
  }
  Result<JsonObject> properties = reader_.Read(find->ColumnText(1));
  if (!properties.ok()) {
    return Corruption("person {} in {} has unreadable properties: {}", id_text, db_->path(),
                      properties.status().message());
  }
  PersonRow row;
  row.created_at_us = find->ColumnInt64(0);
  row.properties = std::move(*properties);
  row.is_identified = find->ColumnInt64(2) != 0;
  return &working_set_.emplace(id, std::move(row)).first->second;
}

Result<Uuid128> PersonStore::Impl::CreatePerson(
    Uuid128 id, int64_t created_at_us, std::initializer_list<std::string_view> distinct_ids) {
  PersonRow row;
  row.created_at_us = created_at_us;
  row.is_new = true;
  row.dirty = true;
  if (!working_set_.emplace(id, std::move(row)).second) {
    return Internal("person {} was created twice", FormatUuid(id));
  }
  for (std::string_view distinct_id : distinct_ids) {
    LARDER_RETURN_IF_ERROR(AddDistinctId(distinct_id, id));
  }
  return id;
}

Status PersonStore::Impl::AddDistinctId(std::string_view distinct_id, Uuid128 person_id) {
  LARDER_RETURN_IF_ERROR(Run(Sql::kInsertDistinctId, distinct_id, FormatUuid(person_id)));
  person_of_distinct_id_.insert_or_assign(std::string(distinct_id), person_id);
  return Status::OK();
}

Status PersonStore::Impl::WritePersons() {
  for (auto& [id, row] : working_set_) {
    if (row.deleted) {
      if (!row.is_new) {
        LARDER_RETURN_IF_ERROR(Run(Sql::kDeletePerson, FormatUuid(id)));
      }
    } else if (row.dirty) {
      LARDER_RETURN_IF_ERROR(Run(row.is_new ? Sql::kInsertPerson : Sql::kUpdatePerson,
                                 FormatUuid(id), row.created_at_us, row.properties.Serialize(),
                                 row.is_identified));
    }
  }
  return Status::OK();
}

Result<Uuid128> PersonStore::Impl::ReadUuid(const Statement& statement, int column) const {
  std::string text = statement.ColumnText(column);
  Uuid128 id;
  if (!ParseUuid(text, &id)) {
    return Corruption("person store {} holds '{}' where a UUID belongs", db_->path(), text);
  }
  return id;
}

Result<std::vector<Uuid128>> PersonStore::Impl::Lookup(EventRefs events) {
  std::vector<Uuid128> person_ids;
  person_ids.reserve(events.size());
  for (const CapturedEvent* event_ref : events) {
    const CapturedEvent& event = *event_ref;
    LARDER_ASSIGN_OR_RETURN(std::optional<Uuid128> existing, FindPersonOf(event.distinct_id));
    person_ids.push_back(existing.value_or(PersonIdFor(project_id_, event.distinct_id)));
  }
  return person_ids;
}

Result<Batch> PersonStore::Impl::PersonsBatch() {
  Batch batch = Batch::Empty(PersonsSchema());
  LARDER_ASSIGN_OR_RETURN(StatementUse rows, Use(Sql::kAllPersons));
  while (true) {
    LARDER_ASSIGN_OR_RETURN(bool has_row, rows->Step());
    if (!has_row) return batch;
    LARDER_ASSIGN_OR_RETURN(Uuid128 id, ReadUuid(*rows, 0));
    batch.columns[0].Append(id);
    batch.columns[1].Append(rows->ColumnInt64(1));
    batch.columns[2].AppendString(rows->ColumnText(2));
    batch.columns[3].Append(static_cast<uint8_t>(rows->ColumnInt64(3) != 0));
  }
}

Result<Batch> PersonStore::Impl::DistinctIdsBatch() {
  Batch batch = Batch::Empty(DistinctIdsSchema());
  LARDER_ASSIGN_OR_RETURN(StatementUse rows, Use(Sql::kAllDistinctIds));
  while (true) {
    LARDER_ASSIGN_OR_RETURN(bool has_row, rows->Step());
    if (!has_row) return batch;
    LARDER_ASSIGN_OR_RETURN(Uuid128 person_id, ReadUuid(*rows, 1));
    batch.columns[0].AppendString(rows->ColumnText(0));
    batch.columns[1].Append(person_id);
  }
}

Result<Batch> PersonStore::Impl::GroupsBatch() {
  Batch batch = Batch::Empty(GroupsSchema());
  LARDER_ASSIGN_OR_RETURN(StatementUse rows, Use(Sql::kAllGroups));
  while (true) {
    LARDER_ASSIGN_OR_RETURN(bool has_row, rows->Step());
    if (!has_row) return batch;
    batch.columns[0].AppendString(rows->ColumnText(0));
    batch.columns[1].AppendString(rows->ColumnText(1));
    batch.columns[2].AppendString(rows->ColumnText(2));
    batch.columns[3].Append(rows->ColumnInt64(3));
  }
}

Result<std::unique_ptr<PersonStore>> PersonStore::Open(const std::string& sqlite_path,
                                                       int64_t project_id, const Clock* clock) {
  LARDER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(sqlite_path));
  auto impl = std::make_unique<Impl>(std::move(db), project_id, clock);
  LARDER_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<PersonStore>(new PersonStore(std::move(impl)));
}

PersonStore::PersonStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

PersonStore::~PersonStore() = default;

Result<std::vector<Uuid128>> PersonStore::Apply(EventRefs events, uint64_t through_seq) {
  std::lock_guard lock(mutex_);
  return impl_->Apply(events, through_seq);
}

namespace {

std::vector<const CapturedEvent*> Refs(std::span<const CapturedEvent> events) {
  std::vector<const CapturedEvent*> refs;
  refs.reserve(events.size());
  for (const CapturedEvent& event : events) refs.push_back(&event);
  return refs;
}

}  // namespace

Result<std::vector<Uuid128>> PersonStore::Apply(std::span<const CapturedEvent> events,
                                                uint64_t through_seq) {
  return Apply(Refs(events), through_seq);
}

Result<std::vector<Uuid128>> PersonStore::Lookup(std::span<const CapturedEvent> events) {
  return Lookup(Refs(events));
}

Result<std::vector<Uuid128>> PersonStore::Lookup(EventRefs events) {
  std::lock_guard lock(mutex_);
  return impl_->Lookup(events);
}

uint64_t PersonStore::applied_seq() const {
  std::lock_guard lock(mutex_);
  return impl_->applied_seq();
}

Uuid128 PersonStore::PersonIdFor(int64_t project_id, std::string_view distinct_id) {
  std::string name(kPersonIdNamespace.begin(), kPersonIdNamespace.end());
  name.append(std::to_string(project_id)).append(":").append(distinct_id);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(name.data()), name.size(), digest);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);  // Version 5.
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);  // RFC 4122 variant.
  Uuid128 id;
  for (int byte_idx = 0; byte_idx < 8; ++byte_idx) {
    id.high = (id.high << 8) | digest[byte_idx];
    id.low = (id.low << 8) | digest[byte_idx + 8];
  }
  return id;
}

Schema PersonStore::PersonsSchema() {
  return Schema{{{"id", LogicalType::Uuid()},
                 {"created_at", LogicalType::DateTime()},
                 {"properties", LogicalType::Json()},
                 {"is_identified", LogicalType::Bool()}}};
}

Schema PersonStore::DistinctIdsSchema() {
  return Schema{{{"distinct_id", LogicalType::String()}, {"person_id", LogicalType::Uuid()}}};
}

Schema PersonStore::GroupsSchema() {
  return Schema{{{"group_type", LogicalType::String()},
                 {"group_key", LogicalType::String()},
                 {"properties", LogicalType::Json()},
                 {"created_at", LogicalType::DateTime()}}};
}

Result<Batch> PersonStore::PersonsBatch() {
  std::lock_guard lock(mutex_);
  return impl_->PersonsBatch();
}

Result<Batch> PersonStore::DistinctIdsBatch() {
  std::lock_guard lock(mutex_);
  return impl_->DistinctIdsBatch();
}

Result<Batch> PersonStore::GroupsBatch() {
  std::lock_guard lock(mutex_);
  return impl_->GroupsBatch();
}

}  // namespace larder::analytics
