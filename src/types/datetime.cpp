#include "types/datetime.h"

#include <fmt/format.h>

#include <charconv>

namespace larder {

bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned DaysInMonth(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Days-from-civil by eras of 400 years (146097 days), as described in public calendar
// references: shift the year to start in March so the leap day is last.
int32_t DaysFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int>(day_of_era) - 719468;
}

void CivilFromDays(int32_t days, int* year, unsigned* month, unsigned* day) {
  const int shifted = days + 719468;
  const int era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const unsigned day_of_era = static_cast<unsigned>(shifted - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned month_index = (5 * day_of_year + 2) / 153;
  *day = day_of_year - (153 * month_index + 2) / 5 + 1;
  *month = month_index < 10 ? month_index + 3 : month_index - 9;
  *year = static_cast<int>(year_of_era) + era * 400 + (*month <= 2);
}

std::string FormatDate(int32_t days) {
  int year;
  unsigned month, day;
  CivilFromDays(days, &year, &month, &day);
  return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::string FormatDateTime(int64_t micros) {
  // Floor division, written so that no step overflows even for INT64_MIN.
  int64_t seconds = micros / 1000000;
  int64_t fraction = micros % 1000000;
  if (fraction < 0) {
    fraction += 1000000;
    --seconds;
  }
  int64_t days = seconds / 86400;
  int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --days;
  }
  std::string text = fmt::format("{} {:02d}:{:02d}:{:02d}", FormatDate(static_cast<int32_t>(days)),
                                 second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
  if (fraction != 0) text += fmt::format(".{:06d}", fraction);
  return text;
}

namespace {

bool ParseFixedDigits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

bool ParseDate(std::string_view text, int32_t* days) {
  int year, month, day;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!ParseFixedDigits(text, 0, 4, &year) || !ParseFixedDigits(text, 5, 2, &month) ||
      !ParseFixedDigits(text, 8, 2, &day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return false;
  }
  *days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return true;
}

bool ParseDateTime(std::string_view text, int64_t* micros) {
  int32_t days;
  if (text.size() < 10 || !ParseDate(text.substr(0, 10), &days)) return false;
  int hour = 0, minute = 0, second = 0, fraction = 0;
  std::string_view rest = text.substr(10);
  if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
  if (!rest.empty()) {
    if (rest.size() < 9 || (rest[0] != ' ' && rest[0] != 'T') || rest[3] != ':' || rest[6] != ':')
      return false;
    if (!ParseFixedDigits(rest, 1, 2, &hour) || !ParseFixedDigits(rest, 4, 2, &minute) ||
        !ParseFixedDigits(rest, 7, 2, &second) || hour > 23 || minute > 59 || second > 59) {
      return false;
    }
    rest.remove_prefix(9);
    if (!rest.empty()) {
      if (rest[0] != '.' || rest.size() < 2 || rest.size() > 7) return false;
      size_t digits = rest.size() - 1;
      if (!ParseFixedDigits(rest, 1, digits, &fraction)) return false;
      for (size_t i = digits; i < 6; ++i) fraction *= 10;
    }
  }
  *micros = (static_cast<int64_t>(days) * 86400 + hour * 3600 + minute * 60 + second) * 1000000 +
            fraction;
  return true;
}

bool ParseDateTimeWithOffset(std::string_view text, int64_t* micros) {
  // "YYYY-MM-DD HH:MM:SS" is 19 characters; a fraction or a zone may follow.
  constexpr size_t kSecondsEnd = 19;
  if (text.size() <= kSecondsEnd) return ParseDateTime(text, micros);
  int64_t offset_seconds = 0;
  size_t zone = text.find_first_of("+-Z", kSecondsEnd);
  std::string_view body = text.substr(0, zone);
  if (zone != std::string_view::npos && text[zone] != 'Z') {
    std::string_view offset = text.substr(zone + 1);
    int hours = 0, minutes = 0;
    bool parsed = false;
    if (offset.size() == 2) {
      parsed = ParseFixedDigits(offset, 0, 2, &hours);
    } else if (offset.size() == 4) {
      parsed = ParseFixedDigits(offset, 0, 2, &hours) && ParseFixedDigits(offset, 2, 2, &minutes);
    } else if (offset.size() == 5 && offset[2] == ':') {
      parsed = ParseFixedDigits(offset, 0, 2, &hours) && ParseFixedDigits(offset, 3, 2, &minutes);
    }
    if (!parsed || hours > 23 || minutes > 59) return false;
    offset_seconds = (hours * 3600 + minutes * 60) * (text[zone] == '-' ? -1 : 1);
  } else if (zone != std::string_view::npos && zone + 1 != text.size()) {
    return false;  // Something after the Z.
  }
  // Fraction digits past microseconds are dropped (nanosecond timestamps).
  constexpr size_t kMicrosEnd = kSecondsEnd + 7;
  if (body.size() > kMicrosEnd && body[kSecondsEnd] == '.') {
    if (body.size() > kSecondsEnd + 10) return false;
    int ignored;
    if (!ParseFixedDigits(body, kMicrosEnd, body.size() - kMicrosEnd, &ignored)) return false;
    body = body.substr(0, kMicrosEnd);
  }
  if (body.size() < kSecondsEnd || !ParseDateTime(body, micros)) return false;
  *micros -= offset_seconds * 1000000;
  return true;
}

}  // namespace larder
