#include "functions/scalar/datetime_text.h"

#include <array>
#include <cctype>

#include "functions/scalar/date_common.h"

namespace larder::functions {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// 1 … 12 for a month name (three letters or in full), else 0.
unsigned MonthOfName(std::string_view word) {
  if (word.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (EqualsIgnoreCase(word, kMonths[i]) ||
        (word.size() == 3 && EqualsIgnoreCase(word, kMonths[i].substr(0, 3)))) {
      return static_cast<unsigned>(i + 1);
    }
  }
  return 0;
}

bool IsWeekdayName(std::string_view word) {
  for (std::string_view name : kWeekdays) {
    if (EqualsIgnoreCase(word, name) ||
        (word.size() == 3 && EqualsIgnoreCase(word, name.substr(0, 3)))) {
      return true;
    }
  }
  return false;
}

// A cursor over the text with the reads the grammar needs.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Accept(char c) {
    if (Peek() != c || AtEnd()) return false;
    ++pos_;
    return true;
  }
  void Skip() { ++pos_; }
  // A run of digits (possibly empty).
  std::string_view Digits() {
    size_t start = pos_;
    while (!AtEnd() && IsDigit(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string_view Letters() {
    size_t start = pos_;
    while (!AtEnd() && IsAlpha(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

int64_t Number(std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// One or two digits, or false.
bool SmallNumber(std::string_view digits, int64_t* value) {
  if (digits.empty() || digits.size() > 2) return false;
  *value = Number(digits);
  return true;
}

// Fraction digits as microseconds (digits past six dropped).
int32_t Fraction(std::string_view digits) {
  int32_t micros = 0;
  for (size_t i = 0; i < 6; ++i) micros = micros * 10 + (i < digits.size() ? digits[i] - '0' : 0);
  return micros;
}

class Parser {
 public:
  Parser(std::string_view text, DateTimeText* out) : in_(text), out_(out) {}

  bool Parse() {
    while (!in_.AtEnd()) {
      const bool date_or_time_only = (out_->year != 0) != has_time_;
      if (date_or_time_only && in_.Accept(',')) {
        comma_between_date_and_time_ = true;
        continue;
      }
      if ((out_->year == 0 || !has_time_) && IsDigit(in_.Peek())) {
        bool done = false;
        if (!DigitRun(&done)) return false;
        if (done) return in_.AtEnd();
        continue;
      }
      if (!Other()) return false;
    }
    return Finish();
  }

 private:
  // A run of digits and what follows it. `done`: a unix timestamp ended the parse.
  bool DigitRun(bool* done) {
    std::string_view digits = in_.Digits();
    const bool nothing_yet = out_->year == 0 && !has_time_;
    switch (digits.size()) {
      case 13:
        if (!nothing_yet) return false;
        out_->is_timestamp = true;
        out_->timestamp_micros =
            Number(digits.substr(0, 10)) * kMicrosPerSecond + Number(digits.substr(10)) * 1000;
        *done = true;
        return true;
      case 9:
      case 10:
        if (!nothing_yet) return false;
        out_->is_timestamp = true;
        out_->timestamp_micros = Number(digits) * kMicrosPerSecond;
        if (in_.Accept('.')) out_->timestamp_micros += Fraction(in_.Digits());
        *done = true;
        return true;
      case 14:
        if (!nothing_yet) return false;
        SetDate(digits.substr(0, 8));
        out_->hour = Number(digits.substr(8, 2));
        out_->minute = Number(digits.substr(10, 2));
        out_->second = Number(digits.substr(12, 2));
        has_time_ = true;
        return true;
      case 8:
        if (out_->year != 0) return false;
        SetDate(digits);
        return true;
      case 6:
        if (out_->year == 0 && out_->month == 0) {
          out_->year = static_cast<int>(Number(digits.substr(0, 4)));
          out_->month = static_cast<unsigned>(Number(digits.substr(4, 2)));
          return true;
        }
        if (has_time_) return false;
        out_->hour = Number(digits.substr(0, 2));
        out_->minute = Number(digits.substr(2, 2));
        out_->second = Number(digits.substr(4, 2));
        has_time_ = true;
        return true;
      case 4:
        if (out_->year != 0) return false;
        return Year(digits);
      case 1:
      case 2:
        return HourDayOrMonth(Number(digits));
      default:
        return false;
    }
  }

  void SetDate(std::string_view yyyymmdd) {
    out_->year = static_cast<int>(Number(yyyymmdd.substr(0, 4)));
    out_->month = static_cast<unsigned>(Number(yyyymmdd.substr(4, 2)));
    out_->day = static_cast<unsigned>(Number(yyyymmdd.substr(6, 2)));
  }

  // YYYY, then optionally *MM and *DD with one repeated delimiter.
  bool Year(std::string_view digits) {
    out_->year = static_cast<int>(Number(digits));
    if (in_.AtEnd()) return true;
    const char delimiter = in_.Peek();
    if (static_cast<unsigned char>(delimiter) < 0x20 || delimiter == ',' || delimiter == ';' ||
        delimiter == '\'' || delimiter == '"') {
      return false;  // ClickHouse stops reading here, so the rest is left over.
    }
    if (out_->month != 0) return true;
    in_.Skip();
    int64_t value = 0;
    std::string_view month = in_.Digits();
    if (month.empty() && delimiter == ' ') return true;
    if (!SmallNumber(month, &value)) return false;
    out_->month = static_cast<unsigned>(value);
    if (out_->day == 0 && in_.Accept(delimiter)) {
      std::string_view day = in_.Digits();
      if (day.empty() && delimiter == ' ') return true;
      if (!SmallNumber(day, &value)) return false;
      out_->day = static_cast<unsigned>(value);
    }
    return true;
  }

  // One or two digits: an hour (before ':'), a day (before '/', '.', '-' or ','), or a lone day
  // or hour.
  bool HourDayOrMonth(int64_t value) {
    if (in_.Accept(':')) {
      if (has_time_) return false;
      has_time_ = true;
      out_->hour = value;
      if (!SmallNumber(in_.Digits(), &out_->minute)) return false;
      if (in_.Accept(':') && !SmallNumber(in_.Digits(), &out_->second)) return false;
      return true;
    }
    if (in_.Accept(',')) {
      if (out_->month != 0 && out_->day == 0) out_->day = static_cast<unsigned>(value);
      return true;
    }
    if (in_.Accept('/') || in_.Accept('.') || in_.Accept('-')) return DayMonthYear(value);
    if (out_->day != 0) {
      out_->hour = value;
    } else {
      out_->day = static_cast<unsigned>(value);
    }
    return true;
  }

  // DD/MM[/YY[YY]] with '/', '.' or '-', the month also as a name.
  bool DayMonthYear(int64_t day) {
    if (out_->day != 0 || out_->month != 0) return false;
    out_->day = static_cast<unsigned>(day);
    std::string_view month = in_.Digits();
    int64_t value = 0;
    if (month.empty()) {
      std::string_view name = in_.Letters();
      if (name.size() < 3 || (out_->month = MonthOfName(name)) == 0) return false;
    } else if (SmallNumber(month, &value)) {
      out_->month = static_cast<unsigned>(value);
    } else {
      return false;
    }
    if (out_->month > 12) std::swap(out_->month, out_->day);
    if (in_.Accept('/') || in_.Accept('.') || in_.Accept('-')) {
      if (out_->year != 0) return false;
      std::string_view year = in_.Digits();
      if (year.size() == 4) {
        out_->year = static_cast<int>(Number(year));
      } else if (year.size() == 2) {
        int two_digits = static_cast<int>(Number(year));
        out_->year = two_digits >= 70 ? 1900 + two_digits : 2000 + two_digits;
      } else {
        return false;
      }
    }
    return true;
  }

  // Separators, fractions, offsets and words.
  bool Other() {
    const char c = in_.Peek();
    if (c == ' ' || (c == 'T' && out_->year != 0 && !has_time_)) {
      in_.Skip();
      return true;
    }
    if (c == 'Z') {
      in_.Skip();
      out_->has_offset = true;
      return true;
    }
    if (c == '.') {
      if (!has_time_ || has_fraction_) return false;
      has_fraction_ = true;
      in_.Skip();
      out_->micros = Fraction(in_.Digits());
      return true;
    }
    if (c == '+' || c == '-') {
      in_.Skip();
      return Offset(c == '-');
    }
    return Word();
  }

  bool Offset(bool negative) {
    std::string_view digits = in_.Digits();
    if (digits.size() == 6 && !has_time_ && out_->year != 0 && out_->month != 0 && out_->day != 0) {
      out_->hour = Number(digits.substr(0, 2));
      out_->minute = Number(digits.substr(2, 2));
      out_->second = Number(digits.substr(4, 2));
      has_time_ = true;
      return true;
    }
    int64_t hours = 0, minutes = 0;
    switch (digits.size()) {
      case 4:
      case 3:
        hours = Number(digits.substr(0, digits.size() - 2));
        minutes = Number(digits.substr(digits.size() - 2));
        break;
      case 2:
      case 1:
        hours = Number(digits);
        if (in_.Accept(':') && !SmallNumber(in_.Digits(), &minutes)) return false;
        break;
      default:
        return false;
    }
    out_->has_offset = true;
    out_->offset_seconds =
        static_cast<int32_t>((hours * 3600 + minutes * 60) * (negative ? -1 : 1));
    return true;
  }

  bool Word() {
    std::string_view word = in_.Letters();
    if (word.empty()) return false;  // A character that belongs to no date or time.
    if (word.size() == 2) {
      const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
      if (std::tolower(static_cast<unsigned char>(word[1])) != 'm') return false;
      if (first == 'a') {
        is_am_ = true;
      } else if (first == 'p') {
        is_pm_ = true;
      } else {
        return false;
      }
      return true;
    }
    if (word.size() < 3) return false;
    if (unsigned month = MonthOfName(word)) {
      out_->month = month;
      return true;
    }
    if (word.size() == 3 && (EqualsIgnoreCase(word, "UTC") || EqualsIgnoreCase(word, "GMT"))) {
      out_->has_offset = true;
      return true;
    }
    if (word.size() == 3 && (EqualsIgnoreCase(word, "MSK") || EqualsIgnoreCase(word, "MSD"))) {
      out_->has_offset = true;
      out_->offset_seconds = EqualsIgnoreCase(word, "MSK") ? 3 * 3600 : 4 * 3600;
      return true;
    }
    if (IsWeekdayName(word)) {
      in_.Accept(',');  // RFC 2822: "Tue, 3 Oct 2023".
      return true;
    }
    return false;
  }

  bool Finish() {
    if (comma_between_date_and_time_ &&
        (!has_time_ || out_->year == 0 || out_->month == 0 || out_->day == 0)) {
      return false;
    }
    if (out_->year == 0 && out_->month == 0 && out_->day == 0 && !has_time_) return false;
    if (is_am_ && out_->hour == 12) out_->hour = 0;
    if (is_pm_ && out_->hour < 12) out_->hour += 12;
    return true;
  }

  Scanner in_;
  DateTimeText* out_;
  bool has_time_ = false;
  bool has_fraction_ = false;
  bool is_am_ = false;
  bool is_pm_ = false;
  bool comma_between_date_and_time_ = false;
};

// The common shapes — "YYYY-MM-DD", then optionally ' ' or 'T', "hh:mm:ss", a fraction and 'Z'
// — read directly; the fields are what the grammar would give. False for any other text.
bool ParseCommonShape(std::string_view text, DateTimeText* out) {
  auto digits = [&](size_t pos, size_t count, int64_t* value) {
    *value = 0;
    for (size_t i = pos; i < pos + count; ++i) {
      if (!IsDigit(text[i])) return false;
      *value = *value * 10 + (text[i] - '0');
    }
    return true;
  };
  int64_t year = 0, month = 0, day = 0;
  if (text.size() < 10 || !digits(0, 4, &year) || text[4] != '-' || !digits(5, 2, &month) ||
      text[7] != '-' || !digits(8, 2, &day)) {
    return false;
  }
  out->year = static_cast<int>(year);
  out->month = static_cast<unsigned>(month);
  out->day = static_cast<unsigned>(day);
  if (text.size() == 10) return true;
  if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':' || !digits(11, 2, &out->hour) || !digits(14, 2, &out->minute) ||
      !digits(17, 2, &out->second)) {
    return false;
  }
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    const size_t start = ++pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    if (pos == start) return false;
    out->micros = Fraction(text.substr(start, pos - start));
  }
  if (pos < text.size() && text[pos] == 'Z') {
    out->has_offset = true;
    ++pos;
  }
  return pos == text.size();
}

}  // namespace

bool ParseDateTimeText(std::string_view text, DateTimeText* parsed) {
  *parsed = DateTimeText();
  if (ParseCommonShape(text, parsed)) return true;
  *parsed = DateTimeText();
  return Parser(text, parsed).Parse();
}

bool ResolveDate(const DateTimeText& parsed, int64_t today, int64_t* day) {
  const unsigned month = parsed.month == 0 ? 1 : parsed.month;
  const unsigned day_of_month = parsed.day == 0 ? 1 : parsed.day;
  if (month > 12) return false;
  int year = parsed.year;
  if (year == 0) {
    const CivilDate now = CivilOfDay(today);
    year = now.year;
    if (month > now.month || (month == now.month && day_of_month > now.day)) --year;
  }
  if (day_of_month < 1 || day_of_month > DaysInMonth(year, month)) return false;
  *day = DayOfCivil(year, month, day_of_month);
  return true;
}

bool ResolveInstant(const DateTimeText& parsed, int64_t today, ZoneCursor* cursor,
                    int64_t* utc_micros) {
  if (parsed.is_timestamp) {
    *utc_micros = parsed.timestamp_micros;
    return true;
  }
  int64_t day = 0;
  if (!ResolveDate(parsed, today, &day)) return false;
  const int64_t local =
      day * kSecondsPerDay + parsed.hour * 3600 + parsed.minute * 60 + parsed.second;
  const int64_t utc = parsed.has_offset ? local - parsed.offset_seconds : cursor->LocalToUtc(local);
  *utc_micros = utc * kMicrosPerSecond + parsed.micros;
  return true;
}

bool ParseDateTimeBestEffort(std::string_view text, int64_t today, ZoneCursor* cursor,
                             int64_t* utc_micros) {
  DateTimeText parsed;
  return ParseDateTimeText(text, &parsed) && ResolveInstant(parsed, today, cursor, utc_micros);
}

}  // namespace larder::functions
