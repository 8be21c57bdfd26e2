// widget_semantics.cpp — see widget_semantics.h.
#include "state/widget_semantics.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace slotwise::widget {

const char* RoleName(SemanticRole role) {
  switch (role) {
    case SemanticRole::kButton: return "button";
    case SemanticRole::kCheckbox: return "checkbox";
    case SemanticRole::kRadio: return "radio";
    case SemanticRole::kComboBox: return "combobox";
    case SemanticRole::kOption: return "option";
    case SemanticRole::kTextBox: return "textbox";
    case SemanticRole::kHeading: return "heading";
  }
  return "button";
}

bool operator==(const SemanticNode& a, const SemanticNode& b) {
  return a.id == b.id && a.role == b.role && a.name == b.name && a.value == b.value && std::lround(a.x) == std::lround(b.x) &&
         std::lround(a.y) == std::lround(b.y) && std::lround(a.width) == std::lround(b.width) &&
         std::lround(a.height) == std::lround(b.height) && a.focused == b.focused && a.disabled == b.disabled &&
         a.checked == b.checked && a.expanded == b.expanded && a.selected == b.selected && a.multiline == b.multiline &&
         a.read_only == b.read_only && a.list == b.list;
}

std::string AccessibleName(std::string_view label) {
  const std::size_t hidden = label.find("##");
  if (hidden != std::string_view::npos) label = label.substr(0, hidden);
  // Lines and indentation of a multi-line label read as single spaces.
  std::string name;
  bool gap = false;
  for (const char c : label) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      gap = !name.empty();
      continue;
    }
    if (gap) name += ' ';
    gap = false;
    name += c;
  }
  return name;
}

std::string SemanticsJson(const std::vector<SemanticNode>& nodes) {
  nlohmann::json list = nlohmann::json::array();
  for (const SemanticNode& node : nodes) {
    nlohmann::json item = {{"id", node.id},
                           {"role", RoleName(node.role)},
                           {"name", node.name},
                           {"x", std::lround(node.x)},
                           {"y", std::lround(node.y)},
                           {"w", std::lround(node.width)},
                           {"h", std::lround(node.height)}};
    if (!node.value.empty()) item["value"] = node.value;
    if (node.focused) item["focused"] = true;
    if (node.disabled) item["disabled"] = true;
    if (node.checked) item["checked"] = *node.checked;
    if (node.expanded) item["expanded"] = *node.expanded;
    if (node.selected) item["selected"] = true;
    if (node.multiline) item["multiline"] = true;
    if (node.read_only) item["readonly"] = true;
    if (node.list != 0) item["list"] = node.list;
    list.push_back(std::move(item));
  }
  // Labels may carry cut UTF-8 (a name truncated to fit): replaced, never thrown.
  return nlohmann::json{{"nodes", std::move(list)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::uint32_t> NextFocus(const std::vector<SemanticNode>& nodes, std::optional<std::uint32_t> current,
                                       bool backwards) {
  std::vector<std::uint32_t> order;
  for (const SemanticNode& node : nodes) {
    if (node.role != SemanticRole::kHeading && !node.disabled && node.id != 0) order.push_back(node.id);
  }
  if (order.empty()) return std::nullopt;
  const auto at = current ? std::find(order.begin(), order.end(), *current) : order.end();
  if (at == order.end()) {  // from the grid (or a control no longer drawn): the first control; backwards: none
    if (backwards) return current ? std::optional<std::uint32_t>(order.back()) : std::nullopt;
    return order.front();
  }
  if (backwards) return at == order.begin() ? std::nullopt : std::optional<std::uint32_t>(*(at - 1));
  return at + 1 == order.end() ? std::nullopt : std::optional<std::uint32_t>(*(at + 1));
}

std::optional<std::uint32_t> FocusedNode(const std::vector<SemanticNode>& nodes) {
  for (const SemanticNode& node : nodes) {
    if (node.focused) return node.id;
  }
  return std::nullopt;
}

std::optional<std::string> SemanticTree::Publish() {
  if (ever_published_ && nodes_ == published_) return std::nullopt;
  ever_published_ = true;
  published_ = nodes_;
  return SemanticsJson(published_);
}

bool SemanticTree::Take(std::uint32_t id, SemanticActionKind kind) {
  if (!pending_ || pending_->id != id || pending_->kind != kind) return false;
  pending_.reset();
  return true;
}

void SemanticTree::EndFrame() {
  if (!pending_) return;
  // Queued between frames, the action is for the next frame; one frame more and its node is gone.
  if (++pending_frames_ > 1) {
    pending_.reset();
    pending_frames_ = 0;
  }
}

}  // namespace slotwise::widget
