// host_meetings.cpp — see host_meetings.h.
#include "availability/host_meetings.h"

#include "connections/token_manager.h"
#include "providers/idempotency.h"
#include "providers/zoom_meetings.h"
#include "slotwise/error_codes.h"

namespace slotwise {

bool ProviderHostMeetingSource::Reads(std::string_view provider) const { return provider == "zoom"; }

Result<std::vector<BusyEvent>> ProviderHostMeetingSource::MeetingsBusy(std::string_view provider,
                                                                       const std::string& connection_id,
                                                                       Interval window) {
  if (provider != "zoom") {
    return Error{codes::kProviderNotConfigured, "the meetings of " + std::string(provider) + " hosts are not read", ""};
  }
  if (!options_.zoom_api_base) {
    return Error{codes::kProviderNotConfigured, "Zoom is not configured on this server", ""};
  }
  std::unique_ptr<providers::AccessTokenSource> token = tokens_.SourceFor(connection_id);
  providers::ZoomMeetings zoom(transport_, *token, *options_.zoom_api_base, options_.retry, options_.hooks);
  return zoom.BusyMeetings(window, providers::kSlotwiseMarkerPrefix);
}

}  // namespace slotwise
