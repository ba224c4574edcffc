#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/memory_file_system.h"

namespace larder {
namespace {

// A memory file system with directory /d and a log file open through the fault injector.
struct World {
  World() {
    EXPECT_TRUE(base.CreateDirs("/d").ok());
    auto opened = fs.NewWritableFile("/d/log");
    EXPECT_TRUE(opened.ok());
    log = std::move(*opened);
    EXPECT_TRUE(base.SyncDir("/d").ok());
    fs.ResetCounter();
  }
  // Creates a file directly in the base file system (not counted, never failed).
  void Prepare(const std::string& path) {
    auto file = base.NewWritableFile(path);
    EXPECT_TRUE(file.ok());
  }
  std::string Log() {
    auto contents = base.ReadFileToString("/d/log");
    return contents.ok() ? *contents : "<error>";
  }

  MemoryFileSystem base;
  FaultInjectingFileSystem fs{&base};
  std::unique_ptr<WritableFile> log;
};

// One kind of mutating operation the injector can fail.
struct OpKind {
  std::string name;
  FaultOp op;
  // Performs operation number `i` of this kind through the injector.
  std::function<Status(World*, int)> run;
  // Whether operation `i` changed the file system; null when not observable without a crash.
  std::function<bool(World*, int)> took_effect;
};

std::string Name(std::string_view prefix, int i) { return fmt::format("/d/{}{}", prefix, i); }

std::vector<OpKind> AllOpKinds() {
  return {
      {"write", kFaultWrite, [](World* w, int i) { return w->log->Append(fmt::format("w{};", i)); },
       [](World* w, int i) { return w->Log().find(fmt::format("w{};", i)) != std::string::npos; }},
      {"sync", kFaultSync, [](World* w, int) { return w->log->Sync(); }, nullptr},
      {"rename", kFaultRename,
       [](World* w, int i) {
         w->Prepare(Name("from", i));
         return w->fs.Rename(Name("from", i), Name("to", i));
       },
       [](World* w, int i) { return w->base.FileExists(Name("to", i)); }},
      {"syncdir", kFaultSyncDir, [](World* w, int) { return w->fs.SyncDir("/d"); }, nullptr},
      {"create file", kFaultCreate,
       [](World* w, int i) { return w->fs.NewWritableFile(Name("new", i)).status(); },
       [](World* w, int i) { return w->base.FileExists(Name("new", i)); }},
      {"create dirs", kFaultCreate,
       [](World* w, int i) { return w->fs.CreateDirs(Name("dir", i)); },
       [](World* w, int i) { return w->base.DirExists(Name("dir", i)); }},
      {"remove file", kFaultRemove,
       [](World* w, int i) {
         w->Prepare(Name("doomed", i));
         return w->fs.RemoveFile(Name("doomed", i));
       },
       [](World* w, int i) { return !w->base.FileExists(Name("doomed", i)); }},
      {"remove dir", kFaultRemove,
       [](World* w, int i) {
         EXPECT_TRUE(w->base.CreateDirs(Name("empty", i)).ok());
         return w->fs.RemoveDir(Name("empty", i));
       },
       [](World* w, int i) { return !w->base.DirExists(Name("empty", i)); }},
  };
}

TEST(FaultInjectingFileSystem, FailNthFailsExactlyTheNthOperationOfItsKind) {
  const int kFailAt = 3;
  for (const OpKind& faulty : AllOpKinds()) {
    SCOPED_TRACE(faulty.name);
    World world;
    world.fs.FailNth(faulty.op, kFailAt, /*crash=*/false);
    // Operations of the other kinds run between, and neither fail nor count towards n.
    int matching = 0;
    for (int i = 1; i <= 5; ++i) {
      for (const OpKind& kind : AllOpKinds()) {
        bool matches = (kind.op & faulty.op) != 0;
        if (matches) ++matching;
        bool should_fail = matches && matching == kFailAt;
        Status status = kind.run(&world, i);
        if (should_fail) {
          EXPECT_EQ(status.code(), StatusCode::kIOError) << kind.name << " #" << i;
          EXPECT_NE(status.message().find("injected"), std::string::npos) << status.ToString();
        } else {
          EXPECT_TRUE(status.ok()) << kind.name << " #" << i << ": " << status.ToString();
        }
        if (kind.took_effect) {
          EXPECT_EQ(kind.took_effect(&world, i), !should_fail) << kind.name << " #" << i;
        }
      }
    }
  }
}

TEST(FaultInjectingFileSystem, FailNthCountsEveryKindInTheMask) {
  World world;
  world.fs.FailNth(kFaultWrite | kFaultSync, 4, /*crash=*/false);
  EXPECT_TRUE(world.log->Append("a").ok());
  EXPECT_TRUE(world.fs.SyncDir("/d").ok()) << "not in the mask";
  EXPECT_TRUE(world.log->Sync().ok());
  EXPECT_TRUE(world.log->Append("b").ok());
  EXPECT_EQ(world.log->Sync().code(), StatusCode::kIOError);
  EXPECT_TRUE(world.log->Append("c").ok()) << "only one operation fails";
  EXPECT_TRUE(world.log->Sync().ok());
}

TEST(FaultInjectingFileSystem, ClearFaultsCancelsAPendingFault) {
  World world;
  world.fs.FailNth(kFaultAll, 1, /*crash=*/true);
  world.fs.ClearFaults();
  for (const OpKind& kind : AllOpKinds()) {
    EXPECT_TRUE(kind.run(&world, 1).ok()) << kind.name;
  }
}

TEST(FaultInjectingFileSystem, ACrashFailsEveryLaterMutationUntilRecovery) {
  for (const OpKind& crashing : AllOpKinds()) {
    SCOPED_TRACE(crashing.name);
    World world;
    ASSERT_TRUE(world.log->Append("durable;").ok());
    ASSERT_TRUE(world.log->Sync().ok());
    ASSERT_TRUE(world.log->Append("volatile;").ok());
    world.fs.FailNth(crashing.op, 1, /*crash=*/true);

    Status crash = crashing.run(&world, 1);
    EXPECT_EQ(crash.code(), StatusCode::kIOError) << crash.ToString();
    for (const OpKind& kind : AllOpKinds()) {
      Status status = kind.run(&world, 2);
      EXPECT_EQ(status.code(), StatusCode::kIOError) << kind.name << " after the crash";
      if (kind.took_effect) {
        EXPECT_FALSE(kind.took_effect(&world, 2)) << kind.name;
      }
    }
    // Reads still work on the stopped machine.
    EXPECT_TRUE(world.fs.FileExists("/d/log"));
    EXPECT_TRUE(world.fs.DirExists("/d"));
    EXPECT_TRUE(world.fs.ListDir("/d").ok());
    EXPECT_TRUE(world.fs.FileSize("/d/log").ok());
    auto contents = world.fs.ReadFileToString("/d/log");
    ASSERT_TRUE(contents.ok());
    EXPECT_EQ(contents->substr(0, 17), "durable;volatile;");

    world.fs.CrashAndRecover();
    EXPECT_EQ(world.Log(), "durable;") << "data not synced before the crash is lost";
    for (const OpKind& kind : AllOpKinds()) {
      EXPECT_TRUE(kind.run(&world, 3).ok()) << kind.name << " after recovery";
    }
  }
}

TEST(FaultInjectingFileSystem, CountsMutatingOperationsOnly) {
  World world;
  EXPECT_EQ(world.fs.mutating_ops(), 0);
  int64_t expected = 0;
  for (const OpKind& kind : AllOpKinds()) {
    ASSERT_TRUE(kind.run(&world, 1).ok()) << kind.name;
    ++expected;
    EXPECT_EQ(world.fs.mutating_ops(), expected) << kind.name;
  }
  // Reads, locks and Close are not mutations.
  EXPECT_TRUE(world.fs.FileExists("/d/log"));
  EXPECT_TRUE(world.fs.DirExists("/d"));
  EXPECT_TRUE(world.fs.ListDir("/d").ok());
  EXPECT_TRUE(world.fs.FileSize("/d/log").ok());
  EXPECT_TRUE(world.fs.ReadFileToString("/d/log").ok());
  EXPECT_TRUE(world.fs.LockFile("/d/LOCK").ok());
  EXPECT_TRUE(world.log->Close().ok());
  EXPECT_EQ(world.fs.mutating_ops(), expected);

  // Failed operations count too.
  world.fs.FailNth(kFaultSyncDir, 1, /*crash=*/false);
  EXPECT_FALSE(world.fs.SyncDir("/d").ok());
  EXPECT_EQ(world.fs.mutating_ops(), expected + 1);

  world.fs.ResetCounter();
  EXPECT_EQ(world.fs.mutating_ops(), 0);
  ASSERT_TRUE(world.fs.WriteFileAtomically("/d/CURRENT", "x").ok());
  EXPECT_EQ(world.fs.mutating_ops(), 5) << "create, write, sync, rename, sync directory";
}

TEST(FaultInjectingFileSystem, WriteFileAtomicallyLeavesOldOrNewContentsAtEveryCrashPoint) {
  int64_t ops;
  {
    World world;
    ASSERT_TRUE(world.fs.WriteFileAtomically("/d/CURRENT", "version 2").ok());
    ops = world.fs.mutating_ops();
  }
  ASSERT_GT(ops, 0);
  for (int64_t crash_at = 1; crash_at <= ops + 1; ++crash_at) {
    SCOPED_TRACE(crash_at);
    World world;
    ASSERT_TRUE(world.fs.WriteFileAtomically("/d/CURRENT", "version 1").ok());
    world.fs.FailNth(kFaultAll, crash_at, /*crash=*/true);
    Status status = world.fs.WriteFileAtomically("/d/CURRENT", "version 2");
    EXPECT_EQ(status.ok(), crash_at > ops);
    world.fs.CrashAndRecover();
    auto contents = world.base.ReadFileToString("/d/CURRENT");
    ASSERT_TRUE(contents.ok()) << contents.status().ToString();
    if (status.ok()) {
      EXPECT_EQ(*contents, "version 2") << "a successful write is durable";
    } else {
      EXPECT_TRUE(*contents == "version 1" || *contents == "version 2") << *contents;
    }
  }
}

}  // namespace
}  // namespace larder
