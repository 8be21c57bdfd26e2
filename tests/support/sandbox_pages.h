// sandbox_pages.h — test helper: reading the provider sandbox's sign-in pages (backend/sandbox), for tests that drive
// the OAuth consent step the way a browser would.
//
// Contract: RequestIdOf answers the value of `name="request_id" value="…"` in an authorize page, or "" when the page
// has none (an error page). Pure.
#pragma once

#include <string>

namespace slotwise::testing {

inline std::string RequestIdOf(const std::string& html) {
  const std::string marker = "name=\"request_id\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return "";
  const auto start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

}  // namespace slotwise::testing
