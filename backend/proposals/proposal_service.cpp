// proposal_service.cpp — see proposal_service.h.
#include "proposals/proposal_service.h"

#include <algorithm>
#include <set>

#include "booking/candidate_messages.h"
#include "booking/candidate_text.h"
#include "booking/interview_artifacts.h"
#include "booking/message_payload.h"
#include "booking/booking_request.h"
#include "booking/proposal_holds.h"
#include "crypto/crypto_primitives.h"
#include "proposals/proposal_message.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr std::string_view kCapabilityPrefix = "swp_";

std::string CapabilityHash(std::string_view capability) { return crypto::HexEncode(crypto::Sha256(capability)); }

Error InvalidLink() { return Error{codes::kUnauthorized, "this link is not valid", ""}; }

Error AlreadyPicked() { return Error{codes::kAlreadyPicked, "another time was already chosen", ""}; }

json BookingFor(const json& booking, const ProposalOption& option) {
  json body = booking;
  body["start"] = FormatRfc3339(option.start);
  body["end"] = FormatRfc3339(option.end);
  return body;
}

// The list `body[name]`: 1–`max` {"start", "end"} RFC 3339 times with end after start, in the order given; errors
// name the list or its item ("options[2]").
Result<std::vector<Interval>> ParseTimeList(const json& body, const std::string& name, std::size_t max) {
  auto list = body.is_object() ? body.find(name) : body.end();
  if (!body.is_object() || list == body.end() || !list->is_array() || list->empty() || list->size() > max) {
    return Error{codes::kInvalidRequest,
                 name + " must be an array of 1 to " + std::to_string(max) + " {\"start\", \"end\"} times", name};
  }
  std::vector<Interval> parsed;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const std::string field = name + "[" + std::to_string(i) + "]";
    std::optional<Instant> start, end;
    for (const char* key : {"start", "end"}) {
      if (!item.is_object() || !item.contains(key) || !item.at(key).is_string()) continue;
      const CallerInstant instant = ParseCallerInstant(item.at(key).get<std::string>());
      if (instant.out_of_range) {
        return Error{codes::kInvalidRequest, OutOfRangeMessage(field + "." + key), field + "." + key};
      }
      (std::string_view(key) == "start" ? start : end) = instant.instant;
    }
    if (!start || !end || *end <= *start) {
      return Error{codes::kInvalidRequest, field + " needs RFC 3339 \"start\" and a later \"end\"", field};
    }
    parsed.push_back({*start, *end});
  }
  return parsed;
}

// The options of a Create body: 1–10 distinct times.
Result<std::vector<ProposalOption>> ParseOptions(const json& body) {
  Result<std::vector<Interval>> times = ParseTimeList(body, "options", ProposalService::kMaxOptions);
  if (!times) return times.error();
  std::set<std::pair<Instant, Instant>> seen;
  std::vector<ProposalOption> parsed;
  for (std::size_t i = 0; i < times->size(); ++i) {
    const Interval& time = (*times)[i];
    if (!seen.insert({time.start, time.end}).second) {
      const std::string field = "options[" + std::to_string(i) + "]";
      return Error{codes::kInvalidRequest, field + " repeats a time", field};
    }
    parsed.push_back({time.start, time.end, std::nullopt});
  }
  return parsed;
}

// Characters (code points) of UTF-8 text.
std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// Times stored as [{"start", "end"}] in RFC 3339 text (the options, the candidate's own times).
std::vector<Interval> StoredTimes(const std::string& stored_json) {
  std::vector<Interval> times;
  const json stored = slotwise::ParseJson(stored_json);
  if (!stored.is_array()) return times;
  for (const json& time : stored) {
    const std::optional<Instant> start = ParseRfc3339(time.value("start", ""));
    const std::optional<Instant> end = ParseRfc3339(time.value("end", ""));
    if (start && end) times.push_back({*start, *end});
  }
  return times;
}

json TimesJson(const std::vector<Interval>& times) {
  json list = json::array();
  for (const Interval& time : times) list.push_back({{"start", FormatRfc3339(time.start)}, {"end", FormatRfc3339(time.end)}});
  return list;
}

