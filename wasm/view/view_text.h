// view_text.h — what the view hands Dear ImGui to draw a text: the text itself, or, when it holds Hebrew or Arabic,
// its visual order with Arabic joining forms (state/widget_bidi.h), since ImGui draws code points left to right as
// they come. Every label, name and sentence that may hold a person's, room's or candidate's name is drawn through
// Shown; the accessibility mirror and the live region get the logical text (the browser orders those itself).
//
// The returned pointer stays valid until the next frame's ForgetShownTexts (called where a frame's drawing starts,
// ui::BeginSemantics), which empties the cache only when it has grown large.
#pragma once

#include <string>

namespace slotwise::widget {

const char* Shown(const char* text);
inline const char* Shown(const std::string& text) { return Shown(text.c_str()); }

// At the start of a frame: drops the remembered visual forms once there are many (texts with a countdown or a
// changing time would otherwise pile up).
void ForgetShownTexts();

}  // namespace slotwise::widget
