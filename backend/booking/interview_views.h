// interview_views.h — the public JSON of an interview (GET/POST/PATCH/DELETE /v1/interviews…), its history and the
// messages sent to the candidate. Never contains a host's start URL or any provider token. Pure; thread-safe.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "interview_model.h"

namespace slotwise {

nlohmann::json InterviewView(const Interview& interview);
nlohmann::json HistoryView(const std::vector<HistoryEntry>& entries);

}  // namespace slotwise
