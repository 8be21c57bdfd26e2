// route_templates.cpp — see route_templates.h.
#include "observability/route_templates.h"

#include <utility>

namespace slotwise::observability {

namespace {

std::vector<std::string_view> SegmentsOf(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = path.empty() || path.front() != '/' ? 0 : 1;
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    segments.push_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return segments;
}

}  // namespace

void RouteTemplates::Add(std::string route_template) {
  Route route{std::move(route_template), {}};
  for (std::string_view segment : SegmentsOf(route.text)) {
    const bool parameter = segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
    route.segments.emplace_back(parameter ? std::string_view() : segment);
  }
  routes_.push_back(std::move(route));
}

std::string RouteTemplates::Match(std::string_view path) const {
  const std::vector<std::string_view> segments = SegmentsOf(path);
  const Route* best = nullptr;
  std::pair<int, std::vector<bool>> best_rank;  // (literal segments, which ones)
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::pair<int, std::vector<bool>> rank;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const bool literal = !route.segments[i].empty();
      if (literal) matches = route.segments[i] == segments[i];
      else matches = !segments[i].empty();
      rank.first += literal ? 1 : 0;
      rank.second.push_back(literal);
    }
    // More literal segments first; among equals, literals earlier (flags compared lexicographically, true > false).
    if (matches && (!best || rank > best_rank)) {
      best = &route;
      best_rank = std::move(rank);
    }
  }
  return best ? best->text : "";
}

}  // namespace slotwise::observability
