// proposal_routes.cpp — see proposal_routes.h.
#include "api/proposal_routes.h"

#include <httplib.h>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "observability/request_context.h"
#include "api/interview_views.h"
#include "api/request_body.h"
#include "auth/widget_tokens.h"
#include "proposals/proposal_service.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

nlohmann::json TimesJson(const std::vector<Interval>& times) {
  nlohmann::json list = nlohmann::json::array();
  for (const Interval& time : times) list.push_back({{"start", FormatRfc3339(time.start)}, {"end", FormatRfc3339(time.end)}});
  return list;
}

nlohmann::json OptionsJson(const std::vector<ProposalOption>& options) {
  nlohmann::json list = nlohmann::json::array();
  for (const ProposalOption& option : options) {
    nlohmann::json item = {{"start", FormatRfc3339(option.start)}, {"end", FormatRfc3339(option.end)}};
    if (option.available) item["available"] = *option.available;
    list.push_back(std::move(item));
  }
  return list;
}

void SendCreation(Res res, const ProposalCreation& creation) {
  if (const CreatedProposal* created = std::get_if<CreatedProposal>(&creation)) {
    nlohmann::json body = {{"proposal_id", created->proposal_id},
                           {"status", "open"},
                           {"candidate_url", created->candidate_url},
                           {"expires_at", FormatRfc3339(created->expires_at)},
                           {"options", OptionsJson(created->options)}};
    if (!created->delivery_id.empty()) body["delivery_id"] = created->delivery_id;  // the candidate's e-mail, queued
    return SendJson(res, 201, body);
  }
  if (const NoneAvailable* none = std::get_if<NoneAvailable>(&creation)) {
    return SendError(res, Error{codes::kNoneAvailable, "none of the proposed times is free any more: choose others", ""},
                     nullptr, {{"options", OptionsJson(none->options)}});
  }
  const OptionRefused& refused = std::get<OptionRefused>(creation);
  SendError(res, Error{refused.refusal.code, refused.refusal.message, "options[" + std::to_string(refused.index) + "]"},
            RefusalDetails(refused.refusal));
}

nlohmann::json StateJson(const ProposalState& state) {
  nlohmann::json body = {{"proposal_id", state.proposal_id},
                         {"status", state.status},
                         {"expires_at", FormatRfc3339(state.expires_at)},
                         {"options", OptionsJson(state.options)}};
  if (!state.interview_id.empty()) {
    body["interview_id"] = state.interview_id;
    body["picked"] = {{"start", FormatRfc3339(state.picked_start)}};
  }
  if (!state.candidate_availability.empty()) body["candidate_availability"] = TimesJson(state.candidate_availability);
  if (!state.candidate_note.empty()) body["candidate_message"] = state.candidate_note;
  return body;
}

nlohmann::json CandidateJson(const CandidateProposal& view) {
  nlohmann::json body = {{"status", view.status},
                         {"title", view.title},
                         {"duration_minutes", view.duration_minutes},
                         {"organizer_name", view.organizer_name},
                         {"candidate", {{"name", view.candidate_name},
                                        {"time_zone", view.candidate_time_zone},
                                        {"locale", view.candidate_locale}}},
                         {"expires_at", FormatRfc3339(view.expires_at)},
                         {"options", OptionsJson(view.options)}};
  if (!view.message.empty()) body["message"] = view.message;
  if (view.picked) body["picked"] = OptionsJson({*view.picked}).at(0);
  if (view.interview) {
    const CandidatePickedInterview& interview = *view.interview;
    nlohmann::json seen = {{"status", interview.status},
                           {"start", FormatRfc3339(interview.start)},
                           {"end", FormatRfc3339(interview.end)},
                           {"interviewers", interview.interviewers}};
    if (!interview.join_url.empty()) seen["join_url"] = interview.join_url;
    if (!interview.passcode.empty()) seen["passcode"] = interview.passcode;
    if (!interview.room.empty()) seen["room"] = interview.room;
    seen["can_reschedule"] = interview.can_reschedule;
    seen["can_cancel"] = interview.can_cancel;
    if (interview.changeable_until > 0) seen["changeable_until"] = FormatRfc3339(interview.changeable_until);
    body["interview"] = std::move(seen);
  }
  if (!view.offered.empty()) body["offered"] = TimesJson(view.offered);
  if (!view.note.empty()) body["note"] = view.note;
  return body;
}

