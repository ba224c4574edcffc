// String functions: length, lower, concat, substring, replace*, split*, URL and JSON extraction.
#include "functions/registration.h"

namespace larder::functions {

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

}  // namespace larder::functions
