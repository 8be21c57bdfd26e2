// Tests for backend/invites/email_templates: {{variable}} rendering, placeholders that wait for the join URL, bulk
// sends per recipient and the built-in texts. Expected dates were written by hand (2026-12-01 is a Tuesday).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "invites/email_templates.h"
#include "invites/locale_format.h"
#include "zones.h"

using namespace slotwise;
using namespace slotwise::invites;
using slotwise::invites::testing::At;
using slotwise::invites::testing::Zone;

namespace {

constexpr TemplateKind kAllKinds[] = {TemplateKind::kCandidateInvitation, TemplateKind::kCandidateUpdate,
                                      TemplateKind::kCandidateCancellation, TemplateKind::kConnectConferencing,
                                      TemplateKind::kCandidateProposal};
constexpr Locale kAllLocales[] = {Locale::kEn, Locale::kDe, Locale::kJa, Locale::kNl, Locale::kFr,
                                  Locale::kEs, Locale::kIt, Locale::kPt, Locale::kZh, Locale::kKo};

// Shared values of one interview: 2026-12-01 09:15–10:15 UTC.
TemplateValues InterviewValues() {
  TemplateValues values;
  values.text = {{"candidate_name", "Anna Schmidt"},
                 {"candidate_email", "anna@mail.example"},
                 {"interviewer_names", "Lena Fischer, Jonas Becker"},
                 {"position", "Backend Engineer"},
                 {"company", "Kumo GmbH"},
                 {"location", "https://zoom.example/j/1"},
                 {"room", "Room 4.12"},
                 {"join_url", "https://zoom.example/j/1"},
                 {"passcode", "314159"},
                 {"organizer_name", "Lena Fischer"},
                 {"connect_url", "https://slotwise.example/connect/zoom"},
                 {"provider_name", "Zoom"},
                 {"proposal_url", "https://slotwise.example/candidate/?tenant=kumo#p=swp_x"},
                 {"proposed_times", "- Tuesday, 1 December 2026, 10:15–11:15 (Europe/Berlin (UTC+01:00))"},
                 {"expires_at", "Tuesday, 8 December 2026, 18:00 (Europe/Berlin (UTC+01:00))"}};
  values.start = At("2026-12-01T09:15:00Z");
  values.end = At("2026-12-01T10:15:00Z");
  return values;
}

// The text with every {{…}} placeholder removed.
std::string WithoutPlaceholders(std::string text) {
  std::size_t open;
  while ((open = text.find("{{")) != std::string::npos) {
    const std::size_t close = text.find("}}", open);
    REQUIRE(close != std::string::npos);
    text.replace(open, close + 2 - open, " ");
  }
  return text;
}

// The variable names of a template text's placeholders ("{{ name }}" counts as "name").
std::set<std::string> VariablesOf(const std::string& text) {
  std::set<std::string> names;
  for (std::size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open + 2)) {
    const std::size_t close = text.find("}}", open);
    REQUIRE(close != std::string::npos);
    std::string name = text.substr(open + 2, close - open - 2);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    names.insert(name);
  }
  return names;
}

// Lower-case runs of ASCII letters.
std::vector<std::string> AsciiWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

}  // namespace

TEST_CASE("EmailTemplates: variables are filled, with or without spaces inside the braces") {
  const Result<RenderedText> out =
      Render("Hello {{candidate_name}}, {{ position }} at {{\tcompany\t}}: {{date}} {{start_time}}–{{end_time}}",
             InterviewValues());
  REQUIRE(out.ok());
  CHECK(out->text == "Hello Anna Schmidt, Backend Engineer at Kumo GmbH: Tuesday, 1 December 2026 09:15–10:15");
  CHECK(out->unresolved.empty());
}

TEST_CASE("EmailTemplates: an unknown variable is an error naming it") {
  const Result<RenderedText> out = Render("Dear {{candidate_nme}}, see {{join_url}}", InterviewValues());
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().code == "unknown_template_variable");
  CHECK(out.error().field == "candidate_nme");
  CHECK(out.error().message.find("candidate_nme") != std::string::npos);

  TemplateValues values;
  values.text["joinurl"] = "https://x.example";  // an unknown name among the values is caught too
  const Result<RenderedText> from_values = Render("plain", values);
  REQUIRE_FALSE(from_values.ok());
  CHECK(from_values.error().code == "unknown_template_variable");
  CHECK(from_values.error().field == "joinurl");
}

