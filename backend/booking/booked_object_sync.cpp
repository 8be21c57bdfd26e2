// booked_object_sync.cpp — see booked_object_sync.h.
#include "booking/booked_object_sync.h"

#include "booking/change_assessment.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

Result<ObservedEvent> GoneWhenNotFound(Result<ObservedEvent> observed) {
  if (!observed && observed.error().code == codes::kProviderNotFound) {
    ObservedEvent gone;
    gone.gone = true;
    return gone;
  }
  return observed;
}

}  // namespace

SyncCounts BookedObjectSync::CalendarChanged(const std::string& tenant_id, const std::string& provider,
                                             const std::string& calendar_id) {
  Result<std::vector<BookedObject>> objects = interviews_.BookedObjectsOn(tenant_id, provider, calendar_id);
  if (!objects) {
    errors_.fetch_add(1);
    return SyncCounts{0, 0, 0, 1};
  }
  return Check(objects.value());
}

SyncCounts BookedObjectSync::MeetingChanged(const std::string& provider, const std::string& meeting_id) {
  Result<std::vector<BookedObject>> objects = interviews_.BookedObjectsWithId(provider, meeting_id);
  if (!objects) {
    errors_.fetch_add(1);
    return SyncCounts{0, 0, 0, 1};
  }
  return Check(objects.value());
}

SyncCounts BookedObjectSync::CheckDue(std::int64_t interval, int limit) {
  const std::int64_t now = clock_();
  Result<std::vector<BookedObject>> objects = interviews_.BookedObjectsDue(now, now - interval, limit);
  if (!objects) {
    errors_.fetch_add(1);
    return SyncCounts{0, 0, 0, 1};
  }
  return Check(objects.value());
}

SyncCounts BookedObjectSync::Check(const std::vector<BookedObject>& objects) {
  SyncCounts counts;
  for (const BookedObject& object : objects) {
    switch (CheckOne(object)) {
      case Verdict::kFlagged:
        ++counts.flagged;
        if (flagged_listener_) flagged_listener_(object);
        [[fallthrough]];
      case Verdict::kChecked: ++counts.checked; break;
      case Verdict::kSkipped: ++counts.skipped; break;
      case Verdict::kError: ++counts.errors; break;
    }
  }
  checked_.fetch_add(counts.checked);
  flagged_.fetch_add(counts.flagged);
  skipped_.fetch_add(counts.skipped);
  errors_.fetch_add(counts.errors);
  return counts;
}

SyncCounts BookedObjectSync::Totals() const {
  return SyncCounts{checked_.load(), flagged_.load(), skipped_.load(), errors_.load()};
}

BookedObjectSync::Verdict BookedObjectSync::CheckOne(const BookedObject& object) {
  if (object.flag == "deleted_externally") return Verdict::kSkipped;  // final: a deleted object does not come back
  Result<std::optional<Interview>> interview = interviews_.GetInterview(object.tenant_id, object.interview_id);
  if (!interview) return Verdict::kError;
  if (!interview->has_value() || (*interview)->status != InterviewStatus::kConfirmed) return Verdict::kSkipped;
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(object.tenant_id);
  if (!tenant || !tenant->has_value()) return Verdict::kError;

  Result<ObservedEvent> observed = Error{codes::kProviderError, "", ""};
  if (object.object == "event") {
    Result<providers::CreatedEvent> read = gateway_.GetEvent(**tenant, object.calendar_id, object.provider_object_id);
    observed = GoneWhenNotFound(read ? ObservedFrom(read.value()) : Result<ObservedEvent>(read.error()));
  } else {
    Result<std::optional<HostAccount>> host = directory_.GetHostAccount(object.tenant_id, object.calendar_id);
    if (!host) return Verdict::kError;
    if (!host->has_value()) return Verdict::kSkipped;  // the host account was removed: nothing to read it with
    Result<MeetingState> read = gateway_.GetMeeting(**tenant, **host, object.provider_object_id);
    if (!read && read.error().code == codes::kNotSupported) return Verdict::kSkipped;
    observed = GoneWhenNotFound(read ? ObservedFrom(read.value()) : Result<ObservedEvent>(read.error()));
  }
  if (!observed) return Verdict::kError;
  Result<bool> recorded =
      interviews_.RecordObservation(object.interview_id, object.object,
                                    Assess(object, observed.value(), PeopleOf((*interview)->spec)), clock_());
  if (!recorded) return Verdict::kError;
  return *recorded ? Verdict::kFlagged : Verdict::kChecked;
}

}  // namespace slotwise
