// widget_bidi.cpp — see widget_bidi.h. The joining forms come from the Unicode code charts (Arabic Presentation
// Forms-A and -B); the run resolution follows the Unicode bidirectional algorithm's weak, neutral and implicit rules
// (W1–W7, N1–N2, I1, L2, L4) for a left-to-right paragraph without explicit embeddings.
#include "state/widget_bidi.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "state/widget_fonts.h"

namespace slotwise::widget {

namespace {

// ---- Arabic joining -------------------------------------------------------------------------------------------

enum class Joining { kNone, kRight, kDual, kCausing, kTransparent };

struct Letter {
  char32_t code;
  char32_t isolated;  // its presentation forms follow: final +1, and for dual-joining letters initial +2, medial +3
  bool dual;
};

// The letters with presentation forms (Arabic, and the Persian and Urdu additions the right-to-left font draws).
constexpr Letter kLetters[] = {
    {0x0622, 0xFE81, false}, {0x0623, 0xFE83, false}, {0x0624, 0xFE85, false}, {0x0625, 0xFE87, false},
    {0x0626, 0xFE89, true},  {0x0627, 0xFE8D, false}, {0x0628, 0xFE8F, true},  {0x0629, 0xFE93, false},
    {0x062A, 0xFE95, true},  {0x062B, 0xFE99, true},  {0x062C, 0xFE9D, true},  {0x062D, 0xFEA1, true},
    {0x062E, 0xFEA5, true},  {0x062F, 0xFEA9, false}, {0x0630, 0xFEAB, false}, {0x0631, 0xFEAD, false},
    {0x0632, 0xFEAF, false}, {0x0633, 0xFEB1, true},  {0x0634, 0xFEB5, true},  {0x0635, 0xFEB9, true},
    {0x0636, 0xFEBD, true},  {0x0637, 0xFEC1, true},  {0x0638, 0xFEC5, true},  {0x0639, 0xFEC9, true},
    {0x063A, 0xFECD, true},  {0x0641, 0xFED1, true},  {0x0642, 0xFED5, true},  {0x0643, 0xFED9, true},
    {0x0644, 0xFEDD, true},  {0x0645, 0xFEE1, true},  {0x0646, 0xFEE5, true},  {0x0647, 0xFEE9, true},
    {0x0648, 0xFEED, false}, {0x0649, 0xFEEF, false}, {0x064A, 0xFEF1, true},  {0x0679, 0xFB66, true},
    {0x067E, 0xFB56, true},  {0x0686, 0xFB7A, true},  {0x0688, 0xFB88, false}, {0x0691, 0xFB8C, false},
    {0x0698, 0xFB8A, false}, {0x06A9, 0xFB8E, true},  {0x06AF, 0xFB92, true},  {0x06BE, 0xFBAA, true},
    {0x06CC, 0xFBFC, true},
};

const Letter* FindLetter(char32_t c) {
  for (const Letter& letter : kLetters) {
    if (letter.code == c) return &letter;
  }
  return nullptr;
}

bool IsArabicMark(char32_t c) {
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) ||
         (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED);
}

bool IsHebrewMark(char32_t c) {
  return (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 || c == 0x05C5 ||
         c == 0x05C7 || c == 0xFB1E;
}

Joining JoiningOf(char32_t c) {
  if (IsArabicMark(c)) return Joining::kTransparent;
  if (c == 0x0640) return Joining::kCausing;  // tatweel, the joining stroke
  if (const Letter* letter = FindLetter(c)) return letter->dual ? Joining::kDual : Joining::kRight;
  return Joining::kNone;
}

bool JoinsForward(Joining j) { return j == Joining::kDual || j == Joining::kCausing; }   // to the letter after it
bool JoinsBackward(Joining j) { return j != Joining::kNone && j != Joining::kTransparent; }  // to the letter before

// Lam followed by an alef: the ligature's isolated form (final is +1), else 0.
char32_t LamAlef(char32_t alef) {
  switch (alef) {
    case 0x0622: return 0xFEF5;
    case 0x0623: return 0xFEF7;
    case 0x0625: return 0xFEF9;
    case 0x0627: return 0xFEFB;
    default: return 0;
  }
}

// The neighbour letters' joining types, marks skipped.
Joining PreviousJoining(const std::u32string& text, std::size_t i) {
  while (i > 0) {
    const Joining j = JoiningOf(text[--i]);
    if (j != Joining::kTransparent) return j;
  }
  return Joining::kNone;
}
std::size_t NextLetter(const std::u32string& text, std::size_t i) {
  while (++i < text.size()) {
    if (JoiningOf(text[i]) != Joining::kTransparent) return i;
  }
  return text.size();
}

std::u32string Shape(const std::u32string& text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    const Letter* letter = FindLetter(c);
    if (letter == nullptr) {
      out.push_back(c);
      continue;
    }
    const bool after_joiner = JoinsForward(PreviousJoining(text, i));
    const std::size_t next = NextLetter(text, i);
    if (c == 0x0644 && next < text.size() && LamAlef(text[next]) != 0) {
      // Lam and alef as one ligature, which joins backwards only; the marks between them follow it.
      out.push_back(LamAlef(text[next]) + (after_joiner ? 1 : 0));
      for (std::size_t k = i + 1; k < next; ++k) out.push_back(text[k]);
      i = next;
      continue;
    }
    const bool joins_next = letter->dual && next < text.size() && JoinsBackward(JoiningOf(text[next]));
    char32_t form = letter->isolated;
    if (after_joiner && joins_next) form += 3;        // medial
    else if (after_joiner) form += 1;                 // final
    else if (joins_next) form += 2;                   // initial
    out.push_back(form);
  }
  return out;
}

// ---- Direction ------------------------------------------------------------------------------------------------

enum class Type : std::uint8_t { kL, kR, kAL, kEN, kAN, kSeparator, kNeutral, kMark };

Type TypeOf(char32_t c) {
  if (c >= '0' && c <= '9') return Type::kEN;
  if (c == '.' || c == ',' || c == ':' || c == '/') return Type::kSeparator;
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? Type::kL : Type::kNeutral;
  if (IsHebrewMark(c) || IsArabicMark(c)) return Type::kMark;
  if ((c >= 0x0660 && c <= 0x0669) || c == 0x066B || c == 0x066C) return Type::kAN;
  if (c >= 0x06F0 && c <= 0x06F9) return Type::kEN;
  if ((c >= 0x0590 && c <= 0x05FF) || (c >= 0xFB1D && c <= 0xFB4F)) return Type::kR;
  if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
      (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) {
    return Type::kAL;
  }
  if (c == 0xAA || c == 0xB5 || c == 0xBA) return Type::kL;
  if (c < 0xC0 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE6F) ||
      (c >= 0xFF00 && c <= 0xFF20) || c == 0xFFFD) {
    return Type::kNeutral;
  }
  return Type::kL;
}