TEST_CASE("EmailTemplates: malformed placeholders and values are errors") {
  for (const char* text : {"Hi {{candidate_name", "{{ }}", "{{candidate name}}", "{{Candidate_Name}}", "{{{x}}}"}) {
    CAPTURE(text);
    const Result<RenderedText> out = Render(text, InterviewValues());
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == "invalid_template");
  }
  TemplateValues values;
  values.text["candidate_name"] = "{{join_url}}";
  const Result<RenderedText> out = Render("{{candidate_name}}", values);
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().code == "invalid_template_value");
  CHECK(out.error().field == "candidate_name");
  // A lone "}}" or single braces are plain text.
  const Result<RenderedText> plain = Render("a } b }} c {d}", TemplateValues{});
  REQUIRE(plain.ok());
  CHECK(plain->text == "a } b }} c {d}");
}

TEST_CASE("EmailTemplates: a placeholder typed before the meeting exists is filled once it is created") {
  TemplateValues before = InterviewValues();
  before.text.erase("join_url");
  before.text.erase("passcode");
  before.zone = &Zone("Europe/Berlin");
  before.locale = Locale::kDe;
  const std::string typed = "Am {{date}} um {{start_time}} Uhr: {{ join_url }} (Kenncode {{passcode}}), {{join_url}}";
  const Result<RenderedText> first = Render(typed, before);
  REQUIRE(first.ok());
  CHECK(first->text ==
        "Am Dienstag, 1. Dezember 2026 um 10:15 Uhr: {{ join_url }} (Kenncode {{passcode}}), {{join_url}}");
  CHECK(first->unresolved == std::vector<std::string>{"join_url", "passcode"});

  TemplateValues after = before;
  after.text["join_url"] = "https://zoom.example/j/987";
  after.text["passcode"] = "";  // no passcode: available, and empty
  const Result<RenderedText> second = Render(first->text, after);
  REQUIRE(second.ok());
  CHECK(second->text ==
        "Am Dienstag, 1. Dezember 2026 um 10:15 Uhr: https://zoom.example/j/987 (Kenncode ), "
        "https://zoom.example/j/987");
  CHECK(second->unresolved.empty());
}

TEST_CASE("EmailTemplates: time variables wait for start and end") {
  TemplateValues values;
  const Result<RenderedText> out = Render("{{date}} {{start_time}} {{end_time}} {{duration}} {{time_zone}}", values);
  REQUIRE(out.ok());
  CHECK(out->text == "{{date}} {{start_time}} {{end_time}} {{duration}} {{time_zone}}");
  CHECK(out->unresolved.size() == 5);
  values.start = At("2026-12-01T09:15:00Z");
  values.end = At("2026-12-01T10:45:00Z");
  values.zone = &Zone("America/New_York");
  const Result<RenderedText> filled = Render("{{date}} {{start_time}} {{end_time}} {{duration}} {{time_zone}}", values);
  REQUIRE(filled.ok());
  CHECK(filled->text == "Tuesday, 1 December 2026 04:15 05:45 90 minutes America/New_York (UTC-05:00)");
  values.text["date"] = "to be announced";  // an explicit text wins over the computed one
  CHECK(Render("{{date}}", values)->text == "to be announced");
}

