// teams_bot_test.cpp — the Teams app's bot without a network: the Bot Connector token check (hr/bot_connector.h)
// against an in-memory connector (OpenID metadata, JWKS, tokens signed here with fresh RSA keys), and the bot's
// cards and words (hr/teams_bot.h). The conversation end to end is tests/e2e/teams_bot_e2e_test.cpp.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "crypto/jwt.h"
#include "hr/bot_connector.h"
#include "hr/teams_bot.h"

namespace slotwise::testing {
namespace {

using nlohmann::json;

constexpr const char* kApp = "11111111-2222-4333-8444-555555555555";
constexpr const char* kServiceUrl = "https://smba.trafficmanager.net/emea/";
constexpr const char* kMetadata = "https://connector.test/v1/.well-known/openidconfiguration";
constexpr const char* kJwks = "https://connector.test/v1/.well-known/keys";

// GET answers by URL; counts the calls.
class FakeConnector final : public net::HttpTransport {
 public:
  std::map<std::string, std::string> bodies;
  std::map<std::string, int> calls;
  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    ++calls[request.url];
    auto it = bodies.find(request.url);
    if (it == bodies.end()) return net::HttpResponse{404, {}, "{}"};
    return net::HttpResponse{200, {}, it->second};
  }
};

struct Keys {
  crypto::RsaKeyPair published = crypto::GenerateRsaKeyPair().value();
  crypto::RsaKeyPair other = crypto::GenerateRsaKeyPair().value();
};
const Keys& TestKeys() {
  static const Keys keys;  // RSA generation takes a moment: once for the suite
  return keys;
}

json Jwks(const std::map<std::string, std::string>& public_pems, const json& endorsements = json::array({"msteams"})) {
  json keys = json::array();
  for (const auto& [kid, pem] : public_pems) {
    json jwk = crypto::RsaJwkFromPublicPem(pem, kid).value();
    if (!endorsements.is_null()) jwk["endorsements"] = endorsements;
    keys.push_back(jwk);
  }
  return {{"keys", keys}};
}

struct Fixture {
  FakeConnector transport;
  std::int64_t now = 1'800'000'000;
  hr::BotConnector connector;
  Fixture()
      : connector(transport, hr::BotFrameworkSettings{kApp, "secret", kMetadata, "https://token.test/token"},
                  [this] { return now; }) {
    transport.bodies[kMetadata] = json{{"issuer", "https://api.botframework.com"}, {"jwks_uri", kJwks}}.dump();
    transport.bodies[kJwks] = Jwks({{"k1", TestKeys().published.public_pem}}).dump();
  }
  json Claims() const {
    return {{"iss", "https://api.botframework.com"}, {"aud", kApp}, {"serviceurl", kServiceUrl},
            {"nbf", now - 60}, {"exp", now + 3600}};
  }
  std::string Token(const json& claims, const std::string& kid = "k1", const std::string* private_pem = nullptr) {
    return "Bearer " + crypto::SignRs256(claims, private_pem ? *private_pem : TestKeys().published.private_pem, kid)
                           .value();
  }
  Result<json> Verify(const std::string& authorization, const std::string& service_url = kServiceUrl) {
    return connector.VerifyIncoming(authorization, service_url, "msteams");
  }
};

void CheckRefused(const Result<json>& verified, const std::string& words) {
  REQUIRE_FALSE(verified.ok());
  CHECK(verified.error().code == "unauthorized");
  CHECK_MESSAGE(verified.error().message.find(words) != std::string::npos, verified.error().message);
}

}  // namespace

TEST_CASE("Bot Connector tokens: a good token passes; the keys are fetched once and cached") {
  Fixture f;
  Result<json> claims = f.Verify(f.Token(f.Claims()));
  REQUIRE_MESSAGE(claims.ok(), claims.error().message);
  CHECK(claims->at("aud") == kApp);
  CHECK(f.Verify(f.Token(f.Claims())).ok());
  CHECK(f.transport.calls[kMetadata] == 1);
  CHECK(f.transport.calls[kJwks] == 1);
  // Past the cache's lifetime the keys are read again.
  f.now += hr::kBotKeysTtlSeconds;
  json fresh = f.Claims();
  CHECK(f.Verify(f.Token(fresh)).ok());
  CHECK(f.transport.calls[kJwks] == 2);
}

