// SyncService: runs the sync jobs of `larder serve` — a scheduler that starts each linked
// table's sync when its frequency (and time of day) says so, a bounded number of workers that
// run the jobs, manual runs (reload, resync) and cancellation, retries with backoff after
// transient errors, giving up after repeated failures, and a webhook called on each failure.
// On start it marks the jobs a stopped process left Running as Failed; their tables resume
// from their last checkpoint on the next run.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sync/schedule.h"
#include "sync/schema_sync.h"

namespace larder::sync {

struct SyncServiceOptions {
  int max_concurrent_jobs = 2;  // Jobs running at once; more wait in a queue.
  RetryPolicy retry;
  // POSTed a JSON description of each failed job ({"event":"sync_failed", …}); empty: none.
  std::string failure_webhook_url;
  std::chrono::milliseconds scheduler_tick{1000};  // How often due tables are looked for.
  uint64_t checkpoint_rows = 1 << 20;
  bool run_scheduler = true;  // False: only manual runs (reload, resync).
};

// A job that is queued or running.
struct ActiveJobInfo {
  int64_t schema_id = 0;
  std::string phase;  // "Queued" | "Running" | "Cancelling".
  uint64_t rows = 0;  // Read so far.
  uint64_t bytes = 0;
  int64_t queued_at_us = 0;
  bool resync = false;
};

// True for errors that may pass when tried again (a connection reset, a timeout, a busy server).
bool IsTransientSyncError(StatusCode code);

class SyncService {
 public:
  // Fails the jobs left Running, then starts the workers and (if asked) the scheduler.
  // REQUIRES: `data` outlives the service; `open_source` is thread-safe.
  static Result<std::unique_ptr<SyncService>> Start(warehouse::DataDirectory* data,
                                                    SourceOpener open_source,
                                                    const SyncServiceOptions& options);
  ~SyncService();  // Stop().

  // Queues a run of `schema_id` now (reload; `resync`: from scratch). kFailedPrecondition when
  // one is already queued or running, or the schema does not sync; kNotFound for no schema.
  // Runs even when the scheduler has given up after repeated failures; a success resumes the
  // schedule.
  Status Trigger(int64_t schema_id, bool resync);
  // Cancels the queued or running job of `schema_id` (a running one stops at its next batch and
  // keeps its last checkpoint); kFailedPrecondition when there is none.
  Status Cancel(int64_t schema_id);
  // Cancels the job of `schema_id` if any and waits until it has stopped.
  void CancelAndWait(int64_t schema_id);
  std::optional<ActiveJobInfo> ActiveJob(int64_t schema_id) const;
  // When the scheduler will next start `schema`, µs since the epoch (nullopt: not scheduled).
  Result<std::optional<int64_t>> NextRun(const catalog::SourceSchemaEntry& schema) const;
  // Asks the scheduler to look again now (a schema's settings changed).
  void Wake();
  // Blocks until no job is queued or running (tests, shutdown).
  void WaitIdle();
  // Cancels running jobs, drops queued ones and joins every thread. Idempotent.
  void Stop();

 private:
  struct Job {
    int64_t schema_id = 0;
    bool resync = false;
    int64_t queued_at_us = 0;
    std::atomic<bool> cancel{false};
    std::atomic<bool> running{false};
    std::atomic<uint64_t> rows{0};
    std::atomic<uint64_t> bytes{0};
  };

  SyncService(warehouse::DataDirectory* data, SourceOpener open_source,
              const SyncServiceOptions& options);
  void SchedulerLoop();
  void WorkerLoop();
  void RunJob(Job* job);
  // Queues schemas that are due. REQUIRES: mutex_ not held.
  void QueueDueSchemas();
  Result<RunHistory> HistoryOf(int64_t schema_id) const;
  // REQUIRES: mutex_ held.
  void QueueLocked(int64_t schema_id, bool resync);
  // Records a job cut short by Stop() as Failed, so it is retried soon after a restart.
  void MarkInterrupted(catalog::SyncJobEntry job);
  void CallWebhook(const catalog::SyncJobEntry& job, const Status& status);

  warehouse::DataDirectory* data_;
  const SourceOpener open_source_;
  const SyncServiceOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable work_cv_;                 // Workers: a job was queued, or stopping.
  std::condition_variable scheduler_cv_;            // Scheduler: wake or stop.
  std::condition_variable idle_cv_;                 // A job finished.
  std::map<int64_t, std::unique_ptr<Job>> active_;  // By schema id; queued and running.
  std::deque<Job*> queue_;
  std::set<int64_t> permanent_failure_;  // Schemas whose last failure was not transient.
  bool stopping_ = false;
  bool wake_ = false;
  std::thread scheduler_;
  std::vector<std::thread> workers_;
};

}  // namespace larder::sync
