// PersonStore: a project's persons, their distinct ids and groups, kept in a SQLite file and
// updated by person processing of captured events in ingestion order ($set, $set_once, $unset,
// $identify, $create_alias, merges, $groupidentify), as PostHog's person processing does.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "analytics/captured_event.h"
#include "common/clock.h"
#include "common/status.h"
#include "types/column_vector.h"

namespace larder::analytics {

// Person processing follows PostHog's plugin server:
//  - An event whose distinct id has no person creates one: id PersonIdFor(project, distinct_id),
//    created_at the event's timestamp, is_identified false.
//  - Property updates apply in the order $set_once (keys not present), $set (overwrite), $unset.
//    $exception and $$heatmap events update no person.
//  - $identify (properties.$anon_distinct_id) and $create_alias (properties.alias) join the
//    event's distinct id with the other id, unless the two are equal or either is a placeholder
//    PostHog refuses ("undefined", "null", "anonymous", …). Neither has a person: one is created
//    for both (id PersonIdFor(project, distinct_id)); one has: the other id joins it; both have
//    different persons: the other person is merged into the distinct id's person, unless it is
//    identified already ($merge_dangerously merges even then). A merge keeps the distinct id's
//    person id, its values on shared property keys and the older created_at; the other person's
//    distinct ids move over and it is deleted. The resulting person is marked identified.
//  - $groupidentify upserts group (group_type, group_key) with $group_set ($set semantics);
//    created_at is the timestamp of the event that created it.
// Thread-safe: every call takes the store's mutex (ingestion applies while queries read). One
// PersonStore writes a file at a time (it caches distinct id -> person id and assumes no other
// connection changes them).
class PersonStore {
 public:
  // Opens or creates the store at `sqlite_path`; `clock` stamps each Apply's commit time.
  // REQUIRES: `clock` outlives the store.
  static Result<std::unique_ptr<PersonStore>> Open(const std::string& sqlite_path,
                                                   int64_t project_id, const Clock* clock);
  ~PersonStore();

  // Applies the person side of `events` in order, in one transaction that also records
  // `through_seq` as applied_seq(). Returns each event's person id (the person its distinct_id
  // belongs to after that event was processed). Events with process_person == false create or
  // change nothing (no group either); their person id is the existing person's, else the id a
  // person for that distinct id would get (PersonIdFor). On failure nothing of the call is kept.
  // A malformed $set / $set_once / $group_set (capture validates them) is ignored.
  // REQUIRES: through_seq > applied_seq() (else kFailedPrecondition).
  Result<std::vector<Uuid128>> Apply(EventRefs events, uint64_t through_seq);
  Result<std::vector<Uuid128>> Apply(std::span<const CapturedEvent> events, uint64_t through_seq);
  // Person ids of `events` as the store stands, changing nothing (replaying events whose person
  // side was applied before a crash).
  Result<std::vector<Uuid128>> Lookup(EventRefs events);
  Result<std::vector<Uuid128>> Lookup(std::span<const CapturedEvent> events);
  // The highest through_seq committed by Apply (0 for a new store).
  uint64_t applied_seq() const;

  // The id a new person created for `distinct_id` gets: deterministic (a name-based UUID of
  // the distinct id), so replays create the same person.
  static Uuid128 PersonIdFor(int64_t project_id, std::string_view distinct_id);

  // Snapshots for queries, with these schemas:
  //   persons: id UUID, created_at DateTime, properties JSON, is_identified Bool
  //   person_distinct_ids: distinct_id String, person_id UUID
  //   groups: group_type String, group_key String, properties JSON, created_at DateTime
  Result<Batch> PersonsBatch();
  Result<Batch> DistinctIdsBatch();
  Result<Batch> GroupsBatch();
  // The schemas of those snapshots.
  static Schema PersonsSchema();
  static Schema DistinctIdsSchema();
  static Schema GroupsSchema();

 private:
  class Impl;
  explicit PersonStore(std::unique_ptr<Impl> impl);
  mutable std::mutex mutex_;  // Serializes every call into impl_.
  std::unique_ptr<Impl> impl_;
};

}  // namespace larder::analytics
