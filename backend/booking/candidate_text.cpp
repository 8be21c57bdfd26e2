// candidate_text.cpp — see candidate_text.h.
#include "booking/candidate_text.h"

#include <algorithm>

#include "slotwise/error_codes.h"

namespace slotwise {

Result<std::string> RenderCandidateText(const std::string& text, const invites::TemplateValues& values) {
  if (text.empty()) return std::string();
  Result<invites::RenderedText> rendered = invites::Render(text, values);
  if (!rendered) return Error{rendered.error().code, "candidate_message: " + rendered.error().message, "candidate_message"};
  if (!rendered->unresolved.empty()) {
    return Error{codes::kUnresolvedPlaceholders,
                 "candidate_message: {{" + rendered->unresolved.front() + "}} has no value for this interview yet",
                 "candidate_message"};
  }
  return std::move(rendered->text);
}

std::string PreviewCandidateText(const std::string& text, invites::TemplateValues values) {
  Result<invites::RenderedText> rendered = invites::Render(text, values);
  if (!rendered) return text;
  if (rendered->unresolved.empty()) return std::move(rendered->text);
  for (const std::string& name : rendered->unresolved) values.text[name] = "";
  rendered = invites::Render(text, values);
  return rendered ? std::move(rendered->text) : text;
}

Result<bool> CheckCandidateText(const std::string& text, bool has_video) {
  if (text.empty()) return true;
  Result<invites::RenderedText> rendered = invites::Render(text, invites::TemplateValues{});
  if (!rendered) return Error{rendered.error().code, "candidate_message: " + rendered.error().message, "candidate_message"};
  for (const std::string& name : rendered->unresolved) {
    if (name == "join_url" && !has_video) {
      return Error{codes::kUnresolvedPlaceholders,
                   "candidate_message uses {{join_url}} but the interview has no video meeting (conferencing)",
                   "candidate_message"};
    }
    // The colleague e-mail's and the proposal e-mail's own: never an interview's.
    if (name == "connect_url" || name == "provider_name" || name == "proposal_url" || name == "proposed_times" ||
        name == "expires_at") {
      return Error{codes::kUnresolvedPlaceholders,
                   "candidate_message uses {{" + name + "}}, which a candidate's message never has a value for",
                   "candidate_message"};
    }
  }
  return true;
}

}  // namespace slotwise
