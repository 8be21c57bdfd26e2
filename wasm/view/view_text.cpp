// view_text.cpp — see view_text.h. Visual forms are remembered per text: labels repeat every frame, and most have
// no right-to-left letter at all (a byte scan, no copy).
#include "view/view_text.h"

#include <unordered_map>

#include "state/widget_bidi.h"

namespace slotwise::widget {

namespace {
constexpr std::size_t kMaxRemembered = 2048;

std::unordered_map<std::string, std::string>& Remembered() {
  static std::unordered_map<std::string, std::string> remembered;
  return remembered;
}
}  // namespace

const char* Shown(const char* text) {
  if (text == nullptr || !NeedsVisualOrder(text)) return text;
  auto& remembered = Remembered();
  auto found = remembered.find(text);
  if (found == remembered.end()) found = remembered.emplace(text, VisualOrder(text)).first;
  return found->second.c_str();  // nodes of an unordered_map stay where they are until erased
}

void ForgetShownTexts() {
  if (Remembered().size() > kMaxRemembered) Remembered().clear();
}

}  // namespace slotwise::widget
