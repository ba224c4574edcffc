// The built-in functions: names, argument counts and result types (ClickHouse semantics; counts
// are Int64 where ClickHouse says UInt64, and comparisons are Bool where it says UInt8).
#include "functions/function_registry.h"

namespace larder::functions {
namespace {

using rules::Arithmetic;
using rules::Fixed;
using rules::SameAsArgument;

const LogicalType kBool = LogicalType::Bool();
const LogicalType kInt = LogicalType::Int64();
const LogicalType kFloat = LogicalType::Float64();
const LogicalType kString = LogicalType::String();
const LogicalType kDate = LogicalType::Date();
const LogicalType kDateTime = LogicalType::DateTime();

void Scalar(FunctionRegistry* registry, std::string name, int min_args, int max_args,
            ReturnTypeRule rule) {
  registry->Register(
      {std::move(name), FunctionKind::kScalar, min_args, max_args, 0, 0, std::move(rule)});
}

void Aggregate(FunctionRegistry* registry, std::string name, int min_args, int max_args,
               ReturnTypeRule rule, int max_params = 0, int min_params = 0) {
  registry->Register({std::move(name), FunctionKind::kAggregate, min_args, max_args, min_params,
                      max_params, std::move(rule)});
}

// Keeps the nullability of the arguments: NULL in, NULL out.
ReturnTypeRule Propagating(LogicalType type) {
  return [type](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    bool nullable = false;
    for (const LogicalType& arg : args) nullable = nullable || arg.nullable();
    return type.WithNullable(nullable);
  };
}

ReturnTypeRule ArrayOf(size_t index) {
  return [index](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    return LogicalType::Array(args.at(index));
  };
}

ReturnTypeRule ElementOf(size_t index) {
  return [index](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    const LogicalType& array = args.at(index);
    if (array.id() != TypeId::kArray) {
      return InvalidArgument("expected an Array, not {}", array.ToString());
    }
    return array.element();
  };
}

ReturnTypeRule SumType() {
  return [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    TypeId id = args.at(0).id();
    if (id == TypeId::kFloat64) return kFloat;
    if (id == TypeId::kDecimal) return LogicalType::Decimal(args[0].scale());
    if (id == TypeId::kInt64 || id == TypeId::kBool || id == TypeId::kNothing) return kInt;
    return InvalidArgument("sum needs numbers, not {}", args[0].ToString());
  };
}

void RegisterOperators(FunctionRegistry* r) {
  for (const char* name : {"plus", "minus", "multiply", "modulo", "negate"}) {
    Scalar(r, name, name == std::string("negate") ? 1 : 2, name == std::string("negate") ? 1 : 2,
           Arithmetic());
  }
  Scalar(r, "divide", 2, 2, Propagating(kFloat));
  Scalar(r, "intDiv", 2, 2, Propagating(kInt));
  for (const char* name :
       {"equals", "notEquals", "less", "lessOrEquals", "greater", "greaterOrEquals"}) {
    Scalar(r, name, 2, 2, rules::Comparison());
  }
  for (const char* name : {"like", "ilike", "notLike", "notILike", "match"}) {
    Scalar(r, name, 2, 2, rules::StringMatch());
  }
  for (const char* name : {"in", "notIn", "globalIn", "globalNotIn"})
    Scalar(r, name, 2, 2, Fixed(kBool));
  for (const char* name : {"and", "or"}) Scalar(r, name, 2, -1, Propagating(kBool));
  Scalar(r, "not", 1, 1, Propagating(kBool));
  Scalar(r, "isNull", 1, 1, Fixed(kBool));
  Scalar(r, "isNotNull", 1, 1, Fixed(kBool));
  Scalar(r, "isDistinctFrom", 2, 2, Fixed(kBool));
  Scalar(r, "isNotDistinctFrom", 2, 2, Fixed(kBool));
}

void RegisterConditionals(FunctionRegistry* r) {
  Scalar(r, "if", 3, 3, rules::CommonSupertype(1, 1));
  Scalar(r, "multiIf", 3, -1, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    std::vector<LogicalType> branches;
    for (size_t i = 1; i < args.size(); i += 2) branches.push_back(args[i]);
    branches.push_back(args.back());
    return rules::CommonSupertype(0, 1)(branches);
  });
  Scalar(r, "_caseWithExpression", 4, -1,
         [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
           std::vector<LogicalType> branches;
           for (size_t i = 2; i < args.size(); i += 2) branches.push_back(args[i]);
           branches.push_back(args.back());
           return rules::CommonSupertype(0, 1)(branches);
         });
  Scalar(r, "coalesce", 1, -1, rules::CommonSupertype(0, 1));
  Scalar(r, "ifNull", 2, 2, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    LARDER_ASSIGN_OR_RETURN(LogicalType type, rules::CommonSupertype(0, 1)(args));
    return type.WithNullable(args[1].nullable());
  });
  Scalar(r, "nullIf", 2, 2, SameAsArgument(0, true));
  Scalar(r, "assumeNotNull", 1, 1, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    return args[0].WithNullable(false);
  });
  Scalar(r, "toNullable", 1, 1, SameAsArgument(0, true));
  Scalar(r, "greatest", 1, -1, rules::CommonSupertype(0, 1));
  Scalar(r, "least", 1, -1, rules::CommonSupertype(0, 1));
}

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

