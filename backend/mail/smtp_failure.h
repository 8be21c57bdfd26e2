// smtp_failure.h — what a failed libcurl SMTP transfer means, in the error vocabulary smtp_client.h promises
// (internal to slotwise_mail; smtp_client.cpp is its one caller).
//
// Contract: DescribeSmtpFailure maps libcurl's result code, the last SMTP status the relay sent (0 = none) and
// libcurl's one-line reason onto smtp_auth_failed / smtp_tls_failed / smtp_rejected / smtp_unavailable, with a
// message that names the relay ("host:port"), the SMTP status when there was one, what to check, and whether a retry
// may help. Nothing in it comes from the message or the password. Pure; thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "mail/smtp_client.h"
#include "slotwise/result.h"

namespace slotwise::mail {

struct SmtpFailure {
  int curl_code = 0;     // a CURLcode other than CURLE_OK
  long smtp_status = 0;  // CURLINFO_RESPONSE_CODE: the relay's last reply code, 0 = none
  std::string reason;    // libcurl's error buffer ("Login denied", "SSL certificate problem: …")
};

Error DescribeSmtpFailure(const SmtpFailure& failure, const std::string& relay, SmtpSecurity security,
                          std::chrono::milliseconds timeout);

}  // namespace slotwise::mail
