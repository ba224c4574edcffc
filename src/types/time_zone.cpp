// TZif, the format of the files under /usr/share/zoneinfo (RFC 8536), as read here:
//
//   header:  "TZif", version ('\0', '2', '3' or '4'), 15 unused bytes, then six big-endian
//            uint32 counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
//   block:   timecnt transition times (int32 in the version-1 block, int64 in the second),
//            timecnt uint8 indices into the types, typecnt types of 6 bytes (int32 UT offset,
//            uint8 is-DST, uint8 abbreviation index), charcnt abbreviation bytes, leapcnt leap
//            records, isstdcnt and isutcnt indicator bytes.
//   version 2 and later repeat header and block with 64-bit times after the version-1 block,
//   then a footer: '\n', a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3") for times after the
//   last transition, '\n'.
//
// Times before the first transition use type 0. Only offsets matter here: transitions that
// change the abbreviation or the DST flag but not the offset are dropped.
#include "types/time_zone.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "types/datetime.h"

namespace larder {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;
constexpr int64_t kMinTime = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max();
// The Gregorian calendar repeats every 400 years, which are exactly 146097 days.
constexpr int64_t kSecondsPer400Years = 146'097 * kSecondsPerDay;
// LocalToUtc and the cursor may trust a period's offset two days into it: no offset change
// moves a wall clock by more than that.
constexpr int64_t kMaxClockShift = 2 * kSecondsPerDay;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? kMaxTime : kMinTime;
  return sum;
}

int YearOf(int64_t utc_seconds) {
  int year = 0;
  unsigned month = 0, day = 0;
  CivilFromDays(static_cast<int32_t>(FloorDiv(utc_seconds, kSecondsPerDay)), &year, &month, &day);
  return year;
}

// A reader of big-endian fields that remembers running past the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  size_t position() const { return position_; }
  std::string_view Rest() const { return data_.substr(std::min(position_, data_.size())); }

  uint64_t Read(size_t bytes) {
    if (!ok_ || position_ + bytes > data_.size()) {
      ok_ = false;
      return 0;
    }
    uint64_t value = 0;
    for (size_t i = 0; i < bytes; ++i) {
      value = (value << 8) | static_cast<uint8_t>(data_[position_ + i]);
    }
    position_ += bytes;
    return value;
  }
  void Skip(size_t bytes) {
    if (!ok_ || position_ + bytes > data_.size()) {
      ok_ = false;
      return;
    }
    position_ += bytes;
  }

 private:
  std::string_view data_;
  size_t position_ = 0;
  bool ok_ = true;
};

struct TZifHeader {
  char version = 0;
  uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;

  size_t BlockBytes(size_t time_bytes) const {
    return timecnt * time_bytes + timecnt + typecnt * 6 + charcnt + leapcnt * (time_bytes + 4) +
           isstdcnt + isutcnt;
  }
};

bool ReadHeader(ByteReader* reader, TZifHeader* header) {
  if (reader->Read(4) != 0x545a6966) return false;  // "TZif"
  header->version = static_cast<char>(reader->Read(1));
  reader->Skip(15);
  header->isutcnt = static_cast<uint32_t>(reader->Read(4));
  header->isstdcnt = static_cast<uint32_t>(reader->Read(4));
  header->leapcnt = static_cast<uint32_t>(reader->Read(4));
  header->timecnt = static_cast<uint32_t>(reader->Read(4));
  header->typecnt = static_cast<uint32_t>(reader->Read(4));
  header->charcnt = static_cast<uint32_t>(reader->Read(4));
  return reader->ok();
}

// --- POSIX TZ strings (the TZif footer) ---------------------------------------------------

// When in a year a DST rule switches: "Jn" (day 1..365, February 29 never counted), "n" (day
// 0..365 counting February 29) or "Mm.w.d" (weekday d, 0 = Sunday, of week w, 5 = last, of
// month m), at `time` seconds of local time (may be negative or past 24 hours).
struct RuleDate {
  char kind = 'M';
  int month = 0, week = 0, weekday = 0, day = 0;
  int64_t time = 2 * 3600;
};

