// formatDateTime(t, format [, zone]): a Date or DateTime as text, by
// ClickHouse's MySQL-style % codes, in the time zone:
//   %a Mon  %b Jan  %c 01 (month)  %C 20 (century)  %d 02  %D 01/02/18  %e " 2"  %f 000000
//   (microseconds)  %F 2018-01-02  %g 18 (ISO year)  %G 2018 (ISO year)  %h 10 (12-hour)
//   %H 22  %i 33 (minute)  %I 10  %j 002 (day of year)  %k 22  %l 10  %m 01  %M January
//   %n newline  %p PM  %Q 1 (quarter)  %r 10:33 PM  %R 22:33  %s 44  %S 44  %t tab
//   %T 22:33:44  %u 2 (ISO weekday)  %V 01 (ISO week)  %w 2 (Sunday 0)  %W Tuesday  %y 18
//   %Y 2018  %z +0100 (UTC offset)  %% %
// (the examples are for 2018-01-02 22:33:44 UTC+1). The format must be a constant; an unknown
// code or a trailing % is an error, as in ClickHouse.
#include <array>

#include "functions/registration.h"
#include "functions/scalar/date_common.h"
#include "functions/scalar/kernel_helpers.h"

namespace larder::functions {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// One piece of a compiled format: literal text, or a % code.
struct Piece {
  char code = 0;  // 0: literal.
  std::string text;
};

Result<std::vector<Piece>> Compile(std::string_view format) {
  static constexpr std::string_view kCodes = "abcCdDefFgGhHiIjklmMnpQrRsStTuVwWyYz%";
  std::vector<Piece> pieces;
  auto literal = [&](std::string_view text) {
    if (pieces.empty() || pieces.back().code != 0) pieces.push_back(Piece{});
    pieces.back().text.append(text);
  };
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      literal(format.substr(i, 1));
      continue;
    }
    if (i + 1 == format.size()) {
      return InvalidArgument(
          "formatDateTime: '%' is the last character of the format; write '%%' for a percent "
          "sign");
    }
    const char code = format[++i];
    if (kCodes.find(code) == std::string_view::npos) {
      return InvalidArgument("formatDateTime: unknown code '%{}' in the format \"{}\"", code,
                             format);
    }
    if (code == '%' || code == 'n' || code == 't') {
      literal(code == '%' ? "%" : code == 'n' ? "\n" : "\t");
      continue;
    }
    pieces.push_back(Piece{code, {}});
  }
  return pieces;
}

// Most characters one code writes ("September", "-2147483648" years are the longest).
constexpr size_t kMaxCodeChars = 32;