TEST_CASE("EmailTemplates: a bulk send renders each recipient in their own zone and language") {
  TemplateValues shared = InterviewValues();
  shared.text.erase("candidate_name");
  TemplateValues anna;
  anna.text["candidate_name"] = "Anna Schmidt";
  anna.zone = &Zone("Europe/Berlin");
  anna.locale = ParseLocale("de-DE");
  TemplateValues ken;
  ken.text["candidate_name"] = "佐藤 健";
  ken.zone = &Zone("Asia/Tokyo");
  ken.locale = ParseLocale("ja-JP");
  TemplateValues emily;
  emily.text["candidate_name"] = "Emily Carter";
  emily.zone = &Zone("America/New_York");
  TemplateValues sanne;
  sanne.text["candidate_name"] = "Sanne de Vries";
  sanne.zone = &Zone("Europe/Amsterdam");
  sanne.locale = Locale::kNl;

  const EmailTemplate custom{"{{candidate_name}}: {{date}}", "{{start_time}}–{{end_time}} {{time_zone}}, {{duration}}"};
  const Result<std::vector<RenderedEmail>> emails = RenderForRecipients(custom, shared, {anna, ken, emily, sanne});
  REQUIRE(emails.ok());
  REQUIRE(emails->size() == 4);
  CHECK((*emails)[0].subject == "Anna Schmidt: Dienstag, 1. Dezember 2026");
  CHECK((*emails)[0].body == "10:15–11:15 Europe/Berlin (UTC+01:00), 60 Minuten");
  CHECK((*emails)[1].subject == "佐藤 健: 2026年12月1日(火)");
  CHECK((*emails)[1].body == "18:15–19:15 Asia/Tokyo (UTC+09:00), 60分");
  CHECK((*emails)[2].subject == "Emily Carter: Tuesday, 1 December 2026");
  CHECK((*emails)[2].body == "04:15–05:15 America/New_York (UTC-05:00), 60 minutes");
  CHECK((*emails)[3].subject == "Sanne de Vries: dinsdag 1 december 2026");
  CHECK((*emails)[3].body == "10:15–11:15 Europe/Amsterdam (UTC+01:00), 60 minuten");

  // The built-in invitation in each recipient's language.
  const Result<std::vector<RenderedEmail>> built_in =
      RenderForRecipients(TemplateKind::kCandidateInvitation, shared, {anna, ken, emily});
  REQUIRE(built_in.ok());
  CHECK((*built_in)[0].subject == "Einladung zum Vorstellungsgespräch: Backend Engineer bei Kumo GmbH");
  CHECK((*built_in)[0].body.find("Guten Tag Anna Schmidt,") == 0);
  CHECK((*built_in)[0].body.find("Datum: Dienstag, 1. Dezember 2026\n") != std::string::npos);
  CHECK((*built_in)[1].body.find("佐藤 健 様") == 0);
  CHECK((*built_in)[1].body.find("日時:2026年12月1日(火) 18:15〜19:15(Asia/Tokyo (UTC+09:00))") != std::string::npos);
  CHECK((*built_in)[2].body.find("Dear Emily Carter,") == 0);
  CHECK((*built_in)[2].body.find("Time: 04:15–05:15 (America/New_York (UTC-05:00))") != std::string::npos);
  for (const RenderedEmail& email : *built_in) CHECK(email.unresolved.empty());

  // A recipient's failure names them.
  TemplateValues broken;
  broken.text["candidate_name"] = "}}";
  const Result<std::vector<RenderedEmail>> failed = RenderForRecipients(custom, shared, {anna, broken});
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message.find("recipient 1") == 0);
}

TEST_CASE("EmailTemplates: every built-in template renders completely in every language") {
  for (const Locale locale : kAllLocales) {
    for (const TemplateKind kind : kAllKinds) {
      CAPTURE(LocaleTag(locale));
      CAPTURE(static_cast<int>(kind));
      const EmailTemplate& email_template = BuiltInTemplate(kind, locale);
      CHECK(!email_template.subject.empty());
      CHECK(email_template.subject.find('\n') == std::string::npos);
      TemplateValues values = InterviewValues();
      values.locale = locale;
      const Result<RenderedEmail> email = RenderEmail(email_template, values);
      REQUIRE(email.ok());
      CHECK(email->unresolved.empty());
      CHECK(email->body.find("{{") == std::string::npos);
      if (kind == TemplateKind::kConnectConferencing) {
        CHECK(email->body.find("https://slotwise.example/connect/zoom") != std::string::npos);
        CHECK(email->body.find("Zoom") != std::string::npos);
        CHECK(email->subject.find("Zoom") != std::string::npos);
      } else {
        CHECK(email->body.find("Anna Schmidt") != std::string::npos);
        CHECK(email->subject.find("Backend Engineer") != std::string::npos);
      }
    }
  }
}

