// email_templates.cpp — {{variable}} rendering and bulk sends (see email_templates.h). The
// built-in texts live in templates_<language>.cpp.
#include "invites/email_templates.h"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "invites/templates_data.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::invites {

namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

bool IsNameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

bool IsNameSyntax(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), IsNameCharacter);
}

// The value of a known variable, or nullopt when it is not available yet.
std::optional<std::string> Lookup(std::string_view name, const TemplateValues& values) {
  if (const auto it = values.text.find(name); it != values.text.end()) return it->second;
  static const TimeZone kUtc = TimeZone::Utc();
  const TimeZone& zone = values.zone != nullptr ? *values.zone : kUtc;
  const Locale locale = values.locale.value_or(Locale::kEn);
  if (name == "date" && values.start) return FormatLocalDate(*values.start, zone, locale);
  if (name == "start_time" && values.start) return FormatLocalTime(*values.start, zone, locale);
  if (name == "end_time" && values.end) return FormatLocalTime(*values.end, zone, locale);
  if (name == "time_zone" && values.start) return FormatTimeZoneLabel(*values.start, zone);
  if (name == "duration" && values.start && values.end) return FormatDuration(*values.end - *values.start, locale);
  return std::nullopt;
}

std::optional<Error> CheckValues(const TemplateValues& values) {
  for (const auto& [name, value] : values.text) {
    if (!IsTemplateVariable(name)) {
      return Error{codes::kUnknownTemplateVariable, "\"" + name + "\" is not a template variable", name};
    }
    if (value.find(kOpen) != std::string::npos || value.find(kClose) != std::string::npos) {
      return Error{codes::kInvalidTemplateValue, "the value of " + name + " must not contain \"{{\" or \"}}\"", name};
    }
  }
  return std::nullopt;
}

void AddUnique(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

}  // namespace

bool IsTemplateVariable(std::string_view name) {
  return std::find(kTemplateVariables.begin(), kTemplateVariables.end(), name) != kTemplateVariables.end();
}

Result<RenderedText> Render(std::string_view template_text, const TemplateValues& values) {
  if (std::optional<Error> error = CheckValues(values)) return *error;
  RenderedText out;
  out.text.reserve(template_text.size());
  std::size_t pos = 0;
  while (pos < template_text.size()) {
    const std::size_t open = template_text.find(kOpen, pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = template_text.find(kClose, open + kOpen.size());
    if (close == std::string_view::npos) {
      return Error{codes::kInvalidTemplate, "\"{{\" at byte " + std::to_string(open) + " has no closing \"}}\"", ""};
    }
    const std::string_view inner = template_text.substr(open + kOpen.size(), close - open - kOpen.size());
    const std::string name(TrimBlanks(inner));
    if (!IsNameSyntax(name)) {
      return Error{codes::kInvalidTemplate,
                   "\"{{" + std::string(inner) + "}}\" at byte " + std::to_string(open) + " is not one variable name",
                   ""};
    }
    if (!IsTemplateVariable(name)) {
      return Error{codes::kUnknownTemplateVariable, "{{" + name + "}} is not a template variable", name};
    }
    out.text.append(template_text.substr(pos, open - pos));
    const std::size_t after = close + kClose.size();
    if (std::optional<std::string> value = Lookup(name, values)) {
      out.text += *value;
    } else {
      out.text.append(template_text.substr(open, after - open));  // kept exactly as typed, for a later render
      AddUnique(out.unresolved, name);
    }
    pos = after;
  }
  out.text.append(template_text.substr(std::min(pos, template_text.size())));
  return out;
}

Result<RenderedEmail> RenderEmail(const EmailTemplate& email_template, const TemplateValues& values) {
  Result<RenderedText> subject = Render(email_template.subject, values);
  if (!subject) return subject.error();
  Result<RenderedText> body = Render(email_template.body, values);
  if (!body) return body.error();
  RenderedEmail out;
  out.subject = std::move(subject.value().text);
  out.body = std::move(body.value().text);
  out.unresolved = subject->unresolved;
  for (const std::string& name : body->unresolved) AddUnique(out.unresolved, name);
  return out;
}

TemplateValues MergeValues(const TemplateValues& shared, const TemplateValues& recipient) {
  TemplateValues merged = shared;
  for (const auto& [name, value] : recipient.text) merged.text.insert_or_assign(name, value);
  if (recipient.start) merged.start = recipient.start;
  if (recipient.end) merged.end = recipient.end;
  if (recipient.zone != nullptr) merged.zone = recipient.zone;
  if (recipient.locale) merged.locale = recipient.locale;
  return merged;
}

namespace {

template <class TemplateFor>
Result<std::vector<RenderedEmail>> RenderEach(const TemplateValues& shared,
                                              const std::vector<TemplateValues>& recipients,
                                              const TemplateFor& template_for) {
  std::vector<RenderedEmail> emails;
  emails.reserve(recipients.size());
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    const TemplateValues values = MergeValues(shared, recipients[i]);
    Result<RenderedEmail> email = RenderEmail(template_for(values), values);
    if (!email) {
      Error error = email.error();
      error.message = "recipient " + std::to_string(i) + ": " + error.message;
      return error;
    }
    emails.push_back(std::move(email).value());
  }
  return emails;
}

}  // namespace

Result<std::vector<RenderedEmail>> RenderForRecipients(const EmailTemplate& email_template,
                                                       const TemplateValues& shared,
                                                       const std::vector<TemplateValues>& recipients) {
  return RenderEach(shared, recipients,
                    [&email_template](const TemplateValues&) -> const EmailTemplate& { return email_template; });
}

Result<std::vector<RenderedEmail>> RenderForRecipients(TemplateKind kind, const TemplateValues& shared,
                                                       const std::vector<TemplateValues>& recipients) {
  return RenderEach(shared, recipients, [kind](const TemplateValues& values) -> const EmailTemplate& {
    return BuiltInTemplate(kind, values.locale.value_or(Locale::kEn));
  });
}

namespace {

const detail::TemplateSet& TemplatesOf(Locale locale) {
  switch (locale) {
    case Locale::kDe: return detail::GermanTemplates();
    case Locale::kJa: return detail::JapaneseTemplates();
    case Locale::kNl: return detail::DutchTemplates();
    case Locale::kFr: return detail::FrenchTemplates();
    case Locale::kEs: return detail::SpanishTemplates();
    case Locale::kIt: return detail::ItalianTemplates();
    case Locale::kPt: return detail::PortugueseTemplates();
    case Locale::kZh: return detail::ChineseTemplates();
    case Locale::kKo: return detail::KoreanTemplates();
    case Locale::kEn: break;
  }
  return detail::EnglishTemplates();
}

}  // namespace

const EmailTemplate& BuiltInTemplate(TemplateKind kind, Locale locale) {
  const detail::TemplateSet& set = TemplatesOf(locale);
  switch (kind) {
    case TemplateKind::kCandidateUpdate: return set.update;
    case TemplateKind::kCandidateCancellation: return set.cancellation;
    case TemplateKind::kConnectConferencing: return set.connect;
    case TemplateKind::kCandidateProposal: return set.proposal;
    case TemplateKind::kCandidateInvitation: break;
  }
  return set.invitation;
}

}  // namespace slotwise::invites
