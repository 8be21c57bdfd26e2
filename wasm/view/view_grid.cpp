// view_grid.cpp — the time grid: one row per interviewer, observer, room and host account (see widget_view.h).
//
// Columns are the visible local days of the viewer's zone, each showing day_start_hour..day_end_hour. A header gives
// the days and the hours in the viewer's zone and, below, the same instants in the candidate's zone.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "state/widget_booking.h"
#include "state/widget_i18n.h"
#include "state/widget_layout.h"
#include "state/widget_selection.h"
#include "state/widget_solve.h"
#include "state/widget_time_format.h"
#include "view/view_colors.h"
#include "view/view_controls.h"
#include "view/view_flow.h"
#include "view/view_text.h"
#include "view/widget_view.h"

namespace slotwise::widget {

namespace {

// The grid's colours in the current theme (view_colors.h), as ImGui colours.
struct GridInk {
  ImU32 off_hours, working_hours, busy, tentative_fill, oof, elsewhere, suggestion, suggestions_row, selection,
      selection_edge, now_line, past, this_interview, this_interview_fill, grid_line, day_line, focus, unknown_fill,
      unknown_stripe, unknown_text, veil, dot;
};
GridInk Ink() {
  const Palette& c = Colors();
  return {U32(c.off_hours), U32(c.working_hours), U32(c.busy), U32(c.tentative_fill), U32(c.oof), U32(c.elsewhere),
          U32(c.suggestion), U32(c.suggestions_row), U32(c.selection_edge, 70), U32(c.selection_edge), U32(c.now_line),
          U32(c.past, 30) /* over the tracks before now */, U32(c.this_interview) /* the interview being booked or just booked */,
          U32(c.this_interview, 40), U32(c.grid_line), U32(c.day_line), U32(c.selection_edge), U32(c.unknown_fill),
          U32(c.unknown_stripe), U32(c.unknown_text), U32(c.window, 150) /* over a row left out */,
          U32(c.window) /* the dot on an interview's own block */};
}

struct Geometry {
  std::vector<Interval> windows;  // per visible day: [day_start_hour, day_end_hour) local, as UTC
  float left = 0, top = 0, day_width = 0, width = 0;

