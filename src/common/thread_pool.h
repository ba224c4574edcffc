// ThreadPool: a fixed set of worker threads shared by queries, writers and compaction.
// Passed in (never global); main() makes one sized to the machine.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace larder {

class ThreadPool {
 public:
  // `threads` == 0 means one per hardware thread.
  explicit ThreadPool(size_t threads = 0);
  // Finishes queued tasks, then joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  size_t size() const { return workers_.size(); }

  // Queues `task`; the future becomes ready when it has run. Thread-safe.
  template <typename F>
  auto Submit(F&& task) -> std::future<decltype(task())> {
    using R = decltype(task());
    auto packaged = std::make_shared<std::packaged_task<R()>>(std::forward<F>(task));
    std::future<R> future = packaged->get_future();
    Enqueue([packaged] { (*packaged)(); });
    return future;
  }

  // Runs body(i) for i in [0, n) on the pool and the calling thread; returns when all are done.
  // Safe to call from inside a pool task (the caller helps instead of blocking a worker).
  void ParallelFor(size_t n, const std::function<void(size_t)>& body);

 private:
  void Enqueue(std::function<void()> task);
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace larder
