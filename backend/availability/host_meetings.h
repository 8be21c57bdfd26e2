// host_meetings.h — a video host account's own meetings at its meeting provider as busy time: what makes a Zoom host
// who is in a meeting created outside Slotwise busy for availability and at booking (calendar_gatherer.h gathers it).
//
// Contract:
// - HostMeetingSource::MeetingsBusy answers the meetings of the host account behind `connection_id` that overlap
//   `window` (UTC, half-open) as busy events sorted by start, or the Error that kept them from being read — a
//   failure is never "no meetings". Implementations are thread-safe.
// - ProviderHostMeetingSource reads Zoom hosts only (Reads("zoom")): GET /users/me/meetings?type=upcoming, every page
//   (providers/zoom_meetings.h BusyMeetings), with the host's own connection token (TokenManager::SourceFor). Meetings
//   whose agenda carries Slotwise's marker (providers::kSlotwiseMarkerPrefix) are left out: they belong to
//   interviews, whose holds already occupy the host, and leaving them out keeps a rescheduled interview from
//   colliding with its own meeting. Errors: the token source's ("reauth_needed", "consent_required", …), the
//   provider's ("rate_limited", "provider_unavailable", "provider_error", …), "provider_not_configured" when Zoom has
//   no API base on this server.
// - Reads are retried as `options.retry` says (by default fewer times than a booking's writes: an availability
//   answer should not wait long for a host it can report as unknown).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/http_transport.h"
#include "providers/retry.h"
#include "slotwise/busy.h"
#include "slotwise/result.h"

namespace slotwise {

class TokenManager;

class HostMeetingSource {
 public:
  virtual ~HostMeetingSource() = default;
  // True when the meetings of host accounts on `provider` ("zoom", "goto", "teams", "google_meet") are read.
  virtual bool Reads(std::string_view provider) const = 0;
  // See the contract. `provider` is one Reads accepts; `connection_id` the host account's connection (not empty).
  virtual Result<std::vector<BusyEvent>> MeetingsBusy(std::string_view provider, const std::string& connection_id,
                                                      Interval window) = 0;
};

struct HostMeetingOptions {
  std::optional<std::string> zoom_api_base;  // ProviderRegistry::ApiBase(kZoom); nullopt = Zoom hosts are not read
  providers::RetryPolicy retry{2, std::chrono::milliseconds(250), std::chrono::milliseconds(2000),
                               std::chrono::milliseconds(10000)};
  providers::RetryHooks hooks;  // {} = the real sleeper, clock and randomness
};

class ProviderHostMeetingSource final : public HostMeetingSource {
 public:
  // Borrows `tokens` and `transport`, which must outlive the source.
  ProviderHostMeetingSource(TokenManager& tokens, net::HttpTransport& transport, HostMeetingOptions options)
      : tokens_(tokens), transport_(transport), options_(std::move(options)) {}

  bool Reads(std::string_view provider) const override;
  Result<std::vector<BusyEvent>> MeetingsBusy(std::string_view provider, const std::string& connection_id,
                                              Interval window) override;

 private:
  TokenManager& tokens_;
  net::HttpTransport& transport_;
  HostMeetingOptions options_;
};

}  // namespace slotwise
