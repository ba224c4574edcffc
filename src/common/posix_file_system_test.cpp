#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "common/file_system.h"

namespace larder {
namespace {

// Each test gets a fresh directory (mkdtemp), removed with its contents afterwards.
class PosixFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "larder_posix_fs_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr) << "mkdtemp failed for " << pattern;
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code error;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, error);
  }

  std::string Path(const std::string& name) const { return JoinPath(dir_, name); }

  void WriteFile(const std::string& path, std::string_view data) {
    auto file = fs_->NewWritableFile(path);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    ASSERT_TRUE((*file)->Append(data).ok());
    ASSERT_TRUE((*file)->Sync().ok());
    ASSERT_TRUE((*file)->Close().ok());
  }

  std::string ReadFile(const std::string& path) {
    auto contents = fs_->ReadFileToString(path);
    EXPECT_TRUE(contents.ok()) << contents.status().ToString();
    return contents.ok() ? *contents : "<error>";
  }

  std::vector<std::string> SortedList(const std::string& path) {
    auto names = fs_->ListDir(path);
    EXPECT_TRUE(names.ok()) << names.status().ToString();
    if (!names.ok()) return {};
    std::sort(names->begin(), names->end());
    return *names;
  }

  std::unique_ptr<FileSystem> fs_ = NewPosixFileSystem();
  std::string dir_;
};

TEST_F(PosixFileSystemTest, WrittenDataReadsBack) {
  std::string path = Path("data.bin");
  auto file = fs_->NewWritableFile(path);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_TRUE((*file)->Append("hello ").ok());
  ASSERT_TRUE((*file)->Append(std::string("wor\0ld", 6)).ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Close().ok());

  EXPECT_TRUE(fs_->FileExists(path));
  auto size = fs_->FileSize(path);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 12u);
  EXPECT_EQ(ReadFile(path), std::string("hello wor\0ld", 12));

  auto reader = fs_->NewRandomAccessFile(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->Size(), 12u);
  struct Case {
    uint64_t offset;
    size_t length;
    bool ok;
    std::string expected;
  };
  std::vector<Case> cases = {
      {0, 5, true, "hello"}, {6, 3, true, "wor"}, {12, 0, true, ""},  {11, 1, true, "d"},
      {11, 2, false, ""},    {13, 0, false, ""},  {0, 13, false, ""}, {UINT64_MAX, 1, false, ""},
  };
  for (const Case& test : cases) {
    auto view = (*reader)->Read(test.offset, test.length);
    EXPECT_EQ(view.ok(), test.ok) << test.offset << "+" << test.length;
    if (test.ok && view.ok()) {
      EXPECT_EQ(*view, test.expected);
    } else if (!view.ok()) {
      EXPECT_EQ(view.status().code(), StatusCode::kCorruption);
      EXPECT_NE(view.status().message().find(path), std::string::npos) << view.status().ToString();
    }
  }
}

TEST_F(PosixFileSystemTest, EmptyFileReadsAsEmpty) {
  WriteFile(Path("empty"), "");
  EXPECT_EQ(ReadFile(Path("empty")), "");
  auto reader = fs_->NewRandomAccessFile(Path("empty"));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->Size(), 0u);
  EXPECT_FALSE((*reader)->Read(0, 1).ok());
}

TEST_F(PosixFileSystemTest, NewWritableFileTruncates) {
  WriteFile(Path("f"), "a long first version");
  WriteFile(Path("f"), "short");
  EXPECT_EQ(ReadFile(Path("f")), "short");
}

TEST_F(PosixFileSystemTest, RenameReplacesTheTarget) {
  WriteFile(Path("new"), "new contents");
  WriteFile(Path("old"), "old contents");
  ASSERT_TRUE(fs_->Rename(Path("new"), Path("old")).ok());
  EXPECT_FALSE(fs_->FileExists(Path("new")));
  EXPECT_EQ(ReadFile(Path("old")), "new contents");
  EXPECT_EQ(SortedList(dir_), std::vector<std::string>{"old"});
}

TEST_F(PosixFileSystemTest, ListDirNamesFilesAndDirectories) {
  EXPECT_TRUE(SortedList(dir_).empty());
  WriteFile(Path("b.part"), "1");
  WriteFile(Path("a.part"), "2");
  ASSERT_TRUE(fs_->CreateDirs(Path("sub")).ok());
  WriteFile(Path("sub/inner"), "3");
  EXPECT_EQ(SortedList(dir_), (std::vector<std::string>{"a.part", "b.part", "sub"}));
  EXPECT_EQ(SortedList(Path("sub")), std::vector<std::string>{"inner"});
}

