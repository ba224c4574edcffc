#include "common/logging.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace larder {
namespace {

TEST(ParseLogLevel, AcceptsTheDocumentedNames) {
  struct Case {
    std::string text;
    bool ok;
    LogLevel level;
  };
  std::vector<Case> cases = {
      {"debug", true, LogLevel::kDebug},     {"info", true, LogLevel::kInfo},
      {"warning", true, LogLevel::kWarning}, {"warn", true, LogLevel::kWarning},
      {"error", true, LogLevel::kError},     {"off", true, LogLevel::kOff},
      {"", false, LogLevel::kInfo},          {"verbose", false, LogLevel::kInfo},
      {"debug ", false, LogLevel::kInfo},    {" info", false, LogLevel::kInfo},
      {"errors", false, LogLevel::kInfo},    {"3", false, LogLevel::kInfo},
  };
  for (const Case& test : cases) {
    // A rejected name leaves the level as it was.
    LogLevel level = LogLevel::kInfo;
    EXPECT_EQ(ParseLogLevel(test.text, &level), test.ok) << "'" << test.text << "'";
    EXPECT_EQ(level, test.level) << "'" << test.text << "'";
  }
}

// Restores the process-wide level a test changed.
class LogLevelTest : public ::testing::Test {
 protected:
  void TearDown() override { SetLogLevel(saved_); }
  LogLevel saved_ = GetLogLevel();
};

TEST_F(LogLevelTest, WritesOnlyMessagesAtOrAboveTheLevel) {
  SetLogLevel(LogLevel::kWarning);
  EXPECT_EQ(GetLogLevel(), LogLevel::kWarning);
  testing::internal::CaptureStderr();
  LARDER_LOG(kInfo, "hidden {}", 1);
  LARDER_LOG(kWarning, "shown {}", 2);
  LARDER_LOG(kError, "shown {}", 3);
  std::string output = testing::internal::GetCapturedStderr();
  EXPECT_EQ(output.find("hidden"), std::string::npos) << output;
  EXPECT_NE(output.find(" WARN logging_test.cpp:"), std::string::npos) << output;
  EXPECT_NE(output.find(" shown 2\n"), std::string::npos) << output;
  EXPECT_NE(output.find(" ERROR logging_test.cpp:"), std::string::npos) << output;
  EXPECT_NE(output.find(" shown 3\n"), std::string::npos) << output;

  SetLogLevel(LogLevel::kOff);
  testing::internal::CaptureStderr();
  LARDER_LOG(kError, "silenced");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace larder