void RegisterStrings(FunctionRegistry* r) {
  for (const char* name :
       {"lower", "upper", "reverse", "trim", "trimLeft", "trimRight", "base64Encode",
        "base64Decode", "hex", "MD5", "domain", "topLevelDomain", "path", "protocol",
        "cutQueryString", "decodeURLComponent", "lowerUTF8", "upperUTF8"}) {
    Scalar(r, name, 1, 2, Propagating(kString));
  }
  Scalar(r, "concat", 1, -1, Fixed(kString));
  Scalar(r, "substring", 2, 3, Propagating(kString));
  Scalar(r, "leftPad", 2, 3, Propagating(kString));
  Scalar(r, "rightPad", 2, 3, Propagating(kString));
  Scalar(r, "repeat", 2, 2, Propagating(kString));
  Scalar(r, "replaceAll", 3, 3, Propagating(kString));
  Scalar(r, "replaceOne", 3, 3, Propagating(kString));
  Scalar(r, "replaceRegexpAll", 3, 3, Propagating(kString));
  Scalar(r, "replaceRegexpOne", 3, 3, Propagating(kString));
  Scalar(r, "extract", 2, 2, Propagating(kString));
  Scalar(r, "extractURLParameter", 2, 2, Propagating(kString));
  Scalar(r, "format", 1, -1, Fixed(kString));
  for (const char* name :
       {"length", "lengthUTF8", "position", "positionCaseInsensitive", "cityHash64", "sipHash64"}) {
    Scalar(r, name, 1, -1, Propagating(kInt));
  }
  for (const char* name : {"startsWith", "endsWith", "empty", "notEmpty"}) {
    Scalar(r, name, 1, 2, Propagating(kBool));
  }
  Scalar(r, "splitByChar", 2, 3, Fixed(LogicalType::Array(kString)));
  Scalar(r, "splitByString", 2, 3, Fixed(LogicalType::Array(kString)));
  Scalar(r, "extractAll", 2, 2, Fixed(LogicalType::Array(kString)));
  Scalar(r, "extractURLParameters", 1, 1, Fixed(LogicalType::Array(kString)));
  Scalar(r, "JSONExtractString", 2, -1, Fixed(kString));
  Scalar(r, "JSONExtractRaw", 2, -1, Fixed(kString));
  Scalar(r, "JSONExtractInt", 2, -1, Fixed(kInt));
  Scalar(r, "JSONExtractFloat", 2, -1, Fixed(kFloat));
  Scalar(r, "JSONExtractBool", 2, -1, Fixed(kBool));
  Scalar(r, "JSONHas", 2, -1, Fixed(kBool));
}

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