// The proposal's options as written by Create.
std::vector<ProposalOption> StoredOptions(const Proposal& proposal) {
  std::vector<ProposalOption> options;
  for (const Interval& time : StoredTimes(proposal.options_json)) options.push_back({time.start, time.end, std::nullopt});
  return options;
}

// The option a {"start"} body names; invalid_request (field start) for anything else.
Result<ProposalOption> ChosenOption(const Proposal& proposal, const json& body) {
  std::optional<Instant> start;
  if (body.is_object() && body.contains("start") && body.at("start").is_string()) {
    start = ParseRfc3339(body.at("start").get<std::string>());
  }
  if (!start) return Error{codes::kInvalidRequest, "send {\"start\": <one of the proposed times>}", "start"};
  for (const ProposalOption& option : StoredOptions(proposal)) {
    if (option.start == *start) return option;
  }
  return Error{codes::kInvalidRequest, "that time is not one of the proposed times", "start"};
}

// Open to a pick: open, or declined (the candidate sent other times but may still take one of these).
bool Pickable(const Proposal& proposal) { return proposal.status == "open" || proposal.status == "declined"; }

Result<CandidateChangePolicy> PolicyOf(DirectoryStore& directory, const std::string& tenant_id) {
  Result<std::optional<Tenant>> tenant = directory.GetTenant(tenant_id);
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return Error{codes::kNotFound, "the proposal's tenant is gone", ""};
  return ParseCandidateChangePolicy(slotwise::ParseJson((*tenant)->policies_json));
}

bool IsOccupied(const BookingRefusal& refusal) {
  return refusal.code == codes::kSlotTaken || refusal.code == codes::kSlotUnavailable;
}


// The hold job's payload: each available time held in the calendar of every interviewer, observer and the organiser
// (who also reserves the room), once per person. "" when there is nobody to hold for.
std::string HoldPayload(const json& booking, const std::vector<ProposalOption>& options) {
  std::vector<TentativeHold> holds;
  for (const ProposalOption& option : options) {
    if (!option.available.value_or(false)) continue;
    Result<BookingRequest> request = ParseBookingRequest(BookingFor(booking, option));
    if (!request) continue;
    const InterviewSpec& spec = request->spec;
    std::vector<std::string> people = spec.interviewers;
    people.insert(people.end(), spec.observers.begin(), spec.observers.end());
    if (!spec.organizer.empty()) people.push_back(spec.organizer);
    std::set<std::string> seen;
    for (const std::string& person : people) {
      if (!seen.insert(AsciiLower(person)).second) continue;
      holds.push_back({person, "", option.start, option.end});
    }
    // The room is reserved by the organiser's hold (rooms have no calendar of their own to write into).
    for (TentativeHold& hold : holds) {
      if (hold.start == option.start && AsciiLower(hold.calendar) == AsciiLower(spec.organizer)) hold.room = spec.room;
    }
  }
  return holds.empty() ? "" : HoldJobPayload(holds, "UTC");
}

}  // namespace

std::string ProposalService::StatusOf(const Proposal& proposal) const {
  if (Pickable(proposal) && clock_() >= proposal.expires_at) return "expired";
  return proposal.status;
}

std::vector<ProposalOption> ProposalService::CheckedOptions(const Proposal& proposal) {
  const json booking = slotwise::ParseJson(proposal.booking_json);
  std::vector<ProposalOption> options = StoredOptions(proposal);
  for (ProposalOption& option : options) {
    // Once picked, the options are where the candidate could move the interview: it does not stand in its own way.
    // Before that, its own tentative holds do not make its times look taken.
    const std::string& except = proposal.interview_id.empty() ? proposal.id : proposal.interview_id;
    Result<Bookability> checked = booking_.Check(proposal.tenant_id, BookingFor(booking, option), except);
    option.available = checked && checked->bookable();
  }
  return options;
}

Result<Proposal> ProposalService::ByCapability(const std::string& capability) {
  if (capability.rfind(kCapabilityPrefix, 0) != 0) return InvalidLink();
  Result<std::optional<Proposal>> found = store_.FindByCapability(CapabilityHash(capability));
  if (!found) return found.error();
  if (!found->has_value()) return InvalidLink();
  return std::move(**found);
}

