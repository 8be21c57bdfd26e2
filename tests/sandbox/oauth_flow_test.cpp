// OAuth flows of all four providers through the sign-in pages and token endpoints.
#include <doctest/doctest.h>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "net/url.h"
#include "sandbox_test_util.h"

using namespace slotwise::sandbox;
using namespace slotwise::sandbox::testing;
using slotwise::net::FormEncode;

namespace {

const std::string kGoogleScope = "openid email https://www.googleapis.com/auth/calendar";

std::string GoogleAuthorize(const Pkce& pkce, const std::string& extra = "&access_type=offline") {
  return "/google/o/oauth2/v2/auth?client_id=" + Encode(std::string(kGoogleClientId)) + "&redirect_uri=" +
         Encode(kRedirect) + "&response_type=code&scope=" + Encode(kGoogleScope) + "&state=st-42" +
         "&code_challenge=" + pkce.challenge + "&code_challenge_method=S256" + extra;
}

std::string MicrosoftAuthorize(const Pkce& pkce, const std::string& tenant = "organizations") {
  return "/microsoft/" + tenant + "/oauth2/v2.0/authorize?client_id=" + std::string(kMicrosoftClientId) +
         "&redirect_uri=" + Encode(kRedirect) + "&response_type=code&response_mode=query&scope=" +
         Encode("offline_access Calendars.ReadWrite") + "&state=ms-1&code_challenge=" + pkce.challenge +
         "&code_challenge_method=S256";
}

httplib::Result PostForm(LiveSandbox& sandbox, const std::string& path, const slotwise::net::Params& form,
                         const std::string& basic_id = "", const std::string& basic_secret = "") {
  httplib::Headers headers;
  if (!basic_id.empty())
    headers.emplace("Authorization", "Basic " + slotwise::crypto::Base64Encode(basic_id + ":" + basic_secret));
  return sandbox.client().Post(path.c_str(), headers, FormEncode(form), "application/x-www-form-urlencoded");
}

httplib::Result GoogleExchange(LiveSandbox& sandbox, const std::string& code, const std::string& verifier,
                               const std::string& redirect = kRedirect) {
  return PostForm(sandbox, "/google/token",
                  {{"code", code}, {"client_id", std::string(kGoogleClientId)},
                   {"client_secret", std::string(kGoogleClientSecret)}, {"redirect_uri", redirect},
                   {"grant_type", "authorization_code"}, {"code_verifier", verifier}});
}

httplib::Result MicrosoftToken(LiveSandbox& sandbox, slotwise::net::Params form, const std::string& secret =
                                   std::string(kMicrosoftClientSecret)) {
  form.emplace_back("client_id", std::string(kMicrosoftClientId));
  form.emplace_back("client_secret", secret);
  return PostForm(sandbox, "/microsoft/organizations/oauth2/v2.0/token", form);
}

json Body(const httplib::Result& res) { return json::parse(res->body); }

}  // namespace

TEST_CASE("Sandbox: Google PKCE code flow, single-use codes, refresh never rotates") {
  LiveSandbox sandbox;
  Pkce pkce = MakePkce();
  std::string location = ConsentRedirect(sandbox, GoogleAuthorize(pkce) + "&login_hint=lena.fischer%40kumo.example",
                                         "lena.fischer@kumo.example");
  REQUIRE(location.rfind(std::string(kRedirect) + "?", 0) == 0);
  auto query = QueryOf(location);
  CHECK(query["state"] == "st-42");
  CHECK(query["scope"] == kGoogleScope);
  REQUIRE(!query["code"].empty());

  auto token = GoogleExchange(sandbox, query["code"], pkce.verifier);
  REQUIRE(token);
  REQUIRE(token->status == 200);
  json body = Body(token);
  CHECK(body["token_type"] == "Bearer");
  CHECK(body["expires_in"] == 3599);
  CHECK(body["scope"] == kGoogleScope);
  CHECK(body.contains("id_token"));
  std::string refresh = body["refresh_token"].get<std::string>();

  // The code is single-use.
  auto again = GoogleExchange(sandbox, query["code"], pkce.verifier);
  CHECK(again->status == 400);
  CHECK(Body(again)["error"] == "invalid_grant");

  // The token works, for the consenting user.
  auto calendar = sandbox.Get("/google/calendar/v3/calendars/primary/events", body["access_token"]);
  REQUIRE(calendar->status == 200);
  CHECK(Body(calendar)["summary"] == "lena.fischer@kumo.example");

  // Refresh twice with the same token: no new refresh token comes back.
  for (int i = 0; i < 2; ++i) {
    auto refreshed = PostForm(sandbox, "/google/token",
                              {{"client_id", std::string(kGoogleClientId)}, {"client_secret", std::string(kGoogleClientSecret)},
                               {"grant_type", "refresh_token"}, {"refresh_token", refresh}});
    REQUIRE(refreshed->status == 200);
    CHECK_FALSE(Body(refreshed).contains("refresh_token"));
    CHECK(Body(refreshed)["access_token"] != body["access_token"]);
  }

  // A second consent without prompt=consent gives no refresh token (only the first consent does).
  Pkce second = MakePkce();
  auto second_query = QueryOf(ConsentRedirect(sandbox, GoogleAuthorize(second), "lena.fischer@kumo.example"));
  auto second_token = GoogleExchange(sandbox, second_query["code"], second.verifier);
  REQUIRE(second_token->status == 200);
  CHECK_FALSE(Body(second_token).contains("refresh_token"));
}