TEST_CASE("EmailTemplates: every language has every kind, with exactly the English template's variables") {
  for (const TemplateKind kind : kAllKinds) {
    const EmailTemplate& english = BuiltInTemplate(kind, Locale::kEn);
    const std::set<std::string> subject_names = VariablesOf(english.subject);
    const std::set<std::string> body_names = VariablesOf(english.body);
    CHECK(!body_names.empty());
    for (const std::string& name : body_names) CHECK(IsTemplateVariable(name));
    for (const Locale locale : kAllLocales) {
      CAPTURE(LocaleTag(locale));
      CAPTURE(static_cast<int>(kind));
      const EmailTemplate& email_template = BuiltInTemplate(kind, locale);
      CHECK(VariablesOf(email_template.subject) == subject_names);
      CHECK(VariablesOf(email_template.body) == body_names);
      CHECK(email_template.body.back() == '\n');
      // Two values never run together ("KumoBackend Engineer"): something always stands between two placeholders.
      CHECK(email_template.subject.find("}}{{") == std::string::npos);
      CHECK(email_template.body.find("}}{{") == std::string::npos);
      if (locale != Locale::kEn) {
        CHECK(email_template.subject != english.subject);
        CHECK(email_template.body != english.body);
      }
    }
  }
  // Ten languages, ten different texts of each kind.
  for (const TemplateKind kind : kAllKinds) {
    std::set<std::string> subjects;
    for (const Locale locale : kAllLocales) subjects.insert(BuiltInTemplate(kind, locale).subject);
    CHECK(subjects.size() == std::size(kAllLocales));
  }
}

TEST_CASE("EmailTemplates: the new languages' invitations read the candidate's date, time and duration") {
  struct Expected {
    Locale locale;
    const char* zone;
    const char* greeting;  // the body's first line
    const char* subject;
    const char* when;      // the line(s) with date, time and zone
    const char* duration;  // the duration's line
  };
  const Expected expected[] = {
      {Locale::kFr, "Europe/Paris", "Bonjour Anna Schmidt,\n", "Invitation à un entretien : Backend Engineer chez Kumo GmbH",
       "Date : mardi 1er décembre 2026\nHoraire : 10:15–11:15 (Europe/Paris (UTC+01:00))\n", "Durée : 60 minutes\n"},
      {Locale::kEs, "Europe/Madrid", "Estimado/a Anna Schmidt:\n",
       "Invitación a una entrevista: Backend Engineer en Kumo GmbH",
       "Fecha: martes, 1 de diciembre de 2026\nHora: 10:15–11:15 (Europe/Madrid (UTC+01:00))\n",
       "Duración: 60 minutos\n"},
      {Locale::kIt, "Europe/Rome", "Gentile Anna Schmidt,\n", "Invito a un colloquio: Backend Engineer presso Kumo GmbH",
       "Data: martedì 1 dicembre 2026\nOrario: 10:15–11:15 (Europe/Rome (UTC+01:00))\n", "Durata: 60 minuti\n"},
      {Locale::kPt, "America/Sao_Paulo", "Prezado(a) Anna Schmidt,\n",
       "Convite para entrevista: Backend Engineer – Kumo GmbH",
       "Data: terça-feira, 1 de dezembro de 2026\nHorário: 06:15–07:15 (America/Sao_Paulo (UTC-03:00))\n",
       "Duração: 60 minutos\n"},
      {Locale::kZh, "Asia/Shanghai", "Anna Schmidt，您好：\n", "面试邀请：Kumo GmbH Backend Engineer",
       "日期：2026年12月1日 星期二\n时间：17:15–18:15（Asia/Shanghai (UTC+08:00)）\n", "时长：60分钟\n"},
      {Locale::kKo, "Asia/Seoul", "Anna Schmidt 님, 안녕하십니까.\n", "[면접 안내] Kumo GmbH Backend Engineer",
       "일시: 2026년 12월 1일 화요일 18:15–19:15 (Asia/Seoul (UTC+09:00))\n", "소요 시간: 60분\n"},
  };
  for (const Expected& e : expected) {
    CAPTURE(LocaleTag(e.locale));
    TemplateValues values = InterviewValues();
    values.locale = e.locale;
    values.zone = &Zone(e.zone);
    const Result<RenderedEmail> email = RenderEmail(BuiltInTemplate(TemplateKind::kCandidateInvitation, e.locale), values);
    REQUIRE(email.ok());
    CHECK(email->subject == e.subject);
    CHECK(email->body.rfind(e.greeting, 0) == 0);
    CHECK_MESSAGE(email->body.find(e.when) != std::string::npos, email->body);
    CHECK(email->body.find(e.duration) != std::string::npos);
    CHECK(email->body.find("Lena Fischer, Jonas Becker") != std::string::npos);
  }
  // The cancellation names the date and time in a sentence.
  TemplateValues values = InterviewValues();
  values.zone = &Zone("Europe/Paris");
  values.locale = Locale::kFr;
  const Result<RenderedEmail> cancelled =
      RenderEmail(BuiltInTemplate(TemplateKind::kCandidateCancellation, Locale::kFr), values);
  REQUIRE(cancelled.ok());
  CHECK(cancelled->body.find("prévu le mardi 1er décembre 2026 à 10:15 (Europe/Paris (UTC+01:00))") !=
        std::string::npos);
  values.locale = Locale::kEs;
  values.zone = &Zone("Europe/Madrid");
  const Result<RenderedEmail> cancelled_es =
      RenderEmail(BuiltInTemplate(TemplateKind::kCandidateCancellation, Locale::kEs), values);
  REQUIRE(cancelled_es.ok());
  CHECK(cancelled_es->body.find("prevista para el martes, 1 de diciembre de 2026 a las 10:15") != std::string::npos);
}

