// widget_i18n.cpp — see widget_i18n.h. One row per string: English, German, Japanese, Dutch.
#include "state/widget_i18n.h"

#include <array>

namespace slotwise::widget {

namespace {

struct Entry {
  StringId id;
  const char* text[4];  // en, de, ja, nl
};

// clang-format off
constexpr Entry kTable[] = {
  {StringId::kTitle, {"Scheduling assistant", "Terminplanungs-Assistent", "日程調整アシスタント", "Planningsassistent"}},
  {StringId::kLoading, {"Loading calendars…", "Kalender werden geladen…", "カレンダーを読み込んでいます…", "Agenda's laden…"}},
  {StringId::kLoadingFont, {"Loading Japanese font…", "Japanische Schrift wird geladen…", "日本語フォントを読み込んでいます…", "Japans lettertype laden…"}},
  {StringId::kLoadFailed, {"Could not load calendars: {0}", "Kalender konnten nicht geladen werden: {0}", "カレンダーを読み込めませんでした: {0}", "Agenda's konden niet worden geladen: {0}"}},
  {StringId::kRetry, {"Retry", "Erneut versuchen", "再試行", "Opnieuw"}},
  {StringId::kDay, {"Day", "Tag", "日", "Dag"}},
  {StringId::kWeek, {"Week", "Woche", "週", "Week"}},
  {StringId::kPrevious, {"< Previous", "< Zurück", "< 前へ", "< Vorige"}},
  {StringId::kNext, {"Next >", "Weiter >", "次へ >", "Volgende >"}},
  {StringId::kToday, {"Today", "Heute", "今日", "Vandaag"}},
  {StringId::kDuration, {"Duration", "Dauer", "所要時間", "Duur"}},
  {StringId::kBufferBefore, {"Buffer before", "Puffer davor", "前のバッファ", "Buffer vooraf"}},
  {StringId::kBufferAfter, {"Buffer after", "Puffer danach", "後のバッファ", "Buffer achteraf"}},
  {StringId::kMinutes, {"{0} min", "{0} Min.", "{0}分", "{0} min"}},
  {StringId::kStartInterval, {"Start every", "Beginn alle", "開始間隔", "Start elke"}},
  {StringId::kNotice, {"Minimum notice", "Mindestvorlauf", "最短リードタイム", "Minimale aankondiging"}},
  {StringId::kRanking, {"Order", "Reihenfolge", "並び順", "Volgorde"}},
  {StringId::kRankEarliest, {"Earliest first", "Früheste zuerst", "早い順", "Vroegste eerst"}},
  {StringId::kRankBalanced, {"Balance interviewer load", "Last der Interviewer ausgleichen", "面接官の負荷を平準化", "Belasting interviewers spreiden"}},
  {StringId::kRankCandidate, {"Candidate-friendly times", "Kandidatenfreundliche Zeiten", "候補者に優しい時間", "Kandidaatvriendelijke tijden"}},
  {StringId::kInterviewType, {"Interview type", "Interviewart", "面接形式", "Type gesprek"}},
  {StringId::kOnSite, {"On site (room)", "Vor Ort (Raum)", "対面（会議室）", "Op locatie (ruimte)"}},
  {StringId::kGoogleMeet, {"Google Meet", "Google Meet", "Google Meet", "Google Meet"}},
  {StringId::kZoom, {"Zoom", "Zoom", "Zoom", "Zoom"}},
  {StringId::kTeams, {"Microsoft Teams", "Microsoft Teams", "Microsoft Teams", "Microsoft Teams"}},
  {StringId::kGoTo, {"GoToMeeting", "GoToMeeting", "GoToMeeting", "GoToMeeting"}},
  {StringId::kHostAccount, {"Host account", "Host-Konto", "ホストアカウント", "Hostaccount"}},
  {StringId::kAnyHost, {"Any linked account", "Beliebiges verknüpftes Konto", "連携済みのいずれかのアカウント", "Elk gekoppeld account"}},
  {StringId::kRoom, {"Room", "Raum", "会議室", "Ruimte"}},
  {StringId::kAnyRoom, {"Any room that fits", "Beliebiger passender Raum", "空いている会議室", "Elke passende ruimte"}},
  {StringId::kNoHostAccounts, {"No linked host accounts: the organiser's account is used.", "Keine verknüpften Host-Konten: Das Konto des Organisators wird verwendet.", "連携済みのホストアカウントがありません。主催者のアカウントを使用します。", "Geen gekoppelde hostaccounts: het account van de organisator wordt gebruikt."}},
  {StringId::kInterviewers, {"Interviewers", "Interviewer", "面接官", "Interviewers"}},
  {StringId::kObservers, {"Observers", "Beobachter", "オブザーバー", "Waarnemers"}},
  {StringId::kRooms, {"Rooms", "Räume", "会議室", "Ruimtes"}},
  {StringId::kVideoHosts, {"Video host accounts", "Video-Host-Konten", "ビデオホストアカウント", "Videohostaccounts"}},
  {StringId::kIncluded, {"Interviewer", "Interviewer", "面接官", "Interviewer"}},
  {StringId::kObserverRole, {"Observer", "Beobachter", "オブザーバー", "Waarnemer"}},
  {StringId::kNotInvited, {"Not invited", "Nicht eingeladen", "招待しない", "Niet uitgenodigd"}},
  // Accessible names of controls the canvas shows without words or with symbols (the row's checkbox, its role switch,
  // ⇄, < >, ↻).
  {StringId::kIncludeRow, {"Include {0}", "{0} einbeziehen", "{0}を含める", "{0} meenemen"}},
  {StringId::kRoleOf, {"Role of {0}", "Rolle von {0}", "{0}の役割", "Rol van {0}"}},
  {StringId::kSwapZones, {"Swap the two time zones", "Die beiden Zeitzonen tauschen", "2つのタイムゾーンを入れ替える",
                          "De twee tijdzones omwisselen"}},
  // Finding things (widget_find).
  {StringId::kFindHint, {"Find people and rooms…", "Personen und Räume suchen…", "人や会議室を検索…", "Personen en ruimtes zoeken…"}},
  {StringId::kFindNothing, {"Nothing found", "Nichts gefunden", "見つかりません", "Niets gevonden"}},
  {StringId::kFindFree, {"free", "frei", "空き", "vrij"}},
  {StringId::kFindBusy, {"busy", "belegt", "予定あり", "bezet"}},
  {StringId::kFindAdded, {"added", "dabei", "追加済み", "toegevoegd"}},
  {StringId::kFindZoneHint, {"City, zone or offset…", "Stadt, Zone oder Versatz…", "都市・タイムゾーン・時差…",
                             "Stad, zone of verschil…"}},
  {StringId::kLanguage, {"Language", "Sprache", "言語", "Taal"}},
  {StringId::kPreviousName, {"Previous", "Zurück", "前へ", "Vorige"}},
  {StringId::kNextName, {"Next", "Weiter", "次へ", "Volgende"}},
  {StringId::kRefreshName, {"Refresh free/busy", "Verfügbarkeiten neu laden", "空き状況を更新", "Beschikbaarheid vernieuwen"}},
  {StringId::kTimeZones, {"Time zones", "Zeitzonen", "タイムゾーン", "Tijdzones"}},
  {StringId::kYourTime, {"Your time ({0})", "Ihre Zeit ({0})", "あなたの時間（{0}）", "Uw tijd ({0})"}},
  {StringId::kCandidateTime, {"Candidate ({0})", "Kandidat ({0})", "候補者（{0}）", "Kandidaat ({0})"}},
  {StringId::kCandidateZone, {"Candidate's time zone", "Zeitzone des Kandidaten", "候補者のタイムゾーン", "Tijdzone kandidaat"}},
  {StringId::kNoCandidateZone, {"(none)", "(keine)", "（なし）", "(geen)"}},
  {StringId::kSuggestions, {"Suggestions", "Vorschläge", "候補日時", "Suggesties"}},
  {StringId::kNoSuggestions, {"No time fits. See what would help below.", "Kein Termin passt. Was helfen würde, steht unten.", "条件に合う時間がありません。下の改善案をご覧ください。", "Geen tijd past. Hieronder staat wat zou helpen."}},
  {StringId::kSuggestionsCount, {"{0} possible start times", "{0} mögliche Startzeiten", "開始可能な時間: {0}件", "{0} mogelijke begintijden"}},
  {StringId::kWhyTitle, {"Why this time?", "Warum dieser Termin?", "この時間について", "Waarom dit tijdstip?"}},
  {StringId::kClickToExplain, {"Click any time in the grid (or use the arrow keys) to see why it is or is not possible.", "Klicken Sie auf eine Zeit im Raster (oder nutzen Sie die Pfeiltasten), um zu sehen, warum sie möglich ist oder nicht.", "グリッドの時間をクリック（または矢印キー）すると、可否の理由が表示されます。", "Klik op een tijd in het raster (of gebruik de pijltjestoetsen) om te zien waarom die wel of niet kan."}},
  {StringId::kSelectionIsBooked, {"This is the interview you are booking; its state is shown below.", "Dies ist das Interview, das Sie gerade buchen; sein Stand steht unten.", "これは予約中の面接です。状態は下に表示されます。", "Dit is het gesprek dat u boekt; de stand ervan staat hieronder."}},
  {StringId::kAvailable, {"Possible: {0}", "Möglich: {0}", "可能: {0}", "Mogelijk: {0}"}},
  {StringId::kNotAvailable, {"Not possible: {0}", "Nicht möglich: {0}", "不可: {0}", "Niet mogelijk: {0}"}},
  {StringId::kPasscodeYes, {"The meeting on {0} gets a passcode", "Das Meeting über {0} erhält einen Kenncode", "{0} の会議にはパスコードが付きます", "De vergadering via {0} krijgt een toegangscode"}},
  {StringId::kPasscodeNo, {"The meeting on {0} has no passcode", "Das Meeting über {0} hat keinen Kenncode", "{0} の会議にはパスコードが付きません", "De vergadering via {0} heeft geen toegangscode"}},
  {StringId::kPasscodeAdminLocked, {"(required and locked by the admin)", "(vom Admin vorgeschrieben und gesperrt)", "（管理者によって必須に固定）", "(verplicht en vergrendeld door de beheerder)"}},
  {StringId::kPasscodePersonal, {"(personal accounts always have one)", "(persönliche Konten haben immer einen)", "（個人アカウントは常に必要）", "(persoonlijke accounts hebben er altijd een)"}},
  {StringId::kPasscodeUnlocked, {"(the account's setting is not locked, so it is not applied)", "(die Einstellung ist nicht gesperrt und wird daher nicht angewendet)", "（設定がロックされていないため適用されません）", "(de instelling is niet vergrendeld en wordt dus niet toegepast)"}},
  {StringId::kPasscodeNotRequired, {"(not required by the account)", "(vom Konto nicht verlangt)", "（アカウントで不要）", "(niet vereist door het account)"}},
  {StringId::kHostWarning, {"Warning: {0}", "Warnung: {0}", "警告: {0}", "Waarschuwing: {0}"}},
  {StringId::kWhatWouldHelp, {"What would help", "Was helfen würde", "改善案", "Wat zou helpen"}},
  {StringId::kBook, {"Book", "Buchen", "予約", "Boeken"}},
  {StringId::kBookAt, {"Book {0}", "{0} buchen", "{0} で予約", "{0} boeken"}},
  {StringId::kSubmitting, {"Sending the booking…", "Buchung wird gesendet…", "予約を送信しています…", "Boeking wordt verzonden…"}},
  {StringId::kPending, {"Creating meeting, calendar event and invitation… ({0})", "Meeting, Kalendereintrag und Einladung werden erstellt… ({0})", "会議・予定・招待状を作成しています…（{0}）", "Vergadering, agenda-item en uitnodiging worden gemaakt… ({0})"}},
  {StringId::kConfirmed, {"Booked: {0}", "Gebucht: {0}", "予約済み: {0}", "Geboekt: {0}"}},
  {StringId::kFailed, {"Booking failed: {0}", "Buchung fehlgeschlagen: {0}", "予約に失敗しました: {0}", "Boeking mislukt: {0}"}},
  {StringId::kReschedule, {"Reschedule", "Verschieben", "日程変更", "Verzetten"}},
  {StringId::kRescheduleTo, {"Move to {0}", "Verschieben auf {0}", "{0} に変更", "Verzetten naar {0}"}},
  {StringId::kCancelInterview, {"Cancel interview", "Interview absagen", "面接をキャンセル", "Gesprek annuleren"}},
  {StringId::kCancelQuestion, {"Cancel the interview on {0}? Everyone taking part is told, the candidate too.",
                               "Das Interview am {0} absagen? Alle Beteiligten erfahren es, auch der Kandidat.",
                               "{0}の面接をキャンセルしますか？候補者を含む参加者全員に通知されます。",
                               "Het gesprek op {0} annuleren? Alle deelnemers horen het, ook de kandidaat."}},
  {StringId::kCancelMessage, {"Message to the candidate (optional):", "Nachricht an den Kandidaten (optional):",
                             "候補者へのメッセージ（任意）：", "Bericht aan de kandidaat (optioneel):"}},
  {StringId::kCancelConfirm, {"Cancel the interview", "Interview absagen", "キャンセルする", "Gesprek annuleren"}},
  {StringId::kKeepInterview, {"Keep it", "Nicht absagen", "キャンセルしない", "Niet annuleren"}},
  {StringId::kCancelScheduled, {"The interview will be cancelled in {0} s. Nothing has been sent yet.",
                                "Das Interview wird in {0} s abgesagt. Noch ist nichts verschickt.",
                                "{0}秒後に面接をキャンセルします。まだ何も送信していません。",
                                "Het gesprek wordt over {0} s geannuleerd. Er is nog niets verstuurd."}},
  {StringId::kUndo, {"Undo", "Rückgängig", "元に戻す", "Ongedaan maken"}},
  {StringId::kTwoWeeks, {"2 weeks", "2 Wochen", "2週間", "2 weken"}},
  {StringId::kMovingBanner, {"Moving the interview of {0}. Choose its new time.",
                             "Das Interview am {0} wird verschoben. Wählen Sie die neue Zeit.",
                             "{0}の面接を移動しています。新しい時間を選んでください。",
                             "Het gesprek op {0} wordt verplaatst. Kies de nieuwe tijd."}},
  {StringId::kKeepBookedTime, {"Keep the booked time", "Gebuchte Zeit behalten", "予約済みの時間のままにする", "Geboekte tijd houden"}},
  {StringId::kMoveAlsoChanges, {"Moving it also changes:", "Das Verschieben ändert außerdem:", "移動すると次も変わります：",
                                "Verplaatsen wijzigt ook:"}},
  {StringId::kChangeAdded, {"{0} is added ({1})", "{0} kommt hinzu ({1})", "{0}が加わります（{1}）", "{0} wordt toegevoegd ({1})"}},
  {StringId::kChangeRemoved, {"{0} is removed ({1})", "{0} wird entfernt ({1})", "{0}が外れます（{1}）", "{0} wordt verwijderd ({1})"}},
  {StringId::kChangeDuration, {"Length {0} → {1} min", "Dauer {0} → {1} Min.", "所要時間 {0}分 → {1}分", "Duur {0} → {1} min"}},
  {StringId::kMoveAndApply, {"Move and apply these changes", "Verschieben und Änderungen übernehmen", "移動して変更を適用",
                             "Verplaatsen en wijzigingen toepassen"}},
  {StringId::kBackToTimes, {"Back", "Zurück", "戻る", "Terug"}},
  {StringId::kMovedFromTo, {"Moved from {0} to {1}. Everyone, including the candidate, was updated.",
                            "Verschoben von {0} auf {1}. Alle, auch der Kandidat, wurden informiert.",
                            "{0}から{1}に移動しました。候補者を含む全員に更新を送りました。",
                            "Verplaatst van {0} naar {1}. Iedereen, ook de kandidaat, is bijgewerkt."}},
  {StringId::kBookedTimeLabel, {"booked", "gebucht", "予約済み", "geboekt"}},
  {StringId::kCancelling, {"Cancelling…", "Wird abgesagt…", "キャンセルしています…", "Annuleren…"}},
  {StringId::kCancelled, {"Cancelled. Everyone, including the candidate, was notified.", "Abgesagt. Alle, auch der Kandidat, wurden benachrichtigt.", "キャンセルしました。候補者を含む全員に通知しました。", "Geannuleerd. Iedereen, ook de kandidaat, is op de hoogte gebracht."}},
  {StringId::kJoinLink, {"Join link", "Teilnahmelink", "参加リンク", "Deelnamelink"}},
  {StringId::kPasscode, {"Passcode", "Kenncode", "パスコード", "Toegangscode"}},
  {StringId::kCreated, {"Created", "Erstellt", "作成済み", "Aangemaakt"}},
  {StringId::kCreatedMeeting, {"Video meeting {0}", "Video-Meeting {0}", "ビデオ会議 {0}", "Videovergadering {0}"}},
  {StringId::kCreatedEvent, {"Calendar event in {0}'s calendar", "Kalendereintrag im Kalender von {0}", "{0} のカレンダーに予定", "Agenda-item in de agenda van {0}"}},
  {StringId::kCreatedInvite, {"Separate invitation to the candidate ({0})", "Separate Einladung an den Kandidaten ({0})", "候補者への個別の招待状（{0}）", "Aparte uitnodiging aan de kandidaat ({0})"}},
  {StringId::kCreatedRoom, {"Room {0} booked", "Raum {0} gebucht", "会議室 {0} を予約", "Ruimte {0} geboekt"}},
  {StringId::kViolations, {"The server refused the time:", "Der Server hat den Termin abgelehnt:", "サーバーがこの時間を拒否しました:", "De server heeft het tijdstip geweigerd:"}},
  {StringId::kSlotTaken, {"Someone booked this time a moment ago. Pick another time.", "Jemand hat diesen Termin gerade gebucht. Wählen Sie eine andere Zeit.", "この時間はたった今ほかの予約で埋まりました。別の時間を選んでください。", "Iemand heeft dit tijdstip zojuist geboekt. Kies een andere tijd."}},
  {StringId::kBookingInvalid, {"This booking breaks a rule:", "Diese Buchung verletzt eine Regel:", "この予約はルールに違反しています:", "Deze boeking breekt een regel:"}},
  {StringId::kNetworkError, {"The Slotwise server could not be reached.", "Der Slotwise-Server ist nicht erreichbar.", "Slotwise サーバーに接続できません。", "De Slotwise-server is niet bereikbaar."}},
  {StringId::kTokenExpired, {"Your session has expired. Reload the page.", "Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu.", "セッションの有効期限が切れました。ページを再読み込みしてください。", "Uw sessie is verlopen. Laad de pagina opnieuw."}},
  {StringId::kConnectionProblems, {"Connection problems", "Verbindungsprobleme", "接続の問題", "Verbindingsproblemen"}},
  {StringId::kReconnect, {"Reconnect {0}", "{0} neu verbinden", "{0} を再接続", "{0} opnieuw verbinden"}},
  {StringId::kConnections, {"Your connections…", "Ihre Verbindungen…", "接続の管理…", "Uw verbindingen…"}},
  {StringId::kMovedExternally, {"Moved to {0} (booked for {1}).", "Verschoben auf {0} (gebucht für {1}).",
                                "{0} に移動されました（予約は {1}）。", "Verplaatst naar {0} (geboekt voor {1})."}},
  {StringId::kDeletedExternally, {"Deleted from the calendar (booked for {0}).", "Aus dem Kalender gelöscht (gebucht für {0}).",
                                  "カレンダーから削除されました（予約は {0}）。", "Uit de agenda verwijderd (geboekt voor {0})."}},
  {StringId::kRoomDeclinedExternally, {"The room declined the booking.", "Der Raum hat die Buchung abgelehnt.",
                                       "会議室が予約を辞退しました。", "De ruimte heeft de boeking afgewezen."}},
  {StringId::kChangedExternally, {"Changed outside Slotwise:", "Außerhalb von Slotwise geändert:",
                                  "Slotwise の外で変更されました:", "Buiten Slotwise gewijzigd:"}},
  {StringId::kAcceptMove, {"Keep the new time (updates the candidate)", "Neue Zeit übernehmen (Kandidat wird informiert)",
                           "新しい時間を採用（候補者に通知）", "Nieuwe tijd overnemen (informeert de kandidaat)"}},
  {StringId::kRestoreBooked, {"Move it back to the booked time", "Auf die gebuchte Zeit zurücksetzen", "予約した時間に戻す",
                              "Terugzetten naar de geboekte tijd"}},
  {StringId::kAcceptRoomDeclined, {"Keep it without the room", "Ohne Raum beibehalten", "会議室なしで続ける",
                                   "Zonder ruimte behouden"}},
  {StringId::kRestoreRoom, {"Book the room again", "Raum erneut buchen", "会議室をもう一度予約", "Ruimte opnieuw boeken"}},
  {StringId::kAcceptDeletion, {"Cancel the interview (tells the candidate)", "Interview absagen (Kandidat wird informiert)",
                               "面接をキャンセル（候補者に通知）", "Gesprek annuleren (informeert de kandidaat)"}},
  {StringId::kAttendeeRemoved, {"{0} was removed from the event.", "{0} wurde aus dem Termin entfernt.",
                                "{0} が予定から外されました。", "{0} is uit de afspraak verwijderd."}},
  {StringId::kAttendeeAdded, {"{0} was added to the event.", "{0} wurde zum Termin hinzugefügt.",
                              "{0} が予定に追加されました。", "{0} is aan de afspraak toegevoegd."}},
  {StringId::kAttendeeDeclined, {"{0} declined.", "{0} hat abgesagt.", "{0} が辞退しました。", "{0} heeft afgeslagen."}},
  {StringId::kAcceptAttendees, {"Keep these people (updates the candidate)", "Diese Personen übernehmen (Kandidat wird informiert)",
                                "この参加者で確定（候補者に通知）", "Deze personen overnemen (informeert de kandidaat)"}},
  {StringId::kRestoreAttendees, {"Invite the booked people again", "Gebuchte Personen erneut einladen",
                                 "予約した参加者を再招待", "Geboekte personen opnieuw uitnodigen"}},
  {StringId::kChangedExternallyHint, {"Or pick another time to reschedule.", "Oder wählen Sie eine andere Zeit zum Verschieben.",
                                      "または別の時間を選んで変更できます。", "Of kies een andere tijd om te verplaatsen."}},
  {StringId::kGrantConsent, {"Grant access to {0}", "Zugriff auf {0} erlauben", "{0} へのアクセスを許可", "Toegang tot {0} verlenen"}},
  {StringId::kReauthNeeded, {"{0}: the sign-in has expired.", "{0}: Die Anmeldung ist abgelaufen.", "{0}: サインインの有効期限が切れています。", "{0}: de aanmelding is verlopen."}},
  {StringId::kConsentRequired, {"{0}: an administrator must grant consent.", "{0}: Ein Administrator muss zustimmen.", "{0}: 管理者の同意が必要です。", "{0}: een beheerder moet toestemming geven."}},
  {StringId::kLegendBusy, {"Busy", "Beschäftigt", "予定あり", "Bezet"}},
  {StringId::kLegendTentative, {"Tentative", "Mit Vorbehalt", "仮予定", "Voorlopig"}},
  {StringId::kLegendOof, {"Out of office", "Abwesend", "不在", "Afwezig"}},
  {StringId::kLegendElsewhere, {"Working elsewhere", "Anderswo tätig", "別の場所で勤務", "Werkt elders"}},
  {StringId::kLegendWorkingHours, {"Working hours", "Arbeitszeit", "勤務時間", "Werktijden"}},
  {StringId::kFreeBusyUnknown, {"Free/busy unknown", "Verfügbarkeit unbekannt", "空き状況不明", "Beschikbaarheid onbekend"}},
  {StringId::kNow, {"now", "jetzt", "現在", "nu"}},
  {StringId::kLoop, {"Interview loop (several stages)", "Interview-Runde (mehrere Stufen)", "連続面接（複数ステージ）", "Gespreksronde (meerdere stappen)"}},
  {StringId::kStage, {"Stage {0}", "Stufe {0}", "ステージ {0}", "Stap {0}"}},
  {StringId::kAddStage, {"Add stage", "Stufe hinzufügen", "ステージを追加", "Stap toevoegen"}},
  {StringId::kRemoveStage, {"Remove", "Entfernen", "削除", "Verwijderen"}},
  {StringId::kMaxGap, {"Max. gap before", "Max. Abstand davor", "前との最大間隔", "Max. pauze vooraf"}},
  {StringId::kLoopSuggestion, {"{0}: {1} with {2}", "{0}: {1} mit {2}", "{0}: {1}（{2}）", "{0}: {1} met {2}"}},
  {StringId::kSolveError, {"These settings cannot be solved: {0}", "Diese Einstellungen sind nicht lösbar: {0}", "この設定では計算できません: {0}", "Deze instellingen zijn niet op te lossen: {0}"}},
  {StringId::kNoInterviewer, {"Choose at least one interviewer.", "Wählen Sie mindestens einen Interviewer.", "面接官を1人以上選んでください。", "Kies ten minste één interviewer."}},
  {StringId::kKeyboardHelp, {"Keys: arrows move the time, PageUp/PageDown change the day, J/K step through suggestions, Enter books, P proposes times.", "Tasten: Pfeile verschieben die Zeit, Bild auf/ab wechseln den Tag, J/K gehen die Vorschläge durch, Enter bucht, P schlägt Termine vor.", "キー操作: 矢印で時間を移動、PageUp/PageDownで日付を変更、J/Kで候補を選択、Enterで予約、Pで日時を提案。", "Toetsen: pijlen verplaatsen de tijd, PageUp/PageDown wisselen van dag, J/K lopen door de suggesties, Enter boekt, P stelt tijden voor."}},
  {StringId::kReasonBusy, {"{0} is busy {1}.", "{0} ist {1} beschäftigt.", "{0} は {1} に予定があります。", "{0} is bezet {1}."}},
  {StringId::kReasonTentative, {"{0} is tentatively booked {1}.", "{0} hat {1} einen Termin mit Vorbehalt.", "{0} は {1} に仮予定があります。", "{0} is voorlopig bezet {1}."}},
  {StringId::kReasonOof, {"{0} is out of office {1}.", "{0} ist {1} abwesend.", "{0} は {1} 不在です。", "{0} is afwezig {1}."}},
  {StringId::kReasonBuffer, {"The buffer around the interview overlaps {0}'s event {1}.", "Der Puffer um das Interview überschneidet sich mit dem Termin von {0} {1}.", "面接前後のバッファが {0} の予定（{1}）と重なります。", "De buffer rond het gesprek overlapt met de afspraak van {0} {1}."}},
  {StringId::kReasonOutsideHours, {"{0} is outside working hours.", "{0} ist außerhalb der Arbeitszeit.", "{0} の勤務時間外です。", "{0} werkt dan niet."}},
  {StringId::kReasonGroupShort, {"Only {0} of the {1} required interviewers are free.", "Nur {0} der {1} nötigen Interviewer sind frei.", "必要な面接官 {1} 人のうち {0} 人しか空いていません。", "Slechts {0} van de {1} benodigde interviewers zijn vrij."}},
  {StringId::kReasonLoadDay, {"{0} already has {1} interviews that day (limit {2}).", "{0} hat an diesem Tag schon {1} Interviews (Grenze {2}).", "{0} はその日すでに {1} 件の面接があります（上限 {2}）。", "{0} heeft die dag al {1} gesprekken (limiet {2})."}},
  {StringId::kReasonLoadWeek, {"{0} already has {1} interviews that week (limit {2}).", "{0} hat in dieser Woche schon {1} Interviews (Grenze {2}).", "{0} はその週すでに {1} 件の面接があります（上限 {2}）。", "{0} heeft die week al {1} gesprekken (limiet {2})."}},
  {StringId::kReasonNotice, {"Too soon: the earliest bookable time is {0}.", "Zu kurzfristig: frühestens {0}.", "直前すぎます。最短で {0} から予約できます。", "Te kort dag: op zijn vroegst {0}."}},
  {StringId::kReasonRoomsShort, {"No suitable room is free.", "Kein passender Raum ist frei.", "利用できる会議室が空いていません。", "Er is geen geschikte ruimte vrij."}},
  {StringId::kReasonRoomBusy, {"Room {0} is booked {1}.", "Raum {0} ist {1} belegt.", "会議室 {0} は {1} に予約済みです。", "Ruimte {0} is bezet {1}."}},
  {StringId::kReasonRoomCapacity, {"Room {0} is too small ({1} seats, {2} needed).", "Raum {0} ist zu klein ({1} Plätze, {2} nötig).", "会議室 {0} は狭すぎます（{1} 席、必要 {2} 席）。", "Ruimte {0} is te klein ({1} plaatsen, {2} nodig)."}},
  {StringId::kReasonHostsShort, {"No video host account can host at this time.", "Kein Video-Host-Konto kann zu dieser Zeit hosten.", "この時間にホストできるビデオアカウントがありません。", "Geen videohostaccount kan op dit tijdstip hosten."}},
  {StringId::kReasonHostBusy, {"Host account {0} is already in a meeting {1}.", "Host-Konto {0} ist {1} schon in einem Meeting.", "ホストアカウント {0} は {1} に別の会議があります。", "Hostaccount {0} zit {1} al in een vergadering."}},
  {StringId::kReasonFreeBusyUnknown, {"{0}'s calendar could not be read ({1}).", "Der Kalender von {0} ist nicht lesbar ({1}).", "{0} の予定表を読み取れません（{1}）。", "De agenda van {0} kan niet worden gelezen ({1})."}},
  {StringId::kReasonCandidateHours, {"Outside the candidate's hours ({0} {1}).", "Außerhalb der Zeiten des Kandidaten ({0} {1}).", "候補者の時間帯（{1} の {0}）の外です。", "Buiten de tijden van de kandidaat ({0} {1})."}},
  {StringId::kRuleHostAbsent, {"{0} hosts the meeting but does not attend, and joining before the host is off: nobody could enter.", "{0} ist Host, nimmt aber nicht teil, und „Teilnahme vor dem Host“ ist aus: Niemand käme hinein.", "{0} がホストですが参加せず、「ホストより前の参加」がオフのため、誰も入室できません。", "{0} is host maar doet niet mee, en deelnemen vóór de host staat uit: niemand kan binnenkomen."}},
  {StringId::kRuleWaitingRoom, {"{0}'s account allows joining before the host, but its waiting room is on: participants wait to be admitted.", "Das Konto von {0} erlaubt die Teilnahme vor dem Host, aber der Warteraum ist an: Teilnehmer warten auf Einlass.", "{0} のアカウントはホストより前の参加を許可していますが、待機室がオンのため参加者は承認待ちになります。", "Het account van {0} staat deelnemen vóór de host toe, maar de wachtruimte staat aan: deelnemers wachten op toelating."}},
  {StringId::kRuleLobby, {"{0}'s Teams lobby would keep the candidate waiting.", "Die Teams-Lobby von {0} ließe den Kandidaten warten.", "{0} の Teams ロビーで候補者が待たされます。", "De Teams-lobby van {0} laat de kandidaat wachten."}},
  {StringId::kRelaxDropMember, {"Without {0}: {1} more times", "Ohne {0}: {1} weitere Zeiten", "{0} を外すと: さらに {1} 件", "Zonder {0}: {1} tijden meer"}},
  {StringId::kRelaxLowerRequired, {"Require fewer interviewers: {0} more times", "Weniger Interviewer verlangen: {0} weitere Zeiten", "必要な面接官を減らす: さらに {0} 件", "Minder interviewers vereisen: {0} tijden meer"}},
  {StringId::kRelaxAcceptTentative, {"Accept tentative events: {0} more times", "Termine mit Vorbehalt zulassen: {0} weitere Zeiten", "仮予定を無視する: さらに {0} 件", "Voorlopige afspraken toestaan: {0} tijden meer"}},
  {StringId::kRelaxHalveBuffers, {"Halve the buffers: {0} more times", "Puffer halbieren: {0} weitere Zeiten", "バッファを半分にする: さらに {0} 件", "Buffers halveren: {0} tijden meer"}},
  {StringId::kRelaxZeroBuffers, {"Drop the buffers: {0} more times", "Puffer weglassen: {0} weitere Zeiten", "バッファをなくす: さらに {0} 件", "Buffers weglaten: {0} tijden meer"}},
  {StringId::kRelaxDropRooms, {"Without a room: {0} more times", "Ohne Raum: {0} weitere Zeiten", "会議室なし: さらに {0} 件", "Zonder ruimte: {0} tijden meer"}},
  {StringId::kRelaxDropConferencing, {"Without this video host: {0} more times", "Ohne diesen Video-Host: {0} weitere Zeiten", "このビデオホストなし: さらに {0} 件", "Zonder deze videohost: {0} tijden meer"}},
  {StringId::kRelaxWarnHostRule, {"Only warn about the host rule: {0} more times", "Bei der Host-Regel nur warnen: {0} weitere Zeiten", "ホストのルールを警告のみにする: さらに {0} 件", "Alleen waarschuwen voor de hostregel: {0} tijden meer"}},
  {StringId::kRelaxAddHostOwner, {"Invite the host account's owner {0}: {1} more times", "Inhaber des Host-Kontos {0} einladen: {1} weitere Zeiten", "ホストアカウントの所有者 {0} を招待: さらに {1} 件", "Eigenaar van het hostaccount {0} uitnodigen: {1} tijden meer"}},
  {StringId::kRelaxHalveNotice, {"Halve the minimum notice: {0} more times", "Mindestvorlauf halbieren: {0} weitere Zeiten", "最短リードタイムを半分にする: さらに {0} 件", "Minimale aankondiging halveren: {0} tijden meer"}},
  {StringId::kRelaxZeroNotice, {"Drop the minimum notice: {0} more times", "Mindestvorlauf weglassen: {0} weitere Zeiten", "最短リードタイムをなくす: さらに {0} 件", "Minimale aankondiging weglaten: {0} tijden meer"}},
  {StringId::kRelaxCandidateHours, {"Also outside the candidate's hours: {0} more times", "Auch außerhalb der Zeiten des Kandidaten: {0} weitere Zeiten", "候補者の時間帯外も含める: さらに {0} 件", "Ook buiten de tijden van de kandidaat: {0} tijden meer"}},
  {StringId::kRelaxOther, {"{0} ({1} more times)", "{0} ({1} weitere Zeiten)", "{0}（さらに {1} 件）", "{0} ({1} tijden meer)"}},
  {StringId::kLiveLoading, {"Loading calendars.", "Kalender werden geladen.", "カレンダーを読み込んでいます。", "Agenda's worden geladen."}},
  {StringId::kLiveSelected, {"Selected {0}. Possible with {1}.", "Ausgewählt {0}. Möglich mit {1}.", "{0} を選択。参加者: {1}。", "Geselecteerd {0}. Mogelijk met {1}."}},
  {StringId::kLiveSelectedUnavailable, {"Selected {0}. Not possible: {1}", "Ausgewählt {0}. Nicht möglich: {1}", "{0} を選択。不可: {1}", "Geselecteerd {0}. Niet mogelijk: {1}"}},
  {StringId::kLiveSuggestions, {"{0} suggestions, first {1}.", "{0} Vorschläge, zuerst {1}.", "候補 {0} 件、最初は {1}。", "{0} suggesties, eerste {1}."}},
  {StringId::kLiveBooked, {"Booked {0}.", "Gebucht {0}.", "{0} に予約しました。", "Geboekt {0}."}},
  {StringId::kLiveBookingFailed, {"Booking failed: {0}", "Buchung fehlgeschlagen: {0}", "予約に失敗しました: {0}", "Boeking mislukt: {0}"}},
  {StringId::kProposeTimes, {"Propose times to the candidate…", "Termine vorschlagen…", "候補日時を候補者に提案…", "Tijden voorstellen aan kandidaat…"}},
  {StringId::kProposalChoose, {"Tick 2–5 suggestions the candidate may pick from ({0} ticked):", "2–5 Vorschläge ankreuzen, aus denen die Person wählen kann ({0} gewählt):", "候補者が選べる候補を2〜5件選んでください（{0} 件選択中）:", "Vink 2–5 suggesties aan waaruit de kandidaat kan kiezen ({0} aangevinkt):"}},
  {StringId::kProposalSend, {"Send {0} times to the candidate", "{0} Termine an die Person senden", "{0} 件の日時を候補者に送る", "{0} tijden naar de kandidaat sturen"}},
  {StringId::kProposalSending, {"Creating the proposal…", "Vorschlag wird erstellt…", "提案を作成しています…", "Voorstel wordt gemaakt…"}},
  {StringId::kProposalCreated, {"Proposal created: the candidate picks one of {0} times.", "Vorschlag erstellt: Die Person wählt einen von {0} Terminen.", "提案を作成しました。候補者が {0} 件から1つを選びます。", "Voorstel gemaakt: de kandidaat kiest een van {0} tijden."}},
  {StringId::kProposalLink, {"Candidate link", "Link für die Person", "候補者用リンク", "Link voor de kandidaat"}},
  {StringId::kCopyLink, {"Copy link", "Link kopieren", "リンクをコピー", "Link kopiëren"}},
  {StringId::kCopied, {"Copied", "Kopiert", "コピーしました", "Gekopieerd"}},
  {StringId::kProposalValidUntil, {"Valid until {0}", "Gültig bis {0}", "有効期限: {0}", "Geldig tot {0}"}},
  {StringId::kProposalOptionGone, {"{0} (no longer free)", "{0} (nicht mehr frei)", "{0}（空きなし）", "{0} (niet meer vrij)"}},
  {StringId::kProposalFailed, {"The proposal was not created: {0}", "Der Vorschlag wurde nicht erstellt: {0}", "提案を作成できませんでした: {0}", "Het voorstel is niet gemaakt: {0}"}},
  {StringId::kProposalBack, {"Back to the times", "Zurück zu den Terminen", "日時の選択に戻る", "Terug naar de tijden"}},
  {StringId::kClose, {"Close", "Schließen", "閉じる", "Sluiten"}},
  {StringId::kProposalNeedsCandidate, {"Proposing times needs the candidate's e-mail, time zone and language.", "Für Terminvorschläge braucht es E-Mail, Zeitzone und Sprache der Person.", "日時の提案には候補者のメール、タイムゾーン、言語が必要です。", "Voor tijdvoorstellen zijn e-mail, tijdzone en taal van de kandidaat nodig."}},
  {StringId::kProposalTooFew, {"Proposing needs at least two suggestions.", "Für einen Vorschlag braucht es mindestens zwei Vorschläge.", "提案には2件以上の候補が必要です。", "Voor een voorstel zijn minstens twee suggesties nodig."}},
  {StringId::kProposalNoLoops, {"Interview loops are booked, not proposed.", "Interviewreihen werden gebucht, nicht vorgeschlagen.", "連続面接は提案ではなく予約で行います。", "Gespreksrondes worden geboekt, niet voorgesteld."}},
  {StringId::kLiveProposalChoosing, {"Proposing times: {0} of 2 to 5 ticked.", "Terminvorschlag: {0} von 2 bis 5 gewählt.", "日時の提案: 2〜5件中 {0} 件を選択。", "Tijden voorstellen: {0} van 2 tot 5 aangevinkt."}},
  {StringId::kLiveProposalCreated, {"Proposal created with {0} times. Candidate link: {1}", "Vorschlag mit {0} Terminen erstellt. Link für die Person: {1}", "{0} 件の日時で提案を作成しました。候補者用リンク: {1}", "Voorstel gemaakt met {0} tijden. Link voor de kandidaat: {1}"}},
  {StringId::kLiveProposalTicked, {"This time is ticked for the proposal (P unticks it, Enter sends).", "Dieser Termin ist für den Vorschlag gewählt (P nimmt ihn heraus, Enter sendet).", "この日時は提案に含まれています（Pで外す、Enterで送信）。", "Deze tijd is aangevinkt voor het voorstel (P vinkt uit, Enter verstuurt)."}},
  {StringId::kLiveProposalUnticked, {"This time is not ticked for the proposal (P ticks it).", "Dieser Termin ist nicht für den Vorschlag gewählt (P nimmt ihn auf).", "この日時は提案に含まれていません（Pで追加）。", "Deze tijd is niet aangevinkt voor het voorstel (P vinkt aan)."}},
  {StringId::kNoLoopAtTime, {"No interview loop starts at this time.", "Zu dieser Zeit beginnt keine Interviewreihe.", "この時間に始まる連続面接はありません。", "Op dit tijdstip begint geen gespreksronde."}},
  {StringId::kBookLoop, {"Book the loop: {0} interviews", "Interviewreihe buchen: {0} Interviews", "連続面接を予約: {0} 件", "Gespreksronde boeken: {0} gesprekken"}},
  {StringId::kLoopBooking, {"Booking the loop: {0} of {1} interviews confirmed…", "Interviewreihe wird gebucht: {0} von {1} Interviews bestätigt…", "連続面接を予約中: {1} 件中 {0} 件確定…", "Gespreksronde wordt geboekt: {0} van {1} gesprekken bevestigd…"}},
  {StringId::kLoopBooked, {"Loop booked: all {0} interviews confirmed.", "Interviewreihe gebucht: alle {0} Interviews bestätigt.", "連続面接を予約しました: {0} 件すべて確定。", "Gespreksronde geboekt: alle {0} gesprekken bevestigd."}},
  {StringId::kLoopRollingBack, {"Stage {0} could not be booked ({1}). Cancelling the stages already booked…", "Stufe {0} konnte nicht gebucht werden ({1}). Die schon gebuchten Stufen werden storniert…", "ステージ {0} を予約できませんでした（{1}）。予約済みのステージを取り消しています…", "Ronde {0} kon niet worden geboekt ({1}). De al geboekte rondes worden geannuleerd…"}},
  {StringId::kLoopRolledBack, {"Stage {0} could not be booked ({1}). Nothing of the loop stays booked.", "Stufe {0} konnte nicht gebucht werden ({1}). Von der Reihe bleibt nichts gebucht.", "ステージ {0} を予約できませんでした（{1}）。連続面接の予約はすべて取り消されました。", "Ronde {0} kon niet worden geboekt ({1}). Van de gespreksronde blijft niets geboekt."}},
  {StringId::kLoopRollbackIncomplete, {"Stage {0} could not be booked ({1}), and some stages could not be cancelled: cancel them by hand.", "Stufe {0} konnte nicht gebucht werden ({1}), und einige Stufen ließen sich nicht stornieren: bitte von Hand stornieren.", "ステージ {0} を予約できませんでした（{1}）。一部のステージを取り消せませんでした。手動で取り消してください。", "Ronde {0} kon niet worden geboekt ({1}) en sommige rondes konden niet worden geannuleerd: annuleer ze handmatig."}},
  {StringId::kStageWaiting, {"waiting", "wartet", "待機中", "wacht"}},
  {StringId::kStageSubmitting, {"sending…", "wird gesendet…", "送信中…", "wordt verzonden…"}},
  {StringId::kStagePending, {"accepted, confirming…", "angenommen, wird bestätigt…", "受付済み、確定中…", "geaccepteerd, wordt bevestigd…"}},
  {StringId::kStageConfirmed, {"confirmed", "bestätigt", "確定", "bevestigd"}},
  {StringId::kStageRefused, {"refused: {0}", "abgelehnt: {0}", "拒否: {0}", "geweigerd: {0}"}},
  {StringId::kStageFailed, {"failed: {0}", "fehlgeschlagen: {0}", "失敗: {0}", "mislukt: {0}"}},
  {StringId::kStageSkipped, {"not sent", "nicht gesendet", "未送信", "niet verzonden"}},
  {StringId::kStageCancelling, {"cancelling…", "wird storniert…", "取り消し中…", "wordt geannuleerd…"}},
  {StringId::kStageCancelled, {"cancelled", "storniert", "取り消し済み", "geannuleerd"}},
  {StringId::kStageCancelFailed, {"still booked, cancel by hand ({0})", "noch gebucht, bitte von Hand stornieren ({0})", "予約が残っています。手動で取り消してください（{0}）", "nog geboekt, annuleer handmatig ({0})"}},
  {StringId::kLiveWhatWouldHelp, {"What would help: {0}.", "Was helfen würde: {0}.", "改善案: {0}。", "Wat zou helpen: {0}."}},
};
// clang-format on

constexpr std::array<const Entry*, static_cast<std::size_t>(StringId::kCount)> BuildIndex() {
  std::array<const Entry*, static_cast<std::size_t>(StringId::kCount)> index{};
  for (const Entry& entry : kTable) index[static_cast<std::size_t>(entry.id)] = &entry;
  return index;
}

constexpr auto kIndex = BuildIndex();

}  // namespace

Locale ParseLocale(std::string_view text) {
  const std::string_view language = text.substr(0, text.find_first_of("-_"));
  if (language == "de") return Locale::kDe;
  if (language == "ja") return Locale::kJa;
  if (language == "nl") return Locale::kNl;
  return Locale::kEn;
}

const char* LocaleCode(Locale locale) {
  switch (locale) {
    case Locale::kEn: return "en";
    case Locale::kDe: return "de";
    case Locale::kJa: return "ja";
    case Locale::kNl: return "nl";
  }
  return "en";
}

const char* RowKindLabel(Locale locale, RowKind kind) {
  switch (kind) {
    case RowKind::kInterviewer: return Tr(locale, StringId::kIncluded);
    case RowKind::kObserver: return Tr(locale, StringId::kObserverRole);
    case RowKind::kRoom: return Tr(locale, StringId::kRoom);
    case RowKind::kHost: return Tr(locale, StringId::kHostAccount);
  }
  return "";
}

const char* Tr(Locale locale, StringId id) {
  const std::size_t i = static_cast<std::size_t>(id);
  if (i >= kIndex.size() || kIndex[i] == nullptr) return "";
  return kIndex[i]->text[static_cast<std::size_t>(locale)];
}

std::string Format(Locale locale, StringId id, std::initializer_list<std::string_view> args) {
  const std::string_view pattern = Tr(locale, id);
  std::string out;
  out.reserve(pattern.size() + 32);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      const std::size_t n = static_cast<std::size_t>(pattern[i + 1] - '0');
      if (n < args.size()) {
        out += *(args.begin() + n);
        i += 2;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

}  // namespace slotwise::widget
