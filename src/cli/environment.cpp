#include "cli/environment.h"

#include "external/self_managed_tables.h"

namespace larder::cli {

Environment::Environment()
    : fs_(NewPosixFileSystem()), clock_(NewSystemClock()), pool_(std::make_unique<ThreadPool>()) {}

Environment::~Environment() { data_.reset(); }

Result<warehouse::DataDirectory*> Environment::OpenDataDirectory(const GlobalOptions& global) {
  storage::StorageEnv env{fs_.get(), pool_.get(), clock_.get()};
  LARDER_ASSIGN_OR_RETURN(data_, warehouse::DataDirectory::Open(global.data_dir, env));
  // The embedded CLI reads whatever its user can; `larder serve` installs its own policy.
  external::InstallSelfManagedTables(data_.get(), sources::ObjectAccess{});
  return data_.get();
}

}  // namespace larder::cli