char32_t Mirrored(char32_t c) {
  switch (c) {
    case '(': return ')';
    case ')': return '(';
    case '[': return ']';
    case ']': return '[';
    case '{': return '}';
    case '}': return '{';
    case '<': return '>';
    case '>': return '<';
    case 0xAB: return 0xBB;
    case 0xBB: return 0xAB;
    default: return c;
  }
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// The embedding levels of a left-to-right line: 0 left-to-right, 1 right-to-left, 2 digits inside right-to-left.
std::vector<int> Levels(const std::u32string& text) {
  const std::size_t n = text.size();
  std::vector<Type> types(n);
  for (std::size_t i = 0; i < n; ++i) types[i] = TypeOf(text[i]);
  // W1: a mark takes its letter's type (the start of the line counts as left-to-right).
  for (std::size_t i = 0; i < n; ++i) {
    if (types[i] == Type::kMark) types[i] = i == 0 ? Type::kL : types[i - 1];
  }
  // W2, W3, W7: digits after Arabic letters are Arabic digits; after Latin ones, or at the start, left-to-right.
  Type strong = Type::kL;
  for (std::size_t i = 0; i < n; ++i) {
    if (types[i] == Type::kL || types[i] == Type::kR || types[i] == Type::kAL) strong = types[i];
    if (types[i] == Type::kEN && strong == Type::kAL) types[i] = Type::kAN;
    else if (types[i] == Type::kEN && strong == Type::kL) types[i] = Type::kL;
  }
  for (Type& type : types) {
    if (type == Type::kAL) type = Type::kR;
  }
  // W4: one separator between two numbers of one kind joins them ("12.5", "10:30").
  for (std::size_t i = 1; i + 1 < n; ++i) {
    if (types[i] == Type::kSeparator && types[i - 1] == types[i + 1] &&
        (types[i - 1] == Type::kEN || types[i - 1] == Type::kAN)) {
      types[i] = types[i - 1];
    }
  }
  // N0, simplified: a bracket pair holding right-to-left text and no left-to-right text, after right-to-left text,
  // is right-to-left (so "(…)" stays a pair around a right-to-left word inside a right-to-left run).
  const auto& right_side = [](Type t) { return t == Type::kR || t == Type::kEN || t == Type::kAN; };
  std::vector<std::size_t> opened;
  for (std::size_t i = 0; i < n; ++i) {
    if (text[i] == '(' || text[i] == '[') opened.push_back(i);
    if ((text[i] != ')' && text[i] != ']') || opened.empty() || text[opened.back()] != Mirrored(text[i])) continue;
    const std::size_t start = opened.back();
    opened.pop_back();
    bool rtl_inside = false, ltr_inside = false;
    for (std::size_t k = start + 1; k < i; ++k) {
      rtl_inside |= right_side(types[k]);
      ltr_inside |= types[k] == Type::kL;
    }
    std::size_t before = start;
    while (before > 0 && !right_side(types[before - 1]) && types[before - 1] != Type::kL) --before;
    if (rtl_inside && !ltr_inside && before > 0 && right_side(types[before - 1])) types[start] = types[i] = Type::kR;
  }
  // N1, N2: neutrals between two right-to-left sides (numbers count as such) are right-to-left; else left-to-right.
  for (std::size_t i = 0; i < n;) {
    if (types[i] != Type::kNeutral && types[i] != Type::kSeparator) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && (types[end] == Type::kNeutral || types[end] == Type::kSeparator)) ++end;
    const bool rtl = i > 0 && end < n && right_side(types[i - 1]) && right_side(types[end]);
    for (std::size_t k = i; k < end; ++k) types[k] = rtl ? Type::kR : Type::kL;
    i = end;
  }
  // I1: in a left-to-right paragraph.
  std::vector<int> levels(n);
  for (std::size_t i = 0; i < n; ++i) {
    levels[i] = types[i] == Type::kR ? 1 : (types[i] == Type::kEN || types[i] == Type::kAN) ? 2 : 0;
  }
  return levels;
}

}  // namespace

