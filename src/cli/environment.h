// Wires the real implementations (POSIX file system, system clock, thread pool) the commands run
// on, and opens the data directory. The only place outside tests that picks implementations.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "common/clock.h"
#include "common/file_system.h"
#include "common/thread_pool.h"
#include "warehouse/data_directory.h"

namespace larder::cli {

class Environment {
 public:
  Environment();
  ~Environment();
  Result<warehouse::DataDirectory*> OpenDataDirectory(const GlobalOptions& global);
  ThreadPool& pool() { return *pool_; }

 private:
  std::unique_ptr<FileSystem> fs_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<ThreadPool> pool_;
  std::unique_ptr<warehouse::DataDirectory> data_;
};

}  // namespace larder::cli
