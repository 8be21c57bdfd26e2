// http_status.cpp — see http_status.h.
#include "api/http_status.h"

namespace slotwise {

int HttpStatusFor(EngineStatus status) {
  switch (status) {
    case EngineStatus::kOk: return 200;
    case EngineStatus::kInvalidInput: return 422;
    case EngineStatus::kUnknownOperation: return 404;
    case EngineStatus::kInternalError: return 500;
  }
  return 500;
}

}  // namespace slotwise
