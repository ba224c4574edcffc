// Test helpers for the date, time and conversion functions: DateTime and Date values from
// text, a registry holding those families, and evaluation contexts with a time zone and a
// clock. Test code only: include it from *_test.cpp files.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "functions/function_test_util.h"
#include "functions/registration.h"
#include "types/datetime.h"

namespace larder::functions::testing {

// A DateTime from "YYYY-MM-DD hh:mm:ss[.ffffff]" in UTC.
inline Value DT(const std::string& utc) {
  int64_t micros = 0;
  EXPECT_TRUE(ParseDateTime(utc, &micros)) << utc;
  return Value::DateTime(micros);
}

// A Date from "YYYY-MM-DD".
inline Value D(const std::string& day) {
  int32_t days = 0;
  EXPECT_TRUE(ParseDate(day, &days)) << day;
  return Value::Date(days);
}

// The operators (plus, minus), conversions and date functions.
inline FunctionRegistry DateRegistry() {
  FunctionRegistry registry;
  RegisterOperators(&registry);
  RegisterConversions(&registry);
  RegisterDates(&registry);
  return registry;
}

// A query context in `time_zone` whose clock reads `now_utc`.
inline EvalContext ZoneContext(const std::string& time_zone,
                               const std::string& now_utc = "2024-06-15 12:00:00") {
  EvalContext context;
  context.time_zone = time_zone;
  context.now_micros = DT(now_utc).as_int64();
  return context;
}

// Errors with a context (ExpectErrors uses the default one).
inline void ExpectErrorsIn(const FunctionRegistry& registry, const EvalContext& context,
                           const std::vector<FunctionErrorCase>& cases) {
  for (const FunctionErrorCase& c : cases) {
    SCOPED_TRACE(DescribeCall(c.function, c.args));
    auto result = CallFunction(registry, c.function, c.args, context);
    ASSERT_FALSE(result.ok()) << "returned " << ::testing::PrintToString(Render(*result));
    EXPECT_NE(result.status().message().find(c.message), std::string::npos)
        << result.status().message();
  }
}

}  // namespace larder::functions::testing
