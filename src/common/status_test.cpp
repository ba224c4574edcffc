#include "common/status.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace larder {
namespace {

struct CodeCase {
  StatusCode code;
  std::string_view name;
  int http_status;
  int exit_code;
};

// Every StatusCode, in declaration order, with what users see for it.
const std::vector<CodeCase>& AllCodes() {
  static const std::vector<CodeCase> cases = {
      {StatusCode::kOk, "OK", 200, 0},
      {StatusCode::kInvalidArgument, "Invalid argument", 400, 2},
      {StatusCode::kNotFound, "Not found", 404, 3},
      {StatusCode::kAlreadyExists, "Already exists", 409, 4},
      {StatusCode::kPermissionDenied, "Permission denied", 403, 1},
      {StatusCode::kUnauthenticated, "Unauthenticated", 401, 1},
      {StatusCode::kFailedPrecondition, "Failed precondition", 412, 4},
      {StatusCode::kConflict, "Conflict", 409, 4},
      {StatusCode::kResourceExhausted, "Resource exhausted", 413, 1},
      {StatusCode::kCorruption, "Corruption", 500, 5},
      {StatusCode::kIOError, "IO error", 500, 1},
      {StatusCode::kUnavailable, "Unavailable", 503, 1},
      {StatusCode::kCancelled, "Cancelled", 499, 1},
      {StatusCode::kNotImplemented, "Not implemented", 501, 1},
      {StatusCode::kInternal, "Internal error", 500, 1},
  };
  return cases;
}

TEST(StatusCode, TableCoversEveryCodeInOrder) {
  ASSERT_EQ(AllCodes().size(), static_cast<size_t>(StatusCode::kInternal) + 1);
  for (size_t i = 0; i < AllCodes().size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(AllCodes()[i].code), i) << AllCodes()[i].name;
  }
}

TEST(StatusCode, EveryCodeHasItsOwnName) {
  std::set<std::string_view> names;
  for (const CodeCase& test : AllCodes()) {
    EXPECT_EQ(StatusCodeName(test.code), test.name);
    names.insert(StatusCodeName(test.code));
  }
  EXPECT_EQ(names.size(), AllCodes().size());
}

TEST(StatusCode, MapsToHttpStatusAndExitCode) {
  for (const CodeCase& test : AllCodes()) {
    Status status(test.code, "boom");
    EXPECT_EQ(HttpStatusFor(status), test.http_status) << test.name;
    EXPECT_EQ(ExitCodeFor(status), test.exit_code) << test.name;
  }
}

TEST(StatusCode, OnlyOkIsSuccessForServerAndCli) {
  for (const CodeCase& test : AllCodes()) {
    Status status(test.code, "boom");
    bool success = test.code == StatusCode::kOk;
    EXPECT_EQ(ExitCodeFor(status) == 0, success) << test.name;
    EXPECT_EQ(HttpStatusFor(status) < 300, success) << test.name;
    EXPECT_GE(HttpStatusFor(status), 200) << test.name;
    EXPECT_LT(HttpStatusFor(status), 600) << test.name;
  }
}

TEST(Status, OkHasNoCodeOrMessage) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
  EXPECT_EQ(status.message(), "");
  EXPECT_EQ(status.ToString(), "OK");
  EXPECT_EQ(status, Status::OK());
  // An OK code with a message is still OK: the message is dropped.
  Status ok_with_message(StatusCode::kOk, "ignored");
  EXPECT_TRUE(ok_with_message.ok());
  EXPECT_EQ(ok_with_message, Status::OK());
}

