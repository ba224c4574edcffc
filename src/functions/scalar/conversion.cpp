// Conversions: toInt64 and the other integer widths, toFloat64, toBool, toDecimal
// (conversion_numbers.cpp); toString, toUUID (conversion_text.cpp); toDate, toDateTime,
// toDateTime64, parseDateTimeBestEffort (conversion_dates.cpp). Each comes in three forms: the
// plain one fails on a value it cannot convert, naming it; …OrNull gives NULL and …OrZero gives
// zero (the epoch for dates) instead.
#include "functions/scalar/conversion_common.h"

namespace larder::functions {

std::string TargetName(const LogicalType& type) { return type.WithNullable(false).ToString(); }

void RegisterConversion(FunctionRegistry* r, const std::string& name, int min_args, int max_args,
                        const LogicalType& type, std::function<bool(const LogicalType&)> accepts,
                        const ConversionKernelFactory& factory) {
  struct Form {
    const char* suffix;
    OnFailure on_failure;
  };
  for (const Form& form : {Form{"", OnFailure::kError}, Form{"OrNull", OnFailure::kNull},
                           Form{"OrZero", OnFailure::kZero}}) {
    std::string function = name + form.suffix;
    const bool or_null = form.on_failure == OnFailure::kNull;
    ReturnTypeRule rule = [function, type, accepts,
                           or_null](const std::vector<LogicalType>& args) -> Result<LogicalType> {
      const LogicalType& arg = args.at(0);
      if (arg.id() != TypeId::kNothing && !accepts(arg)) {
        return InvalidArgument("{} cannot convert {} to {}", function, arg.ToString(),
                               TargetName(type));
      }
      bool nullable = or_null;
      for (const LogicalType& each : args) nullable = nullable || each.nullable();
      return type.WithNullable(nullable);
    };
    Scalar(r, function, min_args, max_args, std::move(rule), factory(function, form.on_failure));
  }
}

void RegisterConversions(FunctionRegistry* r) {
  RegisterNumberConversions(r);
  RegisterTextConversions(r);
  RegisterDateConversions(r);
}

}  // namespace larder::functions
