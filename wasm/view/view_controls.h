// view_controls.h — the widget's Dear ImGui controls, each recorded in the accessibility tree as it is drawn
// (state/widget_semantics.h): the same calls as ImGui's, plus the accessible name where the label shows none
// ("##room" → "Room"). Every control the view draws goes through here, so that the page's DOM mirror
// (web/semantics.js) has a node for it — and a screen reader's click or focus on that node acts on the control:
// a button or option is pressed, a checkbox toggled, a combo box opened, a text field focused.
//
// Frame: BeginSemantics() before the view draws (DrawWidget), then the page takes TheSemantics().Publish().
#pragma once

#include <imgui.h>

#include <string_view>

#include "state/widget_semantics.h"

namespace slotwise::widget::ui {

// The tree the controls fill; the page's actions are queued on it (widget_main.cpp).
SemanticTree& TheSemantics();

// Starts a frame's tree. `scale`: device pixels per CSS pixel; `keyboard_on_controls`: ImGui's keyboard focus is
// the controls' (not the grid's), so the focused control is reported as focused.
void BeginSemantics(float scale, bool keyboard_on_controls);

bool Button(const char* label, const ImVec2& size = ImVec2(0, 0), std::string_view name = {});
bool SmallButton(const char* label, std::string_view name = {});
// A button that shows or hides a part of the widget (the side panel's drawer): its state is announced (expanded).
bool DisclosureButton(const char* label, const ImVec2& size, std::string_view name, bool expanded);
bool Checkbox(const char* label, bool* value, std::string_view name = {});
bool RadioButton(const char* label, bool active);
// `name` is the combo box's accessible name (its visible label is drawn beside it, or the label is "##id").
bool BeginCombo(const char* label, const char* preview, std::string_view name, ImGuiComboFlags flags = 0);
void EndCombo();
// Inside a combo box: an option of its list. Elsewhere: a toggle button (pressed = selected).
bool Selectable(const char* label, bool selected);
bool InputText(const char* label, char* buffer, std::size_t size, std::string_view name, ImGuiInputTextFlags flags = 0);
bool InputTextWithHint(const char* label, const char* hint, char* buffer, std::size_t size, std::string_view name,
                       ImGuiInputTextFlags flags = 0);
bool InputTextMultiline(const char* label, char* buffer, std::size_t size, const ImVec2& box, std::string_view name,
                        ImGuiInputTextFlags flags = 0);
// The last item (text) as a heading of the widget.
void MarkHeading(std::string_view text);

}  // namespace slotwise::widget::ui
