// demo_connections.h — connecting a provider sandbox account without a browser: the real OAuth flow (ConnectFlow's
// start with PKCE and state, the sandbox's authorize page and consent form, the callback) driven in-process. The demo
// uses it at start-up to link its Zoom and GoTo host accounts, as their owners would by clicking through the popup.
//
// Contract: `sandbox_root` is the sandbox the providers are configured against; `login` one of its accounts. Answers
// the stored connection, or the flow's error (the consent page's, the callback's). Never used against real providers:
// their consent pages are for people.
#pragma once

#include <string>

#include "connections/connect_flow.h"
#include "net/http_transport.h"

namespace slotwise {

Result<Connection> ConnectSandboxAccount(ConnectFlow& flow, net::HttpTransport& transport,
                                         const std::string& sandbox_root, const std::string& tenant_id,
                                         const std::string& user, oauth::Provider provider, const std::string& login);

}  // namespace slotwise