void RegisterArrays(FunctionRegistry* r) {
  Scalar(r, "array", 0, -1, [](const std::vector<LogicalType>& args) -> Result<LogicalType> {
    if (args.empty()) return LogicalType::Array(LogicalType::Nothing());
    LARDER_ASSIGN_OR_RETURN(LogicalType element, rules::CommonSupertype(0, 1)(args));
    return LogicalType::Array(element);
  });
  Scalar(r, "arrayJoin", 1, 1, ElementOf(0));
  Scalar(r, "arrayElement", 2, 2, ElementOf(0));
  Scalar(r, "has", 2, 2, Fixed(kBool));
  Scalar(r, "hasAny", 2, 2, Fixed(kBool));
  Scalar(r, "hasAll", 2, 2, Fixed(kBool));
  Scalar(r, "indexOf", 2, 2, Fixed(kInt));
  Scalar(r, "arrayDistinct", 1, 1, SameAsArgument(0));
  Scalar(r, "arraySort", 1, 2, SameAsArgument(0));
  Scalar(r, "arraySlice", 2, 3, SameAsArgument(0));
  Scalar(r, "arrayConcat", 1, -1, SameAsArgument(0));
  Scalar(r, "arrayStringConcat", 1, 2, Fixed(kString));
  Scalar(r, "range", 1, 3, Fixed(LogicalType::Array(kInt)));
  Scalar(r, "tuple", 1, -1, Fixed(kString));
}

void RegisterAggregates(FunctionRegistry* r) {
  Aggregate(r, "count", 0, 1, Fixed(kInt));
  Aggregate(r, "countIf", 1, 2, Fixed(kInt));
  for (const char* name : {"uniq", "uniqExact", "uniqHLL12", "uniqCombined"}) {
    Aggregate(r, name, 1, -1, Fixed(kInt));
  }
  Aggregate(r, "uniqIf", 2, 2, Fixed(kInt));
  Aggregate(r, "sum", 1, 1, SumType());
  Aggregate(r, "sumIf", 2, 2, SumType());
  for (const char* name : {"avg", "stddevPop", "stddevSamp", "varPop", "varSamp", "median"}) {
    Aggregate(r, name, 1, 1, Fixed(kFloat.WithNullable(false)));
  }
  Aggregate(r, "avgIf", 2, 2, Fixed(kFloat));
  for (const char* name : {"min", "max", "any", "anyLast"})
    Aggregate(r, name, 1, 1, SameAsArgument(0));
  for (const char* name : {"minIf", "maxIf", "argMin", "argMax"}) {
    Aggregate(r, name, 2, 2, SameAsArgument(0));
  }
  Aggregate(r, "groupArray", 1, 1, ArrayOf(0), 1);
  Aggregate(r, "groupUniqArray", 1, 1, ArrayOf(0), 1);
  Aggregate(r, "quantile", 1, 1, Fixed(kFloat), 1, 1);
  Aggregate(r, "quantiles", 1, 1, Fixed(LogicalType::Array(kFloat)), -1, 1);
  Aggregate(r, "quantileIf", 2, 2, Fixed(kFloat), 1, 1);
}

void RegisterWindows(FunctionRegistry* r) {
  for (const char* name : {"row_number", "rank", "dense_rank"}) {
    r->Register({name, FunctionKind::kWindow, 0, 0, 0, 0, Fixed(kInt)});
  }
  for (const char* name : {"lagInFrame", "leadInFrame", "lag", "lead"}) {
    r->Register({name, FunctionKind::kWindow, 1, 3, 0, 0, SameAsArgument(0, true)});
  }
  for (const char* name : {"first_value", "last_value"}) {
    r->Register({name, FunctionKind::kWindow, 1, 1, 0, 0, SameAsArgument(0, true)});
  }
  r->Register({"nth_value", FunctionKind::kWindow, 2, 2, 0, 0, SameAsArgument(0, true)});
}

}  // namespace

FunctionRegistry BuiltinFunctions() {
  FunctionRegistry registry;
  RegisterOperators(&registry);
  RegisterConditionals(&registry);
  RegisterConversions(&registry);
  RegisterStrings(&registry);
  RegisterDates(&registry);
  RegisterArrays(&registry);
  RegisterAggregates(&registry);
  RegisterWindows(&registry);
  return registry;
}

}  // namespace larder::functions
