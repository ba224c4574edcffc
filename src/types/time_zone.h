// Time zones: the UTC offsets of IANA zones, read from the system's TZif files
// (/usr/share/zoneinfo), so that date and time functions can work in local time. Part of types/:
// knows nothing above it.
//
// Local times are counted like UTC ones, as seconds since 1970-01-01 00:00:00 on the local wall
// clock. A local time that a clock change skipped or repeated is resolved as ClickHouse does
// (its DateLUTImpl::makeDateTime): a time in the gap of a spring-forward uses the offset after
// the change (so 02:30 on a day that jumps from 02:00 to 03:00 becomes 01:30 in the old offset),
// and a repeated time of a fall-back uses the offset before the change (the earlier instant).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace larder {

// A stretch of time with one UTC offset: [begin, end) in UTC seconds.
struct ZonePeriod {
  int64_t begin = 0;
  int64_t end = 0;
  int32_t offset = 0;  // Seconds east of UTC.
};

// One zone's offsets over all of time. Immutable after construction, so thread-safe.
class TimeZone {
 public:
  // Parses TZif data (RFC 8536, versions 1 to 4): the transitions, their local time types and,
  // from version 2 on, the footer's POSIX TZ rule for times after the last transition. Zones
  // with leap seconds ("right/…") are refused.
  static Result<std::unique_ptr<TimeZone>> FromTZif(std::string name, std::string_view data);
  // A zone whose offset never changes ("UTC").
  static std::unique_ptr<TimeZone> Fixed(std::string name, int32_t offset);

  const std::string& name() const { return name_; }

  // The period holding `utc_seconds`.
  ZonePeriod PeriodAt(int64_t utc_seconds) const;
  int32_t OffsetAt(int64_t utc_seconds) const { return PeriodAt(utc_seconds).offset; }
  int64_t ToLocal(int64_t utc_seconds) const { return utc_seconds + OffsetAt(utc_seconds); }
  // The same for microseconds (the offset of the second holding the instant).
  int64_t ToLocalMicros(int64_t utc_micros) const {
    const int64_t seconds = utc_micros / 1'000'000 - (utc_micros % 1'000'000 < 0 ? 1 : 0);
    return utc_micros + int64_t{OffsetAt(seconds)} * 1'000'000;
  }
  // The instant a local wall-clock time means (skipped and repeated times as the file comment
  // says).
  int64_t LocalToUtc(int64_t local_seconds) const;
  // The first instant of local day `day` (days since 1970-01-01): its midnight, or, when a clock
  // change skipped midnight, the instant the day began.
  int64_t StartOfDay(int64_t day) const;

 private:
  TimeZone() = default;
  // Fills local_from_ and the repeating cycle after the explicit transitions.
  void Finish(int64_t cycle_begin);
  size_t TransitionsAtOrBefore(int64_t utc_seconds) const;
  // Moves a time past the table's end back into its last 400-year cycle: returns the shift.
  int64_t CycleShift(int64_t seconds, int64_t table_end) const;

  std::string name_;
  // Changes of offset, ascending UTC seconds; offsets_[i] holds before transitions_[i] and
  // offsets_[i + 1] after it (offsets_ has one more entry).
  std::vector<int64_t> transitions_;
  std::vector<int32_t> offsets_;
  // transitions_[i] + offsets_[i]: the local time at which a wall clock showed the change.
  std::vector<int64_t> local_from_;
  // Times after the table repeat the zone's POSIX rule, whose transitions repeat every 400
  // Gregorian years; the table holds one whole cycle starting at cycle_begin_. 0 when the
  // offset is constant after the last transition.
  int64_t cycle_begin_ = 0;
  int64_t cycle_seconds_ = 0;
};

// A TimeZone with the period of its last lookup remembered: rows of one batch usually lie close
// together in time, so most lookups skip the search. Cheap to make; one per loop, not shared
// between threads.
class ZoneCursor {
 public:
  explicit ZoneCursor(const TimeZone& zone) : zone_(&zone) {}

  int32_t OffsetAt(int64_t utc_seconds) {
    if (utc_seconds < period_.begin || utc_seconds >= period_.end) Load(utc_seconds);
    return period_.offset;
  }
  int64_t ToLocal(int64_t utc_seconds) { return utc_seconds + OffsetAt(utc_seconds); }
  // As TimeZone::LocalToUtc.
  int64_t LocalToUtc(int64_t local_seconds) {
    int64_t utc = local_seconds - period_.offset;
    if (utc >= safe_begin_ && utc < period_.end) return utc;
    return SlowLocalToUtc(local_seconds);
  }
  // The first instant of the local day holding `utc_seconds`.
  int64_t StartOfDayAt(int64_t utc_seconds);
  // As TimeZone::StartOfDay.
  int64_t StartOfDay(int64_t day);
  const TimeZone& zone() const { return *zone_; }

 private:
  void Load(int64_t utc_seconds);
  int64_t SlowLocalToUtc(int64_t local_seconds);

  const TimeZone* zone_;
  ZonePeriod period_{1, 0, 0};  // Empty: the first lookup searches.
  // Instants at or after this are at least two days into the period: no earlier period can
  // claim their local time, so LocalToUtc may use the period's offset directly.
  int64_t safe_begin_ = std::numeric_limits<int64_t>::max();
};

// Zones by name, loaded once from a zoneinfo directory and kept for the life of the registry.
// Thread-safe.
class TimeZoneRegistry {
 public:
  explicit TimeZoneRegistry(std::string zoneinfo_dir) : zoneinfo_dir_(std::move(zoneinfo_dir)) {}

  // The zone named `name` ("UTC" always exists, even without zoneinfo files), or nullptr when
  // there is no such zone. The pointer stays valid as long as the registry.
  const TimeZone* Find(std::string_view name);

 private:
  std::string zoneinfo_dir_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> zones_;
  std::set<std::string, std::less<>> unknown_;  // Names already looked for in vain (bounded).
};

// The zone named `name` from the system's zoneinfo directory, or nullptr. The zones live in a
// process-wide cache (the system's zone files do not change while a query runs).
const TimeZone* FindTimeZone(std::string_view name);
// As FindTimeZone, with an error naming the zone when it is unknown.
Result<const TimeZone*> LookupTimeZone(std::string_view name);

}  // namespace larder