TEST_CASE("Sandbox: wrong PKCE verifier, redirect mismatch and bad client secrets answer in each provider's format") {
  LiveSandbox sandbox;
  Pkce pkce = MakePkce();
  auto query = QueryOf(ConsentRedirect(sandbox, GoogleAuthorize(pkce), "jonas.becker@kumo.example"));
  auto wrong = GoogleExchange(sandbox, query["code"], MakePkce().verifier);
  CHECK(wrong->status == 400);
  CHECK(Body(wrong)["error"] == "invalid_grant");

  // redirect_uri at the token endpoint must equal the authorize request's.
  Pkce other = MakePkce();
  auto other_query = QueryOf(ConsentRedirect(sandbox, GoogleAuthorize(other), "jonas.becker@kumo.example"));
  auto mismatch = GoogleExchange(sandbox, other_query["code"], other.verifier, "http://127.0.0.1:9/callback/");
  CHECK(mismatch->status == 400);
  CHECK(Body(mismatch)["error"] == "redirect_uri_mismatch");

  // At authorize: a page, no redirect.
  auto page = sandbox.client().Get(("/google/o/oauth2/v2/auth?client_id=" + Encode(std::string(kGoogleClientId)) +
                                    "&redirect_uri=" + Encode("http://127.0.0.1:9/other") +
                                    "&response_type=code&scope=openid").c_str());
  CHECK(page->status == 400);
  CHECK(page->body.find("Error 400: redirect_uri_mismatch") != std::string::npos);
  CHECK_FALSE(page->has_header("Location"));
  auto ms_page = sandbox.client().Get(("/microsoft/common/oauth2/v2.0/authorize?client_id=" +
                                       std::string(kMicrosoftClientId) + "&redirect_uri=" +
                                       Encode("https://evil.example/cb") + "&response_type=code&scope=openid").c_str());
  CHECK(ms_page->status == 400);
  CHECK(ms_page->body.find("AADSTS50011") != std::string::npos);

  // Microsoft: wrong verifier -> AADSTS501481; bad secret -> 401 AADSTS7000215 with the full error body.
  Pkce ms = MakePkce();
  auto ms_query = QueryOf(ConsentRedirect(sandbox, MicrosoftAuthorize(ms), "sanne.devries@kumo-labs.example"));
  auto bad_verifier = MicrosoftToken(sandbox, {{"grant_type", "authorization_code"}, {"code", ms_query["code"]},
                                               {"redirect_uri", kRedirect}, {"code_verifier", "x" + ms.verifier}});
  CHECK(bad_verifier->status == 400);
  CHECK(Body(bad_verifier)["error_codes"] == json::array({501481}));
  auto bad_secret = MicrosoftToken(sandbox, {{"grant_type", "client_credentials"},
                                             {"scope", "https://graph.microsoft.com/.default"}}, "nope");
  CHECK(bad_secret->status == 401);
  json error = Body(bad_secret);
  CHECK(error["error"] == "invalid_client");
  CHECK(error["error_codes"] == json::array({7000215}));
  std::string description = error["error_description"];
  CHECK(description.rfind("AADSTS7000215: ", 0) == 0);
  CHECK(description.find("\r\nTrace ID: " + error["trace_id"].get<std::string>()) != std::string::npos);
  CHECK(error.contains("timestamp"));
  CHECK(error.contains("correlation_id"));

  // Zoom: Basic auth with a wrong secret.
  auto zoom = PostForm(sandbox, "/zoom/oauth/token", {{"grant_type", "refresh_token"}, {"refresh_token", "x"}},
                       std::string(kZoomClientId), "wrong");
  CHECK(zoom->status == 400);
  CHECK(Body(zoom) == json{{"reason", "Invalid client_id or client_secret"}, {"error", "invalid_client"}});
}

