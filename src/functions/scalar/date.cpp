// Date and time functions: now, toStartOf*, toYear…, dateDiff, dateAdd, formatDateTime, intervals.
#include "functions/registration.h"

namespace larder::functions {

void RegisterDates(FunctionRegistry* r) {
  Scalar(r, "now", 0, 1, Fixed(kDateTime));
  Scalar(r, "today", 0, 0, Fixed(kDate));
  Scalar(r, "yesterday", 0, 0, Fixed(kDate));
  Scalar(r, "toTimeZone", 2, 2, Propagating(kDateTime));
  for (const char* name :
       {"toStartOfMinute", "toStartOfFiveMinutes", "toStartOfFifteenMinutes", "toStartOfHour",
        "toStartOfDay", "toStartOfInterval", "dateAdd", "dateSub", "addDays", "addHours",
        "addMinutes", "addSeconds", "subtractDays", "subtractHours"}) {
    Scalar(r, name, 1, 3, Propagating(kDateTime));
  }
  for (const char* name :
       {"toStartOfWeek", "toStartOfMonth", "toStartOfQuarter", "toStartOfYear", "toMonday"}) {
    Scalar(r, name, 1, 3, Propagating(kDate));
  }
  for (const char* name : {"toYear", "toQuarter", "toMonth", "toDayOfMonth", "toDayOfWeek",
                           "toDayOfYear", "toHour", "toMinute", "toSecond", "toYYYYMM",
                           "toYYYYMMDD", "toUnixTimestamp", "toISOWeek", "toWeek"}) {
    Scalar(r, name, 1, 3, Propagating(kInt));
  }
  Scalar(r, "dateDiff", 3, 4, Propagating(kInt));
  Scalar(r, "formatDateTime", 2, 3, Propagating(kString));
  for (const char* unit : {"Second", "Minute", "Hour", "Day", "Week", "Month", "Quarter", "Year"}) {
    std::string lower = unit;
    lower[0] = static_cast<char>(std::tolower(lower[0]));
    Scalar(r, std::string("toInterval") + unit, 1, 1, Fixed(LogicalType::Interval(lower)));
  }
}

}  // namespace larder::functions
