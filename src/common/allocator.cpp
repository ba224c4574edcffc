#include "common/allocator.h"

#include <malloc.h>

namespace larder {

void ConfigureAllocator() {
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace larder
