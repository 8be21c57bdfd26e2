// process_harness.cpp — see process_harness.h.
#include "support/process_harness.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace slotwise::testing {

namespace {

ProcessExit ExitFrom(int status) {
  ProcessExit exit;
  exit.finished = true;
  if (WIFSIGNALED(status)) {
    exit.signaled = true;
    exit.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    exit.exit_code = WEXITSTATUS(status);
  }
  return exit;
}

std::string NameOf(const std::string& entry) { return entry.substr(0, entry.find('=')); }

}  // namespace

std::string ProcessExit::Describe() const {
  if (!finished) return "still running";
  if (signaled) return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "exited with " + std::to_string(exit_code);
}

ChildProcess::~ChildProcess() {
  if (running()) Kill();
  if (reader_.joinable()) reader_.join();
}

bool ChildProcess::Start(const std::vector<std::string>& argv, const EnvChanges& set,
                         const std::vector<std::string>& unset) {
  if (argv.empty()) {
    error_ = "no program given";
    return false;
  }
  std::vector<std::string> env;
  for (char** entry = environ; entry && *entry; ++entry) {
    const std::string name = NameOf(*entry);
    const bool dropped = std::find(unset.begin(), unset.end(), name) != unset.end() ||
                         std::any_of(set.begin(), set.end(), [&](const auto& pair) { return pair.first == name; });
    if (!dropped) env.emplace_back(*entry);
  }
  for (const auto& [name, value] : set) env.push_back(name + "=" + value);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    error_ = std::string("pipe2: ") + std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);  // dup2 clears close-on-exec on the copies
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);

  std::vector<char*> argv_pointers;
  for (const std::string& arg : argv) argv_pointers.push_back(const_cast<char*>(arg.c_str()));
  argv_pointers.push_back(nullptr);
  std::vector<char*> env_pointers;
  for (const std::string& entry : env) env_pointers.push_back(const_cast<char*>(entry.c_str()));
  env_pointers.push_back(nullptr);

  pid_t child = -1;
  const int spawned = posix_spawn(&child, argv[0].c_str(), &actions, nullptr, argv_pointers.data(), env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawned != 0) {
    close(fds[0]);
    error_ = "posix_spawn " + argv[0] + ": " + std::strerror(spawned);
    return false;
  }
  pid_ = child;
  reader_ = std::thread([this, fd = fds[0]] { ReadOutput(fd); });
  return true;
}

void ChildProcess::ReadOutput(int fd) {
  char buffer[4096];
  while (true) {
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    std::lock_guard lock(mutex_);
    partial_.append(buffer, static_cast<std::size_t>(got));
    std::size_t newline = 0;
    while ((newline = partial_.find('\n')) != std::string::npos) {
      lines_.push_back(partial_.substr(0, newline));
      partial_.erase(0, newline + 1);
    }
    changed_.notify_all();
  }
  close(fd);
  std::lock_guard lock(mutex_);
  if (!partial_.empty()) lines_.push_back(std::move(partial_));
  partial_.clear();
  output_ended_ = true;
  changed_.notify_all();
}

std::optional<std::string> ChildProcess::WaitForLine(std::string_view needle, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::size_t seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (; seen < lines_.size(); ++seen) {
      if (lines_[seen].find(needle) != std::string::npos) return lines_[seen];
    }
    if (output_ended_) return std::nullopt;
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout && seen == lines_.size()) return std::nullopt;
  }
}

std::string ChildProcess::Output() const {
  std::lock_guard lock(mutex_);
  std::string text;
  for (const std::string& line : lines_) text += line + "\n";
  return text + partial_;
}

ProcessExit ChildProcess::Wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0 || exit_.finished) return exit_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_ = ExitFrom(status);
      // The reader thread may not have read the child's last writes yet: Output() right after Wait() would miss them
      // (a flake seen under load). The pipe ends when the child and any child of its own holding it are gone.
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::seconds(2), [this] { return output_ended_; });
      return exit_;
    }
    if (done < 0 && errno != EINTR) {  // not our child any more: nothing to wait for
      exit_.finished = true;
      return exit_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return exit_;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ProcessExit ChildProcess::Terminate(std::chrono::milliseconds grace) {
  if (!running()) return exit_;
  kill(pid_, SIGTERM);
  if (ProcessExit ended = Wait(grace); ended.finished) return ended;
  return Kill();
}

ProcessExit ChildProcess::Kill() {
  if (!running()) return exit_;
  kill(pid_, SIGKILL);
  return Wait(std::chrono::seconds(10));
}

std::string OriginInLine(const std::string& line) {
  const std::size_t start = line.find("http://");
  if (start == std::string::npos) return "";
  const std::size_t slash = line.find('/', start + 7);
  return line.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
}

}  // namespace slotwise::testing
