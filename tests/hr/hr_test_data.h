// hr_test_data.h — shared helpers of the HR suites: instants from RFC 3339 text, the card's text, and the HR data
// seeded through the REST API (org units, employees, absences) that the scheduler and request tests use.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hr_world.h"
#include "slotwise/time.h"

namespace slotwise::testing {

inline std::int64_t At(const char* rfc3339) {
  std::optional<std::int64_t> t = ParseRfc3339(rfc3339);
  REQUIRE(t.has_value());
  return *t;
}

// Every TextBlock text and FactSet title/value of an Adaptive Card, one per line.
inline std::string CardText(const nlohmann::json& card) {
  std::string out;
  std::vector<const nlohmann::json*> stack = {&card};
  while (!stack.empty()) {
    const nlohmann::json* node = stack.back();
    stack.pop_back();
    if (node->is_object()) {
      if (node->value("type", "") == "TextBlock") out += node->value("text", "") + "\n";
      if (node->contains("title") && node->contains("value")) {
        out += node->value("title", "") + ": " + node->value("value", "") + "\n";
      }
      for (auto it = node->rbegin(); it != node->rend(); ++it) stack.push_back(&*it);
    } else if (node->is_array()) {
      for (auto it = node->rbegin(); it != node->rend(); ++it) stack.push_back(&*it);
    }
  }
  return out;
}

// English words of the card templates (and English dates): none may appear in a de/nl/ja card.
inline const std::vector<std::string>& EnglishWords() {
  static const std::vector<std::string> words = {
      "Daily update", "Absent", "absent", "back on", "afternoon", "morning", "Birthday", "anniversar", "joiner",
      "year", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "October", "January",
      "request", "received", "Substitute", "Duration", "working day", "waiting", "Vacation", "interview"};
  return words;
}

inline void RequireOk(const Answer& answer, int status = 200) {
  REQUIRE_MESSAGE(answer.status == status, answer.status << " " << answer.text);
}

// Org units and the people of the week (see hr_scheduler_test.cpp for what each one triggers).
inline void SeedWeek(HrWorld& world) {
  RequireOk(world.Api("PUT", "/v1/hr/org_units",
                      {{"org_units", {{{"kind", "office"}, {"name", "Berlin"}},
                                      {{"kind", "office"}, {"name", "New York"}},
                                      {{"kind", "team"}, {"name", "Platform"}, {"parent", "Engineering"}},
                                      {{"kind", "department"}, {"name", "Engineering"}}}}}));
  RequireOk(world.Api(
      "PUT", "/v1/hr/employees",
      {{"employees",
        {{{"id", "e-jonas"}, {"first_name", "Jonas"}, {"last_name", "Becker"}, {"email", "jonas@acme.example"},
          {"hire_date", "2019-10-26"}, {"birthday", "1990-10-25"}, {"office", "Berlin"}, {"team", "Platform"},
          {"department", "Engineering"}, {"position", "Entwickler"}, {"time_zone", "Europe/Berlin"},
          {"teams_user_id", "aad-jonas"}},
         {{"id", "e-sanne"}, {"first_name", "Sanne"}, {"last_name", "de Vries"}, {"email", "sanne@acme.example"},
          {"hire_date", "2026-10-28"}, {"birthday", "1988-11-02"}, {"office", "Berlin"}, {"team", "Platform"},
          {"department", "Engineering"}, {"time_zone", "Europe/Berlin"}, {"teams_user_id", "aad-sanne"}},
         {{"id", "e-ken"}, {"first_name", "Ken"}, {"last_name", "Sato"}, {"email", "ken@acme.example"},
          {"hire_date", "2024-10-30"}, {"birthday", "1985-11-01"}, {"office", "New York"},
          {"time_zone", "America/New_York"}, {"teams_user_id", "aad-ken"}},
         {{"id", "e-priya"}, {"first_name", "Priya"}, {"last_name", "Nair"}, {"email", "priya@acme.example"},
          {"hire_date", "2021-03-01"}, {"birthday", "1992-06-15"}, {"office", "New York"},
          {"time_zone", "America/New_York"}, {"teams_user_id", "aad-priya"}}}}}));
  RequireOk(world.Api("PUT", "/v1/hr/absences",
                      {{"absences",
                        {{{"id", "abs-priya"}, {"employee_id", "e-priya"}, {"type", "vacation"},
                          {"first_day", "2026-10-26"}, {"last_day", "2026-10-27"}, {"last_day_part", "morning"}},
                         {{"id", "abs-jonas"}, {"employee_id", "e-jonas"}, {"type", "sick_leave"},
                          {"first_day", "2026-10-29"}, {"first_day_part", "afternoon"}, {"last_day", "2026-10-29"}}}}}));
}

}  // namespace slotwise::testing
