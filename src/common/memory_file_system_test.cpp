#include "common/memory_file_system.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace larder {
namespace {

// Helpers over a file system that assert each step succeeded.
class Files {
 public:
  explicit Files(FileSystem* fs) : fs_(fs) {}

  // Creates `path` holding `data`; `sync` makes the data durable (not the directory entry).
  void WriteFile(const std::string& path, std::string_view data, bool sync) {
    auto file = fs_->NewWritableFile(path);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    ASSERT_TRUE((*file)->Append(data).ok());
    if (sync) {
      ASSERT_TRUE((*file)->Sync().ok());
    }
    ASSERT_TRUE((*file)->Close().ok());
  }
  // A file whose data and directory entry are both durable.
  void WriteDurableFile(const std::string& path, std::string_view data) {
    WriteFile(path, data, true);
    ASSERT_TRUE(fs_->SyncDir(std::string(DirName(path))).ok());
  }
  // The contents of `path`, or "<missing>".
  std::string Contents(const std::string& path) {
    if (!fs_->FileExists(path)) return "<missing>";
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

 private:
  FileSystem* fs_;
};

// A memory file system with directory /d.
class MemoryFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs_.CreateDirs("/d").ok()); }

  void WriteFile(const std::string& path, std::string_view data, bool sync) {
    files_.WriteFile(path, data, sync);
  }
  void WriteDurableFile(const std::string& path, std::string_view data) {
    files_.WriteDurableFile(path, data);
  }
  std::string Contents(const std::string& path) { return files_.Contents(path); }
  std::vector<std::string> SortedList(const std::string& path) { return files_.SortedList(path); }

  MemoryFileSystem fs_;
  Files files_{&fs_};
};

TEST_F(MemoryFileSystemTest, BehavesLikeAFileSystemBeforeAnyCrash) {
  WriteFile("/d/a", "alpha", false);
  WriteFile("/d/b", "", false);
  ASSERT_TRUE(fs_.CreateDirs("/d/sub/deeper").ok());
  EXPECT_EQ(Contents("/d/a"), "alpha");
  EXPECT_EQ(Contents("/d/b"), "");
  EXPECT_EQ(*fs_.FileSize("/d/a"), 5u);
  EXPECT_EQ(SortedList("/d"), (std::vector<std::string>{"a", "b", "sub"}));
  EXPECT_EQ(SortedList("/d/"), (std::vector<std::string>{"a", "b", "sub"}));
  EXPECT_EQ(SortedList("/d/sub"), std::vector<std::string>{"deeper"});
  EXPECT_EQ(SortedList("/"), std::vector<std::string>{"d"});
  EXPECT_TRUE(fs_.DirExists("/d/sub/deeper"));
  EXPECT_FALSE(fs_.FileExists("/d/sub"));
  EXPECT_FALSE(fs_.DirExists("/d/a"));

  auto reader = fs_.NewRandomAccessFile("/d/a");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*(*reader)->Read(1, 3), "lph");
  EXPECT_EQ((*reader)->Read(3, 3).status().code(), StatusCode::kCorruption);

  WriteFile("/d/a", "new", false);
  EXPECT_EQ(Contents("/d/a"), "new") << "NewWritableFile truncates";
}

TEST_F(MemoryFileSystemTest, MissingThingsAreNotFound) {
  struct Case {
    std::string operation;
    Status status;
  };
  std::vector<Case> cases = {
      {"RemoveFile", fs_.RemoveFile("/d/missing")},
      {"FileSize", fs_.FileSize("/d/missing").status()},
      {"NewRandomAccessFile", fs_.NewRandomAccessFile("/d/missing").status()},
      {"Rename", fs_.Rename("/d/missing", "/d/other")},
      {"ListDir", fs_.ListDir("/d/missing").status()},
      {"RemoveDir", fs_.RemoveDir("/d/missing")},
      {"SyncDir", fs_.SyncDir("/d/missing")},
      {"NewWritableFile in a missing directory", fs_.NewWritableFile("/d/missing/f").status()},
      {"CorruptByte", fs_.CorruptByte("/d/missing", 0, 1)},
  };
  for (const Case& test : cases) {
    EXPECT_EQ(test.status.code(), StatusCode::kNotFound)
        << test.operation << ": " << test.status.ToString();
    EXPECT_NE(test.status.message().find("/d/missing"), std::string::npos)
        << test.operation << ": " << test.status.ToString();
  }
}

