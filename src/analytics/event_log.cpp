#include "analytics/event_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "common/hash.h"

namespace larder::analytics {
namespace {

constexpr size_t kRecordHeaderBytes = 4 + 8 + 8;

uint64_t RecordChecksum(uint64_t sequence, std::string_view payload) {
  std::string bytes(reinterpret_cast<const char*>(&sequence), 8);
  bytes.append(payload);
  return Checksum64(bytes);
}

void AppendRecord(uint64_t sequence, std::string_view payload, std::string* out) {
  BinaryWriter writer(out);
  writer.PutFixed32(static_cast<uint32_t>(payload.size()));
  writer.PutFixed64(RecordChecksum(sequence, payload));
  writer.PutFixed64(sequence);
  writer.PutRaw(payload);
}

// The first sequence in a segment's file name; false for files that are not segments.
bool ParseSegmentName(std::string_view name, uint64_t* first_sequence) {
  if (name.size() != 24 || !name.ends_with(".wal")) return false;
  auto [end, error] = std::from_chars(name.data(), name.data() + 20, *first_sequence);
  return error == std::errc() && end == name.data() + 20;
}

// Calls `visit(sequence, payload)` for each intact record of `data`; stops at the first torn
// or damaged one.
template <typename Visit>
Status ForEachRecord(std::string_view data, const std::string& what, Visit&& visit) {
  BinaryReader reader(data, what);
  while (reader.remaining() >= kRecordHeaderBytes) {
    uint32_t length;
    uint64_t checksum, sequence;
    LARDER_RETURN_IF_ERROR(reader.GetFixed32(&length));
    LARDER_RETURN_IF_ERROR(reader.GetFixed64(&checksum));
    LARDER_RETURN_IF_ERROR(reader.GetFixed64(&sequence));
    std::string_view payload;
    if (!reader.GetRaw(length, &payload).ok()) break;
    if (RecordChecksum(sequence, payload) != checksum) break;
    LARDER_RETURN_IF_ERROR(visit(sequence, payload));
  }
  return Status::OK();
}

}  // namespace

void EncodeEvent(const CapturedEvent& event, BinaryWriter* writer) {
  writer->PutFixed64(event.uuid.high);
  writer->PutFixed64(event.uuid.low);
  writer->PutBytes(event.event);
  writer->PutBytes(event.distinct_id);
  writer->PutBytes(event.properties_json);
  writer->PutSignedVarint(event.timestamp_us);
  writer->PutSignedVarint(event.created_at_us);
  writer->PutBytes(event.set_json);
  writer->PutBytes(event.set_once_json);
  writer->PutVarint(event.unset.size());
  for (const std::string& name : event.unset) writer->PutBytes(name);
  writer->PutByte(event.process_person ? 1 : 0);
  writer->PutBytes(event.anon_distinct_id);
  writer->PutBytes(event.alias);
  writer->PutBytes(event.group_type);
  writer->PutBytes(event.group_key);
  writer->PutBytes(event.group_set_json);
  writer->PutBytes(event.elements_chain);
  writer->PutBytes(event.session_id);
  writer->PutBytes(event.window_id);
}

Status DecodeEvent(BinaryReader* reader, CapturedEvent* event) {
  LARDER_RETURN_IF_ERROR(reader->GetFixed64(&event->uuid.high));
  LARDER_RETURN_IF_ERROR(reader->GetFixed64(&event->uuid.low));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->event));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->distinct_id));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->properties_json));
  LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&event->timestamp_us));
  LARDER_RETURN_IF_ERROR(reader->GetSignedVarint(&event->created_at_us));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->set_json));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->set_once_json));
  uint64_t unset_count;
  LARDER_RETURN_IF_ERROR(reader->GetBoundedVarint(reader->remaining() + 1, &unset_count));
  event->unset.resize(unset_count);
  for (std::string& name : event->unset) LARDER_RETURN_IF_ERROR(reader->GetString(&name));
  uint8_t process_person;
  LARDER_RETURN_IF_ERROR(reader->GetByte(&process_person));
  event->process_person = process_person != 0;
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->anon_distinct_id));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->alias));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->group_type));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->group_key));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->group_set_json));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->elements_chain));
  LARDER_RETURN_IF_ERROR(reader->GetString(&event->session_id));
  return reader->GetString(&event->window_id);
}

Result<std::unique_ptr<EventLog>> EventLog::Open(FileSystem* fs, const std::string& dir,
                                                 const EventLogOptions& options) {
  LARDER_RETURN_IF_ERROR(fs->CreateDirs(dir));
  std::unique_ptr<EventLog> log(new EventLog(fs, dir, options));
  LARDER_RETURN_IF_ERROR(log->ScanSegments());
  return log;
}

std::string EventLog::SegmentPath(uint64_t first_sequence) const {
  return fmt::format("{}/{:020}.wal", dir_, first_sequence);
}