TEST_CASE("EmailTemplates: no English words remain in the other languages' templates") {
  const std::set<std::string> english = {
      "the",        "and",      "your",     "you",       "please",   "dear",        "hello",     "thank",
      "thanks",     "regards",  "kind",     "with",      "for",      "has",         "interview", "interviews",
      "invitation", "meeting",  "meetings", "cancelled", "canceled", "rescheduled", "updated",   "account",
      "connect",    "join",     "location", "duration",  "date",     "time",        "when",      "where",
      "minutes",    "attached", "calendar", "colleague", "sign",     "allow",       "access",    "steps",
      "we",         "our",      "would",    "like",      "this",     "that",        "new",       "unfortunately"};
  // Words these languages share with English: "Date :" and "Invitation à un entretien" are French, "account" is the
  // word Italian uses ("il suo account Zoom").
  const std::map<Locale, std::set<std::string>> shared = {{Locale::kFr, {"date", "invitation"}},
                                                          {Locale::kIt, {"account"}}};
  for (const Locale locale : kAllLocales) {
    if (locale == Locale::kEn) continue;
    for (const TemplateKind kind : kAllKinds) {
      CAPTURE(LocaleTag(locale));
      CAPTURE(static_cast<int>(kind));
      const EmailTemplate& email_template = BuiltInTemplate(kind, locale);
      const std::string text = WithoutPlaceholders(email_template.subject + "\n" + email_template.body);
      for (const std::string& word : AsciiWords(text)) {
        CAPTURE(word);
        CHECK((english.count(word) == 0 || (shared.count(locale) != 0 && shared.at(locale).count(word) != 0)));
        // Japanese, Chinese and Korean texts hold no Latin words at all except the product's name.
        if (locale == Locale::kJa || locale == Locale::kZh || locale == Locale::kKo) CHECK(word == "slotwise");
      }
    }
  }
}