bool IsRightToLeft(char32_t c) {
  const Type type = TypeOf(c);
  return type == Type::kR || type == Type::kAL;
}

bool NeedsVisualOrder(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte >= 0xD6 && byte <= 0xDB) return true;  // U+0580–U+06FF: Hebrew, Arabic
    if (byte == 0xDD || byte == 0xE0) {             // U+0740–U+077F, U+0880–U+08FF: Arabic supplements
      if (byte == 0xDD || (i + 1 < utf8.size() && (static_cast<unsigned char>(utf8[i + 1]) & 0xFE) == 0xA2)) return true;
    }
    if (byte == 0xEF && i + 1 < utf8.size()) {  // U+FB1D–U+FDFF, U+FE70–U+FEFF: presentation forms
      const auto next = static_cast<unsigned char>(utf8[i + 1]);
      if ((next >= 0xAC && next <= 0xB7) || (next >= 0xB9 && next <= 0xBB)) return true;
    }
  }
  return false;
}

std::string VisualOrder(std::string_view utf8) {
  if (!NeedsVisualOrder(utf8)) return std::string(utf8);
  if (const std::size_t newline = utf8.find('\n'); newline != std::string_view::npos) {  // each line on its own
    return VisualOrder(utf8.substr(0, newline)) + "\n" + VisualOrder(utf8.substr(newline + 1));
  }
  std::u32string text = Shape(CodePoints(utf8));
  const std::vector<int> levels = Levels(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (levels[i] % 2 == 1) text[i] = Mirrored(text[i]);  // L4
  }
  // L2: reverse every run at level 2 or more, then every run at level 1 or more.
  for (int level = 2; level >= 1; --level) {
    for (std::size_t i = 0; i < text.size();) {
      if (levels[i] < level) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text.size() && levels[end] >= level) ++end;
      std::reverse(text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(end));
      i = end;
    }
  }
  // A combining mark is drawn over the glyph drawn before it: after the reversal, a right-to-left letter's marks
  // stand before it, so the letter moves in front of them.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsHebrewMark(text[i]) && !IsArabicMark(text[i])) continue;
    std::size_t base = i;
    while (base < text.size() && (IsHebrewMark(text[base]) || IsArabicMark(text[base]))) ++base;
    if (base < text.size() && IsRightToLeft(text[base])) {
      std::rotate(text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(base),
                  text.begin() + static_cast<std::ptrdiff_t>(base) + 1);
    }
    i = base;
  }
  std::string out;
  out.reserve(utf8.size() + 8);
  for (const char32_t c : text) AppendUtf8(out, c);
  return out;
}

}  // namespace slotwise::widget