Result<ProposalCreation> ProposalService::Create(const std::string& tenant_id, const std::string& actor,
                                                 const json& body, const std::string& public_url) {
  for (const char* time : {"start", "end"}) {
    if (body.contains(time)) {
      return Error{codes::kInvalidRequest, "a proposal offers \"options\"; it has no start or end of its own", time};
    }
  }
  Result<std::vector<ProposalOption>> options = ParseOptions(body);
  if (!options) return options.error();
  const std::int64_t now = clock_();
  std::int64_t expires_at = now + kDefaultLifetime;
  if (auto given = body.find("expires_at"); given != body.end()) {
    std::optional<Instant> parsed = given->is_string() ? ParseRfc3339(given->get<std::string>()) : std::nullopt;
    if (!parsed || *parsed <= now || *parsed > now + kMaxLifetime) {
      return Error{codes::kInvalidRequest, "expires_at must be an RFC 3339 time within the next 30 days", "expires_at"};
    }
    expires_at = *parsed;
  }
  bool hold_times = true;
  if (auto hold = body.find("hold_times"); hold != body.end()) {
    if (!hold->is_boolean()) return Error{codes::kInvalidRequest, "hold_times must be true or false", "hold_times"};
    hold_times = hold->get<bool>();
  }
  bool notify_candidate = true;
  if (auto notify = body.find("notify_candidate"); notify != body.end()) {
    if (!notify->is_boolean()) {
      return Error{codes::kInvalidRequest, "notify_candidate must be true or false", "notify_candidate"};
    }
    notify_candidate = notify->get<bool>();
  }
  json booking = body;
  booking.erase("options");
  booking.erase("expires_at");
  booking.erase("hold_times");
  booking.erase("notify_candidate");
  const json* candidate = booking.contains("candidate") ? &booking.at("candidate") : nullptr;
  for (const char* member : {"email", "time_zone"}) {
    if (!candidate || !candidate->is_object() || !candidate->contains(member) || !candidate->at(member).is_string() ||
        candidate->at(member).get<std::string>().empty()) {
      return Error{codes::kInvalidRequest,
                   std::string("the candidate needs an ") + member + ": the page shows the times in their zone",
                   std::string("candidate.") + member};
    }
  }
  int available = 0;
  for (std::size_t i = 0; i < options->size(); ++i) {
    ProposalOption& option = (*options)[i];
    Result<Bookability> checked = booking_.Check(tenant_id, BookingFor(booking, option));
    if (!checked) return checked.error();
    option.available = checked->bookable();
    if (checked->bookable()) {
      ++available;
    } else if (!IsOccupied(*checked->refusal)) {
      return ProposalCreation{OptionRefused{i, std::move(*checked->refusal)}};  // the rules refuse this time
    }
  }
  if (available == 0) return ProposalCreation{NoneAvailable{std::move(options).value()}};
  const std::string capability = std::string(kCapabilityPrefix) + crypto::RandomToken(32);
  Proposal proposal;
  proposal.id = "prp_" + crypto::RandomToken(12);
  proposal.tenant_id = tenant_id;
  proposal.capability_hash = CapabilityHash(capability);
  proposal.booking_json = DumpJson(booking);
  std::vector<Interval> times;
  for (const ProposalOption& option : *options) times.push_back({option.start, option.end});
  proposal.options_json = DumpJson(TimesJson(times));
  proposal.expires_at = expires_at;
  proposal.created_by = actor;
  proposal.created_at = now;
  proposal.updated_at = now;
  const std::string holds = hold_times ? HoldPayload(booking, *options) : "";
  // The page URL names the tenant: the page is then framed only by that tenant's origins (api/api_auth.h).
  const std::string url = public_url + "/candidate/?tenant=" + tenant_id + "#p=" + capability;
  std::pair<std::string, std::string> message;  // delivery id, sealed payload
  if (notify_candidate) {
    Result<std::pair<std::string, std::string>> queued = QueuedCandidateMessage(proposal, booking, *options, url, capability);
    if (!queued) return queued.error();
    message = std::move(queued).value();
  }
  if (Result<bool> created = store_.Create(proposal, holds, message.first, message.second); !created) {
    return created.error();
  }
  if ((!holds.empty() || !message.second.empty()) && outbox_wake_) outbox_wake_();
  return ProposalCreation{CreatedProposal{proposal.id, url, message.first, expires_at, std::move(options).value()}};
}

