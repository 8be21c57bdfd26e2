// widget_proposal.cpp — see widget_proposal.h.
#include "state/widget_proposal.h"
#include "state/widget_json.h"

#include <algorithm>

#include "slotwise/json_text.h"
#include "slotwise/time.h"
#include "state/widget_data.h"
#include "state/widget_i18n.h"
#include "state/widget_request.h"
#include "state/widget_solve.h"
#include "state/widget_time_format.h"

namespace slotwise::widget {

using nlohmann::json;

namespace {

const Suggestion* FindSuggestion(const WidgetModel& model, Instant start) {
  for (const Suggestion& suggestion : model.suggestions) {
    if (suggestion.when.start == start) return &suggestion;
  }
  return nullptr;
}

// The ticked suggestions, in time order (skipping any that are no longer suggested).
std::vector<const Suggestion*> Chosen(const WidgetModel& model) {
  std::vector<const Suggestion*> chosen;
  for (Instant start : model.proposal.chosen) {
    if (const Suggestion* suggestion = FindSuggestion(model, start)) chosen.push_back(suggestion);
  }
  return chosen;
}

// `preferred` if set; else a value every list contains (first of the first list); else the first list's first.
std::string Common(const std::string& preferred, const std::vector<std::vector<std::string>>& lists) {
  if (!preferred.empty() || lists.empty()) return preferred;
  for (const std::string& value : lists.front()) {
    const bool everywhere = std::all_of(lists.begin(), lists.end(), [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), value) != list.end();
    });
    if (everywhere) return value;
  }
  return lists.front().empty() ? "" : lists.front().front();
}

}  // namespace

ProposalBlock ProposalBlockOf(const WidgetModel& model) {
  const json& candidate = model.interview.candidate;
  if (JsonText(candidate, "email").empty() || JsonText(candidate, "time_zone").empty() || JsonText(candidate, "locale").empty()) {
    return ProposalBlock::kNoCandidate;
  }
  if (model.settings.loop) return ProposalBlock::kLoop;
  if (model.booking.rescheduling) return ProposalBlock::kRescheduling;
  if (BookingInFlight(model.booking.phase)) return ProposalBlock::kBusy;
  if (model.suggestions.size() < kMinProposalOptions) return ProposalBlock::kTooFewSuggestions;
  return ProposalBlock::kNone;
}

bool StartProposal(WidgetModel& model) {
  if (ProposalBlockOf(model) != ProposalBlock::kNone || model.proposal.phase == ProposalPhase::kSubmitting) return false;
  Proposal proposal;
  proposal.phase = ProposalPhase::kChoosing;
  // The first three suggestions that do not overlap each other: offering 10:00, 10:15 and 10:30 gives the candidate
  // one choice, not three. (With fewer than two such times, overlapping ones fill up to two.)
  std::vector<Interval> taken;
  const auto overlaps = [&](Interval when) {
    return std::any_of(taken.begin(), taken.end(), [&](Interval t) { return t.start < when.end && when.start < t.end; });
  };
  for (const Suggestion& suggestion : model.suggestions) {
    if (taken.size() == 3) break;
    if (!overlaps(suggestion.when)) taken.push_back(suggestion.when);
  }
  for (const Suggestion& suggestion : model.suggestions) {
    if (taken.size() >= std::min<std::size_t>(2, model.suggestions.size())) break;
    if (std::none_of(taken.begin(), taken.end(), [&](Interval t) { return t.start == suggestion.when.start; })) {
      taken.push_back(suggestion.when);
    }
  }
  for (const Interval& when : taken) proposal.chosen.push_back(when.start);
  std::sort(proposal.chosen.begin(), proposal.chosen.end());
  model.proposal = std::move(proposal);
  return true;
}

