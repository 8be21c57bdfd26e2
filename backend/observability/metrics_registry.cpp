// metrics_registry.cpp — see metrics_registry.h.
#include "observability/metrics_registry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace slotwise::observability {

namespace {

std::string FormatNumber(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

std::string EscapeLabelValue(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (char c : value) {
    if (c == '\\') escaped += "\\\\";
    else if (c == '"') escaped += "\\\"";
    else if (c == '\n') escaped += "\\n";
    else escaped += c;
  }
  return escaped;
}

// {a="1",b="2"} with `extra` (e.g. le="0.5") last; "" when there is no label at all.
std::string LabelText(const Labels& labels, const std::pair<std::string, std::string>* extra = nullptr) {
  if (labels.empty() && !extra) return "";
  std::string text = "{";
  bool first = true;
  auto add = [&](const std::string& name, const std::string& value) {
    if (!first) text += ",";
    first = false;
    text += name + "=\"" + EscapeLabelValue(value) + "\"";
  };
  for (const auto& [name, value] : labels) add(name, value);
  if (extra) add(extra->first, extra->second);
  return text + "}";
}

std::string Header(std::string_view name, std::string_view help, std::string_view type) {
  std::string text = "# HELP " + std::string(name) + " ";
  for (char c : help) text += c == '\n' ? ' ' : c;
  return text + "\n# TYPE " + std::string(name) + " " + std::string(type) + "\n";
}

}  // namespace

void MetricsRegistry::DeclareCounter(std::string name, std::string help) {
  std::lock_guard lock(mutex_);
  if (Find(name)) return;
  families_.push_back(Family{std::move(name), std::move(help), false, {}, {}, {}});
}

void MetricsRegistry::DeclareHistogram(std::string name, std::string help, std::vector<double> bucket_bounds) {
  std::lock_guard lock(mutex_);
  if (Find(name)) return;
  std::sort(bucket_bounds.begin(), bucket_bounds.end());
  families_.push_back(Family{std::move(name), std::move(help), true, std::move(bucket_bounds), {}, {}});
}

MetricsRegistry::Family* MetricsRegistry::Find(std::string_view name) {
  for (Family& family : families_) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

const MetricsRegistry::Family* MetricsRegistry::Find(std::string_view name) const {
  for (const Family& family : families_) {
    if (family.name == name) return &family;
  }
  return nullptr;
}

void MetricsRegistry::Increment(std::string_view name, const Labels& labels, double by) {
  if (!(by >= 0)) return;
  std::lock_guard lock(mutex_);
  Family* family = Find(name);
  if (!family || family->histogram) return;
  family->counters[labels] += by;
}

void MetricsRegistry::Observe(std::string_view name, const Labels& labels, double value) {
  std::lock_guard lock(mutex_);
  Family* family = Find(name);
  if (!family || !family->histogram || std::isnan(value)) return;
  Histogram& histogram = family->histograms[labels];
  if (histogram.counts.empty()) histogram.counts.assign(family->bounds.size(), 0);
  for (std::size_t i = 0; i < family->bounds.size(); ++i) {
    if (value <= family->bounds[i]) {
      histogram.counts[i] += 1;
      break;
    }
  }
  histogram.sum += value;
  histogram.count += 1;
}

double MetricsRegistry::CounterValue(std::string_view name, const Labels& labels) const {
  std::lock_guard lock(mutex_);
  const Family* family = Find(name);
  if (!family) return 0;
  if (family->histogram) {
    const auto found = family->histograms.find(labels);
    return found == family->histograms.end() ? 0 : found->second.count;
  }
  const auto found = family->counters.find(labels);
  return found == family->counters.end() ? 0 : found->second;
}

std::string MetricsRegistry::Render() const {
  std::vector<Family> copy;
  {
    std::lock_guard lock(mutex_);
    copy = families_;
  }
  std::string text;
  for (const Family& family : copy) {
    text += Header(family.name, family.help, family.histogram ? "histogram" : "counter");
    if (!family.histogram) {
      for (const auto& [labels, value] : family.counters) {
        text += family.name + LabelText(labels) + " " + FormatNumber(value) + "\n";
      }
      continue;
    }
    for (const auto& [labels, histogram] : family.histograms) {
      double cumulative = 0;
      for (std::size_t i = 0; i < family.bounds.size(); ++i) {
        cumulative += histogram.counts[i];
        const std::pair<std::string, std::string> le{"le", FormatNumber(family.bounds[i])};
        text += family.name + "_bucket" + LabelText(labels, &le) + " " + FormatNumber(cumulative) + "\n";
      }
      const std::pair<std::string, std::string> inf{"le", "+Inf"};
      text += family.name + "_bucket" + LabelText(labels, &inf) + " " + FormatNumber(histogram.count) + "\n";
      text += family.name + "_sum" + LabelText(labels) + " " + FormatNumber(histogram.sum) + "\n";
      text += family.name + "_count" + LabelText(labels) + " " + FormatNumber(histogram.count) + "\n";
    }
  }
  return text;
}

MetricsRegistry& Metrics() {
  static MetricsRegistry registry;
  return registry;
}

std::string RenderScraped(std::string_view name, std::string_view help, ScrapedType type,
                          const std::vector<GaugeSample>& samples) {
  std::string text = Header(name, help, type == ScrapedType::kCounter ? "counter" : "gauge");
  for (const GaugeSample& sample : samples) {
    text += std::string(name) + LabelText(sample.labels) + " " + FormatNumber(sample.value) + "\n";
  }
  return text;
}

const std::vector<double>& DurationBuckets() {
  static const std::vector<double> buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  return buckets;
}

}  // namespace slotwise::observability
