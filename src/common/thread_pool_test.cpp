#include "common/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace larder {
namespace {

// Runs `body`; aborts the test binary instead of hanging when it deadlocks.
void RunWithDeadline(const std::function<void()>& body) {
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread runner([&] {
    body();
    done.set_value();
  });
  if (finished.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
    std::fprintf(stderr, "deadlock: the test body did not finish within 60 s\n");
    std::abort();
  }
  runner.join();
}

// Counts how often each index ran.
class IndexCounts {
 public:
  explicit IndexCounts(size_t n) : counts_(new std::atomic<int>[n]), n_(n) {
    for (size_t i = 0; i < n; ++i) counts_[i] = 0;
  }
  void Record(size_t index) {
    ASSERT_LT(index, n_);
    counts_[index].fetch_add(1);
  }
  // The indexes that did not run exactly once.
  std::vector<size_t> Wrong() const {
    std::vector<size_t> wrong;
    for (size_t i = 0; i < n_; ++i) {
      if (counts_[i].load() != 1) wrong.push_back(i);
    }
    return wrong;
  }

 private:
  std::unique_ptr<std::atomic<int>[]> counts_;
  size_t n_;
};

TEST(ThreadPool, HasTheRequestedNumberOfThreads) {
  EXPECT_EQ(ThreadPool(1).size(), 1u);
  EXPECT_EQ(ThreadPool(3).size(), 3u);
  EXPECT_GE(ThreadPool(0).size(), 1u) << "0 means one per hardware thread";
}

TEST(ThreadPool, SubmitReturnsEachTasksResult) {
  ThreadPool pool(2);
  std::vector<std::future<int>> squares;
  for (int i = 0; i < 100; ++i) squares.push_back(pool.Submit([i] { return i * i; }));
  std::future<std::string> text = pool.Submit([] { return std::string("done"); });
  std::atomic<bool> ran{false};
  std::future<void> side_effect = pool.Submit([&] { ran = true; });
  for (int i = 0; i < 100; ++i) EXPECT_EQ(squares[i].get(), i * i);
  EXPECT_EQ(text.get(), "done");
  side_effect.get();
  EXPECT_TRUE(ran);
}

TEST(ThreadPool, SubmitMoveOnlyResults) {
  ThreadPool pool(1);
  auto future = pool.Submit([] { return std::make_unique<int>(11); });
  std::unique_ptr<int> value = future.get();
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(*value, 11);
}

TEST(ThreadPool, DestructorFinishesQueuedTasks) {
  std::atomic<int> finished{0};
  {
    ThreadPool pool(1);
    for (int i = 0; i < 200; ++i) {
      std::future<void> unused = pool.Submit([&] { finished.fetch_add(1); });
    }
  }
  EXPECT_EQ(finished.load(), 200);
}

TEST(ThreadPool, ParallelForRunsEveryIndexExactlyOnce) {
  struct Case {
    size_t threads;
    size_t n;
  };
  std::vector<Case> cases = {
      {1, 0}, {1, 1}, {1, 2}, {1, 100}, {2, 0}, {2, 1},    {2, 2},
      {2, 3}, {3, 3}, {3, 4}, {4, 2},   {4, 5}, {4, 1000}, {2, 100000},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(testing::Message() << test.threads << " threads, n = " << test.n);
    ThreadPool pool(test.threads);
    IndexCounts counts(test.n);
    std::atomic<size_t> calls{0};
    RunWithDeadline([&] {
      pool.ParallelFor(test.n, [&](size_t i) {
        counts.Record(i);
        calls.fetch_add(1);
      });
    });
    // Every call finished before ParallelFor returned.
    EXPECT_EQ(calls.load(), test.n);
    EXPECT_TRUE(counts.Wrong().empty()) << counts.Wrong().size() << " indexes wrong";
  }
}

TEST(ThreadPool, ParallelForUsesMoreThanOneThread) {
  ThreadPool pool(2);
  // Each index waits until another thread has started one too; serial execution would never
  // see a second thread, so give up after a generous while.
  std::atomic<int> started{0};
  std::atomic<bool> saw_concurrency{false};
  RunWithDeadline([&] {
    pool.ParallelFor(2, [&](size_t) {
      started.fetch_add(1);
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (started.load() < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
      }
      if (started.load() >= 2) saw_concurrency = true;
    });
  });
  EXPECT_TRUE(saw_concurrency);
}

TEST(ThreadPool, NestedParallelForDoesNotDeadlock) {
  struct Case {
    size_t threads;
    size_t outer;
    size_t inner;
  };
  std::vector<Case> cases = {{1, 4, 10}, {2, 2, 2}, {2, 8, 50}, {3, 100, 7}, {4, 3, 1000}};
  for (const Case& test : cases) {
    SCOPED_TRACE(testing::Message()
                 << test.threads << " threads, " << test.outer << " x " << test.inner);
    ThreadPool pool(test.threads);
    IndexCounts counts(test.outer * test.inner);
    RunWithDeadline([&] {
      pool.ParallelFor(test.outer, [&](size_t outer) {
        pool.ParallelFor(test.inner,
                         [&](size_t inner) { counts.Record(outer * test.inner + inner); });
      });
    });
    EXPECT_TRUE(counts.Wrong().empty()) << counts.Wrong().size() << " indexes wrong";
  }
}

TEST(ThreadPool, ParallelForInsideSubmittedTasksWhenEveryWorkerIsBusy) {
  // Every worker runs a task that itself calls ParallelFor: none of them may wait on a worker.
  ThreadPool pool(2);
  const size_t kTasks = 6, kItems = 500;
  IndexCounts counts(kTasks * kItems);
  RunWithDeadline([&] {
    std::vector<std::future<void>> tasks;
    for (size_t task = 0; task < kTasks; ++task) {
      tasks.push_back(pool.Submit([&, task] {
        pool.ParallelFor(kItems, [&](size_t item) { counts.Record(task * kItems + item); });
      }));
    }
    for (auto& future : tasks) future.get();
  });
  EXPECT_TRUE(counts.Wrong().empty()) << counts.Wrong().size() << " indexes wrong";
}

}  // namespace
}  // namespace larder
