// smtp_failure.cpp — DescribeSmtpFailure (see smtp_failure.h).
#include "mail/smtp_failure.h"

#include <curl/curl.h>

#include "slotwise/error_codes.h"

namespace slotwise::mail {
namespace {

constexpr std::string_view kTemporary = " This is temporary: the message is retried later.";
constexpr std::string_view kPermanent = " This is permanent: the message is not retried.";

std::string Status(long smtp_status) {
  return smtp_status > 0 ? " (SMTP status " + std::to_string(smtp_status) + ")" : "";
}

std::string Reason(const std::string& reason) {
  return reason.empty() ? "" : ": " + reason;
}

}  // namespace

Error DescribeSmtpFailure(const SmtpFailure& failure, const std::string& relay, SmtpSecurity security,
                          std::chrono::milliseconds timeout) {
  const std::string status = Status(failure.smtp_status);
  const std::string why = Reason(failure.reason);
  switch (static_cast<CURLcode>(failure.curl_code)) {
    case CURLE_LOGIN_DENIED:
      if (failure.smtp_status >= 400 && failure.smtp_status < 500) {  // 454: the relay cannot check it just now
        return Error{codes::kSmtpUnavailable,
                     "The SMTP relay " + relay + " could not authenticate us just now" + status + why + "." +
                         std::string(kTemporary),
                     ""};
      }
      return Error{codes::kSmtpAuthFailed,
                   "The SMTP relay " + relay + " refused the username and password" + status + why +
                       ". Check mail.smtp.username and the SMTP password." + std::string(kPermanent),
                   ""};
    case CURLE_USE_SSL_FAILED:
      return Error{codes::kSmtpTlsFailed,
                   "The SMTP relay " + relay + " does not offer STARTTLS" + status +
                       ", and security \"starttls\" never sends in clear." + std::string(kPermanent),
                   ""};
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return Error{codes::kSmtpTlsFailed,
                   "The SMTP relay " + relay + "'s certificate could not be verified" + why +
                       ". A private relay's CA belongs in mail.smtp.ca_file." + std::string(kPermanent),
                   ""};
    case CURLE_SSL_CONNECT_ERROR:
      return Error{codes::kSmtpUnavailable,
                   "The TLS handshake with the SMTP relay " + relay + " failed" + why +
                       (security == SmtpSecurity::kImplicitTls
                            ? " (security \"tls\" needs a port that speaks TLS at once, usually 465)."
                            : ".") +
                       std::string(kTemporary),
                   ""};
    case CURLE_OPERATION_TIMEDOUT:
      return Error{codes::kSmtpUnavailable,
                   "The SMTP relay " + relay + " did not finish within " + std::to_string(timeout.count()) + " ms" +
                       status + "." + std::string(kTemporary),
                   ""};
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return Error{codes::kSmtpUnavailable,
                   "Cannot reach the SMTP relay " + relay + why + "." + std::string(kTemporary), ""};
    default:
      break;
  }
  if (failure.smtp_status >= 500) {
    return Error{codes::kSmtpRejected,
                 "The SMTP relay " + relay + " refused the message" + status + why + "." + std::string(kPermanent), ""};
  }
  return Error{codes::kSmtpUnavailable,
               "The SMTP exchange with " + relay + " failed" + status + why + "." + std::string(kTemporary), ""};
}

}  // namespace slotwise::mail
