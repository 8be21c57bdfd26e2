// widget_i18n.h — every user-visible string of the widget in English, German, Japanese, Dutch, French, Spanish,
// Italian, Portuguese, Chinese (simplified) and Korean.
//
// `Tr(locale, id)` returns the string (UTF-8, static storage). `Format(locale, id, {args})` replaces "{0}", "{1}", …
// with the arguments. Every id has all ten translations and the same placeholders in each (tests check both).
// The engine's explanations and relaxations are worded here from their codes and parameters (widget_solve keeps them
// as values), so the viewer reads them in their own language; the engine's English message is the fallback for a
// code this table does not know.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "state/widget_model.h"

namespace slotwise::widget {

enum class StringId {
  kTitle, kLoading, kLoadingFont, kLoadFailed, kRetry,
  kDay, kWeek, kPrevious, kNext, kToday,
  kDuration, kBufferBefore, kBufferAfter, kMinutes, kStartInterval, kNotice, kRanking,
  kRankEarliest, kRankBalanced, kRankCandidate,
  kInterviewType, kOnSite, kGoogleMeet, kZoom, kTeams, kGoTo,
  kHostAccount, kAnyHost, kRoom, kAnyRoom, kNoHostAccounts,
  kInterviewers, kObservers, kRooms, kVideoHosts, kIncluded, kObserverRole, kNotInvited, kIncludeRow, kRoleOf, kSwapZones,
  kPreviousName, kNextName, kRefreshName,
  kFindHint, kFindNothing, kFindFree, kFindBusy, kFindAdded, kFindZoneHint, kLanguage, kSettings,
  kTimeZones, kYourTime, kCandidateTime, kCandidateZone, kNoCandidateZone,
  kSuggestions, kNoSuggestions, kSuggestionsCount,
  kWhyTitle, kClickToExplain, kSelectionIsBooked, kAvailable, kNotAvailable, kPasscodeYes, kPasscodeNo,
  kPasscodeAdminLocked, kPasscodePersonal, kPasscodeUnlocked, kPasscodeNotRequired, kHostWarning, kWhatWouldHelp,
  kBook, kBookAt, kSubmitting, kPending, kConfirmed, kFailed, kReschedule, kRescheduleTo, kCancelInterview,
  kCancelling, kCancelled, kCancelQuestion, kCancelMessage, kCancelConfirm, kKeepInterview, kCancelScheduled, kUndo,
  kTwoWeeks, kMovingBanner, kKeepBookedTime, kMoveAlsoChanges, kChangeAdded, kChangeRemoved, kChangeDuration, kMoveAndApply,
  kBackToTimes, kMovedFromTo, kBookedTimeLabel,
  kJoinLink, kPasscode, kCreated, kCreatedMeeting, kCreatedEvent, kCreatedInvite,
  kCreatedRoom, kViolations, kSlotTaken, kBookingInvalid, kNetworkError, kTokenExpired,
  kConnectionProblems, kReconnect, kGrantConsent, kConnections, kReauthNeeded, kConsentRequired, kChangedExternally,
  kMovedExternally, kDeletedExternally, kRoomDeclinedExternally, kAcceptMove, kRestoreBooked, kAcceptRoomDeclined,
  kRestoreRoom, kAcceptDeletion, kChangedExternallyHint, kAttendeeRemoved, kAttendeeAdded, kAttendeeDeclined,
  kAcceptAttendees, kRestoreAttendees,
  kLegendBusy, kLegendTentative, kLegendOof, kLegendElsewhere, kLegendWorkingHours, kNow, kFreeBusyUnknown,
  kLoop, kStage, kAddStage, kRemoveStage, kMaxGap, kLoopSuggestion,
  kSolveError, kNoInterviewer, kKeyboardHelp,
  // Reasons (widget_solve Reason codes) and relaxations.
  kReasonBusy, kReasonTentative, kReasonOof, kReasonBuffer, kReasonOutsideHours, kReasonGroupShort,
  kReasonLoadDay, kReasonLoadWeek, kReasonNotice, kReasonRoomsShort, kReasonRoomBusy, kReasonRoomCapacity,
  kReasonHostsShort, kReasonHostBusy, kReasonFreeBusyUnknown, kReasonCandidateHours, kRuleHostAbsent,
  kRuleWaitingRoom, kRuleLobby,
  kRelaxDropMember, kRelaxLowerRequired, kRelaxAcceptTentative, kRelaxHalveBuffers, kRelaxZeroBuffers,
  kRelaxDropRooms, kRelaxDropConferencing, kRelaxWarnHostRule, kRelaxAddHostOwner, kRelaxHalveNotice,
  kRelaxZeroNotice, kRelaxCandidateHours, kRelaxOther,
  // The live region (screen readers).
  kLiveLoading, kLiveSelected, kLiveSelectedUnavailable, kLiveSuggestions, kLiveBooked, kLiveBookingFailed,
  kLiveWhatWouldHelp,
  // Propose times (widget_proposal).
  kProposeTimes, kProposalChoose, kProposalSend, kProposalSending, kProposalCreated, kProposalLink, kCopyLink,
  kCopied, kProposalValidUntil, kProposalOptionGone, kProposalFailed, kProposalBack, kClose, kProposalNeedsCandidate,
  kProposalTooFew, kProposalNoLoops, kLiveProposalChoosing, kLiveProposalCreated, kLiveProposalTicked,
  kLiveProposalUnticked, kProposalAnswerPicked, kProposalAnswerDeclined, kProposalAnswerExpired,
  // Booking a loop (widget_loop_booking).
  kNoLoopAtTime, kBookLoop, kLoopBooking, kLoopBooked, kLoopRollingBack, kLoopRolledBack, kLoopRollbackIncomplete,
  kStageWaiting, kStageSubmitting, kStagePending, kStageConfirmed, kStageRefused, kStageFailed, kStageSkipped,
  kStageCancelling, kStageCancelled, kStageCancelFailed,
  // The candidate's own times (a declined proposal).
  kOfferRow, kOfferNotice, kOfferOnly, kReasonOutsideOffer, kNoOfferedTime,
  kCount
};

// "de", "de-DE", "ja", "nl-NL", "fr", "es", "it", "pt-BR", "zh-CN", "ko", … ; anything else -> kEn (slotwise/locale.h)
using slotwise::ParseLocale;
// Every locale, in the language switch's order, with its name in its own language ("Deutsch", "日本語", …).
inline constexpr Locale kLocales[] = {Locale::kEn, Locale::kDe, Locale::kFr, Locale::kEs, Locale::kIt,
                                      Locale::kPt, Locale::kNl, Locale::kJa, Locale::kZh, Locale::kKo};
const char* LanguageName(Locale locale);
// Every string of `locale` (what a font for that language must draw).
std::vector<std::string_view> LocaleTexts(Locale locale);
const char* LocaleCode(Locale locale);       // "en", "de", "ja", "nl"

// A row's kind as the grid's role switch and the find results name it ("Interviewer", "Observer", "Room", …).
const char* RowKindLabel(Locale locale, RowKind kind);

const char* Tr(Locale locale, StringId id);

// Tr with "{0}", "{1}", … replaced by `args` (missing arguments leave the placeholder as is).
std::string Format(Locale locale, StringId id, std::initializer_list<std::string_view> args);

}  // namespace slotwise::widget