TEST_CASE("Sandbox: Microsoft refresh rotates but keeps the old token valid unless strict; consent revoked -> 65001") {
  LiveSandbox sandbox;
  Pkce pkce = MakePkce();
  auto query = QueryOf(ConsentRedirect(sandbox, MicrosoftAuthorize(pkce), "daan.jansen@kumo-labs.example"));
  CHECK(query["state"] == "ms-1");
  auto token = MicrosoftToken(sandbox, {{"grant_type", "authorization_code"}, {"code", query["code"]},
                                        {"redirect_uri", kRedirect}, {"code_verifier", pkce.verifier},
                                        {"scope", "offline_access Calendars.ReadWrite"}});
  REQUIRE(token->status == 200);
  json body = Body(token);
  CHECK(body["scope"] == "https://graph.microsoft.com/Calendars.ReadWrite");
  std::string first = body["refresh_token"];
  auto refreshed = MicrosoftToken(sandbox, {{"grant_type", "refresh_token"}, {"refresh_token", first}});
  REQUIRE(refreshed->status == 200);
  std::string second = Body(refreshed)["refresh_token"];
  CHECK(second != first);
  CHECK(MicrosoftToken(sandbox, {{"grant_type", "refresh_token"}, {"refresh_token", first}})->status == 200);

  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "rotate_refresh_strict"}, {"user", "daan.jansen@kumo-labs.example"}})->status == 200);
  auto strict = MicrosoftToken(sandbox, {{"grant_type", "refresh_token"}, {"refresh_token", second}});
  REQUIRE(strict->status == 200);
  auto reused = MicrosoftToken(sandbox, {{"grant_type", "refresh_token"}, {"refresh_token", second}});
  CHECK(reused->status == 400);
  CHECK(Body(reused)["error"] == "invalid_grant");

  std::string third = Body(strict)["refresh_token"];
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "consent_revoked"}, {"user", "daan.jansen@kumo-labs.example"}})->status == 200);
  auto revoked = MicrosoftToken(sandbox, {{"grant_type", "refresh_token"}, {"refresh_token", third}});
  CHECK(revoked->status == 400);
  CHECK(Body(revoked)["error"] == "invalid_grant");
  CHECK(Body(revoked)["error_codes"] == json::array({65001}));

  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "revoke_refresh_tokens"}, {"provider", "microsoft"}})->status == 200);
  auto gone = MicrosoftToken(sandbox, {{"grant_type", "refresh_token"}, {"refresh_token", third}});
  CHECK(Body(gone)["error_codes"] == json::array({50173}));
}

