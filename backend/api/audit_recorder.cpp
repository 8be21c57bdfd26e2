// audit_recorder.cpp — see audit_recorder.h.
#include "api/audit_recorder.h"

#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

#include "observability/json_log.h"

namespace slotwise {

namespace {

bool IsChange(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool ChangesNothing(const std::string& route) {
  return route == "/v1/availability" || route == "/v1/availability/document" || route == "/v1/validate";
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) segments.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return segments;
}

// The id a creation's answer carries, "" when none.
std::string CreatedId(const std::string* body) {
  if (!body || body->empty()) return "";
  const nlohmann::json answer = nlohmann::json::parse(*body, nullptr, false);
  if (!answer.is_object()) return "";
  for (const char* name : {"id", "key_id", "interview_id", "credential_id"}) {
    if (answer.contains(name) && answer[name].is_string()) return answer[name].get<std::string>();
  }
  return "";
}

}  // namespace

std::vector<std::string> RouteParameters(const std::string& route_template, const std::string& path) {
  const std::vector<std::string_view> names = Segments(route_template);
  const std::vector<std::string_view> values = Segments(path);
  std::vector<std::string> parameters;
  if (names.size() != values.size()) return parameters;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!names[i].empty() && names[i].front() == '{') parameters.emplace_back(values[i]);
  }
  return parameters;
}

std::optional<AuditEntry> AuditEntryFor(const ServedRequest& request, const observability::RequestTrace& trace,
                                        std::int64_t now) {
  if (trace.tenant_id.empty() || trace.actor_kind.empty() || request.route.empty()) return std::nullopt;
  const bool change = IsChange(request.method) && request.status >= 200 && request.status < 300 &&
                      !ChangesNothing(request.route);
  const bool export_read = request.method == "GET" && request.status == 200 && EndsWith(request.route, "/export");
  if (!change && !export_read) return std::nullopt;
  AuditEntry entry;
  entry.tenant_id = trace.tenant_id;
  entry.at = now;
  entry.actor_kind = trace.actor_kind;
  entry.actor_id = trace.actor_id;
  entry.action = request.method + " " + request.route;
  for (const std::string& parameter : RouteParameters(request.route, request.path)) {
    entry.object += (entry.object.empty() ? "" : "/") + parameter;
  }
  if (entry.object.empty() && request.method == "POST") entry.object = CreatedId(request.body);
  entry.status = request.status;
  entry.request_id = trace.request_id;
  return entry;
}

void AuditRecorder::Record(const ServedRequest& request) {
  const observability::RequestTrace* trace = observability::CurrentRequest();
  if (!trace) return;
  std::optional<AuditEntry> entry = AuditEntryFor(request, *trace, clock_());
  if (!entry) return;
  if (Result<AuditEntry> stored = store_.Append(*entry); !stored) {
    observability::WriteLog(observability::LogLevel::kError, "audit_log_failed",
                            {{"tenant", entry->tenant_id}, {"action", entry->action}, {"error", stored.error().code}});
  }
}

}  // namespace slotwise
