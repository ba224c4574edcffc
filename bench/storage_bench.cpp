// Storage benchmark: writes and scans an events-shaped table with Larder's storage layer and
// emits the figures as JSON for bench/storage_vs_duckdb.mjs, which compares them with DuckDB's.
// Run by hand (bench/run-storage), never in CI. Caches are warm for every measurement.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/allocator.h"
#include "common/clock.h"
#include "common/file_system.h"
#include "common/thread_pool.h"
#include "storage/table.h"
#include "storage/table_scan.h"
#include "storage/table_writer.h"
#include "types/datetime.h"
#include "warehouse/sample_events.h"
#include "warehouse/scan_aggregates.h"

namespace larder::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: larder_bench_storage --rows N --dir DIR --csv FILE --json FILE\n"
    "         [--batch-rows N] [--repeats N] [--threads N]\n"
    "  --rows        rows to generate, write and scan (default 1000000)\n"
    "  --dir         scratch directory for the table (must not hold a table yet)\n"
    "  --csv         where to write the same rows as CSV for DuckDB\n"
    "  --json        where to write the figures\n"
    "  --batch-rows  rows per appended batch (default 1048576, the table's part size)\n"
    "  --repeats     timed runs of each scan, best kept (default 5, after one warm-up)\n"
    "  --threads     worker threads, 0 = one per core (default 0)\n";

struct BenchOptions {
  uint64_t rows = 1000000;
  std::string dir;
  std::string csv_path;
  std::string json_path;
  size_t batch_rows = 1 << 20;
  int repeats = 5;
  size_t threads = 0;
};

Result<uint64_t> ParseCount(std::string_view flag, const char* text) {
  char* end = nullptr;
  unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') {
    return InvalidArgument("{} wants a non-negative integer, got '{}'", flag, text);
  }
  return static_cast<uint64_t>(value);
}

Result<BenchOptions> ParseArgs(int argc, char** argv) {
  BenchOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) return InvalidArgument("{} needs a value\n{}", flag, kUsage);
    const char* value = argv[++i];
    if (flag == "--rows") {
      LARDER_ASSIGN_OR_RETURN(options.rows, ParseCount(flag, value));
    } else if (flag == "--dir") {
      options.dir = value;
    } else if (flag == "--csv") {
      options.csv_path = value;
    } else if (flag == "--json") {
      options.json_path = value;
    } else if (flag == "--batch-rows") {
      LARDER_ASSIGN_OR_RETURN(options.batch_rows, ParseCount(flag, value));
    } else if (flag == "--repeats") {
      LARDER_ASSIGN_OR_RETURN(uint64_t repeats, ParseCount(flag, value));
      options.repeats = static_cast<int>(std::min<uint64_t>(repeats, 1000));
    } else if (flag == "--threads") {
      LARDER_ASSIGN_OR_RETURN(options.threads, ParseCount(flag, value));
    } else {
      return InvalidArgument("unknown flag {}\n{}", flag, kUsage);
    }
  }
  if (options.dir.empty() || options.csv_path.empty() || options.json_path.empty()) {
    return InvalidArgument("--dir, --csv and --json are required\n{}", kUsage);
  }
  if (options.rows == 0 || options.batch_rows == 0 || options.repeats == 0) {
    return InvalidArgument("--rows, --batch-rows and --repeats must be positive\n{}", kUsage);
  }
  return options;
}

// Time and bytes spent in the file system's write calls, fsyncs and directory syncs.
struct IoCounters {
  std::atomic<int64_t> write_nanos{0};
  std::atomic<int64_t> sync_nanos{0};
  std::atomic<uint64_t> bytes_written{0};
  std::atomic<uint64_t> syncs{0};
};

// Measures the time of `op` into `counter`.
template <typename Op>
auto Timed(const Clock& clock, std::atomic<int64_t>* counter, Op&& op) {
  int64_t start = clock.MonotonicNanos();
  auto result = op();
  *counter += clock.MonotonicNanos() - start;
  return result;
}

