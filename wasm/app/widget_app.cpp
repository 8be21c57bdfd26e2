// widget_app.cpp — see widget_app.h.
#include "app/widget_app.h"

#include <emscripten.h>
#include <emscripten/eventloop.h>

#include <algorithm>
#include <cmath>

#include "app/api_client.h"
#include "app/page_bridge.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"
#include "state/widget_booking.h"
#include "state/widget_data.h"
#include "state/widget_i18n.h"
#include "state/widget_time_format.h"
#include "state/widget_live.h"
#include "state/widget_proposal.h"
#include "state/widget_selection.h"
#include "state/widget_solve.h"

namespace slotwise::widget {

using nlohmann::json;

namespace {

Instant ClockNow() { return static_cast<Instant>(NowMilliseconds() / 1000.0); }


}  // namespace

const TimeZone& App::Viewer() {
  const TimeZone* zone = zones_.Find(model_.viewport.viewer_zone);
  return zone ? *zone : *zones_.Find("UTC");
}

const TimeZone* App::Candidate() {
  if (model_.viewport.candidate_zone.empty()) return nullptr;
  return zones_.Find(model_.viewport.candidate_zone);
}

Interval App::Visible() { return VisibleRange(model_.viewport, Viewer()); }

Interval App::SolveRange() { return SuggestionRange(Visible(), model_.now > 0 ? model_.now : ClockNow()); }

std::vector<std::string> App::DisplayedTexts() const {
  std::vector<std::string> texts;
  texts.reserve(model_.rows.size());
  for (const Row& row : model_.rows) texts.push_back(row.name);
  if (model_.candidate_offer) {  // the candidate's name and note are drawn too
    texts.push_back(CandidateName(model_));
    texts.push_back(model_.candidate_offer->note);
  }
  if (model_.locale == Locale::kZh || model_.locale == Locale::kKo) {
    for (const std::string_view text : LocaleTexts(model_.locale)) texts.emplace_back(text);
    texts.push_back(FormatTexts(model_.locale));
  }
  return texts;
}

Instant App::FirstDay() {
  if (model_.booking.rescheduling) return model_.booking.when.start;
  if (model_.candidate_offer) return std::max(model_.candidate_offer->periods.front().start, ClockNow());
  return ClockNow();
}

void App::Start() {
  ApplyPageOptions(model_, PageOptionsJson());
  if (model_.viewport.viewer_zone.empty()) model_.viewport.viewer_zone = "UTC";
  SetDocumentLanguage(LocaleCode(model_.locale));
  model_.load = LoadState::kLoading;
  FetchZones();
  FetchProposal();
  FetchDirectory();
  const std::string connections = ConnectionsUrl(model_);
  if (!connections.empty()) {
    Fetch(MakeRequest("GET", connections), [this](int status, std::string_view body) { ApplyConnections(model_, status, body); });
  }
}

void App::FetchZones() {
  for (const std::string& name : NeededZones(model_)) {
    if (zones_requested_.count(name) || !IsValidZoneName(name)) continue;
    zones_requested_.insert(name);
    ++zones_pending_;
    Fetch(MakeRequest("GET", "zoneinfo/" + name), [this, name](int status, std::string_view bytes) {
      --zones_pending_;
      if (status != 200 || !zones_.Add(name, bytes).ok()) zones_failed_.insert(name);
      ++model_.solve_generation;
      if (zones_pending_ == 0 && directory_done_ && !model_.document_loaded && !document_in_flight_) {
        ShowDayOf(model_, FirstDay(), Viewer());
        FetchDocument();
      }
    });
  }
}

// The proposal the page names: a candidate who declined it with their own times gets a row, and the grid opens on
// the first of those times (once the directory and zones are there, else now).
void App::FetchProposal() {
  const std::string& id = model_.interview.proposal_id;
  if (id.rfind("prp_", 0) != 0 || id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != std::string::npos) {
    return;
  }
  Fetch(MakeRequest("GET", "/v1/proposals/" + id), [this](int status, std::string_view body) {
    if (!ApplyProposalAnswer(model_, status, body)) return;
    ++model_.solve_generation;
    ++texts_version_;
    if (model_.document_loaded) {
      ShowDayOf(model_, FirstDay(), Viewer());
      EnsureDocumentCovers();
    }
  });
}

void App::ScheduleProposalWatch() {
  if (proposal_watch_scheduled_ || WatchedProposalId(model_).empty()) return;
  proposal_watch_scheduled_ = true;
  emscripten_set_timeout([](void* app) { static_cast<App*>(app)->WatchProposal(); }, kProposalWatchMs, this);
}

void App::WatchProposal() {
  proposal_watch_scheduled_ = false;
  const std::string id = WatchedProposalId(model_);
  if (id.empty()) return;
  Fetch(MakeRequest("GET", "/v1/proposals/" + id), [this](int status, std::string_view body) {
    const ProposalAnswer answer = ApplySentProposalAnswer(model_, status, body);
    if (answer != ProposalAnswer::kNone) {
      ++model_.solve_generation;  // a declined proposal's own times are a row now
      ++texts_version_;
      if (answer == ProposalAnswer::kPicked) FetchDocument();  // the picked interview now occupies the calendars
      const SentProposal& sent = model_.sent_proposal;
      json detail = {{"proposal_id", sent.id}, {"status", sent.answer}};
      if (answer == ProposalAnswer::kPicked) detail["start"] = FormatRfc3339(sent.picked_start);
      EmitPageEvent("proposal_answered", DumpJson(detail));
    }
    ScheduleProposalWatch();
  });
}

void App::FetchDirectory() {
  directory_pending_ = 3;
  auto done = [this]() {
    if (--directory_pending_ > 0) return;
    ApplyDirectory(model_, people_status_, people_body_, rooms_status_, rooms_body_, hosts_status_, hosts_body_);
    ++texts_version_;
    if (model_.load == LoadState::kFailed) return;
    auto after_interview = [this]() {
      directory_done_ = true;
      FetchZones();
      if (zones_pending_ == 0) {
        ShowDayOf(model_, FirstDay(), Viewer());
        FetchDocument();
      }
    };
    if (model_.interview.id.empty()) return after_interview();
    // "check": the providers are read now, so a change made outside Slotwise shows even if its notification is late.
    Fetch(MakeRequest("POST", "/v1/interviews/" + model_.interview.id + "/check"), [this, after_interview](int status, std::string_view body) {
      ApplyExistingInterview(model_, status, body);
      after_interview();
    });
  };
  Fetch(MakeRequest("GET", "/v1/people"), [this, done](int s, std::string_view b) { people_status_ = s; people_body_ = b; done(); });
  Fetch(MakeRequest("GET", "/v1/rooms"), [this, done](int s, std::string_view b) { rooms_status_ = s; rooms_body_ = b; done(); });
  Fetch(MakeRequest("GET", "/v1/host_accounts"), [this, done](int s, std::string_view b) { hosts_status_ = s; hosts_body_ = b; done(); });
}

void App::FetchDocument() {
  if (document_in_flight_) return;
  document_in_flight_ = true;
  const Interval range = SolveRange();
  const std::string provider = ProviderOf(model_.settings.type);
  Fetch(MakeRequest("POST", "/v1/availability/document", BuildDocumentRequest(model_, range)),
        [this, range, provider](int status, std::string_view body) {
          document_in_flight_ = false;
          const bool had_document = model_.document_loaded;
          ApplySolveDocument(model_, status, body);
          if (model_.load == LoadState::kFailed && had_document) model_.load = LoadState::kLoaded;  // keep the old data
          if (status == 200) {
            model_.document_range = range;
            if (!provider.empty() && std::find(model_.loaded_providers.begin(), model_.loaded_providers.end(), provider) == model_.loaded_providers.end()) {
              model_.loaded_providers.push_back(provider);  // the provider has no host accounts: nothing more to fetch
            }
          } else {
            last_error_ = model_.error;
            EmitPageEvent("error", DumpJson({{"code", codes::kDocumentFailed}, {"message", ErrorSentence(status, body)}}));
          }
          AfterDocument();
        });
}

void App::AfterDocument() {
  FetchZones();  // the document may name zones not seen yet
  EnsureDocumentCovers();
}

void App::EnsureDocumentCovers() {
  if (!model_.document_loaded || document_in_flight_) return;
  const Interval visible = SolveRange();
  const std::string provider = ProviderOf(model_.settings.type);
  const bool provider_missing = !provider.empty() &&
      std::find(model_.loaded_providers.begin(), model_.loaded_providers.end(), provider) == model_.loaded_providers.end();
  if (visible.start < model_.document_range.start || visible.end > model_.document_range.end || provider_missing) FetchDocument();
}

// The drawer (a narrow page's side panel) opens by itself when the panel gets something to see or answer: a new
// selection, a booking's, move's or cancel's result or question (wherever it came from: a click, a key, an answer).
void App::WatchPanel() {
  const PanelAttention now = AttentionOf(model_);
  if (DrawerShouldOpen(last_attention_, now)) model_.drawer_open = true;
  last_attention_ = now;
}

void App::BeforeFrame() {
  WatchPanel();  // the answers that came in since the last frame
  // The browser's zone list (≈430 Intl formats) is read once the widget is ready, not before its first frame.
  if (zone_list_.empty() && ready_sent_) zone_list_ = ParseZoneChoices(PageZoneList());
  if (model_.load != LoadState::kLoaded || zones_pending_ > 0) return;
  const Interval visible = SolveRange();
  if (solved_generation_ != model_.solve_generation || !(solved_range_ == visible) || solved_zone_ != model_.viewport.viewer_zone) {
    SolveSuggestions(model_, visible, zones_);
    SyncProposalChoices(model_);
    solved_generation_ = model_.solve_generation;
    solved_range_ = visible;
    solved_zone_ = model_.viewport.viewer_zone;
    model_.explanation.generation = ~std::uint64_t{0};  // re-explain with the new settings
  }
  if (ExplanationStale(model_)) SelectionChanged();
  if (loop_poll_scheduled_ && NowMilliseconds() >= loop_poll_at_ms_) {
    loop_poll_scheduled_ = false;
    SendLoop(loop_poll_);
  }
  if (poll_scheduled_ && NowMilliseconds() >= poll_at_ms_) {
    poll_scheduled_ = false;
    Poll();
  }
  if (CancelDue(model_, NowMilliseconds())) Cancel();  // the undo window has passed
}

void App::OnPageHidden() {
  // The recruiter confirmed the cancel and is leaving before the undo window ends: it goes now (a keepalive request
  // that outlives the page, web/app.js), rather than never.
  if (model_.booking.phase == BookingPhase::kCancelScheduled) Cancel();
}

void App::SelectionChanged() {
  ExplainSelected(model_, zones_);
  if (!model_.selected) return;
  if (last_announced_selection_ != model_.selected) {
    last_announced_selection_ = model_.selected;
    json participants = json::array();
    if (model_.explanation.slot) {
      for (const std::string& sub : model_.explanation.slot->participants) participants.push_back(sub);
    }
    const Instant end = *model_.selected + static_cast<Duration>(model_.settings.duration_minutes) * kSecondsPerMinute;
    EmitPageEvent("slot_selected", DumpJson({{"start", FormatRfc3339(*model_.selected)}, {"end", FormatRfc3339(end)},
                                             {"available", model_.explanation.available}, {"participants", participants}}));
  }
}

ViewContext App::Context() {
  ViewContext context;
  context.viewer = &Viewer();
  context.candidate = Candidate();
  context.clock_now = ClockNow();
  context.cancel_seconds_left = CancelSecondsLeft(model_, NowMilliseconds());
  if (model_.selected != revealed_selection_) {  // a new selection (click, key, suggestion): once into view
    context.reveal = model_.selected;
    revealed_selection_ = model_.selected;
  }
  if (model_.row_cursor != revealed_row_) {  // the keyboard's row moved: once into view (the grid scrolls vertically)
    context.reveal_row = model_.row_cursor;
    revealed_row_ = model_.row_cursor;
  }
  context.grid_has_keyboard = grid_has_keyboard_;
  context.fonts_loading = fonts_loading_;
  context.scale = scale_;
  context.zone_list = &zone_list_;
  const Interval visible = VisibleRange(model_.viewport, *context.viewer);
  for (const Row& row : model_.rows) {
    auto hours = model_.working_hours.find(row.sub);
    if (hours == model_.working_hours.end()) continue;
    const TimeZone* zone = zones_.Find(row.time_zone.empty() ? "UTC" : row.time_zone);
    if (zone) context.working_spans[row.sub] = WorkingSpans(hours->second, *zone, visible);
  }
  return context;
}

void App::Apply(const Intents& intents) {
  const TimeZone& viewer = Viewer();
  bool view_changed = false;
  if (intents.grid_clicked) grid_has_keyboard_ = true;
  // The height at which nothing scrolls, for an auto-height embed (whole CSS pixels; only when it changed).
  if (intents.preferred_height && std::lround(*intents.preferred_height) != emitted_height_) {
    emitted_height_ = std::lround(*intents.preferred_height);
    EmitPageEvent("resize", DumpJson({{"height", emitted_height_}}));
  }
  if (intents.settings) {
    model_.settings = *intents.settings;
    ++model_.solve_generation;
  }
  if (intents.offer_only && model_.candidate_offer) {
    model_.candidate_offer->only_these = *intents.offer_only;
    ++model_.solve_generation;
  }
  for (const auto& [index, kind] : intents.row_kinds) {
    model_.rows[static_cast<std::size_t>(index)].kind = kind;
    model_.rows[static_cast<std::size_t>(index)].included = true;
    ++model_.solve_generation;
  }
  for (const auto& [index, included] : intents.row_included) {
    model_.rows[static_cast<std::size_t>(index)].included = included;
    ++model_.solve_generation;
  }
  if (intents.locale && *intents.locale != model_.locale) {  // the language switch: every text, date and time follows
    model_.locale = *intents.locale;
    ++texts_version_;
    SetDocumentLanguage(LocaleCode(model_.locale));
    ++model_.solve_generation;
  }
  if (intents.toggle_settings) model_.settings_open = !model_.settings_open;
  // The drawer's bar and Escape; a confirmation waiting in the panel keeps it open.
  if (intents.toggle_drawer) model_.drawer_open = !model_.drawer_open || !DrawerMayClose(AttentionOf(model_));
  if (intents.close_drawer && DrawerMayClose(AttentionOf(model_))) model_.drawer_open = false;
  if (intents.find_query) model_.find_query = *intents.find_query;
  if (intents.zone_filter) model_.zone_filter = *intents.zone_filter;
  if (intents.find_pick && *intents.find_pick >= 0 && static_cast<std::size_t>(*intents.find_pick) < model_.rows.size()) {
    // A person found joins the interview; a room found is the one to book (an on-site interview) — and the grid
    // scrolls to its row.
    Row& row = model_.rows[static_cast<std::size_t>(*intents.find_pick)];
    row.included = true;
    if (row.kind == RowKind::kRoom && model_.settings.type == InterviewType::kOnSite) model_.settings.room = row.sub;
    model_.row_cursor = *intents.find_pick;
    model_.find_query.clear();
    ++model_.solve_generation;
  }
  if (intents.clicked_time) SelectTime(model_, *intents.clicked_time, viewer);
  if (intents.selected_suggestion) SelectSuggestion(model_, *intents.selected_suggestion, viewer);
  if (intents.view_mode) { SetViewMode(model_, *intents.view_mode, viewer); view_changed = true; }
  if (intents.shift_view) { ShiftView(model_, intents.shift_view); view_changed = true; }
  if (intents.today) { ShowDayOf(model_, ClockNow(), viewer); view_changed = true; }
  if (intents.candidate_zone) {
    model_.viewport.candidate_zone = *intents.candidate_zone;
    FetchZones();
    ++model_.solve_generation;
  }
  if (intents.swap_zones && !model_.viewport.candidate_zone.empty()) {
    std::swap(model_.viewport.viewer_zone, model_.viewport.candidate_zone);
    ++model_.solve_generation;
  }
  if (intents.relaxation) ApplyRelaxation(model_, *intents.relaxation);
  if (intents.refresh) FetchDocument();
  if (intents.retry) {
    model_.load = LoadState::kLoading;
    FetchDirectory();
  }
  if (intents.open_url) OpenPopup(*intents.open_url);
  if (intents.open_connections) OpenConnections();
  if (intents.dismiss) DismissBookingResult(model_);
  if (intents.book) Book();
  if (intents.changes_confirmed) Book(true);
  if (intents.changes_back) BackFromChanges(model_);
  if (intents.stop_rescheduling) { StopReschedule(model_); FetchDocument(); }
  if (intents.reschedule) { StartReschedule(model_); FetchDocument(); }
  if (intents.cancel) AskToCancel(model_);
  if (intents.cancel_message) SetCancelMessage(model_, *intents.cancel_message);
  if (intents.cancel_confirm) ScheduleCancel(model_, NowMilliseconds());
  if (intents.cancel_keep) KeepInterview(model_);
  if (intents.external_change) ResolveExternalChange(*intents.external_change);
  if (intents.loop_dismiss) DismissLoopBooking(model_);
  if (intents.proposal_start) StartProposal(model_);
  if (intents.proposal_toggle) ToggleProposalOption(model_, *intents.proposal_toggle);
  if (intents.proposal_submit) SubmitProposal();
  if (intents.proposal_back) BackToChoosing(model_);
  if (intents.proposal_close) CloseProposal(model_);
  if (intents.copy_text) {
    CopyToClipboard(*intents.copy_text);
    model_.proposal.copied = true;
  }
  if (view_changed || intents.settings) EnsureDocumentCovers();
  WatchPanel();
}

void App::OnKey(Key key) {
  switch (HandleKey(model_, key, Viewer())) {
    case KeyCommand::kBook: Book(); break;
    case KeyCommand::kSubmitProposal: SubmitProposal(); break;
    case KeyCommand::kViewChanged: EnsureDocumentCovers(); break;
    default: break;
  }
  WatchPanel();
}

void App::Book(bool changes_confirmed) {
  if (model_.settings.loop) return BookLoop();
  // A move that also changes people or length is shown first; the recruiter's "Move and apply" comes back here.
  if (!changes_confirmed && ConfirmChanges(model_)) return;
  BackFromChanges(model_);
  const std::string body = BuildBookingRequest(model_);
  if (body.empty()) return;
  const bool patch = model_.booking.rescheduling && !model_.booking.interview_id.empty();
  StartSubmit(model_, NewIdempotencyKey());
  HttpRequest request{patch ? "PATCH" : "POST", patch ? "/v1/interviews/" + model_.booking.interview_id : "/v1/interviews", body,
                      model_.booking.idempotency_key};
  Fetch(request, [this](int status, std::string_view answer) {
    ApplySubmitResponse(model_, status, answer);
    if (model_.booking.phase == BookingPhase::kPending) {
      poll_scheduled_ = true;
      poll_at_ms_ = NowMilliseconds() + NextPollDelayMs(model_);
    }
  });
}

void App::Poll() {
  if (model_.booking.phase != BookingPhase::kPending) return;
  Fetch(MakeRequest("GET", "/v1/interviews/" + model_.booking.interview_id), [this](int status, std::string_view body) {
    ApplyInterviewResponse(model_, status, body);
    if (model_.booking.phase == BookingPhase::kPending) {
      poll_scheduled_ = true;
      poll_at_ms_ = NowMilliseconds() + NextPollDelayMs(model_);
    } else if (model_.booking.phase == BookingPhase::kConfirmed) {
      FetchDocument();  // the new interview now shows as busy
    }
  });
}

void App::BookLoop() {
  if (!CanBookLoop(model_)) return;
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < model_.explanation.slot->stages.size(); ++i) keys.push_back(NewIdempotencyKey());
  if (StartLoopBooking(model_, keys)) DriveLoop();
}