TEST(Status, FactoriesFormatTheirMessage) {
  struct Case {
    Status status;
    StatusCode code;
    std::string to_string;
  };
  std::vector<Case> cases = {
      {InvalidArgument("bad flag --{}", "x"), StatusCode::kInvalidArgument,
       "Invalid argument: bad flag --x"},
      {NotFound("table {}", "events"), StatusCode::kNotFound, "Not found: table events"},
      {AlreadyExists("table {} exists", "t"), StatusCode::kAlreadyExists,
       "Already exists: table t exists"},
      {FailedPrecondition("{} is locked", "/d/LOCK"), StatusCode::kFailedPrecondition,
       "Failed precondition: /d/LOCK is locked"},
      {Conflict("version {} != {}", 3, 4), StatusCode::kConflict, "Conflict: version 3 != 4"},
      {Corruption("checksum mismatch in {}", "part-1"), StatusCode::kCorruption,
       "Corruption: checksum mismatch in part-1"},
      {IOError("write {}", "f"), StatusCode::kIOError, "IO error: write f"},
      {NotImplemented("{} joins", "ASOF"), StatusCode::kNotImplemented,
       "Not implemented: ASOF joins"},
      {Internal("unreachable {}", 1), StatusCode::kInternal, "Internal error: unreachable 1"},
      {ResourceExhausted("{} bytes", 10), StatusCode::kResourceExhausted,
       "Resource exhausted: 10 bytes"},
  };
  for (const Case& test : cases) {
    EXPECT_FALSE(test.status.ok()) << test.to_string;
    EXPECT_EQ(test.status.code(), test.code) << test.to_string;
    EXPECT_EQ(test.status.ToString(), test.to_string);
  }
}

TEST(Status, EqualityComparesCodeAndMessage) {
  EXPECT_EQ(NotFound("a"), NotFound("a"));
  EXPECT_NE(NotFound("a"), NotFound("b"));
  EXPECT_NE(NotFound("a"), InvalidArgument("a"));
  EXPECT_NE(NotFound("a"), Status::OK());
}

TEST(Status, WithContextPrefixesTheMessageAndKeepsTheCode) {
  Status original = Corruption("checksum mismatch");
  Status in_file = original.WithContext("reading part-7");
  EXPECT_EQ(in_file.code(), StatusCode::kCorruption);
  EXPECT_EQ(in_file.message(), "reading part-7: checksum mismatch");
  EXPECT_EQ(original.message(), "checksum mismatch") << "the original must not change";
  EXPECT_EQ(in_file.WithContext("table events").ToString(),
            "Corruption: table events: reading part-7: checksum mismatch");
  EXPECT_TRUE(Status::OK().WithContext("anything").ok());
  EXPECT_EQ(Status::OK().WithContext("anything").message(), "");
}

TEST(Status, CopiesAreIndependentValues) {
  Status a = NotFound("x");
  Status b = a;
  b = b.WithContext("ctx");
  EXPECT_EQ(a.message(), "x");
  EXPECT_EQ(b.message(), "ctx: x");
  Status moved = std::move(b);
  EXPECT_EQ(moved.message(), "ctx: x");
}

TEST(Result, HoldsAValueOrAStatus) {
  Result<std::string> value = std::string("hello");
  ASSERT_TRUE(value.ok());
  EXPECT_TRUE(value.status().ok());
  EXPECT_EQ(*value, "hello");
  EXPECT_EQ(value->size(), 5u);
  EXPECT_EQ(value.value(), "hello");

  Result<std::string> error = NotFound("no such key");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status(), NotFound("no such key"));
}

TEST(Result, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> result = std::make_unique<int>(7);
  ASSERT_TRUE(result.ok());
  std::unique_ptr<int> owned = std::move(result).value();
  ASSERT_NE(owned, nullptr);
  EXPECT_EQ(*owned, 7);
}

// Helpers for the propagation macros: each records how far it got in `*reached`.
Status FailIf(bool fail) { return fail ? IOError("disk on fire") : Status::OK(); }
Result<int> ParseOrFail(bool fail) {
  if (fail) return InvalidArgument("not a number");
  return 42;
}
Result<std::unique_ptr<int>> MakeOrFail(bool fail) {
  if (fail) return ResourceExhausted("out of memory");
  return std::make_unique<int>(5);
}

Status ReturnIfErrorOnStatus(bool fail, int* reached) {
  *reached = 1;
  LARDER_RETURN_IF_ERROR(FailIf(fail));
  *reached = 2;
  return Status::OK();
}

