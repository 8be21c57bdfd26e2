// suite_log_file.cpp — when SLOTWISE_TEST_LOG_FILE names a file, every log line the servers of this test process
// write goes there (the file is emptied first), so tests/e2e/check_log.py can read the whole suite's log afterwards
// (tests/e2e/CMakeLists.txt runs it after e2e_tests). Without the variable the log goes to standard error as usual.
#include <cstdio>
#include <cstdlib>

#include "observability/json_log.h"

namespace {

const bool kSuiteLogInstalled = [] {
  const char* path = std::getenv("SLOTWISE_TEST_LOG_FILE");
  if (!path || !*path) return false;
  if (std::FILE* emptied = std::fopen(path, "w")) std::fclose(emptied);
  slotwise::observability::SetLogSink(slotwise::observability::FileLogSink(path));
  return true;
}();

}  // namespace
