// oauth_test_util.h — registrations and short retry policies for the OAuth client tests.
#pragma once

#include <string>

#include "oauth/oauth_client.h"
#include "token_server.h"

namespace slotwise::testing {

inline constexpr std::int64_t kNow = 1'700'000'000;
inline constexpr const char* kSecret = "s3cr3t-Client-Value";

// Production-shaped but fast: 2 s timeout, tiny backoff.
inline oauth::TokenRequestPolicy FastPolicy() {
  oauth::TokenRequestPolicy policy;
  policy.timeout = std::chrono::milliseconds(2000);
  policy.base_backoff = std::chrono::milliseconds(5);
  policy.max_backoff = std::chrono::milliseconds(20);
  return policy;
}

// A registration for `provider` whose endpoints all point at the sandbox layout under `root`.
inline oauth::ClientRegistration Registration(oauth::Provider provider, const std::string& root,
                                              const std::string& tenant = "organizations") {
  oauth::ClientRegistration registration;
  registration.provider = provider;
  registration.endpoints = oauth::SandboxEndpoints(root, provider, tenant);
  registration.client_id = "client-123";
  registration.client_secret = kSecret;
  registration.redirect_uri =
      "https://slotwise.example.com/oauth/" + std::string(oauth::ProviderName(provider)) + "/callback";
  if (provider == oauth::Provider::kGoogle) {
    registration.scopes = {"https://www.googleapis.com/auth/calendar.events", "openid", "email"};
  } else if (provider == oauth::Provider::kMicrosoft) {
    registration.scopes = {"Calendars.ReadWrite", "User.Read"};
  }
  registration.policy = FastPolicy();
  return registration;
}

}  // namespace slotwise::testing