  // x of instant t, clamped into the visible windows; nullopt when t lies in no window.
  std::optional<float> X(Instant t) const {
    for (std::size_t d = 0; d < windows.size(); ++d) {
      if (t >= windows[d].start && t <= windows[d].end) {
        const double f = static_cast<double>(t - windows[d].start) / static_cast<double>(windows[d].length());
        return left + day_width * (static_cast<float>(d) + static_cast<float>(f));
      }
    }
    return std::nullopt;
  }
  // Draws [a, b) clipped to every window.
  template <typename Draw>
  void Span(Interval interval, Draw draw) const {
    for (std::size_t d = 0; d < windows.size(); ++d) {
      const Instant a = std::max(interval.start, windows[d].start), b = std::min(interval.end, windows[d].end);
      if (b <= a) continue;
      draw(*X(a), *X(b));
    }
  }
  Instant At(float x) const {
    const float offset = std::clamp(x - left, 0.0f, width - 1.0f);
    const auto d = std::min(static_cast<std::size_t>(offset / day_width), windows.size() - 1);
    const double f = static_cast<double>(offset - day_width * static_cast<float>(d)) / day_width;
    return windows[d].start + static_cast<Instant>(f * static_cast<double>(windows[d].length()));
  }
};

bool RowVisible(const WidgetModel& model, const Row& row) {
  switch (row.kind) {
    case RowKind::kInterviewer:
    case RowKind::kObserver: return true;
    case RowKind::kRoom: return model.settings.type == InterviewType::kOnSite;
    case RowKind::kHost: return row.host_provider == ProviderOf(model.settings.type);
  }
  return true;
}

void Stripes(ImDrawList* draw, float x0, float y0, float x1, float y1, ImU32 color) {
  draw->PushClipRect(ImVec2(x0, y0), ImVec2(x1, y1), true);
  const float step = 6.0f;
  for (float x = x0 - (y1 - y0); x < x1; x += step) draw->AddLine(ImVec2(x, y1), ImVec2(x + (y1 - y0), y0), color, 1.5f);
  draw->PopClipRect();
}

// The legend: one entry per way of drawing time, flowing onto further lines in a narrow grid.
struct LegendEntry {
  ImU32 GridInk::*color;
  StringId label;
  int style;  // 0 filled, 1 tentative stripes, 2 underline (working elsewhere), 3 outline (working hours)
};
constexpr LegendEntry kLegend[] = {
    {&GridInk::busy, StringId::kLegendBusy, 0},          {&GridInk::busy, StringId::kLegendTentative, 1},
    {&GridInk::oof, StringId::kLegendOof, 0},            {&GridInk::elsewhere, StringId::kLegendElsewhere, 2},
    {&GridInk::working_hours, StringId::kLegendWorkingHours, 3}, {&GridInk::suggestion, StringId::kSuggestions, 0}};

float LegendBox() { return ImGui::GetTextLineHeight() * 0.8f; }
float LegendEntryWidth(Locale locale, const LegendEntry& entry) {
  return LegendBox() * 1.6f + ImGui::GetStyle().ItemSpacing.x + TextWidth(Tr(locale, entry.label));
}

// Where each entry starts ({x, line}, x from the legend's left) when the legend is `width` wide; greedy, left to right.
std::vector<std::pair<float, int>> LegendPlaces(Locale locale, float width, float scale) {
  std::vector<std::pair<float, int>> places;
  float x = 0;
  int line = 0;
  for (const LegendEntry& entry : kLegend) {
    const float w = LegendEntryWidth(locale, entry);
    if (x > 0 && x + w > width) { x = 0; ++line; }
    places.emplace_back(x, line);
    x += w + 14 * scale;
  }
  return places;
}

// The legend's width inside a grid window `window_width` wide (a vertical scrollbar assumed).
float LegendWidth(float window_width) {
  return window_width - ImGui::GetStyle().WindowPadding.x * 2 - ImGui::GetStyle().ScrollbarSize;
}

// Draws the legend at `at`; returns its height.
float Legend(const WidgetModel& model, ImVec2 at, float width, float scale) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float box = LegendBox();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float text_y = (ImGui::GetTextLineHeight() - box) / 2;
  const std::vector<std::pair<float, int>> places = LegendPlaces(model.locale, width, scale);
  const GridInk ink = Ink();
  for (std::size_t i = 0; i < places.size(); ++i) {
    const LegendEntry& entry = kLegend[i];
    const ImVec2 p(at.x + places[i].first, at.y + line * static_cast<float>(places[i].second) + std::max(text_y, 0.0f));
    const ImVec2 q(p.x + box * 1.6f, p.y + box);
    if (entry.style == 0) draw->AddRectFilled(p, q, ink.*entry.color, 2.0f);
    if (entry.style == 1) { draw->AddRectFilled(p, q, ink.tentative_fill); Stripes(draw, p.x, p.y, q.x, q.y, ink.busy); }
    if (entry.style == 2) draw->AddRectFilled(ImVec2(p.x, q.y - 3 * scale), q, ink.*entry.color);
    if (entry.style == 3) draw->AddRect(p, q, ink.day_line);
    draw->AddText(ImVec2(q.x + ImGui::GetStyle().ItemSpacing.x, at.y + line * static_cast<float>(places[i].second)),
                  ImGui::GetColorU32(ImGuiCol_Text), Tr(model.locale, entry.label));
  }
  return line * static_cast<float>(places.empty() ? 1 : places.back().second + 1);
}

// The keys help under the rows, wrapped to the visible width (German runs past 900 px on one line).
float KeysHelpHeight(Locale locale, float width) {
  return ImGui::CalcTextSize(Tr(locale, StringId::kKeyboardHelp), nullptr, false, width).y;
}

// The grid's vertical measures, shared by DrawGrid and GridContentHeight.
struct GridMetrics {
  float line = 0;           // a text line with spacing: the legend, each header line, the keys help
  float row_height = 0;     // the suggestions row and every resource row
  int header_lines = 0;     // days, the viewer's hours, the candidate's hours (when a candidate zone is set)
  int band_rows = 1;        // the suggestions row, and the candidate's own times when they sent some
};

GridMetrics Metrics(const WidgetModel& model, const ViewContext& context) {
  GridMetrics m;
  m.line = ImGui::GetTextLineHeightWithSpacing();
  m.row_height = ImGui::GetFrameHeight() + 6.0f * context.scale;
  m.header_lines = context.candidate ? 3 : 2;
  m.band_rows = model.candidate_offer ? 2 : 1;
  return m;
}

}  // namespace

