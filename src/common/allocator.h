// Process-wide settings of the C library's allocator, applied once at start by each program.
#pragma once

namespace larder {

// Query operators allocate and free many buffers of 0.1–4 MB (a decoded block of 65,536 rows is
// 0.5 MB per 8-byte column). glibc serves those with mmap and gives them back at once, so every
// query pays page faults and zeroing for memory it just freed (half of a 10 ms query). Raising
// the mmap threshold to 4 MiB and the trim threshold to 64 MiB keeps such buffers in the heap
// for reuse; larger ones still come and go with mmap, so peak memory does not grow.
void ConfigureAllocator();

}  // namespace larder