TEST_CASE("Sandbox: Zoom rotates refresh tokens every time; GoTo keeps them; Zoom codes live 5 minutes") {
  LiveSandbox sandbox;
  Pkce pkce = MakePkce();
  std::string authorize = "/zoom/oauth/authorize?response_type=code&client_id=" + std::string(kZoomClientId) +
                          "&redirect_uri=" + Encode(kRedirect) + "&state=z&code_challenge=" + pkce.challenge +
                          "&code_challenge_method=S256";
  auto query = QueryOf(ConsentRedirect(sandbox, authorize, "ken.sato@kumo.example"));
  auto token = PostForm(sandbox, "/zoom/oauth/token", {{"grant_type", "authorization_code"}, {"code", query["code"]},
                                                       {"redirect_uri", kRedirect}, {"code_verifier", pkce.verifier}},
                        std::string(kZoomClientId), std::string(kZoomClientSecret));
  REQUIRE(token->status == 200);
  CHECK(Body(token)["token_type"] == "bearer");
  std::string old_refresh = Body(token)["refresh_token"];
  auto refreshed = PostForm(sandbox, "/zoom/oauth/token", {{"grant_type", "refresh_token"}, {"refresh_token", old_refresh}},
                            std::string(kZoomClientId), std::string(kZoomClientSecret));
  REQUIRE(refreshed->status == 200);
  CHECK(Body(refreshed)["refresh_token"] != old_refresh);
  auto reuse = PostForm(sandbox, "/zoom/oauth/token", {{"grant_type", "refresh_token"}, {"refresh_token", old_refresh}},
                        std::string(kZoomClientId), std::string(kZoomClientSecret));
  CHECK(reuse->status == 400);
  CHECK(Body(reuse) == json{{"reason", "Invalid Token!"}, {"error", "invalid_grant"}});

  // A code older than 5 minutes is refused.
  Pkce late = MakePkce();
  auto late_query = QueryOf(ConsentRedirect(sandbox, "/zoom/oauth/authorize?response_type=code&client_id=" +
                                                         std::string(kZoomClientId) + "&redirect_uri=" + Encode(kRedirect) +
                                                         "&code_challenge=" + late.challenge + "&code_challenge_method=S256",
                                            "ken.sato@kumo.example"));
  sandbox.sandbox().AdvanceClock(301);
  auto expired = PostForm(sandbox, "/zoom/oauth/token", {{"grant_type", "authorization_code"}, {"code", late_query["code"]},
                                                         {"redirect_uri", kRedirect}, {"code_verifier", late.verifier}},
                          std::string(kZoomClientId), std::string(kZoomClientSecret));
  CHECK(expired->status == 400);
  CHECK(Body(expired)["error"] == "invalid_grant");

  auto goto_query = QueryOf(ConsentRedirect(sandbox, "/goto/oauth/authorize?response_type=code&client_id=" +
                                                         std::string(kGoToClientId) + "&redirect_uri=" + Encode(kRedirect),
                                            "priya.patel@kumo-labs.example"));
  auto goto_token = PostForm(sandbox, "/goto/oauth/token", {{"grant_type", "authorization_code"}, {"code", goto_query["code"]},
                                                            {"redirect_uri", kRedirect}},
                             std::string(kGoToClientId), std::string(kGoToClientSecret));
  REQUIRE(goto_token->status == 200);
  CHECK(Body(goto_token)["principal"] == "priya.patel@kumo-labs.example");
  std::string goto_refresh = Body(goto_token)["refresh_token"];
  auto goto_refreshed = PostForm(sandbox, "/goto/oauth/token", {{"grant_type", "refresh_token"}, {"refresh_token", goto_refresh}},
                                 std::string(kGoToClientId), std::string(kGoToClientSecret));
  REQUIRE(goto_refreshed->status == 200);
  CHECK(Body(goto_refreshed)["refresh_token"] == goto_refresh);
}

TEST_CASE("Sandbox: deny gives access_denied; admin consent required shows AADSTS90094 until an admin consents") {
  LiveSandbox sandbox;
  Pkce pkce = MakePkce();
  auto denied = QueryOf(ConsentRedirect(sandbox, GoogleAuthorize(pkce), "lena.fischer@kumo.example", "deny"));
  CHECK(denied["error"] == "access_denied");
  CHECK(denied["state"] == "st-42");
  CHECK(denied.count("code") == 0);
  auto ms_denied = QueryOf(ConsentRedirect(sandbox, MicrosoftAuthorize(pkce), "anna.schmidt@kumo-labs.example", "deny"));
  CHECK(ms_denied["error"] == "access_denied");
  CHECK(ms_denied["error_description"].rfind("AADSTS65004", 0) == 0);

  std::string tenant(kDemoMicrosoftTenant);
  REQUIRE(sandbox.PostJson("/sandbox/faults", {{"kind", "admin_consent_required"}, {"tenant", tenant}})->status == 200);
  auto blocked = sandbox.client().Get(MicrosoftAuthorize(pkce, tenant).c_str());
  CHECK(blocked->status == 200);
  CHECK(blocked->body.find("AADSTS90094") != std::string::npos);
  CHECK(blocked->body.find("Need admin approval") != std::string::npos);
  CHECK(RequestIdOf(blocked->body).empty());
  // organizations: the tenant is only known after picking the user.
  auto page = sandbox.client().Get(MicrosoftAuthorize(pkce).c_str());
  auto consent = sandbox.client().Post("/sandbox/consent",
                                       FormEncode({{"request_id", RequestIdOf(page->body)},
                                                   {"login", "anna.schmidt@kumo-labs.example"}, {"decision", "allow"}}),
                                       "application/x-www-form-urlencoded");
  CHECK(consent->status == 200);
  CHECK(consent->body.find("AADSTS90094") != std::string::npos);
  // App-only tokens are refused too while admin consent is missing.
  auto app = MicrosoftToken(sandbox, {{"grant_type", "client_credentials"}, {"scope", "https://graph.microsoft.com/.default"}});
  CHECK(app->status == 400);

  std::string admin = "/microsoft/" + tenant + "/v2.0/adminconsent?client_id=" + std::string(kMicrosoftClientId) +
                      "&scope=" + Encode("https://graph.microsoft.com/.default") + "&redirect_uri=" + Encode(kRedirect) +
                      "&state=adm";
  auto granted = QueryOf(ConsentRedirect(sandbox, admin, "anna.schmidt@kumo-labs.example"));
  CHECK(granted["admin_consent"] == "True");
  CHECK(granted["tenant"] == tenant);
  CHECK(granted["state"] == "adm");
  auto unblocked = sandbox.client().Get(MicrosoftAuthorize(pkce, tenant).c_str());
  CHECK_FALSE(RequestIdOf(unblocked->body).empty());
}