TEST_F(MemoryFileSystemTest, RemoveDirRefusesNonEmptyDirectories) {
  ASSERT_TRUE(fs_.CreateDirs("/d/parent/child").ok());
  ASSERT_TRUE(fs_.CreateDirs("/d/parent-sibling").ok());
  EXPECT_FALSE(fs_.RemoveDir("/d/parent").ok()) << "it holds a subdirectory";
  EXPECT_TRUE(fs_.DirExists("/d/parent/child"));
  WriteFile("/d/parent/child/f", "x", false);
  EXPECT_FALSE(fs_.RemoveDir("/d/parent/child").ok()) << "it holds a file";
  ASSERT_TRUE(fs_.RemoveFile("/d/parent/child/f").ok());
  ASSERT_TRUE(fs_.RemoveDir("/d/parent/child").ok());
  ASSERT_TRUE(fs_.RemoveDir("/d/parent").ok());
  EXPECT_FALSE(fs_.DirExists("/d/parent"));
  EXPECT_TRUE(fs_.DirExists("/d/parent-sibling"));
}

// What survives SimulateCrash() after a sequence of operations.
struct CrashCase {
  std::string name;
  std::function<void(Files*, MemoryFileSystem*)> before_crash;
  // Path -> expected contents after the crash ("<missing>" when gone).
  std::vector<std::pair<std::string, std::string>> after_crash;
};

TEST_F(MemoryFileSystemTest, SimulateCrashKeepsOnlyWhatWasMadeDurable) {
  std::vector<CrashCase> cases = {
      {"data appended after the last Sync is dropped",
       [](Files* t, MemoryFileSystem* fs) {
         auto file = fs->NewWritableFile("/d/log");
         ASSERT_TRUE(fs->SyncDir("/d").ok());
         ASSERT_TRUE((*file)->Append("synced;").ok());
         ASSERT_TRUE((*file)->Sync().ok());
         ASSERT_TRUE((*file)->Append("lost").ok());
         EXPECT_EQ(t->Contents("/d/log"), "synced;lost");
       },
       {{"/d/log", "synced;"}}},
      {"a file never synced is empty",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteFile("/d/f", "never synced", false);
         ASSERT_TRUE(fs->SyncDir("/d").ok());
       },
       {{"/d/f", ""}}},
      {"a created file whose directory was not synced disappears",
       [](Files* t, MemoryFileSystem*) { t->WriteFile("/d/f", "data", true); },
       {{"/d/f", "<missing>"}}},
      {"a created file whose directory was synced stays",
       [](Files* t, MemoryFileSystem*) { t->WriteDurableFile("/d/f", "data"); },
       {{"/d/f", "data"}}},
      {"SyncDir before the data Sync keeps the entry and the later synced data",
       [](Files*, MemoryFileSystem* fs) {
         auto file = fs->NewWritableFile("/d/f");
         ASSERT_TRUE(fs->SyncDir("/d").ok());
         ASSERT_TRUE((*file)->Append("data").ok());
         ASSERT_TRUE((*file)->Sync().ok());
       },
       {{"/d/f", "data"}}},
      {"a rename without SyncDir restores the old name",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteDurableFile("/d/old", "contents");
         ASSERT_TRUE(fs->Rename("/d/old", "/d/new").ok());
         EXPECT_EQ(t->Contents("/d/new"), "contents");
       },
       {{"/d/old", "contents"}, {"/d/new", "<missing>"}}},
      {"a rename followed by SyncDir keeps the new name",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteDurableFile("/d/old", "contents");
         ASSERT_TRUE(fs->Rename("/d/old", "/d/new").ok());
         ASSERT_TRUE(fs->SyncDir("/d").ok());
       },
       {{"/d/old", "<missing>"}, {"/d/new", "contents"}}},
      {"a rename over a file without SyncDir restores the replaced file",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteDurableFile("/d/CURRENT", "v1");
         t->WriteFile("/d/CURRENT.tmp", "v2", true);
         ASSERT_TRUE(fs->Rename("/d/CURRENT.tmp", "/d/CURRENT").ok());
         EXPECT_EQ(t->Contents("/d/CURRENT"), "v2");
       },
       {{"/d/CURRENT", "v1"}, {"/d/CURRENT.tmp", "<missing>"}}},
      {"a rename over a file followed by SyncDir keeps the new file",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteDurableFile("/d/CURRENT", "v1");
         t->WriteFile("/d/CURRENT.tmp", "v2", true);
         ASSERT_TRUE(fs->Rename("/d/CURRENT.tmp", "/d/CURRENT").ok());
         ASSERT_TRUE(fs->SyncDir("/d").ok());
       },
       {{"/d/CURRENT", "v2"}, {"/d/CURRENT.tmp", "<missing>"}}},
      {"a removal without SyncDir is undone",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteDurableFile("/d/f", "still here");
         ASSERT_TRUE(fs->RemoveFile("/d/f").ok());
         EXPECT_FALSE(fs->FileExists("/d/f"));
       },
       {{"/d/f", "still here"}}},
      {"a removal followed by SyncDir stays removed",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteDurableFile("/d/f", "gone");
         ASSERT_TRUE(fs->RemoveFile("/d/f").ok());
         ASSERT_TRUE(fs->SyncDir("/d").ok());
       },
       {{"/d/f", "<missing>"}}},
      {"SyncDir of one directory does not make another durable",
       [](Files* t, MemoryFileSystem* fs) {
         ASSERT_TRUE(fs->CreateDirs("/e").ok());
         t->WriteFile("/d/x", "x", true);
         t->WriteFile("/e/y", "y", true);
         ASSERT_TRUE(fs->SyncDir("/d").ok());
       },
       {{"/d/x", "x"}, {"/e/y", "<missing>"}}},
      {"truncating a durable file without SyncDir restores its old contents",
       [](Files* t, MemoryFileSystem*) {
         t->WriteDurableFile("/d/f", "old");
         t->WriteFile("/d/f", "new", true);
       },
       {{"/d/f", "old"}}},
      {"WriteFileAtomically is durable",
       [](Files* t, MemoryFileSystem* fs) {
         t->WriteDurableFile("/d/CURRENT", "v1");
         ASSERT_TRUE(fs->WriteFileAtomically("/d/CURRENT", "v2").ok());
       },
       {{"/d/CURRENT", "v2"}}},
  };
  for (const CrashCase& test : cases) {
    SCOPED_TRACE(test.name);
    MemoryFileSystem fs;
    Files files(&fs);
    ASSERT_TRUE(fs.CreateDirs("/d").ok());
    test.before_crash(&files, &fs);
    fs.SimulateCrash();
    for (const auto& [path, expected] : test.after_crash) {
      EXPECT_EQ(files.Contents(path), expected) << path;
    }
    // Nothing else appears.
    std::vector<std::string> listed = files.SortedList("/d");
    for (const std::string& name : listed) {
      bool expected =
          std::any_of(test.after_crash.begin(), test.after_crash.end(), [&](const auto& entry) {
            return entry.first == "/d/" + name && entry.second != "<missing>";
          });
      EXPECT_TRUE(expected) << "unexpected /d/" << name << " after the crash";
    }
  }
}