void SendPick(Res res, const PickOutcome& outcome) {
  if (const PickedTime* picked = std::get_if<PickedTime>(&outcome)) {
    return SendJson(res, picked->created ? 201 : 200,
                    {{"status", "picked"}, {"interview_id", picked->interview_id},
                     {"start", FormatRfc3339(picked->start)}, {"end", FormatRfc3339(picked->end)}});
  }
  const PickRefused& refused = std::get<PickRefused>(outcome);
  SendRefusal(res, refused.refusal,
              refused.options ? nlohmann::json{{"options", OptionsJson(*refused.options)}} : nlohmann::json());
}

// The capability of a candidate request: "Authorization: Bearer swp_…" ("" when absent).
std::string Capability(Req req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  return header.rfind(kBearer, 0) == 0 ? header.substr(kBearer.size()) : "";
}

// The candidate acts through the proposal's link: its tenant for the log, "candidate" and the proposal for the audit
// trail (the link's capability itself is never recorded).
void NoteCandidate(ProposalService& proposals, Req req) {
  if (Result<Proposal> proposal = proposals.ByCapability(Capability(req)); proposal) {
    observability::NoteTenant(proposal->tenant_id);
    observability::NoteActor("candidate", proposal->id);
  }
}

}  // namespace

void RegisterProposalRoutes(httplib::Server& server, ProposalService& proposals, ApiAuth& auth, std::string public_url) {
  server.Post("/v1/proposals", [&, public_url](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller) return;
    std::optional<nlohmann::json> body = ObjectBodyOfAnyType(req, res);
    if (!body) return;
    Result<ProposalCreation> created =
        proposals.Create(caller->tenant_id, caller->actor.empty() ? caller->via : caller->actor, *body, public_url);
    if (!created) return SendError(res, created.error());
    SendCreation(res, *created);
  });
  server.Get(R"(/v1/proposals/(prp_[A-Za-z0-9_-]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Result<ProposalState> state = proposals.Get(caller->tenant_id, req.matches[1]);
    if (!state) return SendError(res, state.error());
    SendJson(res, 200, StateJson(*state));
  });
  server.Get("/v1/candidate/proposal", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    Result<CandidateProposal> view = proposals.ForCandidate(Capability(req));
    if (!view) return SendError(res, view.error());
    SendJson(res, 200, CandidateJson(*view));
  });
  // The picked interview as a calendar file (the candidate page offers it as "add to calendar").
  server.Get("/v1/candidate/proposal/invitation.ics", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    Result<std::string> ics = proposals.CandidateCalendarFile(Capability(req));
    if (!ics) return SendError(res, ics.error());
    res.set_header("Content-Disposition", "attachment; filename=\"interview.ics\"");
    res.set_content(*ics, "text/calendar; charset=utf-8");
  });
  // None of the times works: the candidate sends their own (the answer is the page's view, as GET gives it).
  server.Post("/v1/candidate/proposal/decline", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    NoteCandidate(proposals, req);
    Result<CandidateProposal> view = proposals.Decline(Capability(req), slotwise::ParseJson(req.body));
    if (!view) return SendError(res, view.error());
    SendJson(res, 200, CandidateJson(*view));
  });
  // The candidate moves the picked interview to another proposed time, or cancels it (the tenant's policy decides).
  server.Post("/v1/candidate/proposal/reschedule", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    NoteCandidate(proposals, req);
    Result<PickOutcome> moved = proposals.CandidateReschedule(Capability(req), slotwise::ParseJson(req.body));
    if (!moved) return SendError(res, moved.error());
    if (const PickedTime* time = std::get_if<PickedTime>(&*moved)) {
      return SendJson(res, 200, {{"status", "picked"}, {"interview_id", time->interview_id},
                                 {"start", FormatRfc3339(time->start)}, {"end", FormatRfc3339(time->end)}});
    }
    SendPick(res, *moved);
  });
  server.Post("/v1/candidate/proposal/cancel", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    NoteCandidate(proposals, req);
    Result<CandidateProposal> view = proposals.CandidateCancel(Capability(req), slotwise::ParseJson(req.body));
    if (!view) return SendError(res, view.error());
    SendJson(res, 200, CandidateJson(*view));
  });
  server.Post("/v1/candidate/proposal/pick", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    NoteCandidate(proposals, req);
    Result<PickOutcome> picked = proposals.Pick(Capability(req), slotwise::ParseJson(req.body));
    if (!picked) return SendError(res, picked.error());
    SendPick(res, *picked);
  });
}

}  // namespace slotwise
