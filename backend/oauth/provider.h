// provider.h — the OAuth providers Slotwise connects to, and where their endpoints live (real hosts or the sandbox).
//
// Contract: pure values, thread-safe. `SandboxEndpoints(root)` maps every endpoint under one base URL with the
// sandbox's path prefixes (/google, /microsoft, /zoom, /goto), so switching to the sandbox is only a base-URL change.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slotwise::oauth {

enum class Provider { kGoogle, kMicrosoft, kZoom, kGoTo };

std::string_view ProviderName(Provider provider);  // "google", "microsoft", "zoom", "goto"
std::optional<Provider> ParseProvider(std::string_view name);

// How the client authenticates at the token endpoint.
enum class ClientAuth { kSecretInBody, kBasicHeader };  // Google, Microsoft | Zoom, GoTo

struct ProviderEndpoints {
  std::string authorize_url;      // e.g. https://accounts.google.com/o/oauth2/v2/auth
  std::string token_url;          // e.g. https://oauth2.googleapis.com/token
  std::string api_base;           // e.g. https://www.googleapis.com/calendar/v3, https://graph.microsoft.com/v1.0,
                                  //      https://api.zoom.us/v2, https://api.getgo.com/G2M/rest
  std::string admin_consent_url;  // Microsoft only: …/{tenant}/v2.0/adminconsent; empty otherwise
  std::string directory_api_base;  // Google only: the Admin SDK Directory API (rooms, buildings),
                                   // https://admin.googleapis.com/admin/directory/v1; empty otherwise (Graph serves it)
  ClientAuth client_auth = ClientAuth::kSecretInBody;
};

// `microsoft_tenant` is "common", "organizations" or a tenant id; ignored by the other providers.
ProviderEndpoints RealEndpoints(Provider provider, std::string_view microsoft_tenant = "organizations");
// `sandbox_root` like "http://127.0.0.1:4100" (no trailing slash).
ProviderEndpoints SandboxEndpoints(std::string_view sandbox_root, Provider provider,
                                   std::string_view microsoft_tenant = "organizations");

}  // namespace slotwise::oauth