struct PosixRule {
  int32_t std_offset = 0;  // Seconds east of UTC.
  bool has_dst = false;
  int32_t dst_offset = 0;
  RuleDate start, end;
};

class PosixParser {
 public:
  explicit PosixParser(std::string_view text) : text_(text) {}

  std::optional<PosixRule> Parse() {
    PosixRule rule;
    int64_t std_west = 0;
    if (!Name() || !Offset(24, &std_west)) return std::nullopt;
    rule.std_offset = static_cast<int32_t>(-std_west);
    if (text_.empty()) return rule;
    if (!Name()) return std::nullopt;
    rule.has_dst = true;
    rule.dst_offset = rule.std_offset + 3600;
    if (!text_.empty() && text_[0] != ',') {
      int64_t dst_west = 0;
      if (!Offset(24, &dst_west)) return std::nullopt;
      rule.dst_offset = static_cast<int32_t>(-dst_west);
    }
    if (text_.empty()) {
      // No rule given: the US rules, as POSIX implementations assume.
      rule.start = RuleDate{'M', 3, 2, 0, 0, 2 * 3600};
      rule.end = RuleDate{'M', 11, 1, 0, 0, 2 * 3600};
      return rule;
    }
    if (!Char(',') || !Date(&rule.start) || !Char(',') || !Date(&rule.end) || !text_.empty()) {
      return std::nullopt;
    }
    return rule;
  }

 private:
  bool Char(char c) {
    if (text_.empty() || text_[0] != c) return false;
    text_.remove_prefix(1);
    return true;
  }
  bool Number(int max_digits, int* value) {
    int digits = 0;
    *value = 0;
    while (!text_.empty() && text_[0] >= '0' && text_[0] <= '9' && digits < max_digits) {
      *value = *value * 10 + (text_[0] - '0');
      text_.remove_prefix(1);
      ++digits;
    }
    return digits > 0;
  }
  // "<+03>" or three or more letters.
  bool Name() {
    if (Char('<')) {
      size_t close = text_.find('>');
      if (close == std::string_view::npos) return false;
      text_.remove_prefix(close + 1);
      return true;
    }
    size_t letters = 0;
    while (letters < text_.size() && ((text_[letters] >= 'A' && text_[letters] <= 'Z') ||
                                      (text_[letters] >= 'a' && text_[letters] <= 'z'))) {
      ++letters;
    }
    if (letters < 3) return false;
    text_.remove_prefix(letters);
    return true;
  }
  // [+-]hh[:mm[:ss]] as seconds.
  bool Offset(int max_hours, int64_t* seconds) {
    int sign = 1;
    if (Char('-')) {
      sign = -1;
    } else {
      Char('+');
    }
    int hours = 0, minutes = 0, secs = 0;
    if (!Number(3, &hours) || hours > max_hours) return false;
    if (Char(':')) {
      if (!Number(2, &minutes) || minutes > 59) return false;
      if (Char(':') && (!Number(2, &secs) || secs > 59)) return false;
    }
    *seconds = sign * (hours * 3600 + minutes * 60 + secs);
    return true;
  }
  bool Date(RuleDate* date) {
    if (Char('J')) {
      date->kind = 'J';
      if (!Number(3, &date->day) || date->day < 1 || date->day > 365) return false;
    } else if (Char('M')) {
      date->kind = 'M';
      if (!Number(2, &date->month) || date->month < 1 || date->month > 12 || !Char('.') ||
          !Number(1, &date->week) || date->week < 1 || date->week > 5 || !Char('.') ||
          !Number(1, &date->weekday) || date->weekday > 6) {
        return false;
      }
    } else {
      date->kind = 'D';
      if (!Number(3, &date->day) || date->day > 365) return false;
    }
    if (Char('/')) return Offset(167, &date->time);
    return true;
  }

  std::string_view text_;
};