TEST_CASE("Bot Connector tokens: forged, expired, early, foreign and misdirected tokens are refused") {
  Fixture f;
  // Signed with a key that is not the JWKS's, under the JWKS's kid: the signature fails.
  CheckRefused(f.Verify(f.Token(f.Claims(), "k1", &TestKeys().other.private_pem)), "signature");
  // Under a kid the JWKS does not have (refetched once, still unknown).
  CheckRefused(f.Verify(f.Token(f.Claims(), "k9", &TestKeys().other.private_pem)), "not in the connector's JWKS");
  json claims = f.Claims();
  claims["exp"] = f.now - hr::kBotClockSkewSeconds - 1;
  CheckRefused(f.Verify(f.Token(claims)), "expired");
  claims = f.Claims();
  claims["exp"] = f.now - hr::kBotClockSkewSeconds + 30;  // within the allowed skew
  CHECK(f.Verify(f.Token(claims)).ok());
  claims = f.Claims();
  claims["nbf"] = f.now + hr::kBotClockSkewSeconds + 1;
  CheckRefused(f.Verify(f.Token(claims)), "nbf");
  claims = f.Claims();
  claims.erase("exp");
  CheckRefused(f.Verify(f.Token(claims)), "exp");
  claims = f.Claims();
  claims["aud"] = "another-bot";
  CheckRefused(f.Verify(f.Token(claims)), "aud");
  claims = f.Claims();
  claims["iss"] = "https://sts.windows.net/evil/";
  CheckRefused(f.Verify(f.Token(claims)), "issuer");
  // The activity claims another serviceUrl than the token: a reply must never go there.
  CheckRefused(f.Verify(f.Token(f.Claims()), "https://evil.example/"), "serviceUrl");
  CheckRefused(f.Verify(f.Token(f.Claims()), ""), "serviceUrl");
  // Not a bearer token, not a JWT, alg none.
  CheckRefused(f.Verify(""), "no Bot Connector token");
  CheckRefused(f.Verify("Basic abc"), "no Bot Connector token");
  CheckRefused(f.Verify("Bearer nonsense"), "not a JWT");
  const std::string none = crypto::Base64UrlEncode(R"({"alg":"none","kid":"k1"})") + "." +
                           crypto::Base64UrlEncode(f.Claims().dump()) + ".";
  CheckRefused(f.Verify("Bearer " + none), "signature");
}

TEST_CASE("Bot Connector tokens: a key not endorsed for the channel is refused") {
  Fixture f;
  f.transport.bodies[kJwks] = Jwks({{"k1", TestKeys().published.public_pem}}, json::array({"skype"})).dump();
  CheckRefused(f.Verify(f.Token(f.Claims())), "endorse");
}

TEST_CASE("Bot Connector tokens: a new kid refetches the keys (rotation), but at most once a minute") {
  Fixture f;
  REQUIRE(f.Verify(f.Token(f.Claims())).ok());
  f.now += 120;
  // The connector rotates: k2 appears; a token under k2 makes the bot read the keys again at once.
  f.transport.bodies[kJwks] =
      Jwks({{"k1", TestKeys().published.public_pem}, {"k2", TestKeys().other.public_pem}}).dump();
  CHECK(f.Verify(f.Token(f.Claims(), "k2", &TestKeys().other.private_pem)).ok());
  CHECK(f.transport.calls[kJwks] == 2);
  // A stream of unknown kids within the minute: no more fetches.
  for (int i = 0; i < 5; ++i) CheckRefused(f.Verify(f.Token(f.Claims(), "forged-" + std::to_string(i))), "JWKS");
  CHECK(f.transport.calls[kJwks] == 2);
  f.now += hr::kBotKeysRefetchSeconds;
  CheckRefused(f.Verify(f.Token(f.Claims(), "forged-late")), "JWKS");
  CHECK(f.transport.calls[kJwks] == 3);
}

TEST_CASE("Bot Connector tokens: metadata that cannot be read verifies nothing") {
  Fixture f;
  f.transport.bodies.erase(kMetadata);
  Result<json> verified = f.Verify(f.Token(f.Claims()));
  REQUIRE_FALSE(verified.ok());
  CHECK(verified.error().code == "provider_unavailable");
}

TEST_CASE("Teams bot words: what asks for an absence") {
  CHECK(hr::AsksForAbsence("request absence"));
  CHECK(hr::AsksForAbsence("  Request   Absence "));
  CHECK(hr::AsksForAbsence("<at>Slotwise</at> request absence"));
  CHECK(hr::AsksForAbsence("Abwesenheit beantragen"));
  CHECK(hr::AsksForAbsence("afwezigheid aanvragen"));
  CHECK(hr::AsksForAbsence("休暇申請"));
  CHECK_FALSE(hr::AsksForAbsence("hello"));
  CHECK_FALSE(hr::AsksForAbsence("absence"));
  CHECK_FALSE(hr::AsksForAbsence("<at>request absence</at>"));  // the bot's own name is not the request
}

