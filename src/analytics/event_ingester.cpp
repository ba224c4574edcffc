#include "analytics/event_ingester.h"

#include <fmt/format.h>

#include <algorithm>

#include "analytics/events_table.h"
#include "common/logging.h"
#include "storage/table_scan.h"
#include "storage/table_writer.h"

namespace larder::analytics {
namespace {

uint64_t CommittedSequence(const storage::Table& table) {
  const std::string& text = table.Snapshot()->metadata(kIngestSequenceKey);
  return text.empty() ? 0 : std::stoull(text);
}

}  // namespace

EventIngester::EventIngester(IngestionTarget* target, const EventIngesterOptions& options)
    : target_(target), options_(options) {}

EventIngester::~EventIngester() {
  Status stopped = Stop();
  if (!stopped.ok()) LARDER_LOG(kError, "events not flushed at shutdown: {}", stopped.ToString());
}

Result<std::unique_ptr<EventIngester>> EventIngester::Open(FileSystem* fs,
                                                           const std::string& log_dir,
                                                           IngestionTarget* target,
                                                           const EventIngesterOptions& options) {
  std::unique_ptr<EventIngester> ingester(new EventIngester(target, options));
  LARDER_ASSIGN_OR_RETURN(ingester->log_, EventLog::Open(fs, log_dir, options.log));
  LARDER_RETURN_IF_ERROR(ingester->ReplayLog());
  return ingester;
}

Status EventIngester::ReplayLog() {
  LARDER_RETURN_IF_ERROR(log_->Replay(
      0, [&](uint64_t sequence, int64_t project_id, std::vector<CapturedEvent> events) {
        std::lock_guard lock(pending_mutex_);
        pending_events_ += events.size();
        pending_.push_back({sequence, project_id, std::move(events)});
        return Status::OK();
      }));
  return Flush();
}

Status EventIngester::Accept(int64_t project_id, std::vector<CapturedEvent> events) {
  const size_t count = events.size();
  bool flusher_running;
  {
    std::lock_guard lock(flusher_mutex_);
    flusher_running = flusher_.joinable();
  }
  if (!flusher_running) {
    // No background flusher (a command-line load): flush here when too much is pending.
    bool over;
    {
      std::lock_guard lock(pending_mutex_);
      over = pending_events_ >= options_.max_pending_events;
    }
    if (over) LARDER_RETURN_IF_ERROR(Flush());
  } else {
    std::unique_lock lock(pending_mutex_);
    if (pending_events_ >= options_.max_pending_events) {
      flusher_cv_.notify_one();
      if (!pending_space_.wait_for(lock, options_.max_accept_wait,
                                   [&] { return pending_events_ < options_.max_pending_events; })) {
        return Status(
            StatusCode::kUnavailable,
            fmt::format("{} events are waiting to be stored; retry shortly", pending_events_));
      }
    }
  }
  bool flush_now = false;
  LARDER_ASSIGN_OR_RETURN(uint64_t sequence, log_->Append(project_id, events, [&](uint64_t seq) {
    std::lock_guard lock(pending_mutex_);
    pending_.push_back({seq, project_id, std::move(events)});
    pending_events_ += count;
    flush_now = pending_events_ >= options_.flush_events;
  }));
  (void)sequence;
  {
    std::lock_guard lock(pending_mutex_);
    stats_.accepted += count;
  }
  if (flush_now) flusher_cv_.notify_one();
  return Status::OK();
}

Status EventIngester::Flush() {
  std::lock_guard lock(flush_mutex_);
  return FlushLocked();
}

Status EventIngester::FlushLocked() {
  const uint64_t durable = log_->durable_sequence();
  // In units of about flush_events events, so a backlog does not become one huge commit.
  for (;;) {
    std::vector<PendingRecord> records;
    size_t events = 0;
    {
      std::lock_guard lock(pending_mutex_);
      while (!pending_.empty() && pending_.front().sequence <= durable &&
             (records.empty() || events < options_.flush_events)) {
        events += pending_.front().events.size();
        pending_events_ -= pending_.front().events.size();
        records.push_back(std::move(pending_.front()));
        pending_.pop_front();
      }
    }
    pending_space_.notify_all();
    if (records.empty()) return Status::OK();
    const uint64_t through = records.back().sequence;
    LARDER_RETURN_IF_ERROR(FlushRecords(std::move(records), through));
  }
}

Status EventIngester::FlushRecords(std::vector<PendingRecord> records, uint64_t through) {
  std::map<int64_t, std::vector<PendingRecord*>> by_project;
  for (PendingRecord& record : records) by_project[record.project_id].push_back(&record);
  Status result;
  uint64_t removable = through;
  std::vector<PendingRecord> failed;
  for (auto& [project_id, project_records] : by_project) {
    Status flushed = FlushProject(project_id, project_records, through);
    if (flushed.ok()) continue;
    LARDER_LOG(kWarning, "events of project {} not flushed yet: {}", project_id,
               flushed.ToString());
    result = flushed;
    for (PendingRecord* record : project_records) failed.push_back(std::move(*record));
  }
  if (!failed.empty()) {
    // Back to the front, in order, for the next flush; the log keeps them meanwhile.
    std::sort(failed.begin(), failed.end(),
              [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
    removable = failed.front().sequence - 1;
    std::lock_guard lock(pending_mutex_);
    for (auto it = failed.rbegin(); it != failed.rend(); ++it) {
      pending_events_ += it->events.size();
      pending_.push_front(std::move(*it));
    }
  }
  LARDER_RETURN_IF_ERROR(log_->RemoveThrough(removable));
  return result;
}

Result<RecentUuids*> EventIngester::Recent(int64_t project_id, storage::Table* table) {
  auto& recent = recent_[project_id];
  if (recent != nullptr) return recent.get();
  // Rebuild from the newest stored rows: read uuids from the last morsels backwards.
  auto uuids = std::make_unique<RecentUuids>(options_.dedup_window);
  storage::ScanOptions scan_options;
  scan_options.columns = {"uuid"};
  LARDER_ASSIGN_OR_RETURN(storage::TableScan scan,
                          storage::TableScan::Create(table->Snapshot(), scan_options));
  const auto& morsels = scan.morsels();
  size_t loaded = 0;
  for (size_t i = morsels.size(); i-- > 0 && loaded < options_.dedup_window;) {
    LARDER_ASSIGN_OR_RETURN(ColumnVector column, scan.ReadColumn(morsels[i], 0));
    const Uuid128* values = column.data<Uuid128>();
    for (size_t row = 0; row < column.size(); ++row) uuids->Insert(values[row]);
    loaded += column.size();
  }
  recent = std::move(uuids);
  return recent.get();
}

Status EventIngester::FlushProject(int64_t project_id, const std::vector<PendingRecord*>& records,
                                   uint64_t through) {
  LARDER_ASSIGN_OR_RETURN(storage::Table * table, target_->EventsTable(project_id));
  LARDER_ASSIGN_OR_RETURN(PersonStore * persons, target_->Persons(project_id));
  LARDER_ASSIGN_OR_RETURN(RecentUuids * recent, Recent(project_id, table));
  const uint64_t committed = CommittedSequence(*table);
  const uint64_t persons_applied = persons->applied_seq();
  // Events new to the table, split by whether their person side was applied before a crash.
  std::vector<const CapturedEvent*> replayed, fresh;
  std::unordered_set<Uuid128, Uuid128Hash> batch_uuids;
  size_t total = 0;
  for (const PendingRecord* record : records) total += record->events.size();
  batch_uuids.reserve(total);
  fresh.reserve(total);
  uint64_t duplicates = 0;
  for (PendingRecord* record : records) {
    if (record->sequence <= committed) continue;
    for (const CapturedEvent& event : record->events) {
      if (recent->Contains(event.uuid) || !batch_uuids.insert(event.uuid).second) {
        ++duplicates;
        continue;
      }
      (record->sequence <= persons_applied ? replayed : fresh).push_back(&event);
    }
  }
  std::vector<Uuid128> person_ids;
  if (!replayed.empty()) {
    LARDER_ASSIGN_OR_RETURN(person_ids, persons->Lookup(replayed));
  }
  if (!fresh.empty()) {
    LARDER_ASSIGN_OR_RETURN(std::vector<Uuid128> applied, persons->Apply(fresh, through));
    person_ids.insert(person_ids.end(), applied.begin(), applied.end());
  }
  std::vector<const CapturedEvent*> rows = std::move(replayed);
  rows.insert(rows.end(), fresh.begin(), fresh.end());
  if (!rows.empty()) {
    // In the table's order (timestamp) already, so the writer need not copy every column to
    // sort them; clients' streams interleave but each is nearly in order.
    std::vector<uint32_t> order(rows.size());
    for (uint32_t row = 0; row < order.size(); ++row) order[row] = row;
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return rows[a]->timestamp_us < rows[b]->timestamp_us;
    });
    std::vector<const CapturedEvent*> sorted_rows(rows.size());
    std::vector<Uuid128> sorted_ids(rows.size());
    for (size_t row = 0; row < order.size(); ++row) {
      sorted_rows[row] = rows[order[row]];
      sorted_ids[row] = person_ids[order[row]];
    }
    auto writer = table->NewWriter();
    LARDER_RETURN_IF_ERROR(writer->Append(EventsBatch(sorted_rows, sorted_ids)));
    writer->SetMetadata(kIngestSequenceKey, std::to_string(through));
    LARDER_RETURN_IF_ERROR(writer->Commit());
    for (const CapturedEvent* event : rows) recent->Insert(event->uuid);
  }
  std::lock_guard lock(pending_mutex_);
  stats_.stored += rows.size();
  stats_.duplicates += duplicates;
  return Status::OK();
}

void EventIngester::StartFlusher() {
  std::lock_guard lock(flusher_mutex_);
  if (flusher_.joinable()) return;
  flusher_stop_ = false;
  flusher_ = std::thread([this] { FlusherLoop(); });
}

void EventIngester::FlusherLoop() {
  std::unique_lock lock(flusher_mutex_);
  while (!flusher_stop_) {
    flusher_cv_.wait_for(lock, options_.flush_interval, [&] {
      std::lock_guard pending_lock(pending_mutex_);
      return flusher_stop_ || pending_events_ >= options_.flush_events;
    });
    if (flusher_stop_) break;
    lock.unlock();
    Status flushed = Flush();
    if (!flushed.ok()) LARDER_LOG(kWarning, "flushing events: {}", flushed.ToString());
    lock.lock();
  }
}

Status EventIngester::Stop() {
  {
    std::lock_guard lock(flusher_mutex_);
    flusher_stop_ = true;
  }
  flusher_cv_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  return Flush();
}

EventIngester::Stats EventIngester::stats() const {
  std::lock_guard lock(pending_mutex_);
  return stats_;
}

}  // namespace larder::analytics
