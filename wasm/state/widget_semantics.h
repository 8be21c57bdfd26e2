// widget_semantics.h — the widget's accessibility tree: one node per control the canvas draws (its role, accessible
// name, value, state and place), as the page mirrors it into invisible DOM elements over the canvas
// (web/semantics.js), so that screen readers, voice control and axe see buttons, checkboxes, combo boxes and text
// fields where the canvas shows them. Pure: the view (view/view_controls.h) records the nodes while ImGui draws; the
// page gets them as JSON only when they changed.
//
// Actions come back from the page by node id: activate (a screen reader's click) or focus (its cursor moved there).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slotwise::widget {

enum class SemanticRole {
  kButton,    // pressed: a toggle button (aria-pressed), when set; expanded: a disclosure (the drawer)
  kCheckbox,  // checked
  kRadio,     // checked
  kComboBox,  // value: the current choice; expanded while its list is open
  kOption,    // an entry of an open combo box's list; selected
  kTextBox,   // value: the text; multiline
  kHeading,   // the widget's title (text only, not focusable)
};

const char* RoleName(SemanticRole role);  // "button", "checkbox", … as the page's ARIA role

struct SemanticNode {
  std::uint32_t id = 0;                    // ImGui's item id: stable while the control is drawn with the same label
  SemanticRole role = SemanticRole::kButton;
  std::string name;                        // the accessible name (never empty for a control)
  std::string value;                       // combo box / text box value, else empty
  float x = 0, y = 0, width = 0, height = 0;  // CSS pixels from the canvas's top left
  bool focused = false;                    // ImGui's keyboard focus is on it
  bool disabled = false;
  std::optional<bool> checked;             // checkbox, radio; button: pressed (a toggle)
  std::optional<bool> expanded;            // combo box; button: a disclosure (aria-expanded)
  bool selected = false;                   // option
  bool multiline = false;                  // text box
  bool read_only = false;                  // text box
  std::uint32_t list = 0;                  // option: the id of its combo box
};

bool operator==(const SemanticNode& a, const SemanticNode& b);

// The accessible name of an ImGui label: the text before "##" (ImGui's hidden id suffix), or before "###", trimmed,
// each run of spaces and line breaks read as one space.
std::string AccessibleName(std::string_view imgui_label);

// {"nodes":[{"id","role","name","value"?,"x","y","w","h","focused"?,"disabled"?,"checked"?,"expanded"?,
// "selected"?,"multiline"?,"readonly"?,"list"?}, …]} — whole CSS pixels, optional members only when set.
std::string SemanticsJson(const std::vector<SemanticNode>& nodes);

// Tab order: the controls in drawing order, without headings and disabled ones. From `current` (none: the grid has
// the keyboard) to the next control, or the previous one `backwards`; nullopt past either end — before the first
// control is the grid, after the last the page (web/semantics.js lets Tab leave the widget there).
std::optional<std::uint32_t> NextFocus(const std::vector<SemanticNode>& nodes, std::optional<std::uint32_t> current,
                                       bool backwards);
// The node that has ImGui's keyboard focus, if any.
std::optional<std::uint32_t> FocusedNode(const std::vector<SemanticNode>& nodes);

enum class SemanticActionKind { kActivate = 1, kFocus = 2 };
struct SemanticAction {
  std::uint32_t id = 0;
  SemanticActionKind kind = SemanticActionKind::kActivate;
};

// One frame's nodes, and the last ones the page got: Publish() returns the JSON only when the nodes changed.
class SemanticTree {
 public:
  void BeginFrame() { nodes_.clear(); }
  void Add(SemanticNode node) { nodes_.push_back(std::move(node)); }
  const std::vector<SemanticNode>& nodes() const { return nodes_; }
  std::optional<std::string> Publish();

  // The page's pending action (one at a time; a newer one replaces it). Take(id, kind) consumes it when it names
  // that node and kind — the control then acts as if clicked, or takes the keyboard focus.
  void Queue(SemanticAction action) {
    pending_ = action;
    pending_frames_ = 0;
  }
  bool Take(std::uint32_t id, SemanticActionKind kind);
  const std::optional<SemanticAction>& pending() const { return pending_; }
  // An action for a node no longer drawn is dropped after the frame that did not take it.
  void EndFrame();

 private:
  std::vector<SemanticNode> nodes_;
  std::vector<SemanticNode> published_;
  bool ever_published_ = false;
  std::optional<SemanticAction> pending_;
  int pending_frames_ = 0;
};

}  // namespace slotwise::widget
