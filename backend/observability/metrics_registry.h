// metrics_registry.h — counters and histograms with labels, rendered in the Prometheus text exposition format
// (version 0.0.4; docs/OPERATIONS.md lists every metric Slotwise exports).
//
// Contract:
// - A family is declared once with its name, help text, type and (histograms) bucket bounds; declaring it again with
//   the same type is a no-op, so any file may declare what it uses at first use. Names follow Prometheus rules
//   ([a-zA-Z_:][a-zA-Z0-9_:]*); label names are fixed per call site, label VALUES must come from a bounded set (a route
//   template, a provider name, a status code) — never an id, an e-mail or a raw path.
// - Increment / Observe on an undeclared family are ignored (a metric is never worth a crash), as are negative
//   increments (counters only go up).
// - Thread-safe. Render takes a consistent copy per family; samples appear sorted by label values, families in
//   declaration order. Label values are escaped (backslash, double quote, newline).
// - Metrics() is the process-wide registry the server renders at GET /metrics. Counters only grow for the life of the
//   process; tests compare values before and after what they do.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slotwise::observability {

// Label name/value pairs of one sample, in the order the call site gives them.
using Labels = std::vector<std::pair<std::string, std::string>>;

// A sample read at scrape time (RenderScraped).
struct GaugeSample {
  Labels labels;
  double value = 0;
};

class MetricsRegistry {
 public:
  void DeclareCounter(std::string name, std::string help);
  void DeclareHistogram(std::string name, std::string help, std::vector<double> bucket_bounds);

  void Increment(std::string_view name, const Labels& labels, double by = 1);
  void Observe(std::string_view name, const Labels& labels, double value);

  // The value of one counter sample, or of one histogram's _count (0 when absent) — for tests and /readyz.
  double CounterValue(std::string_view name, const Labels& labels) const;

  // Every declared family, in the text format.
  std::string Render() const;

 private:
  struct Histogram {
    std::vector<double> counts;  // one per bound, not cumulative; +Inf is `count`
    double sum = 0;
    double count = 0;
  };
  struct Family {
    std::string name;
    std::string help;
    bool histogram = false;
    std::vector<double> bounds;
    std::map<Labels, double> counters;
    std::map<Labels, Histogram> histograms;
  };
  Family* Find(std::string_view name);
  const Family* Find(std::string_view name) const;

  mutable std::mutex mutex_;
  std::vector<Family> families_;
};

MetricsRegistry& Metrics();

// One family in the text format (# HELP, # TYPE, its samples) for values read at scrape time from where they are kept
// (a gauge: the outbox depth in the database; a counter: the free/busy cache's own hit count).
enum class ScrapedType { kGauge, kCounter };
std::string RenderScraped(std::string_view name, std::string_view help, ScrapedType type,
                          const std::vector<GaugeSample>& samples);

// Latency buckets in seconds shared by every duration histogram: 5 ms … 30 s.
const std::vector<double>& DurationBuckets();

}  // namespace slotwise::observability
