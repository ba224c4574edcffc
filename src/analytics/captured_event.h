// CapturedEvent: one product event as the capture API accepted it, validated and normalised,
// before person processing and storage. Capture decoding (capture_request.h) makes them; the
// write-ahead log stores them; person processing (person_store.h) and the events table read them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "types/logical_type.h"

namespace larder::analytics {

struct CapturedEvent {
  Uuid128 uuid;  // The client's uuid, or a fresh UUIDv7 when it sent none.
  // Non-empty, valid UTF-8, at most 200 characters (longer ones are cut, as PostHog cuts them).
  std::string event;
  // As event. A non-string distinct_id (a number, say) is its JSON text: 42 -> "42".
  std::string distinct_id;
  // The event's properties as a minified JSON object ("{}" when none). Its $set / $set_once /
  // $unset stay in it, and top-level $set / $set_once are merged into them (top level wins on a
  // shared key), as PostHog's ingestion stores them.
  std::string properties_json;
  int64_t timestamp_us = 0;   // Event time after clock-skew correction (µs since epoch, UTC).
  int64_t created_at_us = 0;  // When capture received it.
  // Person updates, each a minified JSON object / array, empty when absent: the top-level
  // fields of the same names merged with properties.$set / $set_once / $unset (the top level
  // wins on a shared key).
  std::string set_json;
  std::string set_once_json;
  std::vector<std::string> unset;  // Property names to remove from the person.
  // False when properties.$process_person_profile is false: no person is created or changed.
  bool process_person = true;
  // $identify: properties.$anon_distinct_id; $create_alias: properties.alias. Empty otherwise.
  std::string anon_distinct_id;
  std::string alias;
  // $groupidentify: properties.$group_type, $group_key and $group_set (JSON object).
  std::string group_type;
  std::string group_key;
  std::string group_set_json;
  // elements_chain as sent (top-level field or properties.$elements_chain), else empty.
  std::string elements_chain;
  // properties.$session_id and properties.$window_id when they are strings, else empty.
  std::string session_id;
  std::string window_id;
};

// Events by reference, in order (ingestion passes events without copying them).
using EventRefs = std::span<const CapturedEvent* const>;

// A decoded capture request: every event of one request and the token they were sent with.
struct CaptureBatch {
  std::string token;
  std::vector<CapturedEvent> events;
};

}  // namespace larder::analytics