class CountingWritableFile : public WritableFile {
 public:
  CountingWritableFile(std::unique_ptr<WritableFile> base, const Clock* clock, IoCounters* io)
      : base_(std::move(base)), clock_(clock), io_(io) {}
  Status Append(std::string_view data) override {
    io_->bytes_written += data.size();
    return Timed(*clock_, &io_->write_nanos, [&] { return base_->Append(data); });
  }
  Status Sync() override {
    ++io_->syncs;
    return Timed(*clock_, &io_->sync_nanos, [&] { return base_->Sync(); });
  }
  Status Close() override { return base_->Close(); }

 private:
  std::unique_ptr<WritableFile> base_;
  const Clock* clock_;
  IoCounters* io_;
};

// A pass-through file system that counts write and sync time, to split the write phase up.
class CountingFileSystem : public FileSystem {
 public:
  CountingFileSystem(FileSystem* base, const Clock* clock) : base_(base), clock_(clock) {}
  const IoCounters& io() const { return io_; }

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override {
    LARDER_ASSIGN_OR_RETURN(auto file, base_->NewWritableFile(path));
    return std::unique_ptr<WritableFile>(
        std::make_unique<CountingWritableFile>(std::move(file), clock_, &io_));
  }
  Result<std::unique_ptr<RandomAccessFile>> NewRandomAccessFile(const std::string& path) override {
    return base_->NewRandomAccessFile(path);
  }
  Status Rename(const std::string& from, const std::string& to) override {
    return base_->Rename(from, to);
  }
  Status RemoveFile(const std::string& path) override { return base_->RemoveFile(path); }
  Status CreateDirs(const std::string& path) override { return base_->CreateDirs(path); }
  Status RemoveDir(const std::string& path) override { return base_->RemoveDir(path); }
  Status SyncDir(const std::string& path) override {
    ++io_.syncs;
    return Timed(*clock_, &io_.sync_nanos, [&] { return base_->SyncDir(path); });
  }
  Result<std::vector<std::string>> ListDir(const std::string& path) override {
    return base_->ListDir(path);
  }
  bool FileExists(const std::string& path) override { return base_->FileExists(path); }
  bool DirExists(const std::string& path) override { return base_->DirExists(path); }
  Result<uint64_t> FileSize(const std::string& path) override { return base_->FileSize(path); }
  Result<std::unique_ptr<FileLock>> LockFile(const std::string& path) override {
    return base_->LockFile(path);
  }

 private:
  FileSystem* base_;
  const Clock* clock_;
  IoCounters io_;
};

double Seconds(int64_t nanos) { return static_cast<double>(nanos) / 1e9; }

// User + system CPU time of the whole process so far (every thread).
double ProcessCpuSeconds() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// The generated rows, batch by batch, in timestamp order.
std::vector<Batch> GenerateRows(uint64_t rows, size_t batch_rows, ThreadPool* pool) {
  std::vector<Batch> batches((rows + batch_rows - 1) / batch_rows);
  pool->ParallelFor(batches.size(), [&](size_t batch_idx) {
    uint64_t first = batch_idx * batch_rows;
    batches[batch_idx] = warehouse::GenerateSampleEvents(
        warehouse::SampleEventsOptions{}, first, std::min<uint64_t>(batch_rows, rows - first));
  });
  return batches;
}

// What the scans must find, computed from the generated rows.
struct ExpectedResults {
  __int128 timestamp_sum = 0;  // Exact; Larder's SumInt64 wraps to 64 bits.
  std::map<std::string, uint64_t> event_counts;
};

ExpectedResults ComputeExpected(const std::vector<Batch>& batches) {
  ExpectedResults expected;
  for (const Batch& batch : batches) {
    const ColumnVector& event = batch.columns[1];
    const int64_t* timestamps = batch.columns[3].data<int64_t>();
    for (size_t row = 0; row < batch.num_rows(); ++row) {
      expected.timestamp_sum += timestamps[row];
      ++expected.event_counts[std::string(event.GetString(row))];
    }
  }
  return expected;
}

