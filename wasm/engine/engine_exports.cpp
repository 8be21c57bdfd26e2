// engine_exports.cpp — the engine as a WebAssembly module with a C ABI, for node (tests, benchmarks) and pages.
//
//   slotwise_add_zone(name, bytes, length) -> 1 ok / 0 bad TZif   registers a zone for later calls
//   slotwise_call(operation, request_json) -> char*               the answer body (free with slotwise_free)
//   slotwise_last_status() -> int                                  EngineStatus of the last call (0 ok, 2 invalid…)
//   slotwise_free(ptr)
// Single-threaded, like the page that hosts it.
#include <emscripten.h>

#include <cstdlib>
#include <cstring>

#include "slotwise/engine_api.h"

namespace {

slotwise::InMemoryZoneSource& Zones() {
  static slotwise::InMemoryZoneSource zones;
  return zones;
}

int g_last_status = 0;

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int slotwise_add_zone(const char* name, const char* bytes, int length) {
  if (!name || !bytes || length < 0) return 0;
  return Zones().Add(name, std::string_view(bytes, static_cast<std::size_t>(length))).ok() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE char* slotwise_call(const char* operation, const char* request_json) {
  const slotwise::EngineAnswer answer =
      slotwise::CallEngine(operation ? operation : "", request_json ? request_json : "", Zones());
  g_last_status = static_cast<int>(answer.status);
  char* out = static_cast<char*>(std::malloc(answer.body.size() + 1));
  if (out) std::memcpy(out, answer.body.c_str(), answer.body.size() + 1);
  return out;
}

EMSCRIPTEN_KEEPALIVE int slotwise_last_status() { return g_last_status; }

EMSCRIPTEN_KEEPALIVE void slotwise_free(char* pointer) { std::free(pointer); }

}  // extern "C"
