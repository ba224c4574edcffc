// Calendar arithmetic for Date (days since 1970-01-01) and DateTime (µs since the epoch, UTC).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace larder {

// Proleptic Gregorian calendar.
int32_t DaysFromCivil(int year, unsigned month, unsigned day);
void CivilFromDays(int32_t days, int* year, unsigned* month, unsigned* day);
bool IsLeapYear(int64_t year);
// 28 to 31; 0 for a month outside 1-12.
unsigned DaysInMonth(int year, unsigned month);

// "2026-11-26".
std::string FormatDate(int32_t days);
// "2026-11-26 13:45:00" or with fraction "2026-11-26 13:45:00.250000" when not whole seconds.
std::string FormatDateTime(int64_t micros);
// Parses "YYYY-MM-DD".
bool ParseDate(std::string_view text, int32_t* days);
// Parses "YYYY-MM-DD[ T]HH:MM:SS[.ffffff][Z]".
bool ParseDateTime(std::string_view text, int64_t* micros);
// Parses ISO 8601 as files write it: what ParseDateTime accepts, plus up to nine fraction digits
// (truncated to microseconds) and a UTC offset after the time ("+02:00", "-0530", "+01"), which
// is applied so that the result is UTC.
bool ParseDateTimeWithOffset(std::string_view text, int64_t* micros);

}  // namespace larder