std::string Int128ToString(__int128 value) {
  if (value == 0) return "0";
  bool negative = value < 0;
  unsigned __int128 magnitude =
      negative ? -static_cast<unsigned __int128>(value) : static_cast<unsigned __int128>(value);
  std::string digits;
  while (magnitude > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  if (negative) digits.push_back('-');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

// Appends `text` as a CSV field: quoted, with quotes doubled.
void AppendCsvField(std::string_view text, std::string* out) {
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// "YYYY-MM-DD HH:MM:SS.ffffff" (UTC), the form DuckDB parses as TIMESTAMP.
void AppendTimestamp(int64_t micros, std::string* out) {
  int64_t seconds = micros >= 0 ? micros / 1000000 : -((-micros + 999999) / 1000000);
  int64_t fraction = micros - seconds * 1000000;
  int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  int64_t second_of_day = seconds - days * 86400;
  int year;
  unsigned month, day;
  CivilFromDays(static_cast<int32_t>(days), &year, &month, &day);
  fmt::format_to(std::back_inserter(*out), "{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}.{:06d}", year,
                 month, day, second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60,
                 fraction);
}

std::string BatchToCsv(const Batch& batch) {
  std::string out;
  out.reserve(batch.num_rows() * 320);
  const Uuid128* uuids = batch.columns[0].data<Uuid128>();
  const int64_t* timestamps = batch.columns[3].data<int64_t>();
  for (size_t row = 0; row < batch.num_rows(); ++row) {
    const Uuid128& uuid = uuids[row];
    fmt::format_to(std::back_inserter(out), "{:08x}-{:04x}-{:04x}-{:04x}-{:012x},", uuid.high >> 32,
                   (uuid.high >> 16) & 0xffff, uuid.high & 0xffff, uuid.low >> 48,
                   uuid.low & 0xffffffffffffULL);
    AppendCsvField(batch.columns[1].GetString(row), &out);
    out.push_back(',');
    AppendCsvField(batch.columns[2].GetString(row), &out);
    out.push_back(',');
    AppendTimestamp(timestamps[row], &out);
    out.push_back(',');
    AppendCsvField(batch.columns[4].GetString(row), &out);
    out.push_back('\n');
  }
  return out;
}

// Writes the rows as CSV with a header, formatting a few batches at a time in parallel.
Status WriteCsv(FileSystem* fs, const std::string& path, const std::vector<Batch>& batches,
                ThreadPool* pool) {
  LARDER_ASSIGN_OR_RETURN(auto file, fs->NewWritableFile(path));
  LARDER_RETURN_IF_ERROR(file->Append("uuid,event,distinct_id,timestamp,properties\n"));
  const size_t group = pool->size() + 1;
  for (size_t first = 0; first < batches.size(); first += group) {
    std::vector<std::string> texts(std::min(group, batches.size() - first));
    pool->ParallelFor(texts.size(), [&](size_t i) { texts[i] = BatchToCsv(batches[first + i]); });
    for (const std::string& text : texts) LARDER_RETURN_IF_ERROR(file->Append(text));
  }
  return file->Close();
}

struct WriteFigures {
  double seconds = 0;
  double cpu_seconds = 0;     // CPU time of all threads over the write.
  double append_seconds = 0;  // Inside Append (full parts are sorted, encoded and written there).
  double commit_seconds = 0;  // Inside Commit (the last part and the manifest).
  double io_write_seconds = 0;
  double io_sync_seconds = 0;
  uint64_t bytes_written = 0;
  uint64_t syncs = 0;
};

// TIMED: creates the table, appends every batch (consuming them) and commits.
Result<WriteFigures> WriteTable(const storage::StorageEnv& env, const std::string& dir,
                                std::vector<Batch>* batches) {
  const Clock& clock = *env.clock;
  CountingFileSystem counting(env.fs, env.clock);
  storage::StorageEnv counted_env = env;
  counted_env.fs = &counting;
  WriteFigures figures;
  double cpu_start = ProcessCpuSeconds();
  int64_t start = clock.MonotonicNanos();
  LARDER_ASSIGN_OR_RETURN(
      auto table,
      storage::Table::Create(counted_env, dir, "events", warehouse::SampleEventsSchema(),
                             {"timestamp"}, storage::TableSettings{}));
  auto writer = table->NewWriter();
  int64_t append_start = clock.MonotonicNanos();
  for (Batch& batch : *batches) LARDER_RETURN_IF_ERROR(writer->Append(std::move(batch)));
  int64_t commit_start = clock.MonotonicNanos();
  LARDER_RETURN_IF_ERROR(writer->Commit());
  int64_t end = clock.MonotonicNanos();
  figures.seconds = Seconds(end - start);
  figures.cpu_seconds = ProcessCpuSeconds() - cpu_start;
  figures.append_seconds = Seconds(commit_start - append_start);
  figures.commit_seconds = Seconds(end - commit_start);
  figures.io_write_seconds = Seconds(counting.io().write_nanos);
  figures.io_sync_seconds = Seconds(counting.io().sync_nanos);
  figures.bytes_written = counting.io().bytes_written;
  figures.syncs = counting.io().syncs;
  batches->clear();
  return figures;
}

// Bytes of every file in the table directory (parts and manifests).
Result<uint64_t> DirectoryBytes(FileSystem* fs, const std::string& dir, size_t* files) {
  LARDER_ASSIGN_OR_RETURN(auto names, fs->ListDir(dir));
  uint64_t total = 0;
  *files = names.size();
  for (const std::string& name : names) {
    LARDER_ASSIGN_OR_RETURN(uint64_t size, fs->FileSize(JoinPath(dir, name)));
    total += size;
  }
  return total;
}

// Stored and encoded (before compression) bytes of one column over all parts.
struct ColumnBytes {
  uint64_t stored = 0;
  uint64_t encoded = 0;
  size_t blocks = 0;
  size_t compressed_blocks = 0;
};

std::map<std::string, ColumnBytes> MeasureColumns(const storage::TableSnapshot& snapshot) {
  std::map<std::string, ColumnBytes> columns;
  for (const auto& part : snapshot.parts()) {
    for (const storage::PartColumn& column : part->footer().columns) {
      ColumnBytes& bytes = columns[column.name];
      for (const storage::BlockInfo& block : column.blocks) {
        bytes.stored += block.stored_size;
        bytes.encoded += block.uncompressed_size;
        ++bytes.blocks;
        bytes.compressed_blocks += block.compression != storage::Compression::kNone;
      }
    }
  }
  return columns;
}

// Runs `query` once to warm up, then `repeats` times; returns every timed run's seconds.
template <typename Query>
Result<std::vector<double>> TimeRuns(const Clock& clock, int repeats, Query&& query) {
  LARDER_RETURN_IF_ERROR(query());
  std::vector<double> runs;
  for (int run = 0; run < repeats; ++run) {
    int64_t start = clock.MonotonicNanos();
    LARDER_RETURN_IF_ERROR(query());
    runs.push_back(Seconds(clock.MonotonicNanos() - start));
  }
  return runs;
}

double Best(const std::vector<double>& runs) { return *std::min_element(runs.begin(), runs.end()); }

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

std::string JsonNumbers(const std::vector<double>& values) {
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i)
    out += fmt::format("{}{:.6f}", i ? ", " : "", values[i]);
  return out + "]";
}

std::string JsonCounts(const std::vector<std::pair<std::string, uint64_t>>& counts) {
  std::string out = "{";
  for (size_t i = 0; i < counts.size(); ++i) {
    out += fmt::format("{}{}: {}", i ? ", " : "", JsonString(counts[i].first), counts[i].second);
  }
  return out + "}";
}

// What the timed scans found and how long they took.
struct ScanFigures {
  int64_t sum = 0;
  std::vector<std::pair<std::string, uint64_t>> counts;
  std::vector<double> sum_runs;
  std::vector<double> count_runs;
  std::vector<double> sum_runs_one_thread;  // Diagnostics: the calling thread alone.
  std::vector<double> count_runs_one_thread;
};

// TIMED: sum(timestamp) and count() GROUP BY event, each with a warm-up and `repeats` runs.
Result<ScanFigures> RunScans(const std::shared_ptr<const storage::TableSnapshot>& snapshot,
                             ThreadPool* pool, const Clock& clock, int repeats) {
  ScanFigures figures;
  auto sum_query = [&](ThreadPool* query_pool) {
    return [&, query_pool]() -> Status {
      LARDER_ASSIGN_OR_RETURN(auto scan, storage::TableScan::Create(snapshot, {{"timestamp"}, {}}));
      LARDER_ASSIGN_OR_RETURN(figures.sum, warehouse::SumInt64(scan, query_pool));
      return Status::OK();
    };
  };
  auto count_query = [&](ThreadPool* query_pool) {
    return [&, query_pool]() -> Status {
      LARDER_ASSIGN_OR_RETURN(auto scan, storage::TableScan::Create(snapshot, {{"event"}, {}}));
      LARDER_ASSIGN_OR_RETURN(figures.counts, warehouse::CountByString(scan, query_pool));
      return Status::OK();
    };
  };
  LARDER_ASSIGN_OR_RETURN(figures.sum_runs, TimeRuns(clock, repeats, sum_query(pool)));
  LARDER_ASSIGN_OR_RETURN(figures.count_runs, TimeRuns(clock, repeats, count_query(pool)));
  LARDER_ASSIGN_OR_RETURN(figures.sum_runs_one_thread,
                          TimeRuns(clock, repeats, sum_query(nullptr)));
  LARDER_ASSIGN_OR_RETURN(figures.count_runs_one_thread,
                          TimeRuns(clock, repeats, count_query(nullptr)));
  return figures;
}

int64_t Wrap64(__int128 value) { return static_cast<int64_t>(static_cast<uint64_t>(value)); }

// Fails unless the scans found what the generated rows hold.
Status CheckScans(const ScanFigures& scans, const ExpectedResults& expected) {
  if (Wrap64(expected.timestamp_sum) != scans.sum) {
    return Internal("sum(timestamp) is {} but the generated rows add up to {} (mod 2^64: {})",
                    scans.sum, Int128ToString(expected.timestamp_sum),
                    Wrap64(expected.timestamp_sum));
  }
  std::map<std::string, uint64_t> counted(scans.counts.begin(), scans.counts.end());
  if (counted != expected.event_counts) {
    return Internal("count per event {} differs from the generated rows'",
                    JsonCounts(scans.counts));
  }
  return Status::OK();
}

// Everything Run measured, for the figures JSON.
struct Figures {
  const BenchOptions& options;
  size_t threads;
  uint64_t csv_bytes;
  const WriteFigures& write;
  uint64_t table_bytes;
  size_t files;
  size_t parts;
  const std::map<std::string, ColumnBytes>& columns;
  const ScanFigures& scans;
  const ExpectedResults& expected;
};

std::string FiguresJson(const Figures& f) {
  std::string columns = "{";
  for (const auto& [name, bytes] : f.columns) {
    columns += fmt::format(
        "{}{}: {{\"stored_bytes\": {}, \"encoded_bytes\": {}, \"blocks\": {}, "
        "\"compressed_blocks\": {}}}",
        columns.size() > 1 ? ", " : "", JsonString(name), bytes.stored, bytes.encoded, bytes.blocks,
        bytes.compressed_blocks);
  }
  columns += "}";
  const ScanFigures& scans = f.scans;
  return fmt::format(
      "{{\n"
      "  \"engine\": \"larder\",\n"
      "  \"rows\": {},\n"
      "  \"batch_rows\": {},\n"
      "  \"threads\": {},\n"
      "  \"csv_bytes\": {},\n"
      "  \"write_seconds\": {:.6f},\n"
      "  \"write_cpu_seconds\": {:.6f},\n"
      "  \"write_append_seconds\": {:.6f},\n"
      "  \"write_commit_seconds\": {:.6f},\n"
      "  \"write_io_write_seconds\": {:.6f},\n"
      "  \"write_io_sync_seconds\": {:.6f},\n"
      "  \"write_bytes\": {},\n"
      "  \"write_syncs\": {},\n"
      "  \"size_bytes\": {},\n"
      "  \"files\": {},\n"
      "  \"parts\": {},\n"
      "  \"columns\": {},\n"
      "  \"sum_seconds\": {:.6f},\n"
      "  \"sum_runs\": {},\n"
      "  \"sum_single_thread_seconds\": {:.6f},\n"
      "  \"count_seconds\": {:.6f},\n"
      "  \"count_runs\": {},\n"
      "  \"count_single_thread_seconds\": {:.6f},\n"
      "  \"timestamp_sum_wrapped\": \"{}\",\n"
      "  \"timestamp_sum_exact\": \"{}\",\n"
      "  \"event_counts\": {}\n"
      "}}\n",
      f.options.rows, f.options.batch_rows, f.threads, f.csv_bytes, f.write.seconds,
      f.write.cpu_seconds, f.write.append_seconds, f.write.commit_seconds, f.write.io_write_seconds,
      f.write.io_sync_seconds, f.write.bytes_written, f.write.syncs, f.table_bytes, f.files,
      f.parts, columns, Best(scans.sum_runs), JsonNumbers(scans.sum_runs),
      Best(scans.sum_runs_one_thread), Best(scans.count_runs), JsonNumbers(scans.count_runs),
      Best(scans.count_runs_one_thread), scans.sum, Int128ToString(f.expected.timestamp_sum),
      JsonCounts(scans.counts));
}

Status Run(const BenchOptions& options) {
  auto fs = NewPosixFileSystem();
  auto clock = NewSystemClock();
  ThreadPool pool(options.threads);
  storage::StorageEnv env{fs.get(), &pool, clock.get()};
  const std::string table_dir = JoinPath(options.dir, "events");
  if (fs->DirExists(table_dir)) {
    return AlreadyExists("{} already exists; give an empty scratch --dir", table_dir);
  }
  fmt::print("larder: {} rows, batches of {}, {} worker threads (+ the caller)\n", options.rows,
             options.batch_rows, pool.size());

  int64_t start = clock->MonotonicNanos();
  std::vector<Batch> batches = GenerateRows(options.rows, options.batch_rows, &pool);
  ExpectedResults expected = ComputeExpected(batches);
  fmt::print("larder: generated the rows in memory in {:.1f} s (untimed)\n",
             Seconds(clock->MonotonicNanos() - start));
  start = clock->MonotonicNanos();
  LARDER_RETURN_IF_ERROR(WriteCsv(fs.get(), options.csv_path, batches, &pool));
  LARDER_ASSIGN_OR_RETURN(uint64_t csv_bytes, fs->FileSize(options.csv_path));
  fmt::print("larder: wrote {} ({:.0f} MB) for DuckDB in {:.1f} s (untimed)\n", options.csv_path,
             static_cast<double>(csv_bytes) / 1e6, Seconds(clock->MonotonicNanos() - start));

  LARDER_ASSIGN_OR_RETURN(WriteFigures write, WriteTable(env, table_dir, &batches));
  size_t files = 0;
  LARDER_ASSIGN_OR_RETURN(uint64_t table_bytes, DirectoryBytes(fs.get(), table_dir, &files));
  fmt::print(
      "larder: write {:.3f} s ({:.2f} CPU-s; append {:.3f} s, commit {:.3f} s; "
      "write() {:.3f} s, fsync {:.3f} s), {} files, {:.1f} MB\n",
      write.seconds, write.cpu_seconds, write.append_seconds, write.commit_seconds,
      write.io_write_seconds, write.io_sync_seconds, files, static_cast<double>(table_bytes) / 1e6);

  // Scans run against the table as reopened from disk, like a new query would see it.
  LARDER_ASSIGN_OR_RETURN(auto table, storage::Table::Open(env, table_dir, "events"));
  auto snapshot = table->Snapshot();
  LARDER_ASSIGN_OR_RETURN(ScanFigures scans, RunScans(snapshot, &pool, *clock, options.repeats));
  LARDER_RETURN_IF_ERROR(CheckScans(scans, expected));
  fmt::print("larder: sum(timestamp) = {} (wrapped to 64 bits; exact {}), best {:.4f} s\n",
             scans.sum, Int128ToString(expected.timestamp_sum), Best(scans.sum_runs));
  fmt::print("larder: count per event = {}, best {:.4f} s\n", JsonCounts(scans.counts),
             Best(scans.count_runs));

  std::map<std::string, ColumnBytes> columns = MeasureColumns(*snapshot);
  std::string json = FiguresJson({options, pool.size(), csv_bytes, write, table_bytes, files,
                                  snapshot->parts().size(), columns, scans, expected});
  LARDER_ASSIGN_OR_RETURN(auto json_file, fs->NewWritableFile(options.json_path));
  LARDER_RETURN_IF_ERROR(json_file->Append(json));
  return json_file->Close();
}

}  // namespace
}  // namespace larder::bench

int main(int argc, char** argv) {
  larder::ConfigureAllocator(argv);  // As the larder binary does.
  auto options = larder::bench::ParseArgs(argc, argv);
  larder::Status status = options.ok() ? larder::bench::Run(*options) : options.status();
  if (status.ok()) return 0;
  std::fprintf(stderr, "larder_bench_storage: %s\n", status.ToString().c_str());
  return larder::ExitCodeFor(status);
}
