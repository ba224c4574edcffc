// Conversions: toInt64, toFloat64, toString, toDate, toDateTime, toUUID, toBool, … with their
// OrNull / OrZero forms, and parseDateTimeBestEffort.
#include "functions/registration.h"

namespace larder::functions {

void RegisterConversions(FunctionRegistry* r) {
  const std::pair<const char*, LogicalType> kTargets[] = {
      {"toInt", kInt},           {"toInt64", kInt},
      {"toFloat", kFloat},       {"toFloat64", kFloat},
      {"toString", kString},     {"toDate", kDate},
      {"toDateTime", kDateTime}, {"toUUID", LogicalType::Uuid()},
      {"toBool", kBool},         {"toDateTime64", kDateTime},
      {"toUInt64", kInt},        {"toInt32", kInt}};
  for (const auto& [name, type] : kTargets) {
    Scalar(r, name, 1, 2, Propagating(type));
    Scalar(r, std::string(name) + "OrNull", 1, 2, Fixed(type.WithNullable(true)));
    Scalar(r, std::string(name) + "OrZero", 1, 2, Fixed(type));
  }
  Scalar(r, "parseDateTimeBestEffort", 1, 2, Propagating(kDateTime));
  Scalar(r, "parseDateTimeBestEffortOrNull", 1, 2, Fixed(kDateTime.WithNullable(true)));
  Scalar(r, "toDecimal", 2, 2, [](const std::vector<LogicalType>&) -> Result<LogicalType> {
    return LogicalType::Decimal(2);
  });
}

}  // namespace larder::functions
