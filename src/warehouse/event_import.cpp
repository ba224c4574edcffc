#include "warehouse/event_import.h"

#include <fmt/format.h>

#include "analytics/capture_request.h"
#include "analytics/event_ingester.h"
#include "warehouse/ingestion_target.h"

namespace larder::warehouse {
namespace {

constexpr size_t kEventsPerRecord = 5000;

// Decodes every line of `text` (file `path`) as one captured event of the project with
// `token`, calling `sink` with every kEventsPerRecord events (and the rest at the end).
Status DecodeLines(std::string_view path, std::string_view text, const std::string& token,
                   int64_t now_us,
                   const std::function<Status(std::vector<analytics::CapturedEvent>)>& sink) {
  std::vector<analytics::CapturedEvent> events;
  const std::string prefix = fmt::format(R"({{"api_key":"{}","batch":[)", token);
  std::string body;
  size_t line_number = 0;
  analytics::CaptureLimits limits;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    body.assign(prefix).append(line).append("]}");
    analytics::CaptureRequest capture{"POST", "/batch/", "", "application/json", "", body};
    Result<analytics::CaptureBatch> decoded = analytics::DecodeCapture(capture, now_us, limits);
    if (!decoded.ok()) {
      std::string message = decoded.status().message();
      if (message.starts_with("event 0: ")) message.erase(0, 9);
      return InvalidArgument("{}:{}: {}; nothing was imported", path, line_number, message);
    }
    for (auto& event : decoded->events) events.push_back(std::move(event));
    if (events.size() >= kEventsPerRecord) {
      LARDER_RETURN_IF_ERROR(sink(std::move(events)));
      events.clear();
    }
  }
  return events.empty() ? Status::OK() : sink(std::move(events));
}

}  // namespace

Result<EventImportResult> ImportEvents(DataDirectory* data, const EventImportRequest& request) {
  if (request.files.empty()) return InvalidArgument("import --events needs at least one file");
  LARDER_ASSIGN_OR_RETURN(catalog::Project project, data->catalog().GetProject(request.project_id));
  const int64_t now_us = data->env().clock->NowMicros();
  std::vector<std::unique_ptr<RandomAccessFile>> files;
  for (const std::string& path : request.files) {
    LARDER_ASSIGN_OR_RETURN(auto file, data->env().fs->NewRandomAccessFile(path));
    files.push_back(std::move(file));
  }
  // First every line is validated, so that a bad one stops the import before anything is
  // stored; then the events go through ingestion in slices.
  EventImportResult result;
  for (size_t i = 0; i < files.size(); ++i) {
    LARDER_ASSIGN_OR_RETURN(std::string_view text, files[i]->Read(0, files[i]->Size()));
    LARDER_RETURN_IF_ERROR(DecodeLines(request.files[i], text, project.api_token, now_us,
                                       [&](std::vector<analytics::CapturedEvent> events) {
                                         result.events += events.size();
                                         return Status::OK();
                                       }));
  }
  DirectoryIngestionTarget target(data);
  LARDER_ASSIGN_OR_RETURN(auto ingester, analytics::EventIngester::Open(
                                             data->env().fs, data->EventsLogDir(), &target, {}));
  ingester->StartFlusher();
  const uint64_t duplicates_before = ingester->stats().duplicates;
  uint64_t sent = 0, bytes = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    LARDER_ASSIGN_OR_RETURN(std::string_view text, files[i]->Read(0, files[i]->Size()));
    LARDER_RETURN_IF_ERROR(DecodeLines(request.files[i], text, project.api_token, now_us,
                                       [&](std::vector<analytics::CapturedEvent> events) {
                                         sent += events.size();
                                         if (request.progress) request.progress(sent, bytes);
                                         return ingester->Accept(request.project_id,
                                                                 std::move(events));
                                       }));
    bytes += text.size();
  }
  LARDER_RETURN_IF_ERROR(ingester->Stop());
  if (request.progress) request.progress(sent, bytes);
  result.duplicates = ingester->stats().duplicates - duplicates_before;
  return result;
}

}  // namespace larder::warehouse
