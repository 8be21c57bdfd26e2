// process_harness.h — a child process for tests that must kill a real server (`kill -9`) and start it again: the
// child gets this process's environment with changes, its output (stdout and stderr, merged) is read line by line on
// a thread so a test can wait for a line such as "… is running at http://…", and its end is awaited with a timeout.
//
// Contract: POSIX only (posix_spawn, waitpid). One ChildProcess owns at most one child; the destructor kills
// (SIGKILL) and reaps a child still running, so a failing test leaves no process behind. The output pipe is
// close-on-exec, so children started later never hold it open. Methods are for one test thread; the output buffer is
// shared with the reader thread under a mutex.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace slotwise::testing {

// How a child ended (or that it had not ended yet).
struct ProcessExit {
  bool finished = false;  // false: still running when the wait gave up
  bool signaled = false;  // killed by a signal (then `signal`), else exited (then `exit_code`)
  int signal = 0;
  int exit_code = 0;

  bool KilledBy(int signal_number) const { return finished && signaled && signal == signal_number; }
  std::string Describe() const;  // "exited with 0", "killed by signal 9", "still running"
};

class ChildProcess {
 public:
  using EnvChanges = std::vector<std::pair<std::string, std::string>>;  // NAME, VALUE: set or replace

  ChildProcess() = default;
  ~ChildProcess();  // Kill() when still running; joins the reader thread
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts the program at path argv[0] with `argv`, the environment of this process minus the names in `unset`, with
  // `set` added or replacing; stdin is /dev/null. False (and error()) when the spawn fails. Call once.
  bool Start(const std::vector<std::string>& argv, const EnvChanges& set = {}, const std::vector<std::string>& unset = {});
  const std::string& error() const { return error_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0 && !exit_.finished; }

  // The first output line containing `needle`, waiting up to `timeout`; nullopt on timeout or when the output ended
  // (the child exited) without such a line.
  std::optional<std::string> WaitForLine(std::string_view needle, std::chrono::milliseconds timeout);
  // Everything the child wrote so far, lines joined with '\n' (for failure messages).
  std::string Output() const;

  // Waits up to `timeout` for the child to end and reaps it; `finished` is false when it is still running. Once it
  // ended, Output() holds everything it wrote (waiting up to 2 s more for the end of its output).
  ProcessExit Wait(std::chrono::milliseconds timeout);
  // SIGTERM, then SIGKILL when it has not ended within `grace`; reaps it.
  ProcessExit Terminate(std::chrono::milliseconds grace = std::chrono::seconds(5));
  // SIGKILL and reap. When the child already ended, answers how it ended.
  ProcessExit Kill();

 private:
  void ReadOutput(int fd);

  pid_t pid_ = -1;
  ProcessExit exit_;
  std::string error_;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;  // complete lines, without '\n'
  std::string partial_;             // the unfinished last line
  bool output_ended_ = false;
};

// The origin in a server's "… running at http://127.0.0.1:PORT/…" line ("http://127.0.0.1:PORT"); "" without one.
std::string OriginInLine(const std::string& line);

}  // namespace slotwise::testing