std::string ProposalService::OrganizerName(const std::string& tenant_id, const json& booking) {
  const std::string organizer = booking.value("organizer", "");
  if (Result<std::optional<Person>> person = directory_.GetPerson(tenant_id, organizer);
      person && person->has_value() && !(*person)->name.empty()) {
    return (*person)->name;
  }
  return organizer;
}

Result<std::pair<std::string, std::string>> ProposalService::QueuedCandidateMessage(
    const Proposal& proposal, const json& booking, const std::vector<ProposalOption>& options, const std::string& url,
    const std::string& capability) {
  if (vault_ == nullptr) {
    return Error{codes::kStorageError, "this server has no token vault to seal the candidate's link with", ""};
  }
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(proposal.tenant_id);
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return Error{codes::kNotFound, "the tenant " + proposal.tenant_id + " is gone", ""};
  ProposalMessageInput input;
  input.tenant = &**tenant;
  input.booking = booking;
  input.proposal_id = proposal.id;
  input.url = url;
  input.organizer_name = OrganizerName(proposal.tenant_id, booking);
  for (const ProposalOption& option : options) {
    if (option.available.value_or(false)) input.times.emplace_back(option.start, option.end);
  }
  input.expires_at = proposal.expires_at;
  Result<OutgoingMessage> message = ComposeProposalMessage(input, zones_);
  if (!message) return message.error();
  Result<json> payload = SealedMessagePayload(*message, capability, *vault_, proposal.tenant_id);
  if (!payload) return payload.error();
  return std::pair<std::string, std::string>{message->delivery_id, DumpJson(*payload)};
}

Result<ProposalState> ProposalService::Get(const std::string& tenant_id, const std::string& proposal_id) {
  Result<std::optional<Proposal>> found = store_.Get(tenant_id, proposal_id);
  if (!found) return found.error();
  if (!found->has_value()) return Error{codes::kNotFound, "no proposal " + proposal_id, "id"};
  const Proposal& proposal = **found;
  ProposalState state;
  state.proposal_id = proposal.id;
  state.status = StatusOf(proposal);
  state.expires_at = proposal.expires_at;
  state.options = state.status == "open" || state.status == "declined" ? CheckedOptions(proposal) : StoredOptions(proposal);
  state.interview_id = proposal.interview_id;
  state.picked_start = proposal.picked_start;
  state.candidate_availability = StoredTimes(proposal.candidate_availability_json);
  state.candidate_note = proposal.candidate_note;
  return state;
}

Result<CandidateProposal> ProposalService::ForCandidate(const std::string& capability) {
  Result<Proposal> found = ByCapability(capability);
  if (!found) return found.error();
  const Proposal& proposal = *found;
  const json booking = slotwise::ParseJson(proposal.booking_json);
  const std::vector<ProposalOption> options = StoredOptions(proposal);
  if (!booking.is_object() || options.empty()) {
    return Error{codes::kStorageError, "the proposal " + proposal.id + " is unreadable", ""};
  }
  CandidateProposal view;
  view.status = StatusOf(proposal);
  view.title = booking.value("title", "");
  view.duration_minutes = (options.front().end - options.front().start) / 60;
  view.organizer_name = OrganizerName(proposal.tenant_id, booking);
  const json candidate = booking.value("candidate", json::object());
  std::string company;
  if (Result<std::optional<Tenant>> tenant = directory_.GetTenant(proposal.tenant_id); tenant && tenant->has_value()) {
    company = (*tenant)->name;
  }
  view.message = PreviewCandidateText(booking.value("candidate_message", ""),
                                      CandidateValuesBeforePick(booking, view.organizer_name, company));
  view.candidate_name = candidate.value("name", "");
  view.candidate_time_zone = candidate.value("time_zone", "UTC");
  view.candidate_locale = candidate.value("locale", "en");
  view.expires_at = proposal.expires_at;
  view.options = view.status == "open" || view.status == "declined" ? CheckedOptions(proposal) : options;
  view.offered = StoredTimes(proposal.candidate_availability_json);
  view.note = proposal.candidate_note;
  if (proposal.status == "picked") {
    for (const ProposalOption& option : options) {
      if (option.start == proposal.picked_start) view.picked = option;
    }
    view.interview = PickedInterview(proposal);
    // Where the candidate could move it, checked now — only while they may, and not while the booking is still being
    // carried out (the page asks every two seconds then, and each check reads the calendars).
    if (view.interview && view.interview->can_reschedule && view.interview->status == "confirmed") {
      view.options = CheckedOptions(proposal);
    }
  }
  return view;
}

