// edge_server.cpp — see edge_server.h. One thread runs the epoll loop below; `workers` threads run the handler.
#include "edge/edge_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "slotwise/error_codes.h"

namespace slotwise::edge {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kListenId = 0;
constexpr std::uint64_t kWakeId = 1;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kMaxReadPerEvent = 256 * 1024;  // fairness: one connection cannot monopolise the loop
constexpr std::chrono::milliseconds kLingerTime{2'000};
// Deadlines are checked this often (a pass over every connection), not on every event: they are seconds long.
constexpr std::chrono::milliseconds kSweepInterval{100};
constexpr std::size_t kDescriptorReserve = 128;  // descriptors kept for the database, outbound calls and files
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

enum class Phase {
  kAwaitingRequest,  // idle: no byte of the next request yet
  kReadingHead,
  kReadingBody,
  kProcessing,       // a worker runs the request
  kWriting,          // the response is being written
  kLingering,        // refused: output shut down, discarding input until EOF or the linger time
};

struct Connection {
  int fd = -1;
  Endpoint remote;
  Endpoint local;
  Phase phase = Phase::kAwaitingRequest;
  Clock::time_point deadline;
  Clock::time_point idle_since;
  std::string in;               // bytes received, the current request first
  std::size_t in_process = 0;   // bytes of the request a worker holds
  std::string out;
  std::size_t out_offset = 0;
  bool close_after_write = false;
  bool refusing = false;        // the response being written is a refusal: linger after it
  bool client_gone = false;     // the client hung up while its request was in process
  bool continue_sent = false;
  std::size_t served = 0;
  std::uint32_t events = 0;     // epoll interest now
};

struct Job {
  std::uint64_t id;
  std::string request;
  Endpoint remote;
  Endpoint local;
  bool close;
};

struct Done {
  std::uint64_t id;
  DispatchedResponse response;
};

Endpoint EndpointOf(const sockaddr_storage& address) {
  Endpoint endpoint;
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& in4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &in4.sin_addr, text, sizeof(text));
    endpoint.port = ntohs(in4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof(text));
    endpoint.port = ntohs(in6.sin6_port);
  }
  endpoint.ip = text;
  return endpoint;
}

std::size_t DescriptorBudget() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024 - kDescriptorReserve;
  if (limit.rlim_cur < limit.rlim_max) {  // the soft limit is a default, not a decision: take what the system allows
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur > 2 * kDescriptorReserve ? static_cast<std::size_t>(limit.rlim_cur) - kDescriptorReserve
                                                 : static_cast<std::size_t>(limit.rlim_cur) / 2;
}

}  // namespace

struct EdgeServer::Loop {
  EdgeOptions options;
  RequestHandler handler;
  RefusalRenderer render_refusal;
  EdgeCounters counters;

  int listen_fd = -1;
  int epoll_fd = -1;
  int wake_fd = -1;
  int spare_fd = -1;  // held so that accept() can still take and refuse a client when descriptors run out
  std::atomic<bool> stopping{false};
  std::size_t max_connections = 0;

  std::unordered_map<std::uint64_t, Connection> connections;
  std::unordered_map<std::string, std::size_t> per_address;
  std::uint64_t next_id = 2;
  std::size_t held_bytes = 0;  // request bytes buffered or in process, across connections

  std::mutex jobs_mutex;
  std::condition_variable jobs_ready;
  std::deque<Job> jobs;
  bool workers_stop = false;
  std::vector<std::thread> workers;

  std::mutex done_mutex;
  std::vector<Done> done;

