// Dates and times in text, read the way ClickHouse's parseDateTimeBestEffort reads them: ISO
// 8601 with 'T' or a space, fractions, 'Z' and UTC offsets; RFC 2822 ("Tue, 3 Oct 2023
// 10:00:00 GMT"); YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, YYYYMMDDhhmmss; DD/MM/YYYY, DD-MM-YY,
// DD.MM.YYYY (day first; when the "month" exceeds 12 the two swap); month names ("24-Dec-18",
// "Oct 3, 2023", syslog's "Jun 9 14:20:32"); AM/PM; unix timestamps of 9 or 10 digits (seconds,
// with an optional fraction) or 13 digits (milliseconds). Used by toDateTime, toDate,
// parseDateTimeBestEffort and the date functions given strings.
#pragma once

#include <cstdint>
#include <string_view>

#include "types/time_zone.h"

namespace larder::functions {

// What a text said. Missing parts are 0 (year, month, day) and default later.
struct DateTimeText {
  bool is_timestamp = false;  // A unix timestamp: the instant is `timestamp_micros`.
  int64_t timestamp_micros = 0;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int32_t micros = 0;       // Fraction of the second (digits past six are dropped).
  bool has_offset = false;  // 'Z', "+05:30", "GMT", …: the fields are in that offset.
  int32_t offset_seconds = 0;
};

// Reads the whole of `text`; false when ClickHouse would not read it as a date and time.
bool ParseDateTimeText(std::string_view text, DateTimeText* parsed);

// The local calendar date `parsed` names, with a missing month or day as 1 and a missing year as
// the current one — or the one before, if that would put the date after `today` (a local day
// number), as for syslog lines. False for dates that do not exist (2023-02-29).
bool ResolveDate(const DateTimeText& parsed, int64_t today, int64_t* day);

// The instant (UTC µs) `parsed` names: timestamps as they are, fields with an offset in that
// offset, other fields as local time in the cursor's zone (see TimeZone::LocalToUtc).
bool ResolveInstant(const DateTimeText& parsed, int64_t today, ZoneCursor* cursor,
                    int64_t* utc_micros);

// ParseDateTimeText then ResolveInstant.
bool ParseDateTimeBestEffort(std::string_view text, int64_t today, ZoneCursor* cursor,
                             int64_t* utc_micros);

}  // namespace larder::functions