std::optional<CandidatePickedInterview> ProposalService::PickedInterview(const Proposal& proposal) {
  if (proposal.interview_id.empty()) return std::nullopt;
  Result<Interview> interview = booking_.Get(proposal.tenant_id, proposal.interview_id);
  if (!interview) return std::nullopt;
  CandidatePickedInterview seen;
  seen.status = std::string(InterviewStatusName(interview->status));
  seen.start = interview->spec.start;
  seen.end = interview->spec.end;
  if (interview->status == InterviewStatus::kConfirmed) {  // the link is real only once everything exists
    const ConferenceDetails conference = ConferenceOf(slotwise::ParseJson(interview->artifacts_json));
    seen.join_url = conference.join_url;
    seen.passcode = conference.passcode;
  }
  seen.room = RoomDisplayName(directory_, proposal.tenant_id, interview->spec.room);
  seen.interviewers = InterviewerNames(directory_, proposal.tenant_id, *interview);
  if (Result<CandidateChangePolicy> policy = PolicyOf(directory_, proposal.tenant_id);
      policy && (interview->status == InterviewStatus::kConfirmed || interview->status == InterviewStatus::kPending)) {
    seen.changeable_until = policy->ChangeableUntil(interview->spec.start);
    const bool in_time = clock_() < seen.changeable_until;
    seen.can_reschedule = policy->reschedule && in_time;
    seen.can_cancel = policy->cancel && in_time;
  }
  return seen;
}

Result<std::string> ProposalService::CandidateCalendarFile(const std::string& capability) {
  Result<Proposal> found = ByCapability(capability);
  if (!found) return found.error();
  if (found->interview_id.empty()) return Error{codes::kNotFound, "no time has been picked yet", ""};
  Result<Interview> interview = booking_.Get(found->tenant_id, found->interview_id);
  if (!interview) return interview.error();
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(found->tenant_id);
  if (!tenant || !tenant->has_value()) return Error{codes::kNotFound, "the proposal's tenant is gone", ""};
  const CandidateMessageContext context =
      CandidateContextFor(directory_, **tenant, *interview, slotwise::ParseJson(interview->artifacts_json), clock_());
  Result<OutgoingMessage> message = ComposeCandidateMessage(CurrentMessageKind(*interview), context, zones_);
  if (!message) return message.error();
  return message->ics;
}

