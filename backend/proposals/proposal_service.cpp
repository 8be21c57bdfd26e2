// proposal_service.cpp — see proposal_service.h.
#include "proposal_service.h"

#include <set>

#include <nlohmann/json.hpp>

#include "crypto_primitives.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr std::string_view kCapabilityPrefix = "swp_";

HttpReply Answer(int status, const json& body) { return HttpReply{status, DumpJson(body), {}}; }

HttpReply Refuse(int status, const std::string& code, const std::string& message, const std::string& field = "") {
  json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return Answer(status, {{"error", error}});
}

std::string CapabilityHash(std::string_view capability) { return crypto::HexEncode(crypto::Sha256(capability)); }

json BookingFor(const json& booking, const json& option) {
  json body = booking;
  body["start"] = option.at("start");
  body["end"] = option.at("end");
  return body;
}

// The options of a Create body: 1–10 distinct {"start", "end"} with end after start.
Result<json> ParseOptions(const json& body) {
  auto options = body.find("options");
  if (options == body.end() || !options->is_array() || options->empty() ||
      options->size() > ProposalService::kMaxOptions) {
    return Error{"invalid_request", "options must be an array of 1 to 10 {\"start\", \"end\"} times", "options"};
  }
  std::set<std::pair<Instant, Instant>> seen;
  json parsed = json::array();
  for (std::size_t i = 0; i < options->size(); ++i) {
    const json& option = (*options)[i];
    const std::string field = "options[" + std::to_string(i) + "]";
    std::optional<Instant> start, end;
    if (option.is_object() && option.contains("start") && option.at("start").is_string()) {
      start = ParseRfc3339(option.at("start").get<std::string>());
    }
    if (option.is_object() && option.contains("end") && option.at("end").is_string()) {
      end = ParseRfc3339(option.at("end").get<std::string>());
    }
    if (!start || !end || *end <= *start) {
      return Error{"invalid_request", field + " needs RFC 3339 \"start\" and a later \"end\"", field};
    }
    if (!seen.insert({*start, *end}).second) return Error{"invalid_request", field + " repeats a time", field};
    parsed.push_back({{"start", FormatRfc3339(*start)}, {"end", FormatRfc3339(*end)}});
  }
  return parsed;
}

}  // namespace

std::string ProposalService::StatusOf(const Proposal& proposal) const {
  if (proposal.status == "open" && clock_() >= proposal.expires_at) return "expired";
  return proposal.status;
}

json ProposalService::CheckedOptions(const Proposal& proposal) {
  const json booking = json::parse(proposal.booking_json);
  json options = json::parse(proposal.options_json);
  for (json& option : options) option["available"] = booking_.Check(proposal.tenant_id, BookingFor(booking, option)).status == 200;
  return options;
}