// Days since 1970-01-01 of `date` in `year`.
int64_t RuleDay(const RuleDate& date, int year) {
  const int64_t january_first = DaysFromCivil(year, 1, 1);
  switch (date.kind) {
    case 'J':
      return january_first + date.day - 1 + (IsLeapYear(year) && date.day >= 60 ? 1 : 0);
    case 'D':
      return january_first + date.day;
    default:
      break;
  }
  const unsigned month = static_cast<unsigned>(date.month);
  const int64_t first = DaysFromCivil(year, month, 1);
  const int64_t next_month =
      month == 12 ? DaysFromCivil(year + 1, 1, 1) : DaysFromCivil(year, month + 1, 1);
  const int64_t first_weekday = ((first + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday.
  int64_t day = first + ((date.weekday - first_weekday) % 7 + 7) % 7 + 7 * (date.week - 1);
  while (day >= next_month) day -= 7;
  return day;
}

struct Transition {
  int64_t utc = 0;
  int32_t offset = 0;  // In effect from `utc` on.
};

// The DST rule's two transitions in `year`, in time order.
std::array<Transition, 2> RuleTransitions(const PosixRule& rule, int year) {
  Transition start{RuleDay(rule.start, year) * kSecondsPerDay + rule.start.time - rule.std_offset,
                   rule.dst_offset};
  Transition end{RuleDay(rule.end, year) * kSecondsPerDay + rule.end.time - rule.dst_offset,
                 rule.std_offset};
  if (end.utc < start.utc) std::swap(start, end);
  return {start, end};
}

bool IsValidZoneName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/') return false;
  size_t component_start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      std::string_view component = name.substr(component_start, i - component_start);
      if (component.empty() || component.front() == '.') return false;
      component_start = i + 1;
      continue;
    }
    char c = name[i];
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '_' || c == '-' || c == '+' || c == '.';
    if (!allowed) return false;
  }
  return true;
}

// The bytes of a regular file, or nullopt (missing, a directory, unreadable).
std::optional<std::string> ReadZoneFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  try {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.bad()) return std::nullopt;
    return data;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::unique_ptr<TimeZone> TimeZone::Fixed(std::string name, int32_t offset) {
  auto zone = std::unique_ptr<TimeZone>(new TimeZone());
  zone->name_ = std::move(name);
  zone->offsets_.push_back(offset);
  zone->Finish(0);
  return zone;
}

