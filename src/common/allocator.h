// Process-wide settings of the C library's allocator, applied once at start by each program.
#pragma once

namespace larder {

// Query operators allocate and free many buffers of 0.1–20 MB (a decoded block of 65,536 rows
// is 0.5 MB per 8-byte column, tens of MB of JSON text). Every fresh 4 KiB page of those costs a
// page fault, which on virtual machines can take longer than the work done on it (a scan of a
// JSON column spent 90% of its time faulting). Two settings cut the faults:
// - glibc.malloc.hugetlb=1 makes malloc ask for transparent huge pages (madvise) for the memory
//   it maps, so one fault brings in 2 MiB. glibc reads it only from GLIBC_TUNABLES when the
//   process starts, so the program re-executes itself once with it added (the same process id;
//   skipped when GLIBC_TUNABLES already names it, or LARDER_HUGE_PAGES=0).
// - an mmap threshold of 4 MiB and a trim threshold of 64 MiB keep smaller buffers in the heap
//   for reuse; larger ones still come and go with mmap, so peak memory does not grow.
// `argv` is main's, for the re-execution.
void ConfigureAllocator(char** argv);

}  // namespace larder
