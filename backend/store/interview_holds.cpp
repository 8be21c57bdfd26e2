// interview_holds.cpp — resource names of holds (see interview_holds.h).
#include "interview_holds.h"

#include <algorithm>
#include <cctype>

namespace slotwise {

namespace {
std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
}  // namespace

std::string PersonResource(std::string_view email) { return "person:" + Lower(email); }
std::string RoomResource(std::string_view email) { return "room:" + Lower(email); }
std::string HostResource(std::string_view host_id) { return "host:" + std::string(host_id); }

}  // namespace slotwise
