#include "sync/sync_service.h"

#include "common/http_client.h"
#include "common/json.h"
#include "common/logging.h"

namespace larder::sync {
namespace {

constexpr std::string_view kInterrupted =
    "Larder stopped while this sync ran; the next run resumes from the last checkpoint";

}  // namespace

bool IsTransientSyncError(StatusCode code) {
  switch (code) {
    case StatusCode::kUnavailable:
    case StatusCode::kConflict:
    case StatusCode::kResourceExhausted:
    case StatusCode::kIOError:
      return true;
    default:
      return false;
  }
}

SyncService::SyncService(warehouse::DataDirectory* data, SourceOpener open_source,
                         const SyncServiceOptions& options)
    : data_(data), open_source_(std::move(open_source)), options_(options) {}

SyncService::~SyncService() { Stop(); }

Result<std::unique_ptr<SyncService>> SyncService::Start(warehouse::DataDirectory* data,
                                                        SourceOpener open_source,
                                                        const SyncServiceOptions& options) {
  LARDER_ASSIGN_OR_RETURN(int64_t interrupted, data->catalog().FailRunningSyncJobs(kInterrupted));
  if (interrupted > 0) {
    LARDER_LOG(kWarning, "{} sync jobs were left running by a stopped process: marked Failed",
               interrupted);
  }
  std::unique_ptr<SyncService> service(new SyncService(data, std::move(open_source), options));
  for (int worker = 0; worker < std::max(1, options.max_concurrent_jobs); ++worker) {
    service->workers_.emplace_back([raw = service.get()] { raw->WorkerLoop(); });
  }
  if (options.run_scheduler) {
    service->scheduler_ = std::thread([raw = service.get()] { raw->SchedulerLoop(); });
  }
  return service;
}

void SyncService::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
    for (auto& [schema_id, job] : active_) job->cancel.store(true);
  }
  work_cv_.notify_all();
  scheduler_cv_.notify_all();
  if (scheduler_.joinable()) scheduler_.join();
  for (std::thread& worker : workers_) worker.join();
  workers_.clear();
  std::lock_guard lock(mutex_);
  for (Job* job : queue_) active_.erase(job->schema_id);
  queue_.clear();
  idle_cv_.notify_all();
}

void SyncService::QueueLocked(int64_t schema_id, bool resync) {
  auto job = std::make_unique<Job>();
  job->schema_id = schema_id;
  job->resync = resync;
  job->queued_at_us = data_->env().clock->NowMicros();
  queue_.push_back(job.get());
  active_[schema_id] = std::move(job);
  work_cv_.notify_one();
}

Status SyncService::Trigger(int64_t schema_id, bool resync) {
  LARDER_ASSIGN_OR_RETURN(catalog::SourceSchemaEntry schema,
                          data_->catalog().GetSourceSchema(schema_id));
  std::lock_guard lock(mutex_);
  if (stopping_) return Status(StatusCode::kUnavailable, "the server is stopping");
  if (active_.contains(schema_id)) {
    return FailedPrecondition("table {} is already syncing; cancel that run first", schema.name);
  }
  QueueLocked(schema_id, resync);
  return Status::OK();
}

Status SyncService::Cancel(int64_t schema_id) {
  std::lock_guard lock(mutex_);
  auto found = active_.find(schema_id);
  if (found == active_.end()) {
    return FailedPrecondition("source schema {} has no sync queued or running", schema_id);
  }
  Job* job = found->second.get();
  if (job->running.load()) {
    job->cancel.store(true);
    return Status::OK();
  }
  std::erase(queue_, job);
  active_.erase(found);
  idle_cv_.notify_all();
  return Status::OK();
}

void SyncService::CancelAndWait(int64_t schema_id) {
  Status cancelled = Cancel(schema_id);
  if (!cancelled.ok()) return;
  std::unique_lock lock(mutex_);
  idle_cv_.wait(lock, [&] { return !active_.contains(schema_id); });
}

std::optional<ActiveJobInfo> SyncService::ActiveJob(int64_t schema_id) const {
  std::lock_guard lock(mutex_);
  auto found = active_.find(schema_id);
  if (found == active_.end()) return std::nullopt;
  const Job& job = *found->second;
  ActiveJobInfo info{schema_id,        "Queued",         job.rows.load(),
                     job.bytes.load(), job.queued_at_us, job.resync};
  if (job.running.load()) info.phase = job.cancel.load() ? "Cancelling" : "Running";
  return info;
}

void SyncService::Wake() {
  {
    std::lock_guard lock(mutex_);
    wake_ = true;
  }
  scheduler_cv_.notify_all();
}

void SyncService::WaitIdle() {
  std::unique_lock lock(mutex_);
  idle_cv_.wait(lock, [&] { return active_.empty(); });
}

Result<RunHistory> SyncService::HistoryOf(int64_t schema_id) const {
  LARDER_ASSIGN_OR_RETURN(
      std::vector<catalog::SyncJobEntry> jobs,
      data_->catalog().ListSyncJobs(schema_id, options_.retry.max_consecutive_failures + 1));
  RunHistory history;
  if (jobs.empty()) return history;
  history.last_started_us = jobs.front().started_at_us;
  for (const catalog::SyncJobEntry& job : jobs) {
    if (!history.last_finished_us) history.last_finished_us = job.finished_at_us;
  }
  while (history.consecutive_failures < static_cast<int>(jobs.size()) &&
         jobs[history.consecutive_failures].status == "Failed") {
    ++history.consecutive_failures;
  }
  std::lock_guard lock(mutex_);
  history.last_failure_transient = !permanent_failure_.contains(schema_id);
  return history;
}

