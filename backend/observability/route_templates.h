// route_templates.h — maps a request path onto the route template it matched ("/v1/interviews/{id}"), so logs and
// metrics name routes, never ids (a path may carry an interview id, a calendar address …).
//
// Contract:
// - Templates are paths whose segments are literals or "{name}" (one non-empty segment each), as the OpenAPI document
//   writes them. Match returns the template matching every segment of `path` (query string excluded by the caller);
//   among several, the one with the most literal segments, earliest literal first ("/v1/interviews/search" wins over
//   "/v1/interviews/{id}"); "" when none matches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slotwise::observability {

class RouteTemplates {
 public:
  void Add(std::string route_template);
  std::string Match(std::string_view path) const;

 private:
  struct Route {
    std::string text;
    std::vector<std::string> segments;  // "" = a parameter
  };
  std::vector<Route> routes_;
};

}  // namespace slotwise::observability
