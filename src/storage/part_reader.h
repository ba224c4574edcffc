// PartReader: reads column blocks of one part file, verifying checksums, so corrupted bytes
// surface as a kCorruption error naming the table, part, column and block.
#pragma once

#include <memory>
#include <string>

#include "common/file_system.h"
#include "storage/part_format.h"
#include "types/column_vector.h"

namespace larder::storage {

// Immutable after Open; thread-safe.
class PartReader {
 public:
  // Opens `path` and verifies its trailer and footer. `table_name` and `part_name` go into
  // error messages.
  static Result<std::shared_ptr<const PartReader>> Open(FileSystem* fs, const std::string& path,
                                                        std::string table_name,
                                                        std::string part_name);

  const PartFooter& footer() const { return footer_; }
  const std::string& part_name() const { return part_name_; }
  uint64_t file_size() const { return file_->Size(); }

  // Reads and decodes block `block` of footer column `column_index`.
  // With `rows` (ascending), only those rows of the block (block_codec.h's DecodeBlock).
  Result<ColumnVector> ReadBlock(size_t column_index, size_t block,
                                 const std::vector<uint32_t>* rows = nullptr) const;
  // Reads every block of every column (checksums and decoding), for `larder verify`.
  Status Verify() const;

 private:
  PartReader(std::unique_ptr<RandomAccessFile> file, std::string table_name, std::string part_name)
      : file_(std::move(file)),
        table_name_(std::move(table_name)),
        part_name_(std::move(part_name)) {}
  std::string Where(size_t column_index, size_t block) const;

  std::unique_ptr<RandomAccessFile> file_;
  std::string table_name_;
  std::string part_name_;
  PartFooter footer_;
};

}  // namespace larder::storage