Result<std::unique_ptr<TimeZone>> TimeZone::FromTZif(std::string name, std::string_view data) {
  auto corrupt = [&](std::string_view what) {
    return InvalidArgument("time zone file of \"{}\" is not valid TZif data: {}", name, what);
  };
  ByteReader reader(data);
  TZifHeader header;
  if (!ReadHeader(&reader, &header)) return corrupt("bad header");
  size_t time_bytes = 4;
  if (header.version >= '2') {
    reader.Skip(header.BlockBytes(4));
    if (!ReadHeader(&reader, &header)) return corrupt("bad second header");
    time_bytes = 8;
  }
  if (header.typecnt == 0) return corrupt("no local time types");
  if (header.leapcnt != 0) {
    return InvalidArgument("time zone \"{}\" counts leap seconds, which Larder does not support",
                           name);
  }
  std::vector<int64_t> times(header.timecnt);
  for (int64_t& time : times) {
    uint64_t raw = reader.Read(time_bytes);
    time = time_bytes == 4 ? static_cast<int32_t>(raw) : static_cast<int64_t>(raw);
  }
  std::vector<uint8_t> type_indices(header.timecnt);
  for (uint8_t& index : type_indices) index = static_cast<uint8_t>(reader.Read(1));
  std::vector<int32_t> type_offsets(header.typecnt);
  for (int32_t& offset : type_offsets) {
    offset = static_cast<int32_t>(reader.Read(4));
    reader.Skip(2);
  }
  reader.Skip(header.charcnt + header.isstdcnt + header.isutcnt);
  if (!reader.ok()) return corrupt("truncated");

  auto zone = std::unique_ptr<TimeZone>(new TimeZone());
  zone->name_ = std::move(name);
  zone->offsets_.push_back(type_offsets[0]);
  for (size_t i = 0; i < times.size(); ++i) {
    if (type_indices[i] >= header.typecnt) return corrupt("bad type index");
    if (i > 0 && times[i] <= times[i - 1]) return corrupt("transitions out of order");
    int32_t offset = type_offsets[type_indices[i]];
    if (offset == zone->offsets_.back()) continue;
    zone->transitions_.push_back(times[i]);
    zone->offsets_.push_back(offset);
  }

  std::optional<PosixRule> rule;
  if (header.version >= '2') {
    std::string_view footer = reader.Rest();
    if (footer.size() < 2 || footer[0] != '\n') return corrupt("no footer");
    size_t close = footer.find('\n', 1);
    if (close == std::string_view::npos) return corrupt("unterminated footer");
    std::string_view tz = footer.substr(1, close - 1);
    if (!tz.empty()) {
      rule = PosixParser(tz).Parse();
      if (!rule) return corrupt(fmt::format("bad TZ rule \"{}\"", tz));
    }
  }
  const int64_t last = zone->transitions_.empty() ? kMinTime : zone->transitions_.back();
  if (rule && zone->transitions_.empty()) zone->offsets_[0] = rule->std_offset;
  if (!rule || !rule->has_dst) {
    zone->Finish(0);
    return zone;
  }
  // Write out the rule's transitions for 400 years and a little more, so that the table holds a
  // whole cycle starting on the January 1 after the last explicit transition.
  const int first_year = zone->transitions_.empty() ? 1900 : YearOf(last);
  for (int year = first_year; year <= first_year + 402; ++year) {
    for (const Transition& transition : RuleTransitions(*rule, year)) {
      if (transition.utc <= last || transition.offset == zone->offsets_.back()) continue;
      zone->transitions_.push_back(transition.utc);
      zone->offsets_.push_back(transition.offset);
    }
  }
  zone->Finish(DaysFromCivil(first_year + 1, 1, 1) * kSecondsPerDay);
  return zone;
}

void TimeZone::Finish(int64_t cycle_begin) {
  local_from_.resize(transitions_.size());
  for (size_t i = 0; i < transitions_.size(); ++i) {
    local_from_[i] = transitions_[i] + offsets_[i];
  }
  cycle_begin_ = cycle_begin;
  cycle_seconds_ = cycle_begin == 0 ? 0 : kSecondsPer400Years;
}

size_t TimeZone::TransitionsAtOrBefore(int64_t utc_seconds) const {
  return static_cast<size_t>(
      std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds) -
      transitions_.begin());
}

int64_t TimeZone::CycleShift(int64_t seconds, int64_t table_end) const {
  if (cycle_seconds_ == 0 || seconds < table_end) return 0;
  return (seconds - cycle_begin_) / cycle_seconds_ * cycle_seconds_;
}

ZonePeriod TimeZone::PeriodAt(int64_t utc_seconds) const {
  const int64_t shift = CycleShift(utc_seconds, cycle_begin_ + cycle_seconds_);
  if (shift != 0) {
    ZonePeriod period = PeriodAt(utc_seconds - shift);
    period.begin = std::max(period.begin, cycle_begin_) + shift;
    period.end = SaturatingAdd(period.end, shift);
    return period;
  }
  const size_t index = TransitionsAtOrBefore(utc_seconds);
  ZonePeriod period;
  period.offset = offsets_[index];
  period.begin = index == 0 ? kMinTime : transitions_[index - 1];
  period.end = index == transitions_.size() ? kMaxTime : transitions_[index];
  return period;
}

int64_t TimeZone::LocalToUtc(int64_t local_seconds) const {
  const int64_t shift = CycleShift(local_seconds, cycle_begin_ + cycle_seconds_);
  if (shift != 0) return LocalToUtc(local_seconds - shift) + shift;
  // The offset after the last change whose wall-clock time has been reached.
  const size_t index =
      static_cast<size_t>(std::upper_bound(local_from_.begin(), local_from_.end(), local_seconds) -
                          local_from_.begin());
  return local_seconds - offsets_[index];
}

