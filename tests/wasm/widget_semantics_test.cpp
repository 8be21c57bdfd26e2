// Tests for wasm/widget_semantics: accessible names from ImGui labels, the JSON the page mirrors, publishing only
// changes, and the page's actions taken once by the node they name.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "state/widget_semantics.h"

using namespace slotwise::widget;

namespace {
SemanticNode Button(std::uint32_t id, std::string name) {
  SemanticNode node;
  node.id = id;
  node.name = std::move(name);
  node.x = 10.4f;
  node.y = 20.6f;
  node.width = 80;
  node.height = 24;
  return node;
}
}  // namespace

TEST_CASE("WidgetSemantics: the accessible name is the label before ImGui's hidden id") {
  CHECK(AccessibleName("Book") == "Book");
  CHECK(AccessibleName("Book##book") == "Book");
  CHECK(AccessibleName("Emily Carter##emily@example.com") == "Emily Carter");
  CHECK(AccessibleName("Next###next") == "Next");
  CHECK(AccessibleName("##room") == "");
  CHECK(AccessibleName("  Today  ") == "Today");
  CHECK(AccessibleName("1. Mon, Dec 7, 1:00 PM\n    Mon, Dec 7, 8:00 AM (New York)") == "1. Mon, Dec 7, 1:00 PM Mon, Dec 7, 8:00 AM (New York)");
}

TEST_CASE("WidgetSemantics: the JSON carries role, name, place and only the states that are set") {
  SemanticNode box = Button(7, "Include Emily");
  box.role = SemanticRole::kCheckbox;
  box.checked = false;
  SemanticNode combo = Button(8, "Room");
  combo.role = SemanticRole::kComboBox;
  combo.value = "Raum Köln";
  combo.expanded = true;
  combo.focused = true;
  const nlohmann::json json = nlohmann::json::parse(SemanticsJson({Button(5, "Book"), box, combo}));
  REQUIRE(json["nodes"].size() == 3);
  CHECK(json["nodes"][0] == nlohmann::json::parse(R"({"id":5,"role":"button","name":"Book","x":10,"y":21,"w":80,"h":24})"));
  CHECK(json["nodes"][1]["checked"] == false);
  CHECK(json["nodes"][1]["role"] == "checkbox");
  CHECK(json["nodes"][2]["value"] == "Raum Köln");
  CHECK(json["nodes"][2]["expanded"] == true);
  CHECK(json["nodes"][2]["focused"] == true);
  CHECK_FALSE(json["nodes"][0].contains("focused"));
}

TEST_CASE("WidgetSemantics: a name cut inside a UTF-8 sequence is replaced, not thrown") {
  CHECK_NOTHROW(nlohmann::json::parse(SemanticsJson({Button(1, std::string("K\xC3", 2))})));
}

TEST_CASE("WidgetSemantics: the page gets the nodes when they change, not every frame") {
  SemanticTree tree;
  tree.BeginFrame();
  CHECK(tree.Publish().has_value());  // the first frame, even with nothing drawn
  tree.BeginFrame();
  tree.Add(Button(1, "Book"));
  CHECK(tree.Publish().has_value());
  tree.BeginFrame();
  tree.Add(Button(1, "Book"));
  CHECK_FALSE(tree.Publish().has_value());
  tree.BeginFrame();
  SemanticNode moved = Button(1, "Book");
  moved.y += 3;
  tree.Add(moved);
  CHECK(tree.Publish().has_value());
  tree.BeginFrame();
  moved.focused = true;
  tree.Add(moved);
  CHECK(tree.Publish().has_value());
}

TEST_CASE("WidgetSemantics: an action is taken once, by the node and kind it names, or dropped") {
  SemanticTree tree;
  tree.Queue({3, SemanticActionKind::kActivate});
  CHECK_FALSE(tree.Take(4, SemanticActionKind::kActivate));
  CHECK_FALSE(tree.Take(3, SemanticActionKind::kFocus));
  CHECK(tree.Take(3, SemanticActionKind::kActivate));
  CHECK_FALSE(tree.Take(3, SemanticActionKind::kActivate));

  tree.Queue({9, SemanticActionKind::kFocus});
  tree.EndFrame();  // the frame drawn as it arrived did not draw node 9 yet
  CHECK(tree.Take(9, SemanticActionKind::kFocus));

  tree.Queue({9, SemanticActionKind::kActivate});
  tree.EndFrame();
  tree.EndFrame();  // two frames without node 9: dropped
  CHECK_FALSE(tree.Take(9, SemanticActionKind::kActivate));
}

TEST_CASE("WidgetSemantics: Tab goes through the controls in drawing order, skipping headings and disabled ones") {
  SemanticNode title = Button(1, "Scheduling assistant");
  title.role = SemanticRole::kHeading;
  SemanticNode off = Button(4, "Reschedule");
  off.disabled = true;
  const std::vector<SemanticNode> nodes = {title, Button(2, "Day"), Button(3, "Week"), off, Button(5, "Book")};
  CHECK(NextFocus(nodes, std::nullopt, false) == 2u);  // from the grid: the first control
  CHECK(NextFocus(nodes, 2u, false) == 3u);
  CHECK(NextFocus(nodes, 3u, false) == 5u);
  CHECK_FALSE(NextFocus(nodes, 5u, false).has_value());  // after the last: the page
  CHECK(NextFocus(nodes, 5u, true) == 3u);
  CHECK_FALSE(NextFocus(nodes, 2u, true).has_value());   // before the first: the grid
  CHECK_FALSE(NextFocus(nodes, std::nullopt, true).has_value());
  CHECK(NextFocus(nodes, 99u, false) == 2u);  // a control no longer drawn
  CHECK_FALSE(NextFocus({title}, std::nullopt, false).has_value());
  SemanticNode focused = Button(3, "Week");
  focused.focused = true;
  CHECK(FocusedNode({Button(2, "Day"), focused}) == 3u);
  CHECK_FALSE(FocusedNode({Button(2, "Day")}).has_value());
}