TEST_F(MemoryFileSystemTest, DirectoriesSurviveACrash) {
  ASSERT_TRUE(fs_.CreateDirs("/d/a/b").ok());
  fs_.SimulateCrash();
  EXPECT_TRUE(fs_.DirExists("/d/a/b"));
}

TEST_F(MemoryFileSystemTest, CorruptByteFlipsBitsDurably) {
  WriteDurableFile("/d/part", "abcd");
  ASSERT_TRUE(fs_.CorruptByte("/d/part", 1, 0x01).ok());
  EXPECT_EQ(Contents("/d/part"), "accd");
  fs_.SimulateCrash();
  EXPECT_EQ(Contents("/d/part"), "accd");
  ASSERT_TRUE(fs_.CorruptByte("/d/part", 3, 0x20).ok());
  EXPECT_EQ(Contents("/d/part"), "accD");
  Status past_end = fs_.CorruptByte("/d/part", 4, 0x01);
  EXPECT_EQ(past_end.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Contents("/d/part"), "accD");
}

TEST_F(MemoryFileSystemTest, ReadersSeeASnapshotOfTheFile) {
  auto file = fs_.NewWritableFile("/d/f");
  ASSERT_TRUE((*file)->Append("first").ok());
  auto reader = fs_.NewRandomAccessFile("/d/f");
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*file)->Append("second").ok());
  EXPECT_EQ((*reader)->Size(), 5u);
  EXPECT_EQ(*(*reader)->Read(0, 5), "first");
}

TEST_F(MemoryFileSystemTest, LockFileExcludesASecondLockUntilReleased) {
  auto first = fs_.LockFile("/d/LOCK");
  ASSERT_TRUE(first.ok());
  auto second = fs_.LockFile("/d/LOCK");
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("/d/LOCK"), std::string::npos);
  EXPECT_TRUE(fs_.LockFile("/d/OTHER").ok());
  first->reset();
  EXPECT_TRUE(fs_.LockFile("/d/LOCK").ok());
}

TEST_F(MemoryFileSystemTest, ACrashReleasesLocksOfTheDeadProcessOnly) {
  auto before_crash = fs_.LockFile("/d/LOCK");
  ASSERT_TRUE(before_crash.ok());
  fs_.SimulateCrash();
  auto after_crash = fs_.LockFile("/d/LOCK");
  ASSERT_TRUE(after_crash.ok()) << "the process holding the lock is gone";
  // The dead process's lock object going away must not release the live one.
  before_crash->reset();
  EXPECT_EQ(fs_.LockFile("/d/LOCK").status().code(), StatusCode::kFailedPrecondition);
  after_crash->reset();
  EXPECT_TRUE(fs_.LockFile("/d/LOCK").ok());
}

}  // namespace
}  // namespace larder
