// demo_ats_server.cpp — see demo_ats_server.h.
#include "demo/demo_ats_server.h"

#include <httplib.h>

#include <chrono>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "api/http_errors.h"
#include "net/listen_socket.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"

namespace slotwise {

namespace {
constexpr std::int64_t kTokenSeconds = 900;
constexpr std::chrono::seconds kApiTimeout{10};
}  // namespace

DemoAtsServer::DemoAtsServer(DemoAtsOptions options, net::HttpTransport& transport)
    : options_(std::move(options)), transport_(transport), server_(std::make_unique<httplib::Server>()) {
  server_->set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
  server_->Post("/ats/widget_token", [this](const httplib::Request&, httplib::Response& res) {
    const nlohmann::json request = {{"user", options_.recruiter},
                                    {"scopes", {"availability:read", "interviews:read", "interviews:write",
                                                "connections:manage"}},
                                    {"ttl_seconds", kTokenSeconds}};
    net::HttpRequest call;
    call.method = "POST";
    call.url = options_.api_url + "/v1/widget_tokens";
    call.With("Authorization", "Bearer " + options_.api_key).With("Content-Type", "application/json");
    call.body = DumpJson(request);
    call.timeout = kApiTimeout;
    Result<net::HttpResponse> answer = transport_.Send(call);
    if (!answer) return SendError(res, codes::kApiUnreachable, "the Slotwise API did not answer: " + answer.error().message);
    nlohmann::json body = slotwise::ParseJson(answer->body);
    if (!answer->Ok() || !body.is_object()) {
      res.status = answer->status;
      res.set_content(answer->body, "application/json");
      return;
    }
    body["backend"] = options_.api_url;
    res.set_header("Cache-Control", "no-store");
    res.set_content(DumpJson(body), "application/json");
  });
  const std::filesystem::path ats_root = std::filesystem::path(options_.web_root) / "ats";
  if (!options_.web_root.empty()) server_->set_mount_point("/", ats_root.string());
  server_->set_socket_options(net::ExclusiveListenOptions);  // no SO_REUSEPORT: a busy port fails to bind
  server_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const int status = res.status;
    SendError(res, status == 404 ? codes::kNotFound : codes::kHttpError, "cannot serve " + req.path);
    res.status = status;
  });
}

DemoAtsServer::~DemoAtsServer() = default;

Result<int> DemoAtsServer::Bind() {
  const int port = options_.port == 0 ? server_->bind_to_any_port("127.0.0.1")
                                      : (server_->bind_to_port("127.0.0.1", options_.port) ? options_.port : -1);
  if (port < 0) return Error{codes::kBindFailed, "the demo ATS cannot listen on 127.0.0.1:" + std::to_string(options_.port), ""};
  origin_ = "http://127.0.0.1:" + std::to_string(port);
  return port;
}

void DemoAtsServer::Run() { server_->listen_after_bind(); }

void DemoAtsServer::Stop() { server_->stop(); }

}  // namespace slotwise