Result<std::optional<int64_t>> SyncService::NextRun(
    const catalog::SourceSchemaEntry& schema) const {
  if (!schema.should_sync) return std::optional<int64_t>();
  LARDER_ASSIGN_OR_RETURN(int64_t frequency, catalog::SyncFrequencySeconds(schema.sync_frequency));
  std::optional<int> time_of_day;
  if (!schema.sync_time_of_day.empty()) {
    LARDER_ASSIGN_OR_RETURN(time_of_day, ParseTimeOfDay(schema.sync_time_of_day));
  }
  LARDER_ASSIGN_OR_RETURN(RunHistory history, HistoryOf(schema.id));
  return NextRunMicros(frequency, time_of_day, history, options_.retry);
}

void SyncService::QueueDueSchemas() {
  Result<std::vector<catalog::SourceSchemaEntry>> schemas = data_->catalog().ListSyncingSchemas();
  if (!schemas.ok()) {
    LARDER_LOG(kError, "the sync scheduler cannot list tables: {}", schemas.status().ToString());
    return;
  }
  const int64_t now = data_->env().clock->NowMicros();
  for (const catalog::SourceSchemaEntry& schema : *schemas) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      if (active_.contains(schema.id)) continue;
    }
    Result<std::optional<int64_t>> next = NextRun(schema);
    if (!next.ok()) {
      LARDER_LOG(kError, "cannot schedule table {}: {}", schema.name, next.status().ToString());
      continue;
    }
    if (!next->has_value() || **next > now) continue;
    std::lock_guard lock(mutex_);
    if (!stopping_ && !active_.contains(schema.id)) QueueLocked(schema.id, false);
  }
}

void SyncService::SchedulerLoop() {
  while (true) {
    QueueDueSchemas();
    std::unique_lock lock(mutex_);
    scheduler_cv_.wait_for(lock, options_.scheduler_tick, [&] { return stopping_ || wake_; });
    if (stopping_) return;
    wake_ = false;
  }
}

void SyncService::WorkerLoop() {
  while (true) {
    Job* job = nullptr;
    {
      std::unique_lock lock(mutex_);
      work_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      job->running.store(true);
    }
    RunJob(job);
    {
      std::lock_guard lock(mutex_);
      active_.erase(job->schema_id);
    }
    idle_cv_.notify_all();
    scheduler_cv_.notify_all();
  }
}

void SyncService::RunJob(Job* job) {
  Status outcome;
  SchemaSyncOptions options;
  options.checkpoint_rows = options_.checkpoint_rows;
  options.resync = job->resync;
  options.cancel = &job->cancel;
  options.outcome = &outcome;
  options.progress = [job](uint64_t rows, uint64_t bytes) {
    job->rows.store(rows);
    job->bytes.store(bytes);
  };
  Result<catalog::SyncJobEntry> run = RunSchemaSync(data_, open_source_, job->schema_id, options);
  if (!run.ok()) {
    LARDER_LOG(kError, "sync of source schema {} could not run: {}", job->schema_id,
               run.status().ToString());
    return;
  }
  bool stopping = false;
  {
    std::lock_guard lock(mutex_);
    stopping = stopping_;
    if (outcome.ok() || IsTransientSyncError(outcome.code())) {
      permanent_failure_.erase(job->schema_id);
    } else {
      permanent_failure_.insert(job->schema_id);
    }
  }
  if (stopping && run->status == "Cancelled") {
    MarkInterrupted(*run);
    return;
  }
  if (run->status == "Failed") {
    LARDER_LOG(kWarning, "sync job {} of source schema {} failed: {}", run->id, job->schema_id,
               run->error);
    CallWebhook(*run, outcome);
  }
}

void SyncService::MarkInterrupted(catalog::SyncJobEntry job) {
  job.status = "Failed";
  job.error = std::string(kInterrupted);
  Status finished = data_->catalog().FinishSyncJob(job);
  Result<catalog::SourceSchemaEntry> schema = data_->catalog().GetSourceSchema(job.schema_id);
  if (finished.ok() && schema.ok()) {
    schema->status = "Failed";
    schema->latest_error = job.error;
    finished = data_->catalog().UpdateSourceSchema(*schema);
  }
  if (!finished.ok()) LARDER_LOG(kError, "recording an interrupted sync: {}", finished.ToString());
}

void SyncService::CallWebhook(const catalog::SyncJobEntry& job, const Status& status) {
  if (options_.failure_webhook_url.empty()) return;
  Result<catalog::SourceSchemaEntry> schema = data_->catalog().GetSourceSchema(job.schema_id);
  Json body = Json::MakeObject();
  body["event"] = "sync_failed";
  body["job_id"] = job.id;
  body["schema_id"] = job.schema_id;
  if (schema.ok()) {
    body["source_id"] = schema->source_id;
    body["table"] = schema->name;
    body["table_name"] = schema->table_name;
  }
  body["error"] = job.error;
  body["transient"] = IsTransientSyncError(status.code());
  OutgoingRequest request;
  request.method = "POST";
  request.url = options_.failure_webhook_url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = body.Serialize();
  Result<IncomingResponse> response = SendHttpRequest(request);
  if (!response.ok()) {
    LARDER_LOG(kWarning, "the failure webhook was not reached: {}", response.status().message());
  } else if (response->status >= 300) {
    LARDER_LOG(kWarning, "the failure webhook answered {}", response->status);
  }
}

}  // namespace larder::sync
