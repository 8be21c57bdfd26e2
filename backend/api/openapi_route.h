// openapi_route.h — GET /v1/openapi.json: the OpenAPI 3.1 description of the REST API.
//
// Contract:
// - The document is docs/openapi.json as it was when the server was built: backend/CMakeLists.txt embeds the file
//   (a generated .cpp in the build tree; editing the JSON re-runs CMake and rebuilds it). The text is served byte for
//   byte; tests/e2e/openapi_e2e_test.cpp checks it is valid, equals the file, and matches the registered routes.
// - No credentials; answers 200 with Content-Type application/json and Cache-Control: no-cache.
// - Thread-safety: the document is immutable; the handler may run on any number of threads.
#pragma once

#include <string_view>

namespace httplib {
class Server;
}

namespace slotwise {

std::string_view OpenApiDocument();                  // the embedded docs/openapi.json (static storage, never empty)
void RegisterOpenApiRoute(httplib::Server& server);  // adds GET /v1/openapi.json to `server`

}  // namespace slotwise