TEST_CASE("Sandbox: Microsoft client credentials give an app token for every mailbox of the tenant") {
  LiveSandbox sandbox;
  auto app = PostForm(sandbox, "/microsoft/" + std::string(kDemoMicrosoftTenant) + "/oauth2/v2.0/token",
                      {{"grant_type", "client_credentials"}, {"scope", "https://graph.microsoft.com/.default"},
                       {"client_id", std::string(kMicrosoftClientId)}, {"client_secret", std::string(kMicrosoftClientSecret)}});
  REQUIRE(app->status == 200);
  std::string token = Body(app)["access_token"];
  CHECK_FALSE(Body(app).contains("refresh_token"));
  auto users = sandbox.Get("/microsoft/v1.0/users?$top=4", token);
  REQUIRE(users->status == 200);
  CHECK(Body(users)["value"].size() == 4);
  CHECK(Body(users).contains("@odata.nextLink"));
  auto me = sandbox.Get("/microsoft/v1.0/me/events", token);
  CHECK(me->status == 400);
  auto events = sandbox.Get("/microsoft/v1.0/users/marcus.hill@kumo-labs.example/events", token);
  CHECK(events->status == 200);
}

TEST_CASE("Sandbox: Google service account JWT bearer grant acts as the subject") {
  LiveSandbox sandbox;
  auto keys = slotwise::crypto::GenerateRsaKeyPair();
  REQUIRE(keys.ok());
  REQUIRE(sandbox.PostJson("/sandbox/seed", {{"service_accounts", json::array({{{"client_email", "sync@kumo-svc.iam.example"},
                                                                                {"public_key_pem", keys.value().public_pem},
                                                                                {"domain", "kumo.example"}}})}})->status == 200);
  std::int64_t now = sandbox.sandbox().Now();
  auto sign = [&](const std::string& aud, std::int64_t lifetime, const std::string& sub) {
    json claims = {{"iss", "sync@kumo-svc.iam.example"}, {"sub", sub}, {"aud", aud},
                   {"scope", "https://www.googleapis.com/auth/calendar"}, {"iat", now}, {"exp", now + lifetime}};
    return slotwise::crypto::SignRs256(claims, keys.value().private_pem).value();
  };
  std::string aud = "http://127.0.0.1:" + std::to_string(sandbox.port()) + "/google/token";
  auto grant = [&](const std::string& assertion) {
    return PostForm(sandbox, "/google/token", {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                                               {"assertion", assertion}});
  };
  auto ok = grant(sign(aud, 3600, "ken.sato@kumo.example"));
  REQUIRE(ok->status == 200);
  auto events = sandbox.Get("/google/calendar/v3/calendars/ken.sato%40kumo.example/events", Body(ok)["access_token"]);
  CHECK(events->status == 200);
  CHECK(grant(sign("https://oauth2.googleapis.com/elsewhere", 3600, "ken.sato@kumo.example"))->status == 400);
  CHECK(grant(sign(aud, 7200, "ken.sato@kumo.example"))->status == 400);
  auto outsider = grant(sign(aud, 3600, "sanne.devries@kumo-labs.example"));
  CHECK(outsider->status == 400);
  CHECK(Body(outsider)["error"] == "invalid_grant");
}
