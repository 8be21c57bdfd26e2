// connect_pages.cpp — see connect_pages.h.
#include "api/connect_pages.h"

#include <nlohmann/json.hpp>

#include "api/connection_json.h"
#include "net/url.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;

std::string Escape(std::string_view text) { return net::HtmlEscape(text); }

// One page: the same look for every step of a connect flow (inline style: these pages load nothing).
std::string Page(const std::string& status, const std::string& code, const std::string& headline,
                 const std::string& body) {
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Slotwise</title><style>"
         "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f7f9}"
         "main{max-width:560px;margin:40px auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;"
         "padding:24px 28px}h1{font-size:21px;margin:0 0 12px}ul{padding-left:0;list-style:none}"
         "li{margin:6px 0}.passed::before{content:'\\2713  ';color:#1a7f37;font-weight:bold}"
         ".failed::before{content:'\\2717  ';color:#cf222e;font-weight:bold}.skipped::before{content:'\\2013  ';"
         "color:#57606a}.note{color:#4d5560;font-size:14px}.button{display:inline-block;background:#1f6feb;"
         "color:#fff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600;margin:8px 0}"
         ".button:focus-visible{outline:3px solid #0b3d91;outline-offset:2px}.error{color:#a40e26}</style></head>"
         "<body><main><h1 id=\"outcome\" data-status=\"" + Escape(status) + "\" data-code=\"" + Escape(code) + "\">" +
         Escape(headline) + "</h1>" + body + "</main></body></html>";
}

std::string ChecksList(const std::vector<FunctionCheck>& checks) {
  if (checks.empty()) return "";
  std::string items;
  for (const FunctionCheck& check : checks) {
    const std::string outcome = check.outcome == "passed" || check.outcome == "failed" ? check.outcome : "skipped";
    items += "<li class=\"" + outcome + "\" data-check=\"" + Escape(check.name) + "\">" + Escape(CheckTitle(check.name)) +
             ": " + Escape(check.detail) + "</li>";
  }
  return "<p>What Slotwise checked just now:</p><ul id=\"checks\">" + items + "</ul>";
}

// What connecting for `purpose` lets Slotwise do, in one sentence.
std::string PurposeSentence(oauth::Provider provider, ConnectPurpose purpose) {
  if (provider == oauth::Provider::kZoom || provider == oauth::Provider::kGoTo) {
    return "Slotwise creates the video meetings of the interviews you host and sees when your account is busy.";
  }
  switch (purpose) {
    case ConnectPurpose::kCalendar:
      return "Slotwise sees when you are busy (not what your events are) and adds the interviews you take part in to "
             "your calendar.";
    case ConnectPurpose::kCalendarRooms:
      return "Slotwise sees when you are busy, adds the interviews you take part in to your calendar, and can book "
             "your organisation's meeting rooms for them." +
             std::string(provider == oauth::Provider::kMicrosoft
                             ? " Seeing rooms needs your Microsoft 365 administrator's consent once for the whole "
                               "organisation."
                             : "");
    case ConnectPurpose::kMeetings:
      return "Slotwise creates the Teams meetings of the interviews you host.";
    case ConnectPurpose::kHrPosting:
      return "Slotwise posts the HR team's daily update to the Teams channel you choose, in your name; it does not "
             "read your calendar.";
  }
  return "";
}

}  // namespace

std::string ConnectedServiceName(oauth::Provider provider, ConnectPurpose purpose) {
  switch (provider) {
    case oauth::Provider::kGoogle: return "Google Calendar";
    case oauth::Provider::kMicrosoft:
      if (purpose == ConnectPurpose::kMeetings) return "Microsoft Teams";
      return purpose == ConnectPurpose::kHrPosting ? "Microsoft Teams (HR channel posts)" : "Microsoft 365 calendar";
    case oauth::Provider::kZoom: return "Zoom";
    case oauth::Provider::kGoTo: return "GoTo Meeting";
  }
  return std::string(oauth::ProviderName(provider));
}

std::string ConnectLinkPage(const Result<ConnectTicket>& flow, const std::string& start_url) {
  if (!flow) {
    return Page("failed", flow.error().code, "This connect link cannot be used",
                "<p class=\"error\">" + Escape(flow.error().message) +
                    "</p><p class=\"note\">Whoever sent you the link (your recruiting team or your administrator) can "
                    "send a new one.</p>");
  }
  const std::string service = ConnectedServiceName(flow->provider, flow->purpose);
  return Page("ready", "", "Connect your " + service + " to Slotwise",
              "<p>For <strong id=\"user\">" + Escape(flow->user) + "</strong>.</p><p>" +
                  Escape(PurposeSentence(flow->provider, flow->purpose)) + "</p><a class=\"button\" id=\"connect\" href=\"" +
                  Escape(start_url) + "\">Connect " + Escape(service) +
                  "</a><p class=\"note\">You sign in at " + Escape(service) +
                  " itself; Slotwise never sees your password. Right after, Slotwise checks that it works and shows "
                  "you the result. This link stays valid until " +
                  Escape(FormatRfc3339(flow->expires_at)) + ".</p>");
}

std::string CallbackPage(const ConnectOutcome& outcome, oauth::Provider provider) {
  json message = {{"type", "slotwise:connection"}, {"provider", oauth::ProviderName(provider)}};
  std::string headline;
  std::string body;
  std::string status = "failed";
  std::string code;
  if (outcome.connection) {
    message["connection"] = ConnectionJson(outcome.connection.value(), outcome.checks);
    bool all_passed = true;
    for (const FunctionCheck& check : outcome.checks) all_passed = all_passed && check.outcome != "failed";
    status = "connected";
    headline = "Connected " + outcome.connection->account_email;
    body = ChecksList(outcome.checks) +
           (all_passed ? "<p>Everything works: Slotwise can use this account for interviews now.</p>"
                       : "<p class=\"error\">The account is connected, but a check failed: the line above says what "
                         "to do.</p>");
  } else {
    message["error"] = {{"code", outcome.connection.error().code}, {"message", outcome.connection.error().message}};
    code = outcome.connection.error().code;
    headline = "Not connected";
    body = "<p class=\"error\">" + Escape(outcome.connection.error().message) + "</p>";
  }
  std::string script;
  if (!outcome.return_origin.empty()) {
    // The payload is JSON inside a <script>: "<" is escaped so "</script>" cannot appear in it.
    std::string payload = DumpJson(message);
    std::string safe;
    for (char c : payload) safe += (c == '<') ? std::string("\\u003c") : std::string(1, c);
    script = "<script>if (window.opener) { window.opener.postMessage(" + safe + ", " + DumpJson(json(outcome.return_origin)) +
             "); }</script>";
  }
  return Page(status, code, headline, body + "<p class=\"note\">You can close this window.</p>" + script);
}

std::string OrganisationConsentPage(const Result<OrgConnection>& connected) {
  if (!connected) {
    return Page("failed", connected.error().code, "The organisation is not connected",
                "<ul><li>" + Escape(connected.error().message) + "</li></ul><p class=\"note\">You can close this window.</p>");
  }
  std::string domains;
  for (const std::string& domain : connected->domains) domains += (domains.empty() ? "" : ", ") + domain;
  return Page("connected", "", "Your Microsoft 365 organisation is connected",
              "<ul><li>Verified domains: " + Escape(domains) + "</li><li>" + Escape(connected->check_message) +
                  "</li></ul><p class=\"note\">You can close this window.</p>");
}

}  // namespace slotwise