float GridContentHeight(const WidgetModel& model, const ViewContext& context, float width, int max_rows) {
  const GridMetrics m = Metrics(model, context);
  int rows = 0;
  for (const Row& row : model.rows) rows += RowVisible(model, row) ? 1 : 0;
  rows = std::min(rows, max_rows);
  const ImGuiStyle& style = ImGui::GetStyle();
  const int legend_lines = LegendPlaces(model.locale, LegendWidth(width), context.scale).back().second + 1;
  // legend + header + suggestions row + rows + the gap and the keys help below + the child's padding and scrollbar
  return m.line * static_cast<float>(legend_lines + m.header_lines) + m.row_height * static_cast<float>(m.band_rows + rows) + 4 * context.scale +
         KeysHelpHeight(model.locale, LegendWidth(width)) + 1 + style.ItemSpacing.y * 2 + style.WindowPadding.y * 2 +
         style.ScrollbarSize + 2;
}

void DrawGrid(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const GridInk ink = Ink();
  const TimeZone& viewer = *context.viewer;
  const Locale locale = model.locale;
  const float scale = context.scale;
  const GridMetrics metrics = Metrics(model, context);
  // The band on top — legend, header and suggestions row — stays put while the rows scroll up under it, and the label
  // column stays put while the tracks scroll sideways under it: both are placed at the window's visible edges (the
  // content's scrolled corner + the scroll), and the rows and tracks are clipped away from under them.
  const ImVec2 content = ImGui::GetCursorScreenPos();
  const float labels_x = content.x + ImGui::GetScrollX();
  const float band_y = content.y + ImGui::GetScrollY();
  const float legend_height = Legend(model, ImVec2(labels_x, band_y), LegendWidth(ImGui::GetWindowWidth()), scale);

  Geometry g;
  const int days = VisibleDays(model.viewport);
  const int hours = std::max(1, model.viewport.day_end_hour - model.viewport.day_start_hour);
  for (int d = 0; d < days; ++d) {
    const std::int64_t day = VisibleDay(model.viewport, d);
    g.windows.push_back({viewer.FromLocalSeconds(day * kSecondsPerDay + model.viewport.day_start_hour * kSecondsPerHour),
                         viewer.FromLocalSeconds(day * kSecondsPerDay + model.viewport.day_end_hour * kSecondsPerHour)});
  }
  // An hour is at least 64 px in the day view, 8 px in the week views: a working week fits 1280 px, two weeks scroll.
  const float min_hour = (days == 1 ? 64.0f : 8.0f) * scale;
  const float avail = ImGui::GetContentRegionAvail().x;
  // The names column: 250 px, narrower in a narrow grid (a phone, 200% zoom) so the tracks keep most of the width;
  // below 220 px the role switch gives way to the name (the role is in the name's tooltip).
  const float label_width = NamesColumnWidth(avail, scale);
  const bool role_switch = label_width >= 220.0f * scale;
  g.width = std::max(avail - label_width, min_hour * static_cast<float>(hours * days));
  g.day_width = g.width / static_cast<float>(days);
  const ImVec2 origin(content.x, band_y + legend_height);  // the header's top left, the tracks scrolled sideways
  g.left = origin.x + label_width;
  const float tracks_x = labels_x + label_width;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // A newly selected time is scrolled into view (a suggestion in Friday's afternoon at 1280 px, a key press).
  if (context.reveal) {
    const Instant start = *context.reveal;
    const std::optional<float> a = g.X(start);
    const std::optional<float> b = g.X(start + static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute);
    if (a) {
      const float scroll = ImGui::GetScrollX();
      const float view_width = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ImGui::GetStyle().ScrollbarSize - tracks_x;
      const float next = RevealScroll(scroll, *a - g.left, (b ? *b : *a) - g.left, view_width, 24 * scale);
      if (next != scroll) ImGui::SetScrollX(next);
    }
  }
  const auto clip_tracks = [&] { draw->PushClipRect(ImVec2(tracks_x, -1e9f), ImVec2(1e9f, 1e9f), true); };
  const float line = metrics.line;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);

  // Header: days, the viewer's hours, the candidate's hours.
  const int header_lines = metrics.header_lines;
  const auto clip_labels = [&] { draw->PushClipRect(ImVec2(labels_x, -1e9f), ImVec2(tracks_x - 4 * scale, 1e9f), true); };
  clip_labels();  // a narrow names column cuts its labels rather than writing over the hours
  draw->AddText(ImVec2(labels_x, origin.y + line), dim, Format(locale, StringId::kYourTime, {ZoneCity(viewer.name())}).c_str());
  if (context.candidate) {
    draw->AddText(ImVec2(labels_x, origin.y + 2 * line), dim,
                  Format(locale, StringId::kCandidateTime, {ZoneCity(context.candidate->name())}).c_str());
  }
  draw->PopClipRect();
  const int label_every = g.day_width / static_cast<float>(hours) < 34.0f * scale ? (g.day_width / static_cast<float>(hours) < 17.0f * scale ? 4 : 2) : 1;
  // Hour labels: every `label_every` hours, but never one that would run past its day's end into the next day's
  // first label or overlap the previous one (FitLabels, widget_layout.h); the candidate's line is fitted on its own.
  std::vector<LabelSlot> viewer_slots, candidate_slots;
  std::vector<std::string> viewer_texts, candidate_texts;
  const float label_pad = 2 * scale;
  clip_tracks();
  for (int d = 0; d < days; ++d) {
    const float x0 = g.left + g.day_width * static_cast<float>(d);
    const LocalDateTime local = viewer.ToLocal(g.windows[static_cast<std::size_t>(d)].start);
    draw->AddText(ImVec2(x0 + 4 * scale, origin.y), text, FormatDay(locale, local.date).c_str());
    for (int h = 0; h < hours; h += label_every) {
      const Instant t = g.windows[static_cast<std::size_t>(d)].start + static_cast<Instant>(h) * kSecondsPerHour;
      const float x = g.left + g.day_width * (static_cast<float>(d) + static_cast<float>(h) / static_cast<float>(hours)) + label_pad;
      const float limit = x0 + g.day_width - label_pad;
      viewer_texts.push_back(FormatHourLabel(locale, model.viewport.day_start_hour + h));
      viewer_slots.push_back({x, ImGui::CalcTextSize(viewer_texts.back().c_str()).x, limit});
      if (context.candidate) {
        candidate_texts.push_back(FormatHourLabel(locale, context.candidate->ToLocal(t).second_of_day / 3600));
        candidate_slots.push_back({x, ImGui::CalcTextSize(candidate_texts.back().c_str()).x, limit});
      }
    }
  }
  const std::vector<bool> viewer_fit = FitLabels(viewer_slots, 4 * scale);
  for (std::size_t i = 0; i < viewer_slots.size(); ++i) {
    if (viewer_fit[i]) draw->AddText(ImVec2(viewer_slots[i].x, origin.y + line), dim, viewer_texts[i].c_str());
  }
  const std::vector<bool> candidate_fit = FitLabels(candidate_slots, 4 * scale);
  for (std::size_t i = 0; i < candidate_slots.size(); ++i) {
    if (candidate_fit[i]) draw->AddText(ImVec2(candidate_slots[i].x, origin.y + 2 * line), dim, candidate_texts[i].c_str());
  }
  draw->PopClipRect();
  g.top = origin.y + line * static_cast<float>(header_lines);

  // The suggestions row.
  const float row_height = metrics.row_height;
  float y = g.top;
  clip_labels();
  draw->AddText(ImVec2(labels_x, y + 3 * scale), text, Tr(locale, StringId::kSuggestions));
  draw->PopClipRect();
  clip_tracks();
  draw->AddRectFilled(ImVec2(g.left, y + 2 * scale), ImVec2(g.left + g.width, y + row_height - 2 * scale), ink.suggestions_row);
  for (std::size_t i = 0; i < model.suggestions.size(); ++i) {
    const Suggestion& suggestion = model.suggestions[i];
    g.Span(suggestion.when, [&](float a, float b) {
      const bool current = static_cast<int>(i) == model.suggestion_cursor;
      draw->AddRectFilled(ImVec2(a, y + 5 * scale), ImVec2(std::max(b, a + 3 * scale), y + row_height - 5 * scale),
                          current ? ink.selection_edge : ink.suggestion, 2.0f);
    });
  }
  draw->PopClipRect();
  // The candidate's own times (a declined proposal), under the suggestions: what they offered, outlined.
  if (model.candidate_offer) {
    const float top = g.top + row_height;
    clip_labels();
    draw->AddText(ImVec2(labels_x, top + 3 * scale), text, Shown(Format(locale, StringId::kOfferRow, {CandidateName(model)})));
    draw->PopClipRect();
    if (!model.candidate_offer->note.empty() &&
        ImGui::IsMouseHoveringRect(ImVec2(labels_x, top), ImVec2(tracks_x, top + row_height))) {
      ImGui::SetTooltip("%s", Shown(model.candidate_offer->note));
    }
    clip_tracks();
    draw->AddRectFilled(ImVec2(g.left, top + 2 * scale), ImVec2(g.left + g.width, top + row_height - 2 * scale), ink.off_hours);
    for (const Interval& period : model.candidate_offer->periods) {
      g.Span(period, [&](float a, float b) {
        b = std::max(b, a + 3 * scale);
        draw->AddRectFilled(ImVec2(a, top + 5 * scale), ImVec2(b, top + row_height - 5 * scale), ink.suggestions_row, 2.0f);
        draw->AddRect(ImVec2(a, top + 5 * scale), ImVec2(b, top + row_height - 5 * scale), ink.suggestion, 2.0f, 0, 2.0f);
      });
    }
    draw->PopClipRect();
  }
  const float band_bottom = g.top + row_height * static_cast<float>(metrics.band_rows);
  y = content.y + legend_height + line * static_cast<float>(header_lines) +
      row_height * static_cast<float>(metrics.band_rows);  // the first row, scrolled

  // The rows, clipped to below the band (their controls too, for drawing and for the mouse).
  ImGui::PushClipRect(ImVec2(-1e9f, band_bottom), ImVec2(1e9f, 1e9f), true);

  // One row per person, room and host account. The role switch is as wide as its longest label in this language
  // ("Interviewer", "Beobachter", "オブザーバー") plus the frame's padding, so no label is clipped.
  const float role_width = std::max(ImGui::CalcTextSize(RowKindLabel(locale, RowKind::kInterviewer)).x,
                                    ImGui::CalcTextSize(RowKindLabel(locale, RowKind::kObserver)).x) +
                           ImGui::GetStyle().FramePadding.x * 2 + 2 * scale;
  for (std::size_t r = 0; r < model.rows.size(); ++r) {
    const Row& row = model.rows[r];
    if (!RowVisible(model, row)) continue;
    ImGui::PushID(static_cast<int>(r));
    const float y0 = y, y1 = y + row_height;
    const bool active = row.included;
    // Label column: include / leave out, the name, a role switch for people.
    ImGui::SetCursorScreenPos(ImVec2(labels_x, y0 + 2 * scale));
    std::string name = row.name.empty() ? row.sub : row.name;
    bool included = row.included;
    if (ui::Checkbox("##in", &included, Format(locale, StringId::kIncludeRow, {name}))) {
      intents.row_included.emplace_back(static_cast<int>(r), included);
    }
    ImGui::SameLine();
    if (row.kind == RowKind::kRoom && row.capacity) name += " (" + std::to_string(*row.capacity) + ")";
    if (row.kind == RowKind::kHost) name = std::string(row.host_provider == "goto" ? "GoTo" : row.host_provider == "zoom" ? "Zoom" : row.host_provider) + " · " + name;
    ImGui::PushStyleColor(ImGuiCol_Text, active ? text : dim);
    const bool person = row.kind == RowKind::kInterviewer || row.kind == RowKind::kObserver;
    const float name_width = label_width - ImGui::GetFrameHeight() - 12 * scale - (person && role_switch ? role_width + 6 * scale : 0);
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(ImGui::GetCursorScreenPos().x + name_width, y1), true);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Shown(name));
    ImGui::PopClipRect();
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s\n%s%s%s", row.sub.c_str(), RowKindLabel(locale, row.kind), row.time_zone.empty() ? "" : " · ",
                        row.time_zone.c_str());
    }
    if (person && role_switch) {
      ImGui::SameLine(ImGui::GetScrollX() + label_width - role_width - 8 * scale);  // offsets count from the scrolled start
      ImGui::SetNextItemWidth(role_width);
      if (ui::BeginCombo("##role", RowKindLabel(locale, row.kind), Format(locale, StringId::kRoleOf, {row.name.empty() ? row.sub : row.name}),
                         ImGuiComboFlags_NoArrowButton)) {
        for (RowKind kind : {RowKind::kInterviewer, RowKind::kObserver}) {
          if (ui::Selectable(RowKindLabel(locale, kind), kind == row.kind)) intents.row_kinds.emplace_back(static_cast<int>(r), kind);
        }
        ui::EndCombo();
      }
    }
    // Track: off hours, working hours (in the member's own zone, drawn in the viewer's), events.
    clip_tracks();
    draw->AddRectFilled(ImVec2(g.left, y0 + 1), ImVec2(g.left + g.width, y1 - 1), ink.off_hours);
    auto spans = context.working_spans.find(row.sub);
    if (spans == context.working_spans.end() || row.kind == RowKind::kRoom || row.kind == RowKind::kHost) {
      for (const Interval& window : g.windows) g.Span(window, [&](float a, float b) { draw->AddRectFilled(ImVec2(a, y0 + 1), ImVec2(b, y1 - 1), ink.working_hours); });
    } else {
      for (const Interval& span : spans->second) g.Span(span, [&](float a, float b) { draw->AddRectFilled(ImVec2(a, y0 + 1), ImVec2(b, y1 - 1), ink.working_hours); });
    }
    // Unknown free/busy: the whole track hatched grey and labelled — never drawn as free.
    if (auto unknown = model.unknown_free_busy.find(row.sub); unknown != model.unknown_free_busy.end()) {
      const float top = y0 + 4 * scale, bottom = y1 - 4 * scale;
      draw->AddRectFilled(ImVec2(g.left, top), ImVec2(g.left + g.width, bottom), ink.unknown_fill, 2.0f);
      Stripes(draw, g.left, top, g.left + g.width, bottom, ink.unknown_stripe);
      const char* label = Tr(locale, StringId::kFreeBusyUnknown);
      const ImVec2 size = ImGui::CalcTextSize(label);
      draw->AddRectFilled(ImVec2(g.left + 6 * scale, (top + bottom - size.y) / 2 - 1),
                          ImVec2(g.left + 10 * scale + size.x, (top + bottom + size.y) / 2 + 1), ink.unknown_fill, 2.0f);
      draw->AddText(ImVec2(g.left + 8 * scale, (top + bottom - size.y) / 2), ink.unknown_text, label);
      if (ImGui::IsMouseHoveringRect(ImVec2(std::max(g.left, tracks_x), y0), ImVec2(g.left + g.width, y1))) {
        ImGui::SetTooltip("%s", Shown(Format(locale, StringId::kReasonFreeBusyUnknown,
                                             {row.name.empty() ? row.sub : row.name, unknown->second})));
      }
    }
    auto busy = model.busy.find(row.sub);
    if (busy != model.busy.end()) {
      for (const BusyEvent& event : busy->second) {
        const bool this_interview = IsTheBookingEvent(model, row, event);
        g.Span(event.when, [&](float a, float b) {
          const float top = y0 + 4 * scale, bottom = y1 - 4 * scale;
          b = std::max(b, a + 2.0f);
          if (this_interview) {  // the interview just booked: drawn as itself, not as anonymous busy time
            draw->AddRectFilled(ImVec2(a, top), ImVec2(b, bottom), ink.this_interview, 2.0f);
            draw->AddRect(ImVec2(a, top), ImVec2(b, bottom), ink.selection_edge, 2.0f, 0, 2.0f);
            return;
          }
          switch (event.status) {
            case BusyStatus::kBusy: draw->AddRectFilled(ImVec2(a, top), ImVec2(b, bottom), ink.busy, 2.0f); break;
            case BusyStatus::kTentative:
              draw->AddRectFilled(ImVec2(a, top), ImVec2(b, bottom), ink.tentative_fill, 2.0f);
              Stripes(draw, a, top, b, bottom, ink.busy);
              draw->AddRect(ImVec2(a, top), ImVec2(b, bottom), ink.busy, 2.0f);
              break;
            case BusyStatus::kOof: draw->AddRectFilled(ImVec2(a, top), ImVec2(b, bottom), ink.oof, 2.0f); break;
            case BusyStatus::kWorkingElsewhere:
              draw->AddRectFilled(ImVec2(a, bottom - 4 * scale), ImVec2(b, bottom), ink.elsewhere);
              draw->AddRect(ImVec2(a, top), ImVec2(b, bottom), ink.elsewhere, 2.0f);
              break;
            case BusyStatus::kFree: draw->AddRect(ImVec2(a, top), ImVec2(b, bottom), ink.grid_line, 2.0f); break;
          }
          if (event.interview) draw->AddCircleFilled(ImVec2(a + 5 * scale, top + 5 * scale), 2.5f * scale, ink.dot);
        });
      }
    }
    if (!active) draw->AddRectFilled(ImVec2(g.left, y0 + 1), ImVec2(g.left + g.width, y1 - 1), ink.veil);
    draw->PopClipRect();
    if (context.reveal_row && *context.reveal_row == static_cast<int>(r)) {
      // Rows are seen between the band and the window's bottom (above the horizontal scrollbar).
      const float band_height = band_bottom - band_y;
      const float rows_view = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - ImGui::GetStyle().ScrollbarSize -
                              ImGui::GetStyle().WindowPadding.y - band_bottom;
      const float start = y0 - content.y - band_height;  // in the rows' own coordinates, where scroll 0 shows 0
      const float scroll = ImGui::GetScrollY();
      const float next = RevealScroll(scroll, start, start + row_height, std::max(rows_view, row_height), 0);
      if (next != scroll) ImGui::SetScrollY(next);
    }
    if (context.grid_has_keyboard && static_cast<int>(r) == model.row_cursor) {
      draw->AddRect(ImVec2(labels_x - 2, y0), ImVec2(g.left + g.width, y1), ink.focus, 3.0f, 0, 2.0f);
    }
    y = y1;
    ImGui::PopID();
  }
  ImGui::PopClipRect();
  const float rows_end = y;
  y = std::max(y, band_bottom);  // the columns below span the band's suggestions row and the visible rows

  // The past, shaded over every track (nothing there can be booked); hour and day lines, the selection, the "now" line.
  clip_tracks();
  for (const Interval& window : g.windows) {
    const Interval past{window.start, std::min(window.end, context.clock_now)};
    if (past.end > past.start) g.Span(past, [&](float a, float b) { draw->AddRectFilled(ImVec2(a, g.top), ImVec2(b, y), ink.past); });
  }
  for (int d = 0; d < days; ++d) {
    for (int h = 0; h <= hours; ++h) {
      const float x = g.left + g.day_width * (static_cast<float>(d) + static_cast<float>(h) / static_cast<float>(hours));
      draw->AddLine(ImVec2(x, g.top), ImVec2(x, y), h == 0 ? ink.day_line : ink.grid_line, h == 0 ? 1.5f : 1.0f);
    }
  }
  if (model.selected) {
    const Interval selected{*model.selected, *model.selected + static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute};
    g.Span(selected, [&](float a, float b) {
      draw->AddRectFilled(ImVec2(a, g.top), ImVec2(std::max(b, a + 2.0f), y), ink.selection);
      draw->AddRect(ImVec2(a, g.top), ImVec2(std::max(b, a + 2.0f), y), ink.selection_edge, 0.0f, 0, 2.0f);
    });
  }
  // Moving an interview: its booked time stays marked — outlined over every row and labelled — while a new one is chosen.
  if (model.booking.rescheduling && model.booking.moving_from.length() > 0) {
    const char* booked = Tr(locale, StringId::kBookedTimeLabel);
    g.Span(model.booking.moving_from, [&](float a, float b) {
      b = std::max(b, a + 2.0f);
      draw->AddRectFilled(ImVec2(a, g.top), ImVec2(b, y), ink.this_interview_fill);
      draw->AddRect(ImVec2(a, g.top), ImVec2(b, y), ink.this_interview, 0.0f, 0, 2.0f);
      draw->AddText(ImVec2(a + 3 * scale, g.top + 3 * scale), ink.selection_edge, booked);
    });
  }
  if (const std::optional<float> x = g.X(context.clock_now)) {
    draw->AddLine(ImVec2(*x, g.top - 4 * scale), ImVec2(*x, y), ink.now_line, 2.0f);
    // Its label sits in the suggestions row on the past side, clear of the hour labels above and of any suggestion.
    const char* now_text = Tr(locale, StringId::kNow);
    draw->AddText(ImVec2(*x - ImGui::CalcTextSize(now_text).x - 3 * scale, g.top + 3 * scale), ink.now_line, now_text);
  }
  if (context.grid_has_keyboard) draw->AddRect(ImVec2(g.left - 1, g.top - 1), ImVec2(g.left + g.width + 1, y + 1), ink.focus, 0, 0, 1.0f);
  draw->PopClipRect();

  // Clicks and hover over the visible part of the tracks (never under the label column).
  const float hit_left = std::max(g.left, tracks_x);
  ImGui::SetCursorScreenPos(ImVec2(hit_left, g.top));
  ImGui::InvisibleButton("tracks", ImVec2(std::max(g.left + g.width - hit_left, 1.0f), std::max(y - g.top, 1.0f)));
  if (ImGui::IsItemHovered()) {
    const Instant t = g.At(ImGui::GetIO().MousePos.x);
    std::string tip = FormatDateTime(locale, t, viewer) + " (" + ZoneCity(viewer.name()) + ")";
    if (context.candidate) tip += "\n" + FormatDateTime(locale, t, *context.candidate) + " (" + ZoneCity(context.candidate->name()) + ")";
    ImGui::SetTooltip("%s", tip.c_str());
  }
  if (ImGui::IsItemClicked()) {
    intents.clicked_time = g.At(ImGui::GetIO().MousePos.x);
    intents.grid_clicked = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(content.x, rows_end + 4 * scale));
  ImGui::Dummy(ImVec2(label_width + g.width, 1));
  // The keys help, at the visible left edge and wrapped to the visible width (KeysHelpHeight).
  ImGui::SetCursorScreenPos(ImVec2(labels_x, ImGui::GetCursorScreenPos().y));
  ImGui::PushTextWrapPos(labels_x - ImGui::GetWindowPos().x + ImGui::GetScrollX() + LegendWidth(ImGui::GetWindowWidth()));
  ImGui::TextDisabled("%s", Tr(locale, StringId::kKeyboardHelp));
  ImGui::PopTextWrapPos();
}

}  // namespace slotwise::widget