int64_t TimeZone::StartOfDay(int64_t day) const {
  const int64_t midnight = day * kSecondsPerDay;
  const int64_t shift = CycleShift(midnight, cycle_begin_ + cycle_seconds_);
  if (shift != 0) return StartOfDay(day - shift / kSecondsPerDay) + shift;
  const size_t index = static_cast<size_t>(
      std::upper_bound(local_from_.begin(), local_from_.end(), midnight) - local_from_.begin());
  if (index > 0) {
    // A change at or before midnight that moved clocks forward past it: the day began at the
    // first instant after the gap.
    const int32_t before = offsets_[index - 1], after = offsets_[index];
    if (after > before && midnight < transitions_[index - 1] + after) return midnight - before;
  }
  if (index < transitions_.size()) {
    // A later change that turns clocks back over midnight: the first midnight counts.
    const int32_t before = offsets_[index], after = offsets_[index + 1];
    if (after < before && midnight >= transitions_[index] + after) return midnight - before;
  }
  return midnight - offsets_[index];
}

void ZoneCursor::Load(int64_t utc_seconds) {
  period_ = zone_->PeriodAt(utc_seconds);
  safe_begin_ = period_.begin == kMinTime ? kMinTime : SaturatingAdd(period_.begin, kMaxClockShift);
}

int64_t ZoneCursor::SlowLocalToUtc(int64_t local_seconds) {
  const int64_t utc = zone_->LocalToUtc(local_seconds);
  Load(utc);
  return utc;
}

int64_t ZoneCursor::StartOfDayAt(int64_t utc_seconds) {
  const int64_t local = ToLocal(utc_seconds);
  const int64_t day = FloorDiv(local, kSecondsPerDay);
  const int64_t midnight = utc_seconds - (local - day * kSecondsPerDay);
  if (midnight >= safe_begin_) return midnight;
  return zone_->StartOfDay(day);
}

int64_t ZoneCursor::StartOfDay(int64_t day) {
  const int64_t midnight = day * kSecondsPerDay;
  const int64_t utc = midnight - period_.offset;
  if (utc >= safe_begin_ && utc < period_.end) return utc;
  const int64_t start = zone_->StartOfDay(day);
  Load(start);
  return start;
}

const TimeZone* TimeZoneRegistry::Find(std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = zones_.find(name);
  if (found != zones_.end()) return found->second.get();
  if (unknown_.count(name) > 0) return nullptr;
  std::unique_ptr<TimeZone> zone;
  if (name == "UTC") {
    zone = TimeZone::Fixed("UTC", 0);
  } else if (IsValidZoneName(name)) {
    std::optional<std::string> data = ReadZoneFile(zoneinfo_dir_ + "/" + std::string(name));
    if (data) {
      Result<std::unique_ptr<TimeZone>> parsed = TimeZone::FromTZif(std::string(name), *data);
      if (parsed.ok()) zone = std::move(*parsed);
    }
  }
  if (!zone) {
    // Remember a bounded number of misses, so that a column of bad names reads no file twice.
    constexpr size_t kMaxUnknown = 1024;
    if (unknown_.size() < kMaxUnknown) unknown_.emplace(name);
    return nullptr;
  }
  const TimeZone* pointer = zone.get();
  zones_.emplace(std::string(name), std::move(zone));
  return pointer;
}

const TimeZone* FindTimeZone(std::string_view name) {
  static TimeZoneRegistry registry("/usr/share/zoneinfo");
  return registry.Find(name);
}

Result<const TimeZone*> LookupTimeZone(std::string_view name) {
  const TimeZone* zone = FindTimeZone(name);
  if (!zone) {
    return InvalidArgument(
        "unknown time zone \"{}\": use an IANA name such as 'Europe/Berlin' or 'UTC'", name);
  }
  return zone;
}

}  // namespace larder
