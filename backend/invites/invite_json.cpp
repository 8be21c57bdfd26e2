// invite_json.cpp — the JSON form of a candidate invitation (see invite_json.h).
#include "invites/invite_json.h"

#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

#include <algorithm>
#include <climits>
#include <initializer_list>

#include <nlohmann/json.hpp>

namespace slotwise::invites {

namespace {

using nlohmann::json;

Error Invalid(const std::string& field, const std::string& message) {
  return Error{codes::kInvalidInvite, message, field};
}

std::string Join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

std::optional<Error> CheckMembers(const json& object, const std::string& path,
                                  std::initializer_list<std::string_view> allowed) {
  for (const auto& item : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      return Invalid(Join(path, item.key()), "unknown member \"" + Join(path, item.key()) + "\"");
    }
  }
  return std::nullopt;
}

// Reads an optional string member into *out; Error when present but not a string, or absent while required.
std::optional<Error> ReadString(const json& object, const std::string& path, const std::string& name, bool required,
                                std::string* out) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    if (required) return Invalid(Join(path, name), Join(path, name) + " is required");
    return std::nullopt;
  }
  if (!it->is_string()) return Invalid(Join(path, name), Join(path, name) + " must be a string");
  *out = it->get<std::string>();
  return std::nullopt;
}

std::optional<Error> ReadTime(const json& object, const std::string& name, bool required, std::optional<Instant>* out) {
  std::string text;
  if (std::optional<Error> error = ReadString(object, "", name, required, &text)) return error;
  if (object.find(name) == object.end() || object.at(name).is_null()) return std::nullopt;
  const CallerInstant instant = ParseCallerInstant(text);
  if (instant.out_of_range) return Invalid(name, OutOfRangeMessage(name));
  if (!instant.instant) return Invalid(name, name + " must be an RFC 3339 time such as \"2026-12-01T09:15:00Z\"");
  *out = instant.instant;
  return std::nullopt;
}

std::optional<Error> ReadPerson(const json& object, const std::string& name, bool with_zone, Person* person,
                                std::string* time_zone) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return Invalid(name, name + " is required");
  if (!it->is_object()) return Invalid(name, name + " must be an object");
  const std::optional<Error> members =
      with_zone ? CheckMembers(*it, name, {"name", "email", "time_zone"}) : CheckMembers(*it, name, {"name", "email"});
  if (members) return members;
  if (std::optional<Error> error = ReadString(*it, name, "name", false, &person->name)) return error;
  if (std::optional<Error> error = ReadString(*it, name, "email", true, &person->email)) return error;
  if (with_zone) return ReadString(*it, name, "time_zone", false, time_zone);
  return std::nullopt;
}

}  // namespace

Result<InviteRequest> ParseInviteRequest(std::string_view json_text) {
  const json root = slotwise::ParseJson(json_text);
  if (root.is_discarded()) return Error{codes::kInvalidJson, "the input is not valid JSON", ""};
  if (!root.is_object()) return Invalid("", "the invitation must be a JSON object");
  if (std::optional<Error> error = CheckMembers(root, "",
                                                {"uid", "sequence", "method", "summary", "description", "location",
                                                 "join_url", "start", "end", "dtstamp", "organizer", "candidate"})) {
    return *error;
  }

  InviteRequest request;
  CandidateInvite& invite = request.invite;
  for (const auto& [name, target] : {std::pair<const char*, std::string*>{"summary", &invite.summary},
                                     {"description", &invite.description},
                                     {"location", &invite.location},
                                     {"join_url", &invite.join_url}}) {
    if (std::optional<Error> error = ReadString(root, "", name, false, target)) return *error;
  }
  if (std::optional<Error> error = ReadString(root, "", "uid", true, &invite.uid)) return *error;

  if (const auto it = root.find("sequence"); it != root.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > INT_MAX) {
      return Invalid("sequence", "sequence must be a whole number from 0 to 2147483647");
    }
    invite.sequence = static_cast<int>(it->get<std::int64_t>());
  }

  std::string method = "REQUEST";
  if (std::optional<Error> error = ReadString(root, "", "method", false, &method)) return *error;
  std::transform(method.begin(), method.end(), method.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
  if (method == "REQUEST") {
    invite.method = InviteMethod::kRequest;
  } else if (method == "CANCEL") {
    invite.method = InviteMethod::kCancel;
  } else {
    return Invalid("method", "method must be \"REQUEST\" or \"CANCEL\"");
  }

  std::optional<Instant> start;
  std::optional<Instant> end;
  if (std::optional<Error> error = ReadTime(root, "start", true, &start)) return *error;
  if (std::optional<Error> error = ReadTime(root, "end", true, &end)) return *error;
  if (std::optional<Error> error = ReadTime(root, "dtstamp", false, &request.dtstamp)) return *error;
  invite.start = *start;
  invite.end = *end;
  invite.dtstamp = request.dtstamp.value_or(0);

  if (std::optional<Error> error = ReadPerson(root, "organizer", false, &invite.organizer, nullptr)) return *error;
  if (std::optional<Error> error = ReadPerson(root, "candidate", true, &invite.candidate, &request.time_zone)) {
    return *error;
  }
  return request;
}

}  // namespace slotwise::invites