HttpReply ProposalService::Create(const std::string& tenant_id, const std::string& actor, const std::string& body_text,
                                  const std::string& public_url) {
  json body = json::parse(body_text, nullptr, false);
  if (!body.is_object()) return Refuse(400, "invalid_json", "the request body is not a JSON object");
  for (const char* time : {"start", "end"}) {
    if (body.contains(time)) {
      return Refuse(422, "invalid_request", "a proposal offers \"options\"; it has no start or end of its own", time);
    }
  }
  Result<json> options = ParseOptions(body);
  if (!options) return Refuse(422, options.error().code, options.error().message, options.error().field);
  const std::int64_t now = clock_();
  std::int64_t expires_at = now + kDefaultLifetime;
  if (auto given = body.find("expires_at"); given != body.end()) {
    std::optional<Instant> parsed = given->is_string() ? ParseRfc3339(given->get<std::string>()) : std::nullopt;
    if (!parsed || *parsed <= now || *parsed > now + kMaxLifetime) {
      return Refuse(422, "invalid_request", "expires_at must be an RFC 3339 time within the next 30 days", "expires_at");
    }
    expires_at = *parsed;
  }
  json booking = body;
  booking.erase("options");
  booking.erase("expires_at");
  const json* candidate = booking.contains("candidate") ? &booking.at("candidate") : nullptr;
  for (const char* member : {"email", "time_zone"}) {
    if (!candidate || !candidate->is_object() || !candidate->contains(member) || !candidate->at(member).is_string() ||
        candidate->at(member).get<std::string>().empty()) {
      return Refuse(422, "invalid_request",
                    std::string("the candidate needs an ") + member + ": the page shows the times in their zone",
                    std::string("candidate.") + member);
    }
  }
  int available = 0;
  for (std::size_t i = 0; i < options->size(); ++i) {
    json& option = (*options)[i];
    const HttpReply checked = booking_.Check(tenant_id, BookingFor(booking, option));
    if (checked.status == 200) {
      option["available"] = true;
      ++available;
      continue;
    }
    if (checked.status == 409) {
      option["available"] = false;
      continue;
    }
    // The rules refuse this time (or the booking itself is wrong): say which option.
    json refused = json::parse(checked.body, nullptr, false);
    if (refused.is_object() && refused.contains("error") && checked.status == 422) {
      refused["error"]["field"] = "options[" + std::to_string(i) + "]";
    }
    return HttpReply{checked.status, DumpJson(refused), {}};
  }
  if (available == 0) {
    return Answer(409, {{"error", {{"code", "none_available"},
                                   {"message", "none of the proposed times is free any more: choose others"}}},
                        {"options", *options}});
  }
  const std::string capability = std::string(kCapabilityPrefix) + crypto::RandomToken(32);
  Proposal proposal;
  proposal.id = "prp_" + crypto::RandomToken(12);
  proposal.tenant_id = tenant_id;
  proposal.capability_hash = CapabilityHash(capability);
  proposal.booking_json = DumpJson(booking);
  json stored_options = json::array();
  for (const json& option : *options) stored_options.push_back({{"start", option.at("start")}, {"end", option.at("end")}});
  proposal.options_json = DumpJson(stored_options);
  proposal.expires_at = expires_at;
  proposal.created_by = actor;
  proposal.created_at = now;
  proposal.updated_at = now;
  if (Result<bool> created = store_.Create(proposal); !created) {
    return Refuse(500, "storage_error", created.error().message);
  }
  return Answer(201, {{"proposal_id", proposal.id},
                      {"status", "open"},
                      {"candidate_url", public_url + "/candidate/#p=" + capability},
                      {"expires_at", FormatRfc3339(expires_at)},
                      {"options", *options}});
}

HttpReply ProposalService::Get(const std::string& tenant_id, const std::string& proposal_id) {
  Result<std::optional<Proposal>> found = store_.Get(tenant_id, proposal_id);
  if (!found) return Refuse(500, "storage_error", found.error().message);
  if (!found->has_value()) return Refuse(404, "not_found", "no proposal " + proposal_id, "id");
  const Proposal& proposal = **found;
  json body = {{"proposal_id", proposal.id},
               {"status", StatusOf(proposal)},
               {"expires_at", FormatRfc3339(proposal.expires_at)},
               {"options", StatusOf(proposal) == "open" ? CheckedOptions(proposal) : json::parse(proposal.options_json)}};
  if (!proposal.interview_id.empty()) {
    body["interview_id"] = proposal.interview_id;
    body["picked"] = {{"start", FormatRfc3339(proposal.picked_start)}};
  }
  return Answer(200, body);
}