// Sends the loop's next request (polls after their delay, from BeforeFrame).
void App::DriveLoop() {
  if (loop_poll_scheduled_) return;
  const LoopRequest request = NextLoopRequest(model_);
  if (request.kind == LoopRequest::Kind::kNone) return;
  if (request.delay_ms > 0) {
    loop_poll_ = request;
    loop_poll_scheduled_ = true;
    loop_poll_at_ms_ = NowMilliseconds() + request.delay_ms;
    return;
  }
  SendLoop(request);
}

void App::SendLoop(const LoopRequest& request) {
  MarkLoopRequestSent(model_, request);
  Fetch(MakeRequest(request.method, request.url, request.body, request.idempotency_key), [this, request](int status, std::string_view body) {
    ApplyLoopAnswer(model_, request, status, body);
    if (!LoopBookingInFlight(model_)) {
      FetchDocument();  // what was booked (or cancelled) shows in the grid
      return;
    }
    DriveLoop();
  });
}

void App::SubmitProposal() {
  const std::string body = BuildProposalRequest(model_);
  if (body.empty()) return;
  // The same body after a network or server failure goes out again under the same key; anything else is new.
  const bool reuse = model_.proposal.retry_same_key && !model_.proposal.idempotency_key.empty();
  StartProposalSubmit(model_, reuse ? model_.proposal.idempotency_key : NewIdempotencyKey());
  Fetch(MakeRequest("POST", "/v1/proposals", body, model_.proposal.idempotency_key),
        [this](int status, std::string_view answer) { ApplyProposalResponse(model_, status, answer); });
}

