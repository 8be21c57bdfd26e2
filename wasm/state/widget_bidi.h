// widget_bidi.h — right-to-left text (Hebrew, Arabic, Persian, Urdu names) for a drawing engine that neither shapes
// nor reorders: Dear ImGui draws one glyph per code point, left to right. VisualOrder turns a line of text in logical
// (typed, stored) order into what to draw:
//  - Arabic letters take their joining forms (isolated, initial, medial, final; lam + alef as one ligature) from the
//    Unicode presentation-form blocks, which the widget's right-to-left font carries;
//  - the line is laid out left to right (the widget's languages are all left-to-right) with every right-to-left run
//    reversed in place — a simplified Unicode bidirectional algorithm for one-line labels: strong letters, European
//    and Arabic-Indic digits (kept left to right inside a right-to-left run), neutrals between two runs of one
//    direction taking it, combining marks following their letter, brackets mirrored inside a right-to-left run. No
//    explicit embeddings or isolates.
// Text without Hebrew or Arabic is returned unchanged, and NeedsVisualOrder says so cheaply (the drawing code asks
// for every label of every frame). The accessibility mirror and the live region keep the logical text: the
// browser lays those out itself. Pure.
#pragma once

#include <string>
#include <string_view>

namespace slotwise::widget {

// True when `utf8` holds a Hebrew or Arabic code point (a byte scan; no decoding).
bool NeedsVisualOrder(std::string_view utf8);

// The drawing form of `utf8` (see above), line by line ("\n" separates lines). Malformed bytes are drawn as U+FFFD, as CodePoints reads them.
std::string VisualOrder(std::string_view utf8);

// True for the letters that make a run right-to-left (Hebrew, Arabic and their presentation forms).
bool IsRightToLeft(char32_t c);

}  // namespace slotwise::widget