Status ReturnIfErrorOnResult(bool fail, int* reached) {
  *reached = 1;
  LARDER_RETURN_IF_ERROR(ParseOrFail(fail));
  *reached = 2;
  return Status::OK();
}

Result<int> ReturnIfErrorInResultFunction(bool fail, int* reached) {
  *reached = 1;
  LARDER_RETURN_IF_ERROR(FailIf(fail));
  *reached = 2;
  return 9;
}

Result<int> AssignOrReturn(bool fail_first, bool fail_second, int* reached) {
  *reached = 1;
  LARDER_ASSIGN_OR_RETURN(int first, ParseOrFail(fail_first));
  *reached = 2;
  int second = 0;
  LARDER_ASSIGN_OR_RETURN(second, ParseOrFail(fail_second));
  *reached = 3;
  return first + second;
}

Status AssignMoveOnlyOrReturn(bool fail, int* reached) {
  *reached = 1;
  LARDER_ASSIGN_OR_RETURN(auto owned, MakeOrFail(fail));
  *reached = *owned;
  return Status::OK();
}

TEST(StatusMacros, ReturnIfErrorStopsAtTheFirstError) {
  struct Case {
    std::string name;
    std::function<Status(bool, int*)> run;
  };
  std::vector<Case> cases = {
      {"status", ReturnIfErrorOnStatus},
      {"result", ReturnIfErrorOnResult},
      {"inside a Result function",
       [](bool fail, int* reached) {
         Result<int> result = ReturnIfErrorInResultFunction(fail, reached);
         if (result.ok()) {
           EXPECT_EQ(*result, 9);
         }
         return result.status();
       }},
  };
  for (const Case& test : cases) {
    int reached = 0;
    EXPECT_TRUE(test.run(false, &reached).ok()) << test.name;
    EXPECT_EQ(reached, 2) << test.name;

    reached = 0;
    Status status = test.run(true, &reached);
    EXPECT_FALSE(status.ok()) << test.name;
    EXPECT_EQ(reached, 1) << test.name << ": code after the failing call ran";
  }
  int reached = 0;
  EXPECT_EQ(ReturnIfErrorOnStatus(true, &reached), IOError("disk on fire"));
  EXPECT_EQ(ReturnIfErrorOnResult(true, &reached), InvalidArgument("not a number"));
}

TEST(StatusMacros, ReturnIfErrorEvaluatesItsArgumentOnce) {
  int calls = 0;
  auto once = [&]() -> Status {
    ++calls;
    return NotFound("x");
  };
  auto run = [&]() -> Status {
    LARDER_RETURN_IF_ERROR(once());
    return Status::OK();
  };
  EXPECT_EQ(run(), NotFound("x"));
  EXPECT_EQ(calls, 1);
}

TEST(StatusMacros, AssignOrReturnBindsTheValueOrReturnsTheStatus) {
  struct Case {
    bool fail_first;
    bool fail_second;
    bool ok;
    int reached;
  };
  std::vector<Case> cases = {
      {false, false, true, 3},
      {true, false, false, 1},
      {false, true, false, 2},
      {true, true, false, 1},
  };
  for (const Case& test : cases) {
    int reached = 0;
    Result<int> result = AssignOrReturn(test.fail_first, test.fail_second, &reached);
    SCOPED_TRACE(testing::Message()
                 << "fail_first=" << test.fail_first << " fail_second=" << test.fail_second);
    EXPECT_EQ(result.ok(), test.ok);
    EXPECT_EQ(reached, test.reached);
    if (test.ok) {
      EXPECT_EQ(*result, 84);
    } else {
      EXPECT_EQ(result.status(), InvalidArgument("not a number"));
    }
  }
}

TEST(StatusMacros, AssignOrReturnMovesMoveOnlyValues) {
  int reached = 0;
  EXPECT_TRUE(AssignMoveOnlyOrReturn(false, &reached).ok());
  EXPECT_EQ(reached, 5);
  reached = 0;
  EXPECT_EQ(AssignMoveOnlyOrReturn(true, &reached), ResourceExhausted("out of memory"));
  EXPECT_EQ(reached, 1);
}

}  // namespace
}  // namespace larder
