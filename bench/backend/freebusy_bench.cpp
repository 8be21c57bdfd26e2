// freebusy_bench.cpp — a cold free/busy fetch as the providers make it slow: 120 calendars over 100 days through the
// Google adapter (3 chunks of calendars × 2 pieces of time = 6 freeBusy calls) against the provider sandbox on
// loopback, each call held back by the sandbox for a provider-like latency. Measured against its named peer in the
// same run: the same fetch one call at a time (parallel_calls 1, how Slotwise fetched before), then with the free/busy
// sources' setting (parallel_calls 4). Both must give the same answer (cross-checked).
//
//   slotwise_freebusy_bench [--smoke] [--min-time S] [--latency-ms N]
// Prints one JSON line (section "freebusy") on stdout and a short report on stderr. Target: the concurrent fetch at
// most half the sequential one (printed PASS/MISS, never asserted).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_transport.h"
#include "providers/access_token_source.h"
#include "providers/google_calendar.h"
#include "sandbox/sandbox.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace {

using namespace slotwise;
using nlohmann::json;

int Fail(const std::string& what) {
  std::fprintf(stderr, "free/busy bench: %s\n", what.c_str());
  return 1;
}

// Median milliseconds of `runs` fetches with `parallel` calls at once; `answer` gets the last answer.
double MedianMs(net::HttpTransport& transport, providers::AccessTokenSource& tokens, const std::string& api_base,
                std::size_t parallel, int runs, const std::vector<std::string>& ids, Interval range,
                std::vector<CalendarBusy>& answer, std::string& error) {
  providers::GoogleCalendarOptions options;
  options.parallel_calls = parallel;
  providers::GoogleCalendar calendar(transport, tokens, api_base, providers::RetryPolicy{}, providers::RetryHooks{},
                                     options);
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    Result<std::vector<CalendarBusy>> busy = calendar.FreeBusy(ids, range, "UTC");
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!busy) {
      error = busy.error().message;
      return 0;
    }
    answer = std::move(busy).value();
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// The same calendars with the same events or the same kind of refusal.
bool SameAnswer(const std::vector<CalendarBusy>& a, const std::vector<CalendarBusy>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].calendar_id != b[i].calendar_id || a[i].busy.ok() != b[i].busy.ok()) return false;
    if (a[i].busy && a[i].busy->size() != b[i].busy->size()) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 0.5;
  int latency_ms = 80;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--smoke") min_seconds = 0.0;
    else if (arg == "--min-time" && i + 1 < argc) min_seconds = std::stod(argv[++i]);
    else if (arg == "--latency-ms" && i + 1 < argc) latency_ms = std::stoi(argv[++i]);
    else return Fail("usage: slotwise_freebusy_bench [--smoke] [--min-time S] [--latency-ms N]");
  }
  sandbox::SandboxServer server;  // the demo organisation: the Google calendars of kumo.example
  Result<int> port = server.Bind("127.0.0.1", 0);
  if (!port) return Fail(port.error().message);
  std::thread serving([&] { server.Run(); });
  const std::string root = "http://127.0.0.1:" + std::to_string(*port);
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport(net::ProxySettings{});
  int status = 0;
  {
    Result<sandbox::MintedTokens> minted = server.sandbox().MintTokens("google", "lena.fischer@kumo.example");
    if (!minted) return Fail(minted.error().message);
    providers::StaticTokenSource tokens(minted->access_token);
    // Every freeBusy call is held back by the latency, as a provider's round trip would be.
    net::HttpRequest fault;
    fault.method = "POST";
    fault.url = root + "/sandbox/faults";
    fault.timeout = std::chrono::seconds(5);
    fault.With("Content-Type", "application/json");
    fault.body = DumpJson({{"provider", "google"}, {"path_prefix", "/calendar/v3/freeBusy"}, {"delay_ms", latency_ms},
                           {"times", 1000000}});
    Result<net::HttpResponse> added = transport->Send(fault);
    if (!added || !added->Ok()) return Fail("the sandbox refused the latency fault");

    std::vector<std::string> ids;
    for (const char* person : {"lena.fischer", "jonas.becker", "ken.sato", "misaki.suzuki", "sho.takahashi",
                               "emily.carter"}) {
      ids.push_back(std::string(person) + "@kumo.example");
    }
    for (std::size_t i = ids.size(); i < 120; ++i) ids.push_back("colleague" + std::to_string(i) + "@kumo.example");
    const Instant now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    const Interval range{now - now % 86400, now - now % 86400 + 100 * 86400};
    const std::string api_base = root + "/google/calendar/v3";
    const int runs = std::max(1, static_cast<int>(min_seconds / (6.0 * latency_ms / 1000.0)) + 1);  // ≥ min_seconds sequentially

    std::vector<CalendarBusy> sequential_answer, parallel_answer;
    std::string error;
    const double sequential = MedianMs(*transport, tokens, api_base, 1, runs, ids, range, sequential_answer, error);
    const double parallel = MedianMs(*transport, tokens, api_base, 4, runs, ids, range, parallel_answer, error);
    if (!error.empty()) {
      status = Fail(error);
    } else if (!SameAnswer(sequential_answer, parallel_answer)) {
      status = Fail("the concurrent fetch answered differently from the sequential one");
    } else {
      const double ratio = parallel / sequential;
      const bool pass = ratio <= 0.5;
      std::printf("%s\n", DumpJson({{"section", "freebusy"},
                                    {"calendars", ids.size()},
                                    {"calls", 6},
                                    {"latency_ms", latency_ms},
                                    {"runs", runs},
                                    {"sequential_ms", sequential},
                                    {"parallel_ms", parallel},
                                    {"ratio", ratio}})
                              .c_str());
      std::fprintf(stderr,
                   "\nFree/busy fetch, cold (120 calendars × 100 days = 6 Google freeBusy calls, %d ms each, sandbox "
                   "on loopback; median of %d)\n"
                   "  one call at a time (the peer: parallel_calls 1)   %8.1f ms\n"
                   "  4 calls at a time (the free/busy sources)          %8.1f ms   %.2f× the peer\n"
                   "  target: at most 0.5× the peer                                 %s\n",
                   latency_ms, runs, sequential, parallel, ratio, pass ? "PASS" : "MISS");
    }
  }
  transport.reset();
  server.Stop();
  serving.join();
  return status;
}
