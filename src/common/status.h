// Status and Result<T>: how every fallible function in Larder reports failure.
// Codes map to HTTP statuses (server) and exit codes (CLI); see HttpStatusFor / ExitCodeFor.
#pragma once

#include <fmt/format.h>

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace larder {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // Bad input from a user: query, payload, flag, file contents.
  kNotFound,            // A named thing (table, file, key) does not exist.
  kAlreadyExists,       // Creating something whose name is taken.
  kPermissionDenied,    // Authenticated but not allowed.
  kUnauthenticated,     // Missing or wrong credentials.
  kFailedPrecondition,  // State does not allow the operation (locked, wrong version).
  kConflict,            // A concurrent change won; retrying may succeed.
  kResourceExhausted,   // A memory or size limit was hit.
  kCorruption,          // Stored bytes fail a checksum or do not parse.
  kIOError,             // The operating system refused a read or write.
  kUnavailable,         // Transient: retry with backoff.
  kCancelled,           // The caller asked to stop.
  kNotImplemented,      // A feature that does not exist yet.
  kInternal,            // A bug.
};

std::string_view StatusCodeName(StatusCode code);

// A Status is OK (no allocation) or a code with a message. Cheap to move.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status OK() { return Status(); }
  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  const std::string& message() const;
  // "Corruption: checksum mismatch in …" — the form shown to users.
  std::string ToString() const;
  // Returns a copy whose message is prefixed with `context + ": "`.
  Status WithContext(std::string_view context) const;
  void IgnoreError() const {}

  bool operator==(const Status& other) const {
    return code() == other.code() && message() == other.message();
  }

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const State> state_;
};

// Maps a status to the HTTP status a server answers with.
int HttpStatusFor(const Status& status);
// Maps a status to the process exit code the CLI returns (0 only for OK).
int ExitCodeFor(const Status& status);

template <typename... Args>
Status InvalidArgument(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kInvalidArgument, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status NotFound(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kNotFound, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status AlreadyExists(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kAlreadyExists, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status FailedPrecondition(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kFailedPrecondition, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status Conflict(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kConflict, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status Corruption(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kCorruption, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status IOError(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kIOError, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status NotImplemented(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kNotImplemented, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status Internal(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kInternal, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status Cancelled(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kCancelled, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
Status ResourceExhausted(fmt::format_string<Args...> f, Args&&... args) {
  return Status(StatusCode::kResourceExhausted, fmt::format(f, std::forward<Args>(args)...));
}

// Result<T> holds a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "Result constructed from an OK status");
    if (status_.ok()) status_ = Internal("Result constructed from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

namespace internal {
inline Status AsStatus(const Status& s) { return s; }
template <typename T>
Status AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace larder

#define LARDER_CONCAT_INNER(a, b) a##b
#define LARDER_CONCAT(a, b) LARDER_CONCAT_INNER(a, b)

// Returns early from the enclosing function when `expr` (a Status or Result) is not OK.
#define LARDER_RETURN_IF_ERROR(expr)                                 \
  do {                                                               \
    auto&& larder_status_or_result_ = (expr);                        \
    if (!larder_status_or_result_.ok())                              \
      return ::larder::internal::AsStatus(larder_status_or_result_); \
  } while (false)

#define LARDER_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

// `LARDER_ASSIGN_OR_RETURN(auto x, F())` binds the value of a Result or returns its Status.
#define LARDER_ASSIGN_OR_RETURN(lhs, expr) \
  LARDER_ASSIGN_OR_RETURN_IMPL(LARDER_CONCAT(larder_result_, __LINE__), lhs, expr)

// For invariants only (bugs); never for user input.
#define LARDER_CHECK(cond)                                                   \
  do {                                                                       \
    if (!(cond)) ::larder::internal::CheckFailed(#cond, __FILE__, __LINE__); \
  } while (false)

namespace larder::internal {
[[noreturn]] void CheckFailed(const char* condition, const char* file, int line);
}  // namespace larder::internal
