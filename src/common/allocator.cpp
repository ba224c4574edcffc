#include "common/allocator.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace larder {
namespace {

constexpr std::string_view kHugePages = "glibc.malloc.hugetlb=1";

// Re-executes the program with kHugePages in GLIBC_TUNABLES, unless it is there or turned off.
// Returns only when it does not (or the exec fails, which leaves the process as it was).
void ReexecWithHugePages(char** argv) {
  const char* off = std::getenv("LARDER_HUGE_PAGES");
  if (argv == nullptr || argv[0] == nullptr || (off != nullptr && std::string_view(off) == "0")) {
    return;
  }
  const char* current = std::getenv("GLIBC_TUNABLES");
  std::string tunables = current != nullptr ? current : "";
  if (tunables.find("glibc.malloc.hugetlb") != std::string::npos) return;
  tunables += tunables.empty() ? "" : ":";
  tunables += kHugePages;
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // The exec failed: go on as before, without the setting.
  if (current != nullptr) {
    setenv("GLIBC_TUNABLES", current, 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace

void ConfigureAllocator(char** argv) {
  ReexecWithHugePages(argv);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace larder
