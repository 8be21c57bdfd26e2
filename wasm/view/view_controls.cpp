// view_controls.cpp — see view_controls.h. ImGui's internals give the last item's id, rectangle and flags, and let a
// control take the keyboard focus (SetFocusID) or open a combo box's list (its popup id) for the page's actions.
#include "view/view_controls.h"

#include <imgui_internal.h>

#include <string>

#include "view/view_text.h"

namespace slotwise::widget::ui {

namespace {

struct Frame {
  float scale = 1.0f;
  bool keyboard_on_controls = false;
  ImGuiID open_combo = 0;  // the combo box whose list is being drawn (its Selectables are options)
};

Frame& TheFrame() {
  static Frame frame;
  return frame;
}

// The node of ImGui's last item, in CSS pixels. A control scrolled out of its window's view is kept, at its place
// outside the view: a screen reader still reaches it (and focusing it scrolls it into view, TakeFocusAction).
std::optional<SemanticNode> LastItem(SemanticRole role, std::string name) {
  const ImGuiContext& g = *GImGui;
  const ImGuiWindow* window = g.CurrentWindow;
  if (window->SkipItems) return std::nullopt;  // a window ImGui does not lay out (a child scrolled away): no item
  const ImRect rect = g.LastItemData.Rect;
  if (rect.GetWidth() <= 0 || rect.GetHeight() <= 0) return std::nullopt;
  const Frame& frame = TheFrame();
  SemanticNode node;
  node.id = g.LastItemData.ID;
  node.role = role;
  node.name = std::move(name);
  node.x = rect.Min.x / frame.scale;
  node.y = rect.Min.y / frame.scale;
  node.width = rect.GetWidth() / frame.scale;
  node.height = rect.GetHeight() / frame.scale;
  node.focused = frame.keyboard_on_controls && node.id != 0 && g.NavId == node.id && g.NavWindow == window;
  node.disabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
  return node;
}

std::string NameOf(const char* label, std::string_view name) {
  return name.empty() ? AccessibleName(label) : std::string(name);
}

// The page moved its focus onto this control (a screen reader, Tab): ImGui's keyboard focus follows, with the focus
// ring shown. True when it did.
bool TakeFocusAction(ImGuiID id) {
  if (id == 0 || !TheSemantics().Take(id, SemanticActionKind::kFocus)) return false;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImGui::SetFocusID(id, window);
  ImGui::FocusWindow(window);
  ImGui::ScrollToBringRectIntoView(window, GImGui->LastItemData.Rect);
  GImGui->NavDisableHighlight = false;
  return true;
}

// Records the last item and reports whether the page activated it. In a window whose items ImGui skips, the last
// item is some earlier one: nothing is recorded or taken.
bool Record(std::optional<SemanticNode> node) {
  if (GImGui->CurrentWindow->SkipItems) return false;
  const ImGuiID id = GImGui->LastItemData.ID;
  const bool focused_now = TakeFocusAction(id);
  if (node) {
    node->focused |= focused_now;  // already this frame, so that the next Tab counts from here
    TheSemantics().Add(std::move(*node));
  }
  return id != 0 && TheSemantics().Take(id, SemanticActionKind::kActivate);
}

}  // namespace

SemanticTree& TheSemantics() {
  static SemanticTree tree;
  return tree;
}

void BeginSemantics(float scale, bool keyboard_on_controls) {
  Frame& frame = TheFrame();
  frame.scale = scale > 0 ? scale : 1.0f;
  frame.keyboard_on_controls = keyboard_on_controls;
  frame.open_combo = 0;
  TheSemantics().BeginFrame();
  ForgetShownTexts();
}

bool Button(const char* label, const ImVec2& size, std::string_view name) {
  const bool pressed = ImGui::Button(Shown(label), size);
  return Record(LastItem(SemanticRole::kButton, NameOf(label, name))) || pressed;
}

bool SmallButton(const char* label, std::string_view name) {
  const bool pressed = ImGui::SmallButton(Shown(label));
  return Record(LastItem(SemanticRole::kButton, NameOf(label, name))) || pressed;
}

bool DisclosureButton(const char* label, const ImVec2& size, std::string_view name, bool expanded) {
  const bool pressed = ImGui::Button(Shown(label), size);
  auto node = LastItem(SemanticRole::kButton, NameOf(label, name));
  if (node) node->expanded = expanded;
  return Record(std::move(node)) || pressed;
}

bool Checkbox(const char* label, bool* value, std::string_view name) {
  bool changed = ImGui::Checkbox(Shown(label), value);
  auto node = LastItem(SemanticRole::kCheckbox, NameOf(label, name));
  if (node) node->checked = *value;
  if (Record(std::move(node))) {
    *value = !*value;
    changed = true;
  }
  return changed;
}

bool RadioButton(const char* label, bool active) {
  const bool pressed = ImGui::RadioButton(Shown(label), active);
  auto node = LastItem(SemanticRole::kRadio, AccessibleName(label));
  if (node) node->checked = active;
  return Record(std::move(node)) || pressed;
}

bool BeginCombo(const char* label, const char* preview, std::string_view name, ImGuiComboFlags flags) {
  // The page's "open" reaches the combo box before ImGui draws it: its list is ImGui's popup of that id.
  const char* shown = Shown(label);
  const ImGuiID id = ImGui::GetID(shown);
  if (TheSemantics().Take(id, SemanticActionKind::kActivate)) ImGui::OpenPopupEx(ImHashStr("##ComboPopup", 0, id));
  // Where ImGui will draw the box (as BeginCombo measures it), for when it opens: ImGui then moves on to the list's
  // window and its last item is no longer the box.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = (flags & ImGuiComboFlags_NoPreview) ? ImGui::GetFrameHeight() : ImGui::CalcItemWidth();
  const ImRect box(at, ImVec2(at.x + width, at.y + ImGui::GetFrameHeight()));
  const bool open = ImGui::BeginCombo(shown, Shown(preview), flags);
  if (!open) {
    auto node = LastItem(SemanticRole::kComboBox, std::string(name));
    if (node) {
      node->value = preview;
      node->expanded = false;
    }
    Record(std::move(node));
    return false;
  }
  Frame& frame = TheFrame();
  SemanticNode node;
  node.id = id;
  node.role = SemanticRole::kComboBox;
  node.name = std::string(name);
  node.value = preview;
  node.expanded = true;
  node.x = box.Min.x / frame.scale;
  node.y = box.Min.y / frame.scale;
  node.width = box.GetWidth() / frame.scale;
  node.height = box.GetHeight() / frame.scale;
  TheSemantics().Add(std::move(node));
  frame.open_combo = id;
  return true;
}

void EndCombo() {
  TheFrame().open_combo = 0;
  ImGui::EndCombo();
}

bool Selectable(const char* label, bool selected) {
  const bool pressed = ImGui::Selectable(Shown(label), selected);
  const ImGuiID list = TheFrame().open_combo;
  auto node = LastItem(list != 0 ? SemanticRole::kOption : SemanticRole::kButton, AccessibleName(label));
  if (node) {
    if (list != 0) {
      node->selected = selected;
      node->list = list;
    } else {
      node->checked = selected;
    }
  }
  if (Record(std::move(node))) {
    if (list != 0) ImGui::CloseCurrentPopup();
    return true;
  }
  return pressed;
}

// A text field the page focuses (a screen reader, Tab) takes the typing too, as a click into it would.
void TakeTextFocus(const char* label) {
  if (TheSemantics().Take(ImGui::GetID(Shown(label)), SemanticActionKind::kFocus)) {
    ImGui::SetKeyboardFocusHere(0);
    GImGui->NavDisableHighlight = false;
  }
}

bool InputText(const char* label, char* buffer, std::size_t size, std::string_view name, ImGuiInputTextFlags flags) {
  TakeTextFocus(label);
  const bool changed = ImGui::InputText(Shown(label), buffer, size, flags);
  auto node = LastItem(SemanticRole::kTextBox, NameOf(label, name));
  if (node) {
    node->value = buffer;
    node->read_only = (flags & ImGuiInputTextFlags_ReadOnly) != 0;
  }
  Record(std::move(node));
  return changed;
}

bool InputTextWithHint(const char* label, const char* hint, char* buffer, std::size_t size, std::string_view name,
                       ImGuiInputTextFlags flags) {
  TakeTextFocus(label);
  const bool changed = ImGui::InputTextWithHint(Shown(label), Shown(hint), buffer, size, flags);
  auto node = LastItem(SemanticRole::kTextBox, NameOf(label, name));
  if (node) node->value = buffer;
  Record(std::move(node));
  return changed;
}

bool InputTextMultiline(const char* label, char* buffer, std::size_t size, const ImVec2& box, std::string_view name,
                        ImGuiInputTextFlags flags) {
  TakeTextFocus(label);
  const bool changed = ImGui::InputTextMultiline(Shown(label), buffer, size, box, flags);
  auto node = LastItem(SemanticRole::kTextBox, NameOf(label, name));
  if (node) {
    node->value = buffer;
    node->multiline = true;
    node->read_only = (flags & ImGuiInputTextFlags_ReadOnly) != 0;
  }
  Record(std::move(node));
  return changed;
}

void MarkHeading(std::string_view text) {
  auto node = LastItem(SemanticRole::kHeading, std::string(text));
  if (!node) return;
  node->id = ImHashStr("slotwise-heading");
  TheSemantics().Add(std::move(*node));
}

}  // namespace slotwise::widget::ui