TEST_F(PosixFileSystemTest, MissingThingsAreNotFound) {
  std::string missing = Path("missing");
  struct Case {
    std::string operation;
    Status status;
  };
  std::vector<Case> cases = {
      {"RemoveFile", fs_->RemoveFile(missing)},
      {"FileSize", fs_->FileSize(missing).status()},
      {"NewRandomAccessFile", fs_->NewRandomAccessFile(missing).status()},
      {"ReadFileToString", fs_->ReadFileToString(missing).status()},
      {"Rename", fs_->Rename(missing, Path("other"))},
      {"ListDir", fs_->ListDir(missing).status()},
      {"RemoveDir", fs_->RemoveDir(missing)},
      {"SyncDir", fs_->SyncDir(missing)},
      {"NewWritableFile in a missing directory", fs_->NewWritableFile(missing + "/f").status()},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(test.status.code(), StatusCode::kNotFound)
        << test.operation << ": " << test.status.ToString();
    EXPECT_NE(test.status.message().find(missing), std::string::npos)
        << test.operation << ": " << test.status.ToString();
  }
  EXPECT_FALSE(fs_->FileExists(missing));
  EXPECT_FALSE(fs_->DirExists(missing));
}

TEST_F(PosixFileSystemTest, RemoveFileRemoves) {
  WriteFile(Path("f"), "x");
  ASSERT_TRUE(fs_->RemoveFile(Path("f")).ok());
  EXPECT_FALSE(fs_->FileExists(Path("f")));
  EXPECT_EQ(fs_->RemoveFile(Path("f")).code(), StatusCode::kNotFound);
}

TEST_F(PosixFileSystemTest, CreateDirsMakesEveryMissingParent) {
  std::string nested = Path("a/b/c");
  ASSERT_TRUE(fs_->CreateDirs(nested).ok());
  EXPECT_TRUE(fs_->DirExists(Path("a")));
  EXPECT_TRUE(fs_->DirExists(Path("a/b")));
  EXPECT_TRUE(fs_->DirExists(nested));
  EXPECT_FALSE(fs_->FileExists(nested)) << "a directory is not a file";
  EXPECT_TRUE(fs_->CreateDirs(nested).ok()) << "creating an existing directory is OK";
  EXPECT_TRUE(fs_->CreateDirs(Path("a/b/c/d/")).ok()) << "a trailing slash is OK";
  EXPECT_TRUE(fs_->DirExists(Path("a/b/c/d")));
  EXPECT_TRUE(fs_->SyncDir(nested).ok());

  WriteFile(Path("a/file"), "x");
  EXPECT_FALSE(fs_->DirExists(Path("a/file"))) << "a file is not a directory";
  EXPECT_FALSE(fs_->CreateDirs(Path("a/file/sub")).ok()) << "a parent is a file";
}

TEST_F(PosixFileSystemTest, RemoveDirRemovesOnlyEmptyDirectories) {
  ASSERT_TRUE(fs_->CreateDirs(Path("full")).ok());
  WriteFile(Path("full/f"), "x");
  EXPECT_FALSE(fs_->RemoveDir(Path("full")).ok());
  EXPECT_TRUE(fs_->DirExists(Path("full")));
  ASSERT_TRUE(fs_->RemoveFile(Path("full/f")).ok());
  ASSERT_TRUE(fs_->RemoveDir(Path("full")).ok());
  EXPECT_FALSE(fs_->DirExists(Path("full")));
}

TEST_F(PosixFileSystemTest, LockFileExcludesASecondLockUntilReleased) {
  std::string path = Path("LOCK");
  auto first = fs_->LockFile(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(fs_->FileExists(path)) << "the lock file is created";

  auto second = fs_->LockFile(path);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find(path), std::string::npos) << second.status().ToString();

  auto other = fs_->LockFile(Path("OTHER_LOCK"));
  EXPECT_TRUE(other.ok()) << "locks on different paths are independent";

  first->reset();
  auto third = fs_->LockFile(path);
  EXPECT_TRUE(third.ok()) << third.status().ToString();
}

TEST_F(PosixFileSystemTest, WriteFileAtomicallyReplacesAndLeavesNoTempFiles) {
  std::string path = Path("CURRENT");
  ASSERT_TRUE(fs_->WriteFileAtomically(path, "manifest-1").ok());
  EXPECT_EQ(ReadFile(path), "manifest-1");
  ASSERT_TRUE(fs_->WriteFileAtomically(path, "manifest-22").ok());
  EXPECT_EQ(ReadFile(path), "manifest-22");
  EXPECT_EQ(SortedList(dir_), std::vector<std::string>{"CURRENT"});
}

TEST_F(PosixFileSystemTest, WriteFileAtomicallyIntoAMissingDirectoryFails) {
  Status status = fs_->WriteFileAtomically(Path("missing/CURRENT"), "x");
  EXPECT_EQ(status.code(), StatusCode::kNotFound) << status.ToString();
  EXPECT_TRUE(SortedList(dir_).empty());
}

}  // namespace
}  // namespace larder
