// oauth_pages.cpp — the providers' authorize pages (Google, Microsoft incl. admin consent, Zoom, GoTo) and the shared
// consent form POST /sandbox/consent. See docs/SANDBOX.md "Sign-in pages" for the contract a test drives.
#include <algorithm>

#include "sandbox/http_util.h"
#include "sandbox/routes.h"

namespace slotwise::sandbox {

namespace {

constexpr std::int64_t kPendingLifetime = 3600;

std::int64_t CodeLifetime(const std::string& provider) {
  return provider == "zoom" || provider == "goto" ? 300 : 600;  // GoTo: unconfirmed, like Zoom
}

std::string Title(const std::string& provider) {
  if (provider == "google") return "Sign in - Google Accounts";
  if (provider == "microsoft") return "Sign in to your account";
  if (provider == "zoom") return "Zoom - Authorize App";
  return "GoTo - Sign in";
}

std::string Page(const std::string& provider, const std::string& body) {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + Title(provider) +
         "</title><style>body{font-family:sans-serif;max-width:34em;margin:3em auto}"
         "button{margin-right:1em}</style></head><body>" +
         body + "</body></html>";
}

std::string ErrorPage(const std::string& provider, const std::string& headline, const std::string& detail) {
  return Page(provider, "<h1>" + HtmlEscape(headline) + "</h1><p>" + HtmlEscape(detail) + "</p>");
}

std::string AdminApprovalPage(const std::string& tenant, const std::string& client_id) {
  return Page("microsoft",
              "<h1>Need admin approval</h1><p>Slotwise needs permission to access resources in your organization "
              "that only an admin can grant. Please ask an admin to grant permission to this app before you can use "
              "it.</p><p>AADSTS90094: The grant requires admin permission.</p><p>Tenant: " +
                  HtmlEscape(tenant) + "<br>App: " + HtmlEscape(client_id) + "</p>");
}

bool TenantMatches(const User& user, const std::string& tenant) {
  if (tenant.empty() || tenant == "common" || tenant == "organizations") return true;
  return user.tenant == tenant || user.domain == tenant;
}

// The tenant named in the path, or nullptr for common/organizations/consumers.
const Tenant* FindTenant(const SandboxCore& core, const std::string& name) {
  for (const auto& [id, tenant] : core.state.tenants) {
    if (id == name || tenant.domain == name) return &tenant;
  }
  return nullptr;
}

std::string ConsentForm(const SandboxCore& core, const PendingAuthorize& pending, const std::string& request_id,
                        const std::string& login_hint) {
  std::string options;
  for (const auto& user : core.state.users) {
    if (user.provider != pending.provider) continue;
    if (pending.provider == "microsoft" && !TenantMatches(user, pending.tenant)) continue;
    bool selected = !login_hint.empty() && (user.email == login_hint || user.id == login_hint);
    options += "<option value=\"" + HtmlEscape(user.email) + "\"" + (selected ? " selected" : "") + ">" +
               HtmlEscape(user.name + " <" + user.email + ">") + "</option>";
  }
  std::string what = pending.admin_consent
                         ? "Permissions requested — accept for your organization"
                         : "Slotwise wants to access your account";
  return Page(pending.provider,
              "<h1>" + HtmlEscape(what) + "</h1><p>App: " + HtmlEscape(pending.client_id) + "</p><p>Scopes: " +
                  HtmlEscape(pending.scope.empty() ? "the scopes configured for this app" : pending.scope) +
                  "</p><form method=\"post\" action=\"/sandbox/consent\">"
                  "<input type=\"hidden\" name=\"request_id\" value=\"" +
                  HtmlEscape(request_id) + "\"><label>Account <select name=\"login\">" + options +
                  "</select></label><p><button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>"
                  "<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></p></form>");
}

// Validates client + redirect_uri; answers the provider's error page and returns false when they do not match.
bool CheckClientAndRedirect(const SandboxCore& core, const std::string& provider, const httplib::Request& req,
                            httplib::Response& res) {
  std::string client_id = Query(req, "client_id");
  std::string redirect_uri = Query(req, "redirect_uri");
  const Client* client = core.FindClient(provider, client_id);
  if (!client) {
    if (provider == "google") {
      SendHtml(res, 400, ErrorPage(provider, "Error 401: invalid_client", "The OAuth client was not found."));
    } else if (provider == "microsoft") {
      SendHtml(res, 400, ErrorPage(provider, "Sign in error",
                                   "AADSTS700016: Application with identifier '" + client_id +
                                       "' was not found in the directory."));
    } else if (provider == "zoom") {
      SendHtml(res, 400, ErrorPage(provider, "Invalid client_id: " + client_id, "Error code: 4,700"));
    } else {
      SendHtml(res, 400, ErrorPage(provider, "invalid_client", "Unknown client_id " + client_id));
    }
    return false;
  }
  bool registered = std::find(client->redirect_uris.begin(), client->redirect_uris.end(), redirect_uri) !=
                    client->redirect_uris.end();
  if (!registered) {
    if (provider == "google") {
      SendHtml(res, 400, ErrorPage(provider, "Error 400: redirect_uri_mismatch",
                                   "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 "
                                   "policy. redirect_uri=" + redirect_uri));
    } else if (provider == "microsoft") {
      SendHtml(res, 400, ErrorPage(provider, "Sorry, but we're having trouble signing you in.",
                                   "AADSTS50011: The redirect URI '" + redirect_uri +
                                       "' specified in the request does not match the redirect URIs configured for "
                                       "the application '" + client_id + "'."));
    } else if (provider == "zoom") {
      SendHtml(res, 400, ErrorPage(provider, "Invalid redirect: " + redirect_uri, "Error code: 4,700"));
    } else {
      SendHtml(res, 400, ErrorPage(provider, "invalid_request", "redirect_uri mismatch: " + redirect_uri));
    }
    return false;
  }
  return true;
}

void RedirectWithError(httplib::Response& res, const std::string& redirect_uri, const std::string& error,
                       const std::string& description, const std::string& state) {
  net::Params params{{"error", error}};
  if (!description.empty()) params.emplace_back("error_description", description);
  if (!state.empty()) params.emplace_back("state", state);
  Redirect(res, net::WithQuery(redirect_uri, params));
}

void HandleAuthorize(SandboxCore& core, const std::string& provider, const std::string& tenant, bool admin_consent,
                     const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  if (provider == "microsoft" && tenant != "common" && tenant != "organizations" && tenant != "consumers" &&
      !FindTenant(core, tenant)) {
    SendHtml(res, 400, ErrorPage(provider, "Sign in error",
                                 "AADSTS90002: Tenant '" + tenant + "' not found. Check to make sure you have the "
                                 "correct tenant ID and are signing into the correct cloud."));
    return;
  }
  if (!CheckClientAndRedirect(core, provider, req, res)) return;
  PendingAuthorize pending;
  pending.provider = provider;
  pending.admin_consent = admin_consent;
  pending.client_id = Query(req, "client_id");
  pending.redirect_uri = Query(req, "redirect_uri");
  pending.state = Query(req, "state");
  pending.scope = Query(req, "scope");
  pending.code_challenge = Query(req, "code_challenge");
  pending.code_challenge_method = Query(req, "code_challenge_method");
  pending.access_type = Query(req, "access_type");
  pending.prompt = Query(req, "prompt");
  pending.tenant = tenant;
  pending.created_at = core.Now();
  if (!admin_consent) {
    if (Query(req, "response_type") != "code") {
      RedirectWithError(res, pending.redirect_uri, "unsupported_response_type",
                        provider == "microsoft" ? "AADSTS700054: response_type 'code' is required." : "",
                        pending.state);
      return;
    }
    if (pending.scope.empty() && (provider == "google" || provider == "microsoft")) {
      if (provider == "google") {
        SendHtml(res, 400, ErrorPage(provider, "Error 400: invalid_request", "Missing required parameter: scope"));
      } else {
        RedirectWithError(res, pending.redirect_uri, "invalid_request",
                          "AADSTS900144: The request body must contain the following parameter: 'scope'.",
                          pending.state);
      }
      return;
    }
    if (!pending.code_challenge.empty() && pending.code_challenge_method != "S256") {
      RedirectWithError(res, pending.redirect_uri, "invalid_request",
                        provider == "microsoft" ? "AADSTS501491: Invalid code_challenge_method." :
                                                  "Invalid code_challenge_method (the sandbox supports S256 only)",
                        pending.state);
      return;
    }
    if (provider == "microsoft") {
      const Tenant* named = FindTenant(core, tenant);
      if (named && named->admin_consent_required) {
        SendHtml(res, 200, AdminApprovalPage(named->id, pending.client_id));
        return;
      }
    }
  }
  std::string request_id = RandomId(18);
  for (auto it = core.state.pending.begin(); it != core.state.pending.end();) {
    it = it->second.created_at + kPendingLifetime < core.Now() ? core.state.pending.erase(it) : std::next(it);
  }
  core.state.pending[request_id] = pending;
  SendHtml(res, 200, ConsentForm(core, pending, request_id, Query(req, "login_hint")));
}

void HandleConsent(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto form = ParseFormBody(req.body);
  if (!form) {
    SendHtml(res, 400, ErrorPage("google", "Bad request", "The consent form could not be read."));
    return;
  }
  auto it = core.state.pending.find(Param(*form, "request_id"));
  if (it == core.state.pending.end()) {
    SendHtml(res, 400, ErrorPage("google", "This sign-in request is no longer valid",
                                 "Start again from the application (request ids are single-use)."));
    return;
  }
  PendingAuthorize pending = it->second;
  core.state.pending.erase(it);
  const std::string& provider = pending.provider;
  std::string decision = Param(*form, "decision");
  if (decision != "allow") {
    if (pending.admin_consent) {
      RedirectWithError(res, pending.redirect_uri, "consent_required",
                        "AADSTS65004: User declined to consent to access the app.", pending.state);
    } else {
      RedirectWithError(res, pending.redirect_uri, "access_denied",
                        provider == "microsoft" ? "AADSTS65004: User declined to consent to access the app." : "",
                        pending.state);
    }
    return;
  }
  User* user = core.FindUserMutable(provider, Param(*form, "login"));
  if (!user || (provider == "microsoft" && !TenantMatches(*user, pending.tenant))) {
    SendHtml(res, 400, ErrorPage(provider, "Unknown account", "That account does not exist in the sandbox."));
    return;
  }
  if (pending.admin_consent) {
    auto tenant_it = core.state.tenants.find(user->tenant);
    if (tenant_it != core.state.tenants.end()) tenant_it->second.admin_consent_required = false;
    for (auto& other : core.state.users) {
      if (other.provider == "microsoft" && other.tenant == user->tenant) other.consent_revoked = false;
    }
    Redirect(res, net::WithQuery(pending.redirect_uri, {{"admin_consent", "True"},
                                                        {"tenant", user->tenant},
                                                        {"scope", pending.scope},
                                                        {"state", pending.state}}));
    return;
  }
  if (provider == "microsoft") {
    auto tenant_it = core.state.tenants.find(user->tenant);
    if (tenant_it != core.state.tenants.end() && tenant_it->second.admin_consent_required) {
      SendHtml(res, 200, AdminApprovalPage(user->tenant, pending.client_id));
      return;
    }
    user->consent_revoked = false;
  }
  CurrentNote().user = user->email;
  AuthCode code;
  code.provider = provider;
  code.client_id = pending.client_id;
  code.redirect_uri = pending.redirect_uri;
  code.user_email = user->email;
  code.scope = pending.scope;
  code.code_challenge = pending.code_challenge;
  if (provider == "google") code.offline = pending.access_type == "offline";
  else if (provider == "microsoft") code.offline = (" " + pending.scope + " ").find(" offline_access ") != std::string::npos;
  else code.offline = true;
  code.force_refresh = pending.prompt.find("consent") != std::string::npos;
  code.expires_at = core.Now() + CodeLifetime(provider);
  std::string prefix = provider == "google" ? "4/0AeanS0" : provider == "microsoft" ? "M.C5_BAY." : "";
  std::string value = prefix + RandomId(32);
  core.state.codes[value] = code;
  net::Params params{{"code", value}};
  if (provider == "google") params.emplace_back("scope", pending.scope);
  if (!pending.state.empty()) params.emplace_back("state", pending.state);
  Redirect(res, net::WithQuery(pending.redirect_uri, params));
}

}  // namespace

void MountOAuthPages(httplib::Server& server, SandboxCore& core) {
  AddRoute(server, core, "GET", "/google/o/oauth2/v2/auth", [&core](const httplib::Request& req, httplib::Response& res) {
    HandleAuthorize(core, "google", "", false, req, res);
  });
  AddRoute(server, core, "GET", R"(/microsoft/([^/]+)/oauth2/v2\.0/authorize)",
           [&core](const httplib::Request& req, httplib::Response& res) {
             HandleAuthorize(core, "microsoft", req.matches[1].str(), false, req, res);
           });
  AddRoute(server, core, "GET", R"(/microsoft/([^/]+)/v2\.0/adminconsent)",
           [&core](const httplib::Request& req, httplib::Response& res) {
             HandleAuthorize(core, "microsoft", req.matches[1].str(), true, req, res);
           });
  AddRoute(server, core, "GET", "/zoom/oauth/authorize", [&core](const httplib::Request& req, httplib::Response& res) {
    HandleAuthorize(core, "zoom", "", false, req, res);
  });
  AddRoute(server, core, "GET", "/goto/oauth/authorize", [&core](const httplib::Request& req, httplib::Response& res) {
    HandleAuthorize(core, "goto", "", false, req, res);
  });
  AddRoute(server, core, "POST", "/sandbox/consent", [&core](const httplib::Request& req, httplib::Response& res) {
    HandleConsent(core, req, res);
  });
}

}  // namespace slotwise::sandbox