void App::ResolveExternalChange(const std::string& action) {
  if (model_.booking.interview_id.empty() || BookingInFlight(model_.booking.phase)) return;
  StartResolveExternalChange(model_, NewIdempotencyKey());
  Fetch(MakeRequest("POST", "/v1/interviews/" + model_.booking.interview_id + "/external_change",
                    DumpJson({{"action", action}}), model_.booking.idempotency_key),
        [this](int status, std::string_view answer) {
          ApplyResolveExternalChangeResponse(model_, status, answer);
          if (model_.booking.phase == BookingPhase::kPending) {
            poll_scheduled_ = true;
            poll_at_ms_ = NowMilliseconds() + NextPollDelayMs(model_);
          } else if (model_.booking.phase == BookingPhase::kCancelled) {
            FetchDocument();
          }
        });
}

void App::Cancel() {
  StartCancel(model_);
  if (model_.booking.phase != BookingPhase::kCancelling) return;
  Fetch(MakeRequest("DELETE", "/v1/interviews/" + model_.booking.interview_id, CancelRequestBody(model_)), [this](int status, std::string_view body) {
    ApplyCancelResponse(model_, status, body);
    if (model_.booking.phase == BookingPhase::kCancelled) FetchDocument();
  });
}

void App::AfterFrame() {
  const std::string live = LiveSummary(model_, Viewer(), Candidate());
  if (live != last_live_) {
    last_live_ = live;
    SetLiveText(live);
  }
  if (!ready_sent_ && model_.load == LoadState::kLoaded && solved_generation_ == model_.solve_generation) {
    ready_sent_ = true;
    EmitPageEvent("ready", DumpJson({{"rows", model_.rows.size()}, {"suggestions", model_.suggestions.size()},
                                     {"locale", LocaleCode(model_.locale)}, {"time_zone", model_.viewport.viewer_zone}}));
  }
  if (model_.load == LoadState::kFailed && model_.error != last_error_) {
    last_error_ = model_.error;
    EmitPageEvent("error", DumpJson({{"code", codes::kLoadFailed}, {"message", model_.error}}));
  }
  if (model_.loop_booking.phase != last_loop_phase_) {
    last_loop_phase_ = model_.loop_booking.phase;
    const LoopBooking& loop = model_.loop_booking;
    json stages = json::array();
    for (const StageBooking& stage : loop.stages) {
      stages.push_back({{"stage", stage.stage_id}, {"interview_id", stage.interview_id}, {"start", FormatRfc3339(stage.when.start)},
                        {"end", FormatRfc3339(stage.when.end)}, {"error", stage.error_code}});
    }
    if (loop.phase == LoopBookingPhase::kConfirmed) {
      EmitPageEvent("loop_booked", DumpJson({{"stages", stages}}));
    } else if (loop.phase == LoopBookingPhase::kRolledBack || loop.phase == LoopBookingPhase::kRollbackIncomplete) {
      EmitPageEvent("error", DumpJson({{"code", loop.phase == LoopBookingPhase::kRolledBack ? "loop_rolled_back" : "loop_rollback_incomplete"},
                                       {"message", DescribeLoopBooking(model_)}, {"stages", stages}}));
    }
  }
  if (model_.proposal.phase != last_proposal_phase_) {
    last_proposal_phase_ = model_.proposal.phase;
    const Proposal& proposal = model_.proposal;
    if (proposal.phase == ProposalPhase::kCreated) {
      json options = json::array();
      for (const ProposalOption& option : proposal.options) {
        options.push_back({{"start", FormatRfc3339(option.when.start)}, {"end", FormatRfc3339(option.when.end)}, {"available", option.available}});
      }
      EmitPageEvent("proposal_created", DumpJson({{"proposal_id", proposal.proposal_id}, {"candidate_url", proposal.candidate_url},
                                                  {"expires_at", proposal.expires_at}, {"options", options}}));
      ScheduleProposalWatch();
    } else if (proposal.phase == ProposalPhase::kFailed) {
      EmitPageEvent("error", DumpJson({{"code", proposal.error_code}, {"message", proposal.message}}));
    }
  }
  const std::string status = model_.booking.status + "/" + std::to_string(static_cast<int>(model_.booking.phase));
  if (status != last_booking_status_) {
    last_booking_status_ = status;
    const Booking& booking = model_.booking;
    if (booking.phase == BookingPhase::kConfirmed) {
      json detail = {{"interview_id", booking.interview_id}, {"status", booking.status},
                     {"start", FormatRfc3339(booking.when.start)}, {"end", FormatRfc3339(booking.when.end)},
                     {"join_url", booking.join_url}};
      if (booking.moved_from) {
        detail["moved_from"] = {{"start", FormatRfc3339(booking.moved_from->start)}, {"end", FormatRfc3339(booking.moved_from->end)}};
      }
      EmitPageEvent("booked", DumpJson(detail));
    } else if (booking.phase == BookingPhase::kFailed) {
      EmitPageEvent("error", DumpJson({{"code", booking.error_code}, {"message", booking.message}}));
    } else if (booking.phase == BookingPhase::kCancelled) {
      EmitPageEvent("cancelled", DumpJson({{"interview_id", booking.interview_id}}));
    }
  }
}

}  // namespace slotwise::widget