bool ToggleProposalOption(WidgetModel& model, Instant start) {
  Proposal& proposal = model.proposal;
  if (proposal.phase != ProposalPhase::kChoosing) return false;
  auto found = std::find(proposal.chosen.begin(), proposal.chosen.end(), start);
  if (found != proposal.chosen.end()) {
    proposal.chosen.erase(found);
  } else {
    if (proposal.chosen.size() >= kMaxProposalOptions || !FindSuggestion(model, start)) return false;
    proposal.chosen.insert(std::upper_bound(proposal.chosen.begin(), proposal.chosen.end(), start), start);
  }
  proposal.idempotency_key.clear();
  proposal.retry_same_key = false;
  return true;
}

bool IsProposalChosen(const WidgetModel& model, Instant start) {
  return std::find(model.proposal.chosen.begin(), model.proposal.chosen.end(), start) != model.proposal.chosen.end();
}

void SyncProposalChoices(WidgetModel& model) {
  Proposal& proposal = model.proposal;
  if (proposal.phase != ProposalPhase::kChoosing && proposal.phase != ProposalPhase::kFailed) return;
  const std::size_t before = proposal.chosen.size();
  proposal.chosen.erase(std::remove_if(proposal.chosen.begin(), proposal.chosen.end(),
                                       [&](Instant start) { return FindSuggestion(model, start) == nullptr; }),
                        proposal.chosen.end());
  if (proposal.chosen.size() != before) {
    proposal.idempotency_key.clear();
    proposal.retry_same_key = false;
  }
}

bool CanSubmitProposal(const WidgetModel& model) {
  const Proposal& proposal = model.proposal;
  if (proposal.phase != ProposalPhase::kChoosing || ProposalBlockOf(model) != ProposalBlock::kNone) return false;
  const std::size_t chosen = Chosen(model).size();
  return chosen == proposal.chosen.size() && chosen >= kMinProposalOptions && chosen <= kMaxProposalOptions;
}

std::string BuildProposalRequest(const WidgetModel& model) {
  if (!CanSubmitProposal(model)) return "";
  const std::vector<const Suggestion*> chosen = Chosen(model);
  const Settings& settings = model.settings;
  json body = {{"title", InterviewTitle(model)},
               {"interviewers", SubMembers(IncludedSubs(model, RowKind::kInterviewer))},
               {"observers", SubMembers(IncludedSubs(model, RowKind::kObserver))}, {"buffer", BufferJson(settings)}};
  if (!model.interview.organizer.empty()) body["organizer"] = model.interview.organizer;
  if (settings.type == InterviewType::kOnSite) {
    std::vector<std::vector<std::string>> rooms;
    for (const Suggestion* suggestion : chosen) rooms.push_back(suggestion->rooms);
    const std::string room = Common(settings.room, rooms);
    body["room"] = room.empty() ? json(nullptr) : json{{"sub", room}};
    body["conferencing"] = {{"provider", "none"}};
  } else {
    json conferencing = {{"provider", ProviderOf(settings.type)}};
    std::vector<std::vector<std::string>> hosts;
    for (const Suggestion* suggestion : chosen) {
      std::vector<std::string> subs;
      for (const HostOutcome& host : suggestion->hosts) subs.push_back(host.sub);
      hosts.push_back(subs);
    }
    const std::string host = Common(settings.host, hosts);
    if (!host.empty()) conferencing["host"] = host;
    body["conferencing"] = conferencing;
  }
  body["candidate"] = model.interview.candidate;
  body["query"] = QueryJson(model);
  json options = json::array();
  for (const Suggestion* suggestion : chosen) {
    options.push_back({{"start", FormatRfc3339(suggestion->when.start)}, {"end", FormatRfc3339(suggestion->when.end)}});
  }
  body["options"] = options;
  return DumpJson(body);
}

void StartProposalSubmit(WidgetModel& model, std::string idempotency_key) {
  Proposal& proposal = model.proposal;
  proposal.phase = ProposalPhase::kSubmitting;
  proposal.idempotency_key = std::move(idempotency_key);
  proposal.retry_same_key = false;
  proposal.error_code.clear();
  proposal.message.clear();
}