Result<PickOutcome> ProposalService::Pick(const std::string& capability, const json& body) {
  Result<Proposal> found = ByCapability(capability);
  if (!found) return found.error();
  const Proposal& proposal = *found;
  Result<ProposalOption> option = ChosenOption(proposal, body);
  if (!option) return option.error();
  const ProposalOption* chosen = &*option;
  const Instant start = chosen->start;
  auto picked = [&](const std::string& interview_id, bool created) {
    return PickOutcome{PickedTime{interview_id, chosen->start, chosen->end, created}};
  };
  if (proposal.status == "picked") {
    if (proposal.picked_start == start) return picked(proposal.interview_id, false);
    return AlreadyPicked();
  }
  if (!Pickable(proposal)) return Error{codes::kProposalCancelled, "the recruiter withdrew these times", ""};
  if (clock_() >= proposal.expires_at) {
    return Error{codes::kProposalExpired, "these times have expired: ask for new ones", ""};
  }

  const json booking = BookingFor(slotwise::ParseJson(proposal.booking_json), *chosen);
  const std::string key = proposal.id + ":" + FormatRfc3339(chosen->start);
  BookingOutcome booked = booking_.Book(proposal.tenant_id, key, booking, proposal.id);
  if (const BookingRefusal* refusal = booked.refusal()) {
    PickRefused refused{*refusal, std::nullopt};
    if (IsOccupied(*refusal)) refused.options = CheckedOptions(proposal);
    return PickOutcome{std::move(refused)};
  }
  if (const Error* error = booked.error()) return *error;
  const std::string interview_id = booked.interview()->id;
  Result<bool> marked = store_.MarkPicked(proposal.id, interview_id, start, clock_());
  if (!marked) return marked.error();
  if (*marked && proposal.holds == "held") {  // the other times are free again (the periodic tick would, later)
    if (Result<int> queued = store_.QueueHoldReleases(clock_()); queued && *queued > 0 && outbox_wake_) outbox_wake_();
  }
  if (!*marked) {
    // Another pick won the race (or the proposal was withdrawn meanwhile): take this booking back.
    Result<std::optional<Proposal>> now_stored = store_.FindByCapability(proposal.capability_hash);
    if (now_stored && now_stored->has_value() && (*now_stored)->interview_id == interview_id) {
      return picked(interview_id, false);  // a retry of this very pick
    }
    booking_.Cancel(proposal.tenant_id, interview_id, key + ":withdrawn",
                    json{{"reason", "the candidate's other choice was taken first"}});
    return AlreadyPicked();
  }
  return picked(interview_id, true);
}

Result<Interview> ProposalService::ChangeableInterview(const Proposal& proposal, const char* change) {
  if (proposal.status != "picked" || proposal.interview_id.empty()) {
    return Error{codes::kInvalidRequest, "no time has been picked yet", ""};
  }
  Result<Interview> interview = booking_.Get(proposal.tenant_id, proposal.interview_id);
  if (!interview) return interview.error();
  if (interview->status != InterviewStatus::kConfirmed && interview->status != InterviewStatus::kPending) {
    return Error{codes::kInterviewNotActive, "the interview is cancelled", ""};
  }
  Result<CandidateChangePolicy> policy = PolicyOf(directory_, proposal.tenant_id);
  if (!policy) return policy.error();
  const bool allowed = std::string_view(change) == "reschedule" ? policy->reschedule : policy->cancel;
  if (!allowed) {
    return Error{codes::kChangeNotAllowed, std::string("the interview cannot be ") +
                                               (std::string_view(change) == "reschedule" ? "moved" : "cancelled") +
                                               " here: please contact the recruiter", ""};
  }
  if (clock_() >= policy->ChangeableUntil(interview->spec.start)) {
    return Error{codes::kChangeNotAllowed, "the interview is too close to be changed here: please contact the recruiter", ""};
  }
  return interview;
}

Result<PickOutcome> ProposalService::CandidateReschedule(const std::string& capability, const json& body) {
  Result<Proposal> found = ByCapability(capability);
  if (!found) return found.error();
  const Proposal& proposal = *found;
  Result<ProposalOption> option = ChosenOption(proposal, body);
  if (!option) return option.error();
  const ProposalOption* chosen = &*option;
  Result<Interview> interview = ChangeableInterview(proposal, "reschedule");
  if (!interview) return interview.error();
  if (interview->spec.start == chosen->start) {
    return PickOutcome{PickedTime{proposal.interview_id, chosen->start, chosen->end, false}};
  }
  const std::string key = proposal.id + ":move:" + FormatRfc3339(chosen->start);
  BookingOutcome moved = booking_.Reschedule(
      proposal.tenant_id, proposal.interview_id, key,
      json{{"start", FormatRfc3339(chosen->start)}, {"end", FormatRfc3339(chosen->end)}});
  if (const BookingRefusal* refusal = moved.refusal()) {
    PickRefused refused{*refusal, std::nullopt};
    if (IsOccupied(*refusal)) refused.options = CheckedOptions(proposal);
    return PickOutcome{std::move(refused)};
  }
  if (const Error* error = moved.error()) return *error;
  if (Result<bool> noted = store_.MovePicked(proposal.id, chosen->start, clock_()); !noted) return noted.error();
  return PickOutcome{PickedTime{proposal.interview_id, chosen->start, chosen->end, true}};
}

