// demo_connections.cpp — see demo_connections.h.
#include "demo/demo_connections.h"

#include <chrono>
#include <regex>

#include "crypto/crypto_primitives.h"
#include "net/url.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

Result<net::HttpResponse> Call(net::HttpTransport& transport, const std::string& method, const std::string& url,
                               const std::string& form = {}) {
  net::HttpRequest request;
  request.method = method;
  request.url = url;
  request.body = form;
  request.timeout = std::chrono::seconds(10);
  if (!form.empty()) request.With("Content-Type", "application/x-www-form-urlencoded");
  return transport.Send(request);
}

}  // namespace

Result<Connection> ConnectSandboxAccount(ConnectFlow& flow, net::HttpTransport& transport,
                                         const std::string& sandbox_root, const std::string& tenant_id,
                                         const std::string& user, oauth::Provider provider, const std::string& login) {
  const std::string session = crypto::RandomToken();
  Result<ConnectStart> started = flow.Start(tenant_id, user, provider, session, "", login);
  if (!started) return started.error();
  Result<net::HttpResponse> page = Call(transport, "GET", started->authorize_url);
  if (!page) return page.error();
  static const std::regex kRequestId(R"re(name="request_id"\s+value="([^"]+)")re");
  std::smatch match;
  if (page->status != 200 || !std::regex_search(page->body, match, kRequestId)) {
    return Error{codes::kSandboxError, "the sandbox's authorize page answered " + std::to_string(page->status), ""};
  }
  Result<net::HttpResponse> consent =
      Call(transport, "POST", sandbox_root + "/sandbox/consent",
           net::FormEncode({{"request_id", match[1].str()}, {"login", login}, {"decision", "allow"}}));
  if (!consent) return consent.error();
  const std::string location(consent->Header("Location"));
  const std::size_t query = location.find('?');
  if (consent->status != 302 || query == std::string::npos) {
    return Error{codes::kSandboxError, "the sandbox's consent form answered " + std::to_string(consent->status), ""};
  }
  std::optional<net::Params> params = net::ParseForm(std::string_view(location).substr(query + 1));
  if (!params) return Error{codes::kSandboxError, "the sandbox redirected to an unreadable callback URL", ""};
  ConnectOutcome outcome = flow.Complete(provider, *params, session);
  return outcome.connection;
}

}  // namespace slotwise