// Writes `value` zero-padded to `width` digits (a minus sign first when negative) at `at`;
// returns the end.
char* PutPadded(int64_t value, int width, char* at) {
  if (width == 2 && value >= 0 && value < 100) {  // Most codes.
    at[0] = static_cast<char>('0' + value / 10);
    at[1] = static_cast<char>('0' + value % 10);
    return at + 2;
  }
  char buffer[24];
  char* const end = buffer + sizeof(buffer);
  char* begin = end;
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  do {
    *--begin = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  while (end - begin < width) *--begin = '0';
  if (value < 0) *--begin = '-';
  for (char* c = begin; c != end; ++c) *at++ = *c;
  return at;
}

char* PutText(std::string_view text, char* at) {
  for (char c : text) *at++ = c;
  return at;
}

// The fields of one local time, computed once per row.
struct Fields {
  CivilDate date;
  int64_t day = 0;
  int hour = 0, minute = 0, second = 0;
  int32_t micros = 0;
  int32_t offset = 0;
};

// Writes code `code` for `f` at `at` (at most kMaxCodeChars); returns the end.
char* PutCode(char code, const Fields& f, char* at) {
  const int hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
  switch (code) {
    case 'a':
      return PutText(kWeekdayNames[IsoWeekday(f.day) - 1].substr(0, 3), at);
    case 'b':
      return PutText(kMonthNames[f.date.month - 1].substr(0, 3), at);
    case 'c':
    case 'm':
      return PutPadded(f.date.month, 2, at);
    case 'C':
      return PutPadded(FloorDiv(f.date.year, 100), 2, at);
    case 'd':
      return PutPadded(f.date.day, 2, at);
    case 'D':
      at = PutCode('m', f, at);
      *at++ = '/';
      at = PutCode('d', f, at);
      *at++ = '/';
      return PutCode('y', f, at);
    case 'e':
      if (f.date.day < 10) *at++ = ' ';
      return PutPadded(f.date.day, 1, at);
    case 'f':
      return PutPadded(f.micros, 6, at);
    case 'F':
      at = PutCode('Y', f, at);
      *at++ = '-';
      at = PutCode('m', f, at);
      *at++ = '-';
      return PutCode('d', f, at);
    case 'g':
      return PutPadded(FloorMod(WeekOfDay(f.day, 3).year, 100), 2, at);
    case 'G':
      return PutPadded(WeekOfDay(f.day, 3).year, 4, at);
    case 'h':
    case 'I':
    case 'l':
      return PutPadded(hour12, 2, at);
    case 'H':
    case 'k':
      return PutPadded(f.hour, 2, at);
    case 'i':
      return PutPadded(f.minute, 2, at);
    case 'j':
      return PutPadded(f.day - DayOfCivil(f.date.year, 1, 1) + 1, 3, at);
    case 'M':
      return PutText(kMonthNames[f.date.month - 1], at);
    case 'p':
      return PutText(f.hour < 12 ? "AM" : "PM", at);
    case 'Q':
      return PutPadded((f.date.month - 1) / 3 + 1, 1, at);
    case 'r':
      at = PutCode('h', f, at);
      *at++ = ':';
      at = PutCode('i', f, at);
      *at++ = ' ';
      return PutCode('p', f, at);
    case 'R':
      at = PutCode('H', f, at);
      *at++ = ':';
      return PutCode('i', f, at);
    case 's':
    case 'S':
      return PutPadded(f.second, 2, at);
    case 'T':
      at = PutCode('R', f, at);
      *at++ = ':';
      return PutCode('S', f, at);
    case 'u':
      return PutPadded(IsoWeekday(f.day), 1, at);
    case 'V':
      return PutPadded(WeekOfDay(f.day, 3).week, 2, at);
    case 'w':
      return PutPadded(IsoWeekday(f.day) % 7, 1, at);
    case 'W':
      return PutText(kWeekdayNames[IsoWeekday(f.day) - 1], at);
    case 'y':
      return PutPadded(FloorMod(f.date.year, 100), 2, at);
    case 'Y':
      return PutPadded(f.date.year, 4, at);
    case 'z': {
      *at++ = f.offset < 0 ? '-' : '+';
      const int32_t minutes = (f.offset < 0 ? -f.offset : f.offset) / 60;
      return PutPadded(minutes / 60 * 100 + minutes % 60, 4, at);
    }
    default:
      return at;
  }
}

Status FormatDateTime(const KernelCall& call, ColumnVector* out) {
  LARDER_ASSIGN_OR_RETURN(std::string_view format,
                          ConstantTextArgument(call, 1, "formatDateTime", "format"));
  LARDER_ASSIGN_OR_RETURN(std::vector<Piece> pieces, Compile(format));
  LARDER_ASSIGN_OR_RETURN(const TimeZone* zone, ZoneArgument(call, 2, "formatDateTime"));
  bool needs_offset = false;
  size_t max_chars = 0;
  for (const Piece& piece : pieces) {
    needs_offset = needs_offset || piece.code == 'z';
    max_chars += piece.code == 0 ? piece.text.size() : kMaxCodeChars;
  }
  ZoneCursor cursor(*zone);
  std::string buffer(max_chars, '\0');
  auto emit = [&](const LocalTime& time, int32_t offset) {
    Fields fields;
    fields.day = time.day;
    fields.date = CivilOfDay(time.day);
    fields.hour = time.second / 3600;
    fields.minute = time.second / 60 % 60;
    fields.second = time.second % 60;
    fields.micros = time.micros;
    fields.offset = offset;
    char* const begin = buffer.data();
    char* at = begin;
    for (const Piece& piece : pieces) {
      at = piece.code == 0 ? PutText(piece.text, at) : PutCode(piece.code, fields, at);
    }
    out->AppendString(std::string_view(begin, static_cast<size_t>(at - begin)));
  };
  const KernelArg& arg = call.args[0];
  if (arg.type().id() == TypeId::kDate) {
    const int32_t* days = arg.vector->data<int32_t>();
    for (size_t row = 0; row < call.rows; ++row) {
      const int64_t day = days[arg.Row(row)];
      emit(LocalTime{day, 0, 0}, needs_offset ? cursor.OffsetAt(cursor.StartOfDay(day)) : 0);
    }
    return Status::OK();
  }
  InstantColumn instants;
  LARDER_RETURN_IF_ERROR(
      ReadInstants(arg, call.rows, *zone, call.context, "formatDateTime", &instants));
  for (size_t row = 0; row < call.rows; ++row) {
    const int64_t seconds = FloorDiv(instants[row], kMicrosPerSecond);
    const int32_t offset = cursor.OffsetAt(seconds);
    emit(LocalTimeOf(instants[row], &cursor), offset);
  }
  return Status::OK();
}

}  // namespace

void RegisterDateFormat(FunctionRegistry* r) {
  using K = DateArgKind;
  Scalar(r, "formatDateTime", 2, 3,
         DateArgs("formatDateTime", {K::kTime, K::kText, K::kText}, Propagating(kString)),
         FormatDateTime);
}

}  // namespace larder::functions