Result<CandidateProposal> ProposalService::CandidateCancel(const std::string& capability, const json& body) {
  Result<Proposal> found = ByCapability(capability);
  if (!found) return found.error();
  const Proposal& proposal = *found;
  std::string reason = "cancelled by the candidate";
  if (body.is_object() && body.contains("reason")) {
    const json& given = body.at("reason");
    if (!given.is_string() || CharacterCount(given.get<std::string>()) > kMaxNoteCharacters) {
      return Error{codes::kInvalidRequest, "reason must be text of at most 1000 characters", "reason"};
    }
    if (!given.get<std::string>().empty()) reason += ": " + given.get<std::string>();
  } else if (!body.is_object()) {
    return Error{codes::kInvalidRequest, "send {} or {\"reason\": \"…\"}", ""};
  }
  Result<Interview> interview = ChangeableInterview(proposal, "cancel");
  if (!interview) return interview.error();
  BookingOutcome cancelled = booking_.Cancel(proposal.tenant_id, proposal.interview_id, proposal.id + ":cancel",
                                             json{{"reason", reason}});
  if (const BookingRefusal* refusal = cancelled.refusal()) return Error{refusal->code, refusal->message, ""};
  if (const Error* error = cancelled.error()) return *error;
  return ForCandidate(capability);
}

Result<CandidateProposal> ProposalService::Decline(const std::string& capability, const json& body) {
  Result<Proposal> found = ByCapability(capability);
  if (!found) return found.error();
  const Proposal& proposal = *found;
  if (proposal.status == "picked") return AlreadyPicked();
  if (!Pickable(proposal)) return Error{codes::kProposalCancelled, "the recruiter withdrew these times", ""};
  const std::int64_t now = clock_();
  if (now >= proposal.expires_at) return Error{codes::kProposalExpired, "these times have expired: ask for new ones", ""};
  if (body.is_object()) {
    for (const auto& [key, value] : body.items()) {
      if (key != "availability" && key != "message") {
        return Error{codes::kInvalidRequest, "unknown field " + key + ": send \"availability\" and \"message\"", key};
      }
    }
  }
  Result<std::vector<Interval>> times = ParseTimeList(body, "availability", kMaxOfferedPeriods);
  if (!times) return times.error();
  const std::vector<ProposalOption> options = StoredOptions(proposal);
  const std::int64_t duration = options.empty() ? 0 : options.front().end - options.front().start;
  for (std::size_t i = 0; i < times->size(); ++i) {
    const Interval& time = (*times)[i];
    const std::string field = "availability[" + std::to_string(i) + "]";
    if (time.length() < duration) {
      return Error{codes::kInvalidRequest,
                   field + " is shorter than the interview (" + std::to_string(duration / 60) + " minutes)", field};
    }
    if (time.end - duration < now) return Error{codes::kInvalidRequest, field + " is over", field};
    if (time.end > now + kOfferHorizon) {
      return Error{codes::kInvalidRequest, field + " ends more than 60 days from now", field};
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (time.start < (*times)[j].end && (*times)[j].start < time.end) {
        return Error{codes::kInvalidRequest, field + " overlaps availability[" + std::to_string(j) + "]", field};
      }
    }
  }
  std::string note;
  if (body.contains("message")) {
    const json& message = body.at("message");
    if (!message.is_string() || CharacterCount(message.get<std::string>()) > kMaxNoteCharacters) {
      return Error{codes::kInvalidRequest, "message must be text of at most 1000 characters", "message"};
    }
    note = message.get<std::string>();
  }
  std::vector<Interval> sorted = *times;
  std::sort(sorted.begin(), sorted.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
  Result<bool> declined = store_.MarkDeclined(proposal.id, DumpJson(TimesJson(sorted)), note, now);
  if (!declined) return declined.error();
  if (!*declined) {  // picked, withdrawn or expired in the meantime
    Result<Proposal> again = ByCapability(capability);
    if (again && again->status == "picked") return AlreadyPicked();
    return Error{codes::kProposalExpired, "these times have expired: ask for new ones", ""};
  }
  return ForCandidate(capability);
}

}  // namespace slotwise
