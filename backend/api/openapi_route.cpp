// openapi_route.cpp — see openapi_route.h. OpenApiDocument() itself is generated from docs/openapi.json into the
// build tree (backend/CMakeLists.txt).
#include "api/openapi_route.h"

#include <httplib.h>

namespace slotwise {

void RegisterOpenApiRoute(httplib::Server& server) {
  server.Get(R"(/v1/openapi\.json)", [](const httplib::Request&, httplib::Response& res) {
    const std::string_view document = OpenApiDocument();
    res.set_header("Cache-Control", "no-cache");
    res.set_content(document.data(), document.size(), "application/json");
  });
}

}  // namespace slotwise
