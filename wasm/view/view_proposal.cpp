// view_proposal.cpp — "Propose times" in the side panel (see widget_proposal.h): the button, the ticks over the
// suggestions, the request's progress, and the candidate link with a copy button.
#include <imgui.h>

#include <string>

#include "state/widget_i18n.h"
#include "state/widget_proposal.h"
#include "state/widget_time_format.h"
#include "view/view_colors.h"
#include "view/view_controls.h"
#include "view/view_flow.h"
#include "view/view_text.h"
#include "view/widget_view.h"

namespace slotwise::widget {

namespace {

const ImVec4 kRed(0.75f, 0.15f, 0.15f, 1.0f);
const ImVec4 kGreen(0.10f, 0.52f, 0.28f, 1.0f);
const ImVec4 kAmber(0.70f, 0.42f, 0.0f, 1.0f);

std::string TimeLabel(const WidgetModel& model, const ViewContext& context, Interval when) {
  std::string label = FormatRange(model.locale, when, *context.viewer);
  if (context.candidate) label += " · " + FormatRange(model.locale, when, *context.candidate) + " (" + ZoneCity(context.candidate->name()) + ")";
  return label;
}

void DrawChoosing(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  const Proposal& proposal = model.proposal;
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(Format(locale, StringId::kProposalChoose, {std::to_string(proposal.chosen.size())}).c_str());
  ImGui::PopTextWrapPos();
  const float height = std::min(static_cast<float>(model.suggestions.size()), 6.0f) * ImGui::GetFrameHeightWithSpacing() + 4;
  if (ImGui::BeginChild("proposal_choices", ImVec2(0, height), false)) {
    for (std::size_t i = 0; i < model.suggestions.size() && i < 40; ++i) {
      const Suggestion& suggestion = model.suggestions[i];
      ImGui::PushID(static_cast<int>(i));
      bool ticked = IsProposalChosen(model, suggestion.when.start);
      const bool full = !ticked && proposal.chosen.size() >= kMaxProposalOptions;
      if (full) ImGui::BeginDisabled();
      if (ui::Checkbox(TimeLabel(model, context, suggestion.when).c_str(), &ticked)) intents.proposal_toggle = suggestion.when.start;
      if (full) ImGui::EndDisabled();
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  const bool can_submit = CanSubmitProposal(model);
  if (!can_submit) ImGui::BeginDisabled();
  if (ui::Button(Format(locale, StringId::kProposalSend, {std::to_string(proposal.chosen.size())}).c_str())) intents.proposal_submit = true;
  if (!can_submit) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::Button(Tr(locale, StringId::kClose))) intents.proposal_close = true;
}

void DrawCreated(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  const Proposal& proposal = model.proposal;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(kGreen, "%s", Format(locale, StringId::kProposalCreated, {std::to_string(proposal.options.size())}).c_str());
  for (const ProposalOption& option : proposal.options) {
    const std::string label = TimeLabel(model, context, option.when);
    if (option.available) {
      WrappedBullet(label);
    } else {
      WrappedBullet(Format(locale, StringId::kProposalOptionGone, {label}));
    }
  }
  if (const std::optional<Instant> expires = ParseRfc3339(proposal.expires_at)) {
    ImGui::TextDisabled("%s", Format(locale, StringId::kProposalValidUntil, {FormatDateTime(locale, *expires, *context.viewer)}).c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::TextUnformatted(Tr(locale, StringId::kProposalLink));
  // Read-only text field: the link can be selected and copied by hand too.
  std::string url = proposal.candidate_url;
  ImGui::SetNextItemWidth(-1);
  ui::InputText("##candidate_url", url.data(), url.size() + 1, Tr(locale, StringId::kProposalLink), ImGuiInputTextFlags_ReadOnly);
  if (ui::Button(Tr(locale, proposal.copied ? StringId::kCopied : StringId::kCopyLink))) intents.copy_text = proposal.candidate_url;
  ImGui::SameLine();
  if (ui::Button(Tr(locale, StringId::kClose))) intents.proposal_close = true;
}

}  // namespace

void DrawProposal(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  const Proposal& proposal = model.proposal;
  ImGui::PushID("proposal");
  // The candidate's answer to the proposal sent last, as the widget last read it.
  if (const std::string answer = DescribeProposalAnswer(model, *context.viewer); !answer.empty()) {
    const std::string& said = model.sent_proposal.answer;
    ImGui::PushTextWrapPos(0);
    const Palette& ink = Colors();
    ImGui::TextColored(Vec4(said == "picked" ? ink.text_green : said == "declined" ? ink.text_amber : ink.text_dim), "%s",
                       Shown(answer));
    ImGui::PopTextWrapPos();
  }
  switch (proposal.phase) {
    case ProposalPhase::kIdle: {
      const ProposalBlock block = ProposalBlockOf(model);
      if (block == ProposalBlock::kNone) {
        if (ui::Button(Tr(locale, StringId::kProposeTimes))) intents.proposal_start = true;
      } else if (block == ProposalBlock::kNoCandidate || block == ProposalBlock::kTooFewSuggestions || block == ProposalBlock::kLoop) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", Tr(locale, block == ProposalBlock::kNoCandidate ? StringId::kProposalNeedsCandidate
                                             : block == ProposalBlock::kLoop    ? StringId::kProposalNoLoops
                                                                                : StringId::kProposalTooFew));
        ImGui::PopTextWrapPos();
      }
      break;
    }
    case ProposalPhase::kChoosing: DrawChoosing(model, context, intents); break;
    case ProposalPhase::kSubmitting: ImGui::TextColored(kAmber, "%s", Tr(locale, StringId::kProposalSending)); break;
    case ProposalPhase::kCreated: DrawCreated(model, context, intents); break;
    case ProposalPhase::kFailed:
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(kRed, "%s", Format(locale, StringId::kProposalFailed, {proposal.message}).c_str());
      ImGui::PopTextWrapPos();
      if (ui::Button(Tr(locale, StringId::kProposalBack))) intents.proposal_back = true;
      ImGui::SameLine();
      if (ui::Button(Tr(locale, StringId::kClose))) intents.proposal_close = true;
      break;
  }
  ImGui::PopID();
}

}  // namespace slotwise::widget