Status EventLog::ScanSegments() {
  LARDER_ASSIGN_OR_RETURN(std::vector<std::string> names, fs_->ListDir(dir_));
  for (const std::string& name : names) {
    uint64_t first;
    if (ParseSegmentName(name, &first)) segments_.push_back(first);
  }
  std::sort(segments_.begin(), segments_.end());
  // Sequences grow across segments: the last intact record of the last segment is the highest.
  uint64_t last = segments_.empty() ? 0 : segments_.back() - 1;
  if (!segments_.empty()) {
    const std::string path = SegmentPath(segments_.back());
    LARDER_ASSIGN_OR_RETURN(auto file, fs_->NewRandomAccessFile(path));
    LARDER_ASSIGN_OR_RETURN(std::string_view data, file->Read(0, file->Size()));
    LARDER_RETURN_IF_ERROR(ForEachRecord(data, path, [&](uint64_t sequence, std::string_view) {
      last = std::max(last, sequence);
      return Status::OK();
    }));
  }
  opened_last_sequence_ = last;
  next_sequence_ = last + 1;
  durable_sequence_ = last;
  return Status::OK();
}

Status EventLog::Replay(uint64_t after, const Visitor& visit) const {
  std::vector<uint64_t> segments;
  {
    std::lock_guard lock(mutex_);
    segments = segments_;
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i + 1 < segments.size() && segments[i + 1] <= after + 1) continue;  // All replayed.
    const std::string path = SegmentPath(segments[i]);
    LARDER_ASSIGN_OR_RETURN(auto file, fs_->NewRandomAccessFile(path));
    LARDER_ASSIGN_OR_RETURN(std::string_view data, file->Read(0, file->Size()));
    LARDER_RETURN_IF_ERROR(
        ForEachRecord(data, path, [&](uint64_t sequence, std::string_view payload) -> Status {
          if (sequence <= after) return Status::OK();
          BinaryReader reader(payload, path);
          uint64_t project_id, count;
          LARDER_RETURN_IF_ERROR(reader.GetVarint(&project_id));
          LARDER_RETURN_IF_ERROR(reader.GetBoundedVarint(payload.size() + 1, &count));
          std::vector<CapturedEvent> events(count);
          for (CapturedEvent& event : events) {
            LARDER_RETURN_IF_ERROR(DecodeEvent(&reader, &event));
          }
          return visit(sequence, static_cast<int64_t>(project_id), std::move(events));
        }));
  }
  return Status::OK();
}

void EventLog::ReserveSequencesBelow(uint64_t sequence) {
  std::lock_guard lock(mutex_);
  if (next_sequence_ < sequence) {
    next_sequence_ = sequence;
    durable_sequence_ = std::max(durable_sequence_, sequence - 1);
  }
}

uint64_t EventLog::durable_sequence() const {
  std::lock_guard lock(mutex_);
  return durable_sequence_;
}

Status EventLog::StartSegment(uint64_t first_sequence) {
  if (segment_ != nullptr) {
    LARDER_RETURN_IF_ERROR(segment_->Close());
    segment_.reset();
  }
  LARDER_ASSIGN_OR_RETURN(segment_, fs_->NewWritableFile(SegmentPath(first_sequence)));
  LARDER_RETURN_IF_ERROR(fs_->SyncDir(dir_));
  segment_size_ = 0;
  std::lock_guard lock(mutex_);
  segments_.push_back(first_sequence);
  return Status::OK();
}

Status EventLog::WriteBatch(const std::string& bytes, uint64_t first_sequence) {
  if (segment_ == nullptr || segment_size_ >= options_.segment_bytes) {
    LARDER_RETURN_IF_ERROR(StartSegment(first_sequence));
  }
  LARDER_RETURN_IF_ERROR(segment_->Append(bytes));
  segment_size_ += bytes.size();
  return segment_->Sync();
}

Result<uint64_t> EventLog::Append(int64_t project_id, std::span<const CapturedEvent> events,
                                  const std::function<void(uint64_t)>& sequenced) {
  std::string payload;
  BinaryWriter writer(&payload);
  writer.PutVarint(static_cast<uint64_t>(project_id));
  writer.PutVarint(events.size());
  for (const CapturedEvent& event : events) EncodeEvent(event, &writer);

  std::unique_lock lock(mutex_);
  if (!failed_.ok()) return failed_;
  const uint64_t sequence = next_sequence_++;
  if (pending_.empty()) pending_first_ = sequence;
  AppendRecord(sequence, payload, &pending_);
  if (sequenced) sequenced(sequence);
  while (durable_sequence_ < sequence && failed_.ok()) {
    if (writing_) {
      written_.wait(lock);
      continue;
    }
    // Lead a group: write everything sequenced so far with one fsync.
    writing_ = true;
    std::string bytes = std::move(pending_);
    pending_.clear();
    const uint64_t first = pending_first_;
    const uint64_t last = next_sequence_ - 1;
    lock.unlock();
    Status written = WriteBatch(bytes, first);
    lock.lock();
    writing_ = false;
    if (written.ok()) {
      durable_sequence_ = last;
    } else {
      failed_ = Status(written.code(), "the event log cannot be written: " + written.message());
    }
    written_.notify_all();
  }
  if (!failed_.ok()) return failed_;
  return sequence;
}

Status EventLog::RemoveThrough(uint64_t through) {
  std::vector<uint64_t> removable;
  {
    std::lock_guard lock(mutex_);
    // The last segment may still be written; a segment ends where the next one begins.
    while (segments_.size() >= 2 && segments_[1] <= through + 1) {
      removable.push_back(segments_.front());
      segments_.erase(segments_.begin());
    }
  }
  for (uint64_t first : removable) LARDER_RETURN_IF_ERROR(fs_->RemoveFile(SegmentPath(first)));
  return Status::OK();
}

}  // namespace larder::analytics