void ApplyProposalResponse(WidgetModel& model, int http_status, std::string_view body) {
  Proposal& proposal = model.proposal;
  if (proposal.phase != ProposalPhase::kSubmitting) return;  // closed meanwhile
  const json doc = ParseJson(body);
  if ((http_status == 201 || http_status == 200) && doc.is_object() && !JsonText(doc, "candidate_url").empty()) {
    proposal.phase = ProposalPhase::kCreated;
    proposal.proposal_id = JsonText(doc, "proposal_id");
    model.sent_proposal = SentProposal{proposal.proposal_id, "", 0, 0};
    proposal.candidate_url = JsonText(doc, "candidate_url");
    proposal.expires_at = JsonText(doc, "expires_at");
    proposal.options.clear();
    if (doc.contains("options") && doc.at("options").is_array()) {
      for (const json& option : doc.at("options")) {
        const std::optional<Instant> start = ParseRfc3339(JsonText(option, "start"));
        const std::optional<Instant> end = ParseRfc3339(JsonText(option, "end"));
        if (!start || !end) continue;
        const bool available = !option.contains("available") || !option.at("available").is_boolean() || option.at("available").get<bool>();
        proposal.options.push_back({{*start, *end}, available});
      }
    }
    return;
  }
  proposal.phase = ProposalPhase::kFailed;
  // Nothing reached the server, or it failed before answering: the same request may be sent again with the same key.
  proposal.retry_same_key = http_status == 0 || http_status >= 500;
  if (http_status == 0) {
    proposal.error_code = "network";
    proposal.message = ErrorSentence(0, body);
    return;
  }
  const json error = doc.is_object() && doc.contains("error") ? doc.at("error") : json();
  proposal.error_code = JsonText(error, "code").empty() ? "http_" + std::to_string(http_status) : JsonText(error, "code");
  proposal.message = ErrorSentence(http_status, body);
}

void BackToChoosing(WidgetModel& model) {
  if (model.proposal.phase == ProposalPhase::kFailed) model.proposal.phase = ProposalPhase::kChoosing;
}

void CloseProposal(WidgetModel& model) { model.proposal = Proposal{}; }

const std::string& WatchedProposalId(const WidgetModel& model) {
  static const std::string kNone;
  const SentProposal& sent = model.sent_proposal;
  return sent.answer == "picked" || sent.answer == "expired" ? kNone : sent.id;
}

ProposalAnswer ApplySentProposalAnswer(WidgetModel& model, int http_status, std::string_view body) {
  SentProposal& sent = model.sent_proposal;
  const json doc = ParseJson(body);
  if (http_status != 200 || !doc.is_object() || sent.id.empty() || JsonText(doc, "proposal_id") != sent.id) {
    return ProposalAnswer::kNone;
  }
  const std::string status = JsonText(doc, "status");
  if (status == "picked" && sent.answer != "picked") {
    const json picked = doc.contains("picked") ? doc.at("picked") : json();
    sent.answer = status;
    sent.picked_start = ParseRfc3339(JsonText(picked, "start")).value_or(0);
    return ProposalAnswer::kPicked;
  }
  if (status == "expired" && sent.answer != "expired") {
    sent.answer = status;
    return ProposalAnswer::kExpired;
  }
  if (status == "declined" && ApplyProposalAnswer(model, http_status, body)) {
    const std::size_t offered = model.candidate_offer ? model.candidate_offer->periods.size() : 0;
    if (sent.answer == "declined" && sent.offered == offered) return ProposalAnswer::kNone;
    sent.answer = status;
    sent.offered = offered;
    return ProposalAnswer::kDeclined;
  }
  return ProposalAnswer::kNone;
}

std::string DescribeProposalAnswer(const WidgetModel& model, const TimeZone& viewer) {
  const SentProposal& sent = model.sent_proposal;
  const std::string who = CandidateName(model);
  if (sent.answer == "picked") {
    return Format(model.locale, StringId::kProposalAnswerPicked, {who, FormatDateTime(model.locale, sent.picked_start, viewer)});
  }
  if (sent.answer == "declined") return Format(model.locale, StringId::kProposalAnswerDeclined, {who});
  if (sent.answer == "expired") return Format(model.locale, StringId::kProposalAnswerExpired, {who});
  return "";
}

}  // namespace slotwise::widget
