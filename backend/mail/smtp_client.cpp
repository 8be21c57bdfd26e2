// smtp_client.cpp — SendMail over libcurl (see smtp_client.h).
#include "mail/smtp_client.h"

#include <curl/curl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

#include "mail/mail_message.h"
#include "mail/mime_encoding.h"
#include "mail/smtp_failure.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::mail {
namespace {

Error InvalidSettings(std::string message, std::string field) {
  return Error{codes::kInvalidSettings, std::move(message), std::move(field)};
}

// A host name or address that can stand in a URL as it is: visible ASCII without "/?#@[]".
bool IsPlainHost(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](char ch) { return ch > 0x20 && ch < 0x7f; }) &&
         host.find_first_of("/?#@[]%") == std::string_view::npos;
}

Result<bool> CheckEnvelope(const std::string& envelope_from, const std::vector<std::string>& recipients) {
  if (!envelope_from.empty() && !IsValidAddress(envelope_from)) {
    return Error{codes::kInvalidMessage, "The envelope sender is not a plain ASCII address.", "envelope_from"};
  }
  if (recipients.empty()) return Error{codes::kInvalidMessage, "A message needs at least one recipient.", "recipients"};
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    if (!IsValidAddress(recipients[i])) {
      const std::string field = "recipients[" + std::to_string(i) + "]";
      return Error{codes::kInvalidMessage, field + " is not a plain ASCII address.", field};
    }
  }
  return true;
}

int PortOf(const SmtpSettings& settings) {
  return settings.port == 0 ? DefaultSmtpPort(settings.security) : settings.port;
}

// "host:port" for messages, IPv6 in brackets.
std::string RelayName(const SmtpSettings& settings) {
  const bool ipv6 = settings.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + settings.host + "]" : settings.host) + ":" + std::to_string(PortOf(settings));
}

// smtp://relay/helo_name — libcurl takes the name to announce in EHLO/HELO from the URL's path.
std::string RelayUrl(const SmtpSettings& settings) {
  const std::string scheme = settings.security == SmtpSecurity::kImplicitTls ? "smtps://" : "smtp://";
  return scheme + RelayName(settings) + "/" + (settings.helo_name.empty() ? "localhost" : settings.helo_name);
}

// libcurl's process-wide set-up, once, before the first handle (thread-safe in libcurl >= 7.84; once anyway).
void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view remaining;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->remaining.size());
  std::memcpy(buffer, upload->remaining.data(), n);
  upload->remaining.remove_prefix(n);
  return n;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

int DefaultSmtpPort(SmtpSecurity security) {
  switch (security) {
    case SmtpSecurity::kStartTls:
      return 587;
    case SmtpSecurity::kImplicitTls:
      return 465;
    case SmtpSecurity::kNone:
      return 25;
  }
  return 587;
}

Result<bool> CheckSmtpSettings(const SmtpSettings& settings) {
  if (!IsPlainHost(settings.host)) {
    return InvalidSettings("The SMTP relay host must be a host name or address (no spaces, no /?#@[]%).", "host");
  }
  if (settings.port < 0 || settings.port > 65535) {
    return InvalidSettings("The SMTP relay port must be from 1 to 65535 (0 = the security's port).", "port");
  }
  if (!settings.helo_name.empty() && !IsPlainHost(settings.helo_name)) {
    return InvalidSettings("The EHLO name must be a host name (no spaces, no /?#@[]%).", "helo_name");
  }
  if (settings.timeout.count() <= 0) return InvalidSettings("The SMTP timeout must be positive.", "timeout");
  if (HasControlCharacter(settings.username)) {
    return InvalidSettings("The SMTP username holds a control character.", "username");
  }
  if (HasControlCharacter(settings.password)) {
    return InvalidSettings("The SMTP password holds a control character.", "password");
  }
  if (!settings.username.empty() && settings.security == SmtpSecurity::kNone) {
    return InvalidSettings(
        "SMTP security \"none\" with a username would send the password in clear: use \"starttls\" or \"tls\".",
        "username");
  }
  if (!settings.username.empty() && settings.password.empty()) {
    return InvalidSettings("The SMTP username has no password.", "password");
  }
  if (!settings.ca_file.empty() && access(settings.ca_file.c_str(), R_OK) != 0) {
    return InvalidSettings("The SMTP CA file " + settings.ca_file + " cannot be read.", "ca_file");
  }
  return true;
}

Result<bool> SendMail(const SmtpSettings& settings, const std::string& envelope_from,
                      const std::vector<std::string>& recipients, const std::string& rendered_message) {
  if (Result<bool> checked = CheckSmtpSettings(settings); !checked) return checked;
  if (Result<bool> checked = CheckEnvelope(envelope_from, recipients); !checked) return checked;
  GlobalInit();
  const std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error{codes::kSmtpUnavailable, "libcurl could not make a handle (out of memory?).", ""};
  std::unique_ptr<curl_slist, SlistDeleter> rcpt;
  for (const std::string& recipient : recipients) {
    curl_slist* appended = curl_slist_append(rcpt.get(), ("<" + recipient + ">").c_str());
    if (!appended) return Error{codes::kSmtpUnavailable, "libcurl could not list the recipients.", ""};
    (void)rcpt.release();
    rcpt.reset(appended);
  }
  const std::string body = ToCrlf(rendered_message);
  Upload upload{body};
  const std::string url = RelayUrl(settings);
  const std::string mail_from = "<" + envelope_from + ">";
  char reason[CURL_ERROR_SIZE] = {0};
  const long timeout_ms = static_cast<long>(settings.timeout.count());
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, reason);
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 0L);  // the exchange carries the password and the candidate's data
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_USE_SSL,
                   settings.security == SmtpSecurity::kNone ? static_cast<long>(CURLUSESSL_NONE)
                                                            : static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, settings.ca_file.c_str());
  if (!settings.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, settings.password.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  const CURLcode result = curl_easy_perform(handle);
  if (result == CURLE_OK) return true;
  SmtpFailure failure;
  failure.curl_code = static_cast<int>(result);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &failure.smtp_status);
  failure.reason = reason[0] != '\0' ? std::string(reason) : std::string(curl_easy_strerror(result));
  return DescribeSmtpFailure(failure, RelayName(settings), settings.security, settings.timeout);
}

}  // namespace slotwise::mail