TEST_CASE("EmailTemplates: the colleague e-mail asks to connect the provider's account") {
  TemplateValues values;
  values.text = {{"provider_name", "Microsoft Teams"},
                 {"connect_url", "https://slotwise.example/connect/teams"},
                 {"organizer_name", "Lena Fischer"}};
  const Result<RenderedEmail> de =
      RenderEmail(BuiltInTemplate(TemplateKind::kConnectConferencing, Locale::kDe), values);
  REQUIRE(de.ok());
  CHECK(de->subject == "Bitte verbinden Sie Ihr Microsoft Teams-Konto für die Planung von Vorstellungsgesprächen");
  CHECK(de->body.find("Liebe Kollegin, lieber Kollege,") == 0);
  CHECK(de->body.find("https://slotwise.example/connect/teams") != std::string::npos);
  const Result<RenderedEmail> en =
      RenderEmail(BuiltInTemplate(TemplateKind::kConnectConferencing, Locale::kEn), values);
  REQUIRE(en.ok());
  CHECK(en->subject == "Please connect your Microsoft Teams account for interview scheduling");
  // Without the connect URL yet, the placeholder stays for later.
  values.text.erase("connect_url");
  const Result<RenderedEmail> later =
      RenderEmail(BuiltInTemplate(TemplateKind::kConnectConferencing, Locale::kNl), values);
  REQUIRE(later.ok());
  CHECK(later->unresolved == std::vector<std::string>{"connect_url"});
  CHECK(later->body.find("{{connect_url}}") != std::string::npos);
}

