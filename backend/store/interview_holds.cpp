// interview_holds.cpp — resource names of holds (see interview_holds.h).
#include "store/interview_holds.h"
#include "slotwise/ascii.h"

#include <algorithm>
#include <cctype>

namespace slotwise {

namespace {
}  // namespace

std::string PersonResource(std::string_view email) { return "person:" + AsciiLower(email); }
std::string RoomResource(std::string_view email) { return "room:" + AsciiLower(email); }
std::string HostResource(std::string_view host_id) { return "host:" + std::string(host_id); }

}  // namespace slotwise