TEST_CASE("Teams bot cards: the form, the next step and the colleagues offered") {
  const json form = hr::AbsenceFormCard(invites::Locale::kEn, hr::BuiltInAbsenceTypes(), json::object(), "");
  CHECK(form.at("type") == "AdaptiveCard");
  CHECK(form.at("version") == "1.4");
  std::vector<std::string> ids;
  for (const json& element : form.at("body")) {
    if (element.contains("id")) ids.push_back(element.at("id").get<std::string>());
  }
  CHECK(ids == std::vector<std::string>{"absence_type", "first_day", "first_day_part", "last_day", "last_day_part"});
  CHECK(form.at("actions").at(0).at("type") == "Action.Submit");
  CHECK(form.at("actions").at(0).at("data").at("action") == "absence_next");
  CHECK(form.at("body").at(2).at("choices").size() == 6);  // the built-in set
  CHECK(form.at("body").at(2).at("value") == "vacation");
  const json german = hr::AbsenceFormCard(invites::Locale::kDe, hr::BuiltInAbsenceTypes(),
                                          {{"first_day", "2026-12-14"}}, "Bitte prüfen");
  CHECK(german.at("lang") == "de");
  CHECK(german.dump().find("Erster Tag") != std::string::npos);
  CHECK(german.at("body").at(2).at("text") == "Bitte prüfen");
  CHECK(german.at("body").at(4).at("value") == "2026-12-14");  // the entered day kept

  // A tenant's own types: offered in their order, named in the language (English where a name is missing).
  const std::vector<hr::AbsenceType> own = {{"workation", {{"en", "Workation"}, {"de", "Workation (EU)"}}},
                                            {"volunteering", {{"en", "Volunteering"}}}};
  const json own_form = hr::AbsenceFormCard(invites::Locale::kDe, own, json::object(), "");
  const json own_choices = own_form.at("body").at(2).at("choices");
  REQUIRE(own_choices.size() == 2);
  CHECK(own_choices[0] == json{{"title", "Workation (EU)"}, {"value", "workation"}});
  CHECK(own_choices[1] == json{{"title", "Volunteering"}, {"value", "volunteering"}});
  CHECK(own_form.at("body").at(2).at("value") == "workation");
  CHECK(hr::AbsenceTypeName(own, "volunteering", invites::Locale::kJa) == "Volunteering");
  CHECK(hr::AbsenceTypeName({}, "vacation", invites::Locale::kDe) == "Urlaub");

  hr::Absence draft;
  draft.type = "vacation";
  draft.first_day = "2026-12-15";
  draft.first_day_part = hr::DayPart::kAfternoon;
  draft.last_day = "2026-12-17";
  const json next = hr::AbsenceNextStepCard(invites::Locale::kNl, "Vakantie", draft, 5,
                                            {{"e2", "Anna"}, {"e3", "Daan"}}, json::object(), "");
  CHECK(next.dump().find("2,5 werkdagen") != std::string::npos);
  const json data = next.at("actions").at(0).at("data");
  CHECK(data.at("action") == "absence_submit");
  CHECK(data.at("first_day_part") == "afternoon");
  CHECK(data.at("last_day") == "2026-12-17");
  bool picker = false;
  for (const json& element : next.at("body")) {
    if (element.value("id", "") != "substitute") continue;
    picker = true;
    CHECK(element.at("type") == "Input.ChoiceSet");
    CHECK(element.at("choices").size() == 2);
    CHECK(element.at("choices").at(1).at("value") == "e3");
  }
  CHECK(picker);

  auto person = [](std::string id, std::string team, std::string department, std::string status = "active",
                   std::string gone = "") {
    hr::Employee e;
    e.id = std::move(id);
    e.first_name = e.id;
    e.team = std::move(team);
    e.department = std::move(department);
    e.status = std::move(status);
    e.termination_date = std::move(gone);
    return e;
  };
  const std::vector<hr::Employee> everyone = {
      person("me", "Platform", "Engineering"), person("b", "Platform", "Engineering"),
      person("a", "Platform", "Engineering"), person("gone", "Platform", "Engineering", "active", "2026-01-31"),
      person("off", "Platform", "Engineering", "inactive"), person("x", "Web", "Engineering"),
      person("lonely", "", "Engineering")};
  std::vector<std::string> offered;
  for (const hr::Colleague& c : hr::ColleaguesOf(everyone[0], everyone, "2026-12-07", invites::Locale::kEn)) {
    offered.push_back(c.id);
  }
  CHECK(offered == std::vector<std::string>{"a", "b"});
  offered.clear();
  // Without a team: the department.
  for (const hr::Colleague& c : hr::ColleaguesOf(everyone[6], everyone, "2026-12-07", invites::Locale::kEn)) {
    offered.push_back(c.id);
  }
  CHECK(offered == std::vector<std::string>{"a", "b", "me", "x"});
}

}  // namespace slotwise::testing