TEST_CASE("EmailTemplates: the candidate's proposal in every language — the times across a change of daylight saving "
          "time, the link and its expiry") {
  // Friday 23 October 2026 10:00 Berlin (summer time, UTC+02:00) and Monday 26 October 10:00 (winter time, UTC+01:00):
  // the clocks went back on Sunday 25 October. The link is valid until Friday 30 October 18:00 Berlin.
  const std::vector<std::pair<Instant, Instant>> times = {{At("2026-10-23T08:00:00Z"), At("2026-10-23T09:00:00Z")},
                                                          {At("2026-10-26T09:00:00Z"), At("2026-10-26T10:00:00Z")}};
  const Instant expires = At("2026-10-30T17:00:00Z");
  const std::string url = "https://slotwise.example/candidate/?tenant=kumo#p=swp_abc";
  struct Expected {
    Locale locale;
    const char* subject;
    const char* greeting;  // the body's first line
    const char* times;     // the two lines of {{proposed_times}}
    const char* expires;   // {{expires_at}}
  };
  const Expected expected[] = {
      {Locale::kEn, "Please choose a time for your interview: Backend Engineer at Kumo GmbH", "Dear Anna Schmidt,\n",
       "- Friday, 23 October 2026, 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- Monday, 26 October 2026, 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "Friday, 30 October 2026, 18:00 (Europe/Berlin (UTC+01:00))"},
      {Locale::kDe, "Bitte wählen Sie einen Termin für Ihr Vorstellungsgespräch: Backend Engineer bei Kumo GmbH",
       "Guten Tag Anna Schmidt,\n",
       "- Freitag, 23. Oktober 2026, 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- Montag, 26. Oktober 2026, 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "Freitag, 30. Oktober 2026, 18:00 (Europe/Berlin (UTC+01:00))"},
      {Locale::kJa, "【面接日程のご案内】Kumo GmbH Backend Engineer", "Anna Schmidt 様\n",
       "・2026年10月23日(金) 10:00〜11:00(Europe/Berlin (UTC+02:00))\n"
       "・2026年10月26日(月) 10:00〜11:00(Europe/Berlin (UTC+01:00))\n",
       "2026年10月30日(金) 18:00(Europe/Berlin (UTC+01:00))"},
      {Locale::kNl, "Kies een tijdstip voor uw sollicitatiegesprek: Backend Engineer bij Kumo GmbH", "Beste Anna Schmidt,\n",
       "- vrijdag 23 oktober 2026, 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- maandag 26 oktober 2026, 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "vrijdag 30 oktober 2026, 18:00 (Europe/Berlin (UTC+01:00))"},
      {Locale::kFr, "Choisissez un créneau pour votre entretien : Backend Engineer chez Kumo GmbH",
       "Bonjour Anna Schmidt,\n",
       "- vendredi 23 octobre 2026, 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- lundi 26 octobre 2026, 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "vendredi 30 octobre 2026, 18:00 (Europe/Berlin (UTC+01:00))"},
      {Locale::kEs, "Elija un horario para su entrevista: Backend Engineer en Kumo GmbH", "Estimado/a Anna Schmidt:\n",
       "- viernes, 23 de octubre de 2026, 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- lunes, 26 de octubre de 2026, 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "viernes, 30 de octubre de 2026, 18:00 (Europe/Berlin (UTC+01:00))"},
      {Locale::kIt, "Scelga un orario per il suo colloquio: Backend Engineer presso Kumo GmbH", "Gentile Anna Schmidt,\n",
       "- venerdì 23 ottobre 2026, 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- lunedì 26 ottobre 2026, 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "venerdì 30 ottobre 2026, 18:00 (Europe/Berlin (UTC+01:00))"},
      {Locale::kPt, "Escolha um horário para a sua entrevista: Backend Engineer – Kumo GmbH", "Prezado(a) Anna Schmidt,\n",
       "- sexta-feira, 23 de outubro de 2026, 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- segunda-feira, 26 de outubro de 2026, 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "sexta-feira, 30 de outubro de 2026, 18:00 (Europe/Berlin (UTC+01:00))"},
      {Locale::kZh, "面试时间选择：Kumo GmbH Backend Engineer", "Anna Schmidt，您好：\n",
       "- 2026年10月23日 星期五 10:00–11:00（Europe/Berlin (UTC+02:00)）\n"
       "- 2026年10月26日 星期一 10:00–11:00（Europe/Berlin (UTC+01:00)）\n",
       "2026年10月30日 星期五 18:00（Europe/Berlin (UTC+01:00)）"},
      {Locale::kKo, "[면접 일정 선택] Kumo GmbH Backend Engineer", "Anna Schmidt 님, 안녕하십니까.\n",
       "- 2026년 10월 23일 금요일 10:00–11:00 (Europe/Berlin (UTC+02:00))\n"
       "- 2026년 10월 26일 월요일 10:00–11:00 (Europe/Berlin (UTC+01:00))\n",
       "2026년 10월 30일 금요일 18:00 (Europe/Berlin (UTC+01:00))"},
  };
  CHECK(std::size(expected) == std::size(kAllLocales));
  const TimeZone& berlin = Zone("Europe/Berlin");
  for (const Expected& e : expected) {
    CAPTURE(LocaleTag(e.locale));
    TemplateValues values;
    values.text = {{"candidate_name", "Anna Schmidt"}, {"position", "Backend Engineer"}, {"company", "Kumo GmbH"},
                   {"organizer_name", "Lena Fischer"}, {"proposal_url", url},
                   {"proposed_times", FormatTimeList(times, berlin, e.locale)},
                   {"expires_at", FormatLocalDateTime(expires, berlin, e.locale)}};
    values.start = times.front().first;
    values.end = times.front().second;
    values.zone = &berlin;
    values.locale = e.locale;
    const Result<RenderedEmail> email = RenderEmail(BuiltInTemplate(TemplateKind::kCandidateProposal, e.locale), values);
    REQUIRE(email.ok());
    CHECK(email->unresolved.empty());
    CHECK(email->subject == e.subject);
    CHECK(email->body.rfind(e.greeting, 0) == 0);
    CHECK_MESSAGE(email->body.find(std::string("\n\n") + e.times + "\n") != std::string::npos, email->body);
    CHECK(email->body.find("\n" + url + "\n") != std::string::npos);  // the link on a line of its own
    CHECK_MESSAGE(email->body.find(e.expires) != std::string::npos, email->body);
    CHECK(email->body.find(FormatDuration(3600, e.locale)) != std::string::npos);
    CHECK(email->body.find("Lena Fischer\nKumo GmbH\n") != std::string::npos);
  }
}

TEST_CASE("EmailTemplates: the proposal's variables belong to the proposal e-mail only") {
  // The interview's own texts never use them (they have no value there), the proposal e-mail uses all three.
  for (const char* name : {"proposal_url", "proposed_times", "expires_at"}) {
    CAPTURE(name);
    CHECK(IsTemplateVariable(name));
    for (const TemplateKind kind : kAllKinds) {
      const EmailTemplate& english = BuiltInTemplate(kind, Locale::kEn);
      const bool used = VariablesOf(english.subject + english.body).count(name) != 0;
      CHECK(used == (kind == TemplateKind::kCandidateProposal));
    }
  }
}
