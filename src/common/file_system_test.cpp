#include "common/file_system.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace larder {
namespace {

TEST(PathFunctions, JoinPath) {
  struct Case {
    std::string dir;
    std::string name;
    std::string expected;
  };
  std::vector<Case> cases = {
      {"/data", "events", "/data/events"},
      {"/data/", "events", "/data/events"},
      {"/", "events", "/events"},
      {"", "events", "events"},
      {"relative/dir", "part-1", "relative/dir/part-1"},
      {"/data", "", "/data/"},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(JoinPath(test.dir, test.name), test.expected) << test.dir << " + " << test.name;
  }
}

TEST(PathFunctions, DirNameAndBaseName) {
  struct Case {
    std::string path;
    std::string dir_name;
    std::string base_name;
  };
  std::vector<Case> cases = {
      {"/data/events/part-1", "/data/events", "part-1"},
      {"/data", "/", "data"},
      {"/", "/", ""},
      {"file", ".", "file"},
      {"dir/file", "dir", "file"},
      {"", ".", ""},
      {"/data/events/", "/data/events", ""},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(DirName(test.path), test.dir_name) << test.path;
    EXPECT_EQ(BaseName(test.path), test.base_name) << test.path;
  }
}

TEST(PathFunctions, JoinPathInvertsDirNameAndBaseName) {
  for (std::string path : {"/a/b/c", "/a", "x/y"}) {
    EXPECT_EQ(JoinPath(DirName(path), BaseName(path)), path);
  }
}

}  // namespace
}  // namespace larder