  Loop(EdgeOptions o, RequestHandler h, RefusalRenderer r)
      : options(std::move(o)), handler(std::move(h)), render_refusal(std::move(r)) {
    epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = kWakeId;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &event);
  }

  ~Loop() {
    StopWorkers();
    for (auto& [id, connection] : connections) ::close(connection.fd);
    for (int fd : {listen_fd, epoll_fd, wake_fd, spare_fd}) {
      if (fd >= 0) ::close(fd);
    }
  }

  // ---- binding --------------------------------------------------------------------------------------------------

  Result<int> Bind() {
    const std::string where = options.host + ":" + std::to_string(options.port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(options.port);
    if (const int status = ::getaddrinfo(options.host.c_str(), port.c_str(), &hints, &found); status != 0) {
      return Error{codes::kBindFailed, "cannot listen on " + where + ": " + ::gai_strerror(status), ""};
    }
    std::string failure = "no address";
    for (addrinfo* a = found; a != nullptr && listen_fd < 0; a = a->ai_next) {
      const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      int yes = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));  // never SO_REUSEPORT (see the contract)
      if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, options.listen_backlog) == 0) {
        listen_fd = fd;
        break;
      }
      failure = errno == EADDRINUSE ? "address already in use (is another server using that port?)"
                                    : std::string(std::strerror(errno));
      ::close(fd);
    }
    ::freeaddrinfo(found);
    if (listen_fd < 0) return Error{codes::kBindFailed, "cannot listen on " + where + ": " + failure, ""};
    sockaddr_storage bound{};
    socklen_t length = sizeof(bound);
    ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&bound), &length);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = kListenId;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &event);
    max_connections = std::min(options.max_connections, DescriptorBudget());
    return EndpointOf(bound).port;
  }

  // ---- workers --------------------------------------------------------------------------------------------------

  void StartWorkers() {
    for (int i = 0; i < std::max(1, options.workers); ++i) workers.emplace_back([this] { WorkerMain(); });
  }

  void StopWorkers() {
    {
      std::lock_guard<std::mutex> lock(jobs_mutex);
      workers_stop = true;
    }
    jobs_ready.notify_all();
    for (std::thread& worker : workers) worker.join();
    workers.clear();
  }

  void WorkerMain() {
    while (true) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(jobs_mutex);
        jobs_ready.wait(lock, [this] { return workers_stop || !jobs.empty(); });
        if (jobs.empty()) return;
        job = std::move(jobs.front());
        jobs.pop_front();
      }
      DispatchedResponse response;
      try {
        response = handler(job.request, job.remote, job.local, job.close);
      } catch (...) {
        response.bytes = render_refusal(codes::kInternalError, "the server failed to handle this request", 0);
        response.close = true;
      }
      {
        std::lock_guard<std::mutex> lock(done_mutex);
        done.push_back(Done{job.id, std::move(response)});
      }
      Wake();
    }
  }

  void Wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fd, &one, sizeof(one));
  }

  // ---- the loop -------------------------------------------------------------------------------------------------

  void Run() {
    StartWorkers();
    std::vector<epoll_event> events(256);
    Clock::time_point next_sweep = Clock::now() + kSweepInterval;
    while (!stopping.load()) {
      const int ready = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), WaitMilliseconds());
      if (ready < 0 && errno != EINTR) break;
      for (int i = 0; i < std::max(ready, 0); ++i) {
        const std::uint64_t id = events[static_cast<std::size_t>(i)].data.u64;
        const std::uint32_t what = events[static_cast<std::size_t>(i)].events;
        if (id == kListenId) {
          AcceptAll();
        } else if (id == kWakeId) {
          std::uint64_t count = 0;
          [[maybe_unused]] const ssize_t n = ::read(wake_fd, &count, sizeof(count));
          CollectDone();
        } else {
          OnEvent(id, what);
        }
      }
      if (const Clock::time_point now = Clock::now(); now >= next_sweep) {
        ExpireDeadlines(now);
        next_sweep = now + kSweepInterval;
      }
    }
    StopWorkers();
  }

  // Long waits while nothing is connected; otherwise wake for the next deadline sweep.
  int WaitMilliseconds() const {
    return connections.empty() ? 1000 : static_cast<int>(kSweepInterval.count());
  }

  // ---- accepting ------------------------------------------------------------------------------------------------

  void AcceptAll() {
    while (true) {
      sockaddr_storage address{};
      socklen_t length = sizeof(address);
      int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if ((errno == EMFILE || errno == ENFILE) && spare_fd >= 0) {
          // Out of descriptors: release the spare, take the client, refuse it, and keep the spare again.
          ::close(spare_fd);
          fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&address), &length, SOCK_CLOEXEC);
          if (fd >= 0) {
            RefuseAtOnce(fd, "the server has no room for another connection");
            ::close(fd);
          }
          spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
          continue;
        }
        return;  // EAGAIN: nothing more to accept now
      }
      Admit(fd, address);
    }
  }

  void Admit(int fd, const sockaddr_storage& address) {
    counters.accepted.fetch_add(1, std::memory_order_relaxed);
    Endpoint remote = EndpointOf(address);
    if (per_address[remote.ip] >= options.max_connections_per_address && !DisplaceIdle(&remote.ip)) {
      RefuseAtOnce(fd, "too many connections from " + remote.ip);
      ::close(fd);
      return;
    }
    if (connections.size() >= max_connections && !DisplaceIdle(nullptr)) {
      RefuseAtOnce(fd, "the server has no room for another connection");
      ::close(fd);
      return;
    }
    int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    sockaddr_storage local{};
    socklen_t length = sizeof(local);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length);
    const std::uint64_t id = next_id++;
    Connection& connection = connections[id];
    connection.fd = fd;
    connection.remote = std::move(remote);
    connection.local = EndpointOf(local);
    connection.phase = Phase::kAwaitingRequest;
    connection.idle_since = Clock::now();
    connection.deadline = connection.idle_since + options.header_timeout;
    ++per_address[connection.remote.ip];
    counters.open.fetch_add(1, std::memory_order_relaxed);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = id;
    connection.events = EPOLLIN;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
  }

  // Closes the longest-idle connection (of `address`, when given) to make room; false when none is idle.
  bool DisplaceIdle(const std::string* address) {
    std::uint64_t oldest = 0;
    Clock::time_point oldest_since = Clock::time_point::max();
    for (const auto& [id, connection] : connections) {
      if (connection.phase != Phase::kAwaitingRequest || !connection.in.empty()) continue;
      if (address && connection.remote.ip != *address) continue;
      if (connection.idle_since < oldest_since) {
        oldest = id;
        oldest_since = connection.idle_since;
      }
    }
    if (oldest == 0) return false;
    counters.idle_closed.fetch_add(1, std::memory_order_relaxed);
    Close(oldest);
    return true;
  }

  // A refusal on a socket that gets no connection state: one non-blocking write, best effort.
  void RefuseAtOnce(int fd, const std::string& message) {
    counters.refused_busy.fetch_add(1, std::memory_order_relaxed);
    const std::string response = render_refusal(codes::kServerBusy, message, 1);
    [[maybe_unused]] const ssize_t n = ::send(fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }

  // ---- per connection -------------------------------------------------------------------------------------------

  void OnEvent(std::uint64_t id, std::uint32_t what) {
    auto found = connections.find(id);
    if (found == connections.end()) return;
    Connection& connection = found->second;
    if (connection.phase == Phase::kProcessing) {
      // Hang-ups are reported whatever the interest: stop watching, and close once the worker answers.
      if (what & (EPOLLHUP | EPOLLERR)) {
        connection.client_gone = true;
        ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, connection.fd, nullptr);
      }
      return;
    }
    if (what & EPOLLOUT) {
      if (!WriteOut(id, connection)) return;
    }
    if (what & (EPOLLIN | EPOLLHUP | EPOLLERR)) ReadIn(id, connection);
  }

  void ReadIn(std::uint64_t id, Connection& connection) {
    if (connection.phase == Phase::kLingering) return Discard(id, connection);
    if (connection.phase == Phase::kProcessing || connection.phase == Phase::kWriting) return;
    char buffer[kReadChunk];
    std::size_t taken = 0;
    while (taken < kMaxReadPerEvent) {
      const ssize_t n = ::recv(connection.fd, buffer, sizeof(buffer), 0);
      if (n == 0) return Close(id);  // the client is gone (or half-closed with a request unfinished)
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        return Close(id);
      }
      const std::size_t got = static_cast<std::size_t>(n);
      if (held_bytes + got > options.max_buffered_bytes) {
        counters.refused_busy.fetch_add(1, std::memory_order_relaxed);
        return Refuse(id, connection, codes::kServerBusy, "the server is holding too many request bytes", 1);
      }
      if (connection.phase == Phase::kAwaitingRequest) {
        connection.phase = Phase::kReadingHead;
        if (connection.served > 0) connection.deadline = Clock::now() + options.header_timeout;
      }
      connection.in.append(buffer, got);
      held_bytes += got;
      taken += got;
    }
    Advance(id, connection);
  }

  // Frames what the connection holds: waits, refuses, or hands a complete request to a worker.
  void Advance(std::uint64_t id, Connection& connection) {
    if (connection.in.empty()) return;
    if (connection.phase == Phase::kAwaitingRequest) {
      connection.phase = Phase::kReadingHead;
      connection.deadline = Clock::now() + options.header_timeout;
    }
    const RequestFrame frame = FrameRequest(connection.in, options.framing);
    if (frame.state == FrameState::kRefused) {
      counters.refused_framing.fetch_add(1, std::memory_order_relaxed);
      return Refuse(id, connection, frame.refusal.code, frame.refusal.message, 0);
    }
    if (frame.state == FrameState::kNeedMore) {
      if (frame.head_bytes > 0 && connection.phase == Phase::kReadingHead) {
        connection.phase = Phase::kReadingBody;
        connection.deadline = Clock::now() + options.body_timeout;
      }
      if (frame.head_bytes > 0 && frame.expects_continue && !connection.continue_sent) {
        connection.continue_sent = true;
        [[maybe_unused]] const ssize_t n =
            ::send(connection.fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      }
      return;
    }
    // Complete: the request goes to a worker; reading pauses until its response is written.
    Job job;
    job.id = id;
    job.request = connection.in.substr(0, frame.total_bytes);
    connection.in.erase(0, frame.total_bytes);
    connection.in_process = frame.total_bytes;
    connection.continue_sent = false;
    job.remote = connection.remote;
    job.local = connection.local;
    job.close = ++connection.served >= options.max_requests_per_connection || stopping.load();
    connection.phase = Phase::kProcessing;
    SetInterest(id, connection, 0);
    counters.requests.fetch_add(1, std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(jobs_mutex);
      jobs.push_back(std::move(job));
    }
    jobs_ready.notify_one();
  }

  void CollectDone() {
    std::vector<Done> finished;
    {
      std::lock_guard<std::mutex> lock(done_mutex);
      finished.swap(done);
    }
    for (Done& item : finished) {
      auto found = connections.find(item.id);
      if (found == connections.end()) continue;
      Connection& connection = found->second;
      held_bytes -= connection.in_process;
      connection.in_process = 0;
      connection.phase = Phase::kWriting;
      if (connection.client_gone) {
        Close(item.id);
        continue;
      }
      connection.out = std::move(item.response.bytes);
      connection.out_offset = 0;
      connection.close_after_write = item.response.close;
      connection.phase = Phase::kWriting;
      connection.deadline = Clock::now() + options.write_timeout;
      WriteOut(item.id, connection);
    }
  }

  // Writes what is pending; false when the connection was closed.
  bool WriteOut(std::uint64_t id, Connection& connection) {
    if (connection.phase != Phase::kWriting) return true;
    while (connection.out_offset < connection.out.size()) {
      const ssize_t n = ::send(connection.fd, connection.out.data() + connection.out_offset,
                               connection.out.size() - connection.out_offset, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          SetInterest(id, connection, EPOLLOUT);
          return true;
        }
        Close(id);
        return false;
      }
      connection.out_offset += static_cast<std::size_t>(n);
    }
    connection.out.clear();
    connection.out.shrink_to_fit();
    connection.out_offset = 0;
    if (connection.close_after_write) {
      if (!connection.refusing) {
        Close(id);
        return false;
      }
      StartLingering(id, connection);
      return true;
    }
    connection.phase = Phase::kAwaitingRequest;
    connection.idle_since = Clock::now();
    connection.deadline = connection.idle_since + options.idle_timeout;
    SetInterest(id, connection, EPOLLIN);
    Advance(id, connection);  // a pipelined request may already be here
    return connections.count(id) > 0;
  }

  // Answers an edge refusal and closes gracefully.
  void Refuse(std::uint64_t id, Connection& connection, std::string_view code, const std::string& message,
              int retry_after) {
    if (code == codes::kRequestTimeout) counters.timed_out.fetch_add(1, std::memory_order_relaxed);
    held_bytes -= connection.in.size();
    connection.in.clear();
    connection.in.shrink_to_fit();
    connection.out = render_refusal(code, message, retry_after);
    connection.out_offset = 0;
    connection.close_after_write = true;
    connection.refusing = true;
    connection.phase = Phase::kWriting;
    connection.deadline = Clock::now() + options.write_timeout;
    SetInterest(id, connection, 0);
    WriteOut(id, connection);
  }

  void StartLingering(std::uint64_t id, Connection& connection) {
    ::shutdown(connection.fd, SHUT_WR);
    connection.phase = Phase::kLingering;
    connection.deadline = Clock::now() + kLingerTime;
    SetInterest(id, connection, EPOLLIN);
  }

  void Discard(std::uint64_t id, Connection& connection) {
    char buffer[kReadChunk];
    for (std::size_t taken = 0; taken < kMaxReadPerEvent;) {
      const ssize_t n = ::recv(connection.fd, buffer, sizeof(buffer), 0);
      if (n > 0) {
        taken += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n < 0 && errno == EINTR) continue;
      return Close(id);
    }
  }

  void SetInterest(std::uint64_t id, Connection& connection, std::uint32_t events) {
    if (connection.events == events) return;
    epoll_event event{};
    event.events = events;
    event.data.u64 = id;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, connection.fd, &event);
    connection.events = events;
  }

  void ExpireDeadlines(Clock::time_point now) {
    std::vector<std::uint64_t> expired;
    for (const auto& [id, connection] : connections) {
      if (connection.phase != Phase::kProcessing && connection.deadline <= now) expired.push_back(id);
    }
    for (std::uint64_t id : expired) {
      auto found = connections.find(id);
      if (found == connections.end()) continue;
      Connection& connection = found->second;
      switch (connection.phase) {
        case Phase::kAwaitingRequest:
          counters.idle_closed.fetch_add(1, std::memory_order_relaxed);
          Close(id);
          break;
        case Phase::kReadingHead:
          Refuse(id, connection, codes::kRequestTimeout,
                 "the request's head did not arrive within " + Seconds(options.header_timeout), 0);
          break;
        case Phase::kReadingBody:
          Refuse(id, connection, codes::kRequestTimeout,
                 "the request's body did not arrive within " + Seconds(options.body_timeout), 0);
          break;
        case Phase::kWriting:
          counters.timed_out.fetch_add(1, std::memory_order_relaxed);
          Close(id);
          break;
        case Phase::kLingering:
        case Phase::kProcessing:
          Close(id);
          break;
      }
    }
  }

  static std::string Seconds(std::chrono::milliseconds duration) {
    const auto ms = duration.count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
  }

  void Close(std::uint64_t id) {
    auto found = connections.find(id);
    if (found == connections.end()) return;
    Connection& connection = found->second;
    if (connection.phase == Phase::kProcessing) return;  // a worker holds the request: close when it answers
    held_bytes -= connection.in.size() + connection.in_process;
    if (!connection.client_gone) ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, connection.fd, nullptr);
    ::close(connection.fd);
    if (auto count = per_address.find(connection.remote.ip); count != per_address.end() && --count->second == 0) {
      per_address.erase(count);
    }
    connections.erase(found);
    counters.open.fetch_sub(1, std::memory_order_relaxed);
  }
};

EdgeServer::EdgeServer(EdgeOptions options, RequestHandler handler, RefusalRenderer render_refusal)
    : loop_(std::make_unique<Loop>(std::move(options), std::move(handler), std::move(render_refusal))) {}

EdgeServer::~EdgeServer() = default;

Result<int> EdgeServer::Bind() { return loop_->Bind(); }

void EdgeServer::Run() {
  if (loop_->listen_fd < 0) return;
  loop_->Run();
}

void EdgeServer::Stop() {
  loop_->stopping.store(true);
  loop_->Wake();
}

const EdgeCounters& EdgeServer::counters() const { return loop_->counters; }

}  // namespace slotwise::edge