HttpReply ProposalService::ForCandidate(const std::string& capability) {
  if (capability.rfind(kCapabilityPrefix, 0) != 0) return Refuse(401, "unauthorized", "this link is not valid");
  Result<std::optional<Proposal>> found = store_.FindByCapability(CapabilityHash(capability));
  if (!found) return Refuse(500, "storage_error", found.error().message);
  if (!found->has_value()) return Refuse(401, "unauthorized", "this link is not valid");
  const Proposal& proposal = **found;
  const json booking = json::parse(proposal.booking_json);
  const json options = json::parse(proposal.options_json);
  const std::string status = StatusOf(proposal);
  std::string organizer_name = booking.value("organizer", "");
  if (Result<std::optional<Person>> person = directory_.GetPerson(proposal.tenant_id, organizer_name);
      person && person->has_value() && !(*person)->name.empty()) {
    organizer_name = (*person)->name;
  }
  const Instant first_start = *ParseRfc3339(options.at(0).at("start").get<std::string>());
  const Instant first_end = *ParseRfc3339(options.at(0).at("end").get<std::string>());
  const json& candidate = booking.at("candidate");
  json body = {{"status", status},
               {"title", booking.value("title", "")},
               {"duration_minutes", (first_end - first_start) / 60},
               {"organizer_name", organizer_name},
               {"candidate", {{"name", candidate.value("name", "")},
                              {"time_zone", candidate.value("time_zone", "UTC")},
                              {"locale", candidate.value("locale", "en")}}},
               {"expires_at", FormatRfc3339(proposal.expires_at)},
               {"options", status == "open" ? CheckedOptions(proposal) : options}};
  if (!booking.value("candidate_message", "").empty()) body["message"] = booking.at("candidate_message");
  if (proposal.status == "picked") {
    for (const json& option : options) {
      if (ParseRfc3339(option.at("start").get<std::string>()) == proposal.picked_start) body["picked"] = option;
    }
  }
  HttpReply reply = Answer(200, body);
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

HttpReply ProposalService::Pick(const std::string& capability, const std::string& body_text) {
  if (capability.rfind(kCapabilityPrefix, 0) != 0) return Refuse(401, "unauthorized", "this link is not valid");
  Result<std::optional<Proposal>> found = store_.FindByCapability(CapabilityHash(capability));
  if (!found) return Refuse(500, "storage_error", found.error().message);
  if (!found->has_value()) return Refuse(401, "unauthorized", "this link is not valid");
  const Proposal& proposal = **found;
  const json body = json::parse(body_text, nullptr, false);
  std::optional<Instant> start;
  if (body.is_object() && body.contains("start") && body.at("start").is_string()) {
    start = ParseRfc3339(body.at("start").get<std::string>());
  }
  if (!start) return Refuse(422, "invalid_request", "send {\"start\": <one of the proposed times>}", "start");
  const json options = json::parse(proposal.options_json);
  const json* chosen = nullptr;
  for (const json& option : options) {
    if (ParseRfc3339(option.at("start").get<std::string>()) == start) chosen = &option;
  }
  if (!chosen) return Refuse(422, "invalid_request", "that time is not one of the proposed times", "start");
  auto picked_answer = [&](int status, const std::string& interview_id) {
    return Answer(status, {{"status", "picked"}, {"interview_id", interview_id}, {"start", chosen->at("start")},
                           {"end", chosen->at("end")}});
  };
  if (proposal.status == "picked") {
    if (proposal.picked_start == *start) return picked_answer(200, proposal.interview_id);
    return Answer(409, {{"error", {{"code", "already_picked"}, {"message", "another time was already chosen"}}}});
  }
  if (proposal.status != "open") return Refuse(410, "proposal_cancelled", "the recruiter withdrew these times");
  if (StatusOf(proposal) == "expired") return Refuse(410, "proposal_expired", "these times have expired: ask for new ones");

  const json booking = BookingFor(json::parse(proposal.booking_json), *chosen);
  const std::string key = proposal.id + ":" + chosen->at("start").get<std::string>();
  const HttpReply booked = booking_.Book(proposal.tenant_id, key, DumpJson(booking));
  if (booked.status == 409) {
    json refused = json::parse(booked.body, nullptr, false);
    if (!refused.is_object()) refused = json::object();
    refused["options"] = CheckedOptions(proposal);
    return HttpReply{409, DumpJson(refused), {}};
  }
  if (booked.status != 201) return booked;
  const std::string interview_id = json::parse(booked.body).at("id").get<std::string>();
  Result<bool> marked = store_.MarkPicked(proposal.id, interview_id, *start, clock_());
  if (!marked) return Refuse(500, "storage_error", marked.error().message);
  if (!*marked) {
    // Another pick won the race (or the proposal was withdrawn meanwhile): take this booking back.
    Result<std::optional<Proposal>> now_stored = store_.FindByCapability(proposal.capability_hash);
    if (now_stored && now_stored->has_value() && (*now_stored)->interview_id == interview_id) {
      return picked_answer(200, interview_id);  // a retry of this very pick
    }
    booking_.Cancel(proposal.tenant_id, interview_id, key + ":withdrawn",
                    DumpJson(json{{"reason", "the candidate's other choice was taken first"}}));
    return Answer(409, {{"error", {{"code", "already_picked"}, {"message", "another time was already chosen"}}}});
  }
  return picked_answer(201, interview_id);
}

}  // namespace slotwise
