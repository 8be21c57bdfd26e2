// widget_main.cpp — the widget's browser entry point: the GLFW window on the page's canvas, Dear ImGui over WebGL2,
// fonts (Latin compiled in, Japanese fetched lazily), HiDPI, keyboard routing, and the per-frame loop. App logic
// lives in widget_app (controller) and the pure widget_* state; drawing in widget_view. Frames are drawn on demand
// (frame_pacing.h): every input callback below wakes the pacer, and an idle widget draws nothing.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "app/api_client.h"
#include "app/frame_pacing.h"
#include "app/page_bridge.h"
#include "app/widget_app.h"
#include "state/widget_data.h"
#include "state/widget_fonts.h"
#include "state/widget_frame_stats.h"
#include "state/widget_i18n.h"
#include "state/widget_palette.h"
#include "state/widget_semantics.h"
#include "state/widget_wheel.h"
#include "view/view_colors.h"
#include "view/view_controls.h"

namespace slotwise::widget {
extern const unsigned char kLatinFont[];
extern const std::size_t kLatinFontSize;
extern const unsigned short kLatinFontRanges[];  // the code points cut into it (make_fonts.py), as ImGui glyph ranges
extern const unsigned char kLanguageNamesFont[];  // 日本語, 中文, 한국어 for the language switch (make_fonts.py names)
extern const std::size_t kLanguageNamesFontSize;
extern const unsigned short kLanguageNamesRanges[];
}  // namespace slotwise::widget

namespace {

using namespace slotwise::widget;

constexpr float kFontSize = 15.0f;  // CSS pixels

struct Main {
  GLFWwindow* window = nullptr;
  App app;
  float scale = 1.0f;       // device pixels per CSS pixel the fonts and style were built for
  // The script fonts (state/widget_fonts.h): bytes once fetched, what is known of each, the glyph ranges the atlas
  // was built with (alive as long as the atlas uses them) and the names it was built for.
  std::array<std::string, kScriptFonts.size()> script_fonts;
  std::array<ScriptFontState, kScriptFonts.size()> font_state;
  std::array<ImVector<ImWchar>, kScriptFonts.size()> font_ranges;
  std::vector<std::string> baked_names;
  int fonts_in_flight = 0;
  std::uint64_t fonts_checked_version = ~std::uint64_t{0};  // App::texts_version() at the last MaybeFetchFonts
  bool fonts_settled_since_check = false;                   // a font arrived (and was baked) or failed since then
  bool fonts_dirty = false;
  int frames = 0;
  Theme theme = Theme::kLight;  // the page's (web/app.js: the embed option or the browser's preferences)
  std::optional<Rgb> accent;    // the page's brand colour
  FrameStats frame_stats{120};  // CPU time per frame, the last 120 frames (Module.slotwiseFrameStats)
};

Main& TheMain() {
  static Main main;
  return main;
}

// (Re)builds the font atlas for the current scale: DejaVu Sans (Latin, Greek, Cyrillic) plus, once fetched, the
// script fonts merged in — the Japanese and right-to-left ones with their whole ranges, the Chinese and Korean ones
// for the characters the names use.
void BuildFonts(Main& m) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig latin;
  latin.FontDataOwnedByAtlas = false;
  latin.OversampleH = 2;
  static_assert(sizeof(ImWchar) == sizeof(unsigned short), "kLatinFontRanges is generated as 16-bit code points");
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kLatinFont), static_cast<int>(kLatinFontSize),
                                 std::round(kFontSize * m.scale), &latin, reinterpret_cast<const ImWchar*>(kLatinFontRanges));
  ImFontConfig names;
  names.MergeMode = true;
  names.FontDataOwnedByAtlas = false;
  names.PixelSnapH = true;
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kLanguageNamesFont), static_cast<int>(kLanguageNamesFontSize),
                                 std::round(kFontSize * m.scale), &names, reinterpret_cast<const ImWchar*>(kLanguageNamesRanges));
  m.baked_names = m.app.DisplayedTexts();
  for (const ScriptFont font : kScriptFonts) {
    const std::size_t i = static_cast<std::size_t>(font);
    if (m.script_fonts[i].empty()) continue;
    const ImWchar* ranges = font == ScriptFont::kRightToLeft ? reinterpret_cast<const ImWchar*>(kRightToLeftRanges)
                                                             : io.Fonts->GetGlyphRangesJapanese();
    if (font == ScriptFont::kChinese || font == ScriptFont::kKorean) {
      ImFontGlyphRangesBuilder builder;
      for (const char32_t c : ScriptCodePoints(font, m.baked_names)) {
        if (c <= 0xFFFF) builder.AddChar(static_cast<ImWchar>(c));
      }
      m.font_ranges[i].clear();
      builder.BuildRanges(&m.font_ranges[i]);
      if (m.font_ranges[i].size() <= 1) continue;  // no character of this script left in the names
      ranges = m.font_ranges[i].Data;
    }
    ImFontConfig merged;
    merged.MergeMode = true;
    merged.FontDataOwnedByAtlas = false;
    merged.OversampleH = 1;
    merged.PixelSnapH = true;
    io.Fonts->AddFontFromMemoryTTF(m.script_fonts[i].data(), static_cast<int>(m.script_fonts[i].size()),
                                   std::round(kFontSize * m.scale), &merged, ranges);
  }
  io.Fonts->Build();
  for (const ScriptFont font : kScriptFonts) {
    if (!m.script_fonts[static_cast<std::size_t>(font)].empty()) m.font_state[static_cast<std::size_t>(font)].settled = true;
  }
  m.fonts_settled_since_check = true;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void ApplyStyle(float scale, const Palette& palette, bool dark) {
  ImGuiStyle style;
  if (dark) ImGui::StyleColorsDark(&style);
  else ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(12, 10);
  style.FrameRounding = 4.0f;
  style.ChildRounding = 4.0f;
  style.FramePadding = ImVec2(6, 4);
  style.ItemSpacing = ImVec2(8, 6);
  // The theme's colours (AA contrast: state/widget_palette.h). Controls are outlined (an empty checkbox or radio
  // button is otherwise the window's colour); marks and the keyboard focus ring are the selection colour.
  const auto color = [](Rgb c, float alpha = 1.0f) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, alpha); };
  style.FrameBorderSize = 1.0f;
  style.Colors[ImGuiCol_WindowBg] = color(palette.window);
  style.Colors[ImGuiCol_PopupBg] = color(palette.window);
  style.Colors[ImGuiCol_Text] = color(palette.text);
  style.Colors[ImGuiCol_TextDisabled] = color(palette.text_dim);
  style.Colors[ImGuiCol_FrameBg] = color(palette.frame);
  style.Colors[ImGuiCol_Border] = color(palette.control_border);
  style.Colors[ImGuiCol_CheckMark] = color(palette.selection_edge);
  style.Colors[ImGuiCol_NavHighlight] = color(palette.selection_edge);
  style.Colors[ImGuiCol_Button] = color(palette.button);
  style.Colors[ImGuiCol_ButtonHovered] = color(palette.button_hovered);
  style.Colors[ImGuiCol_ButtonActive] = color(palette.button_active);
  style.Colors[ImGuiCol_Header] = color(palette.header);
  style.Colors[ImGuiCol_HeaderHovered] = color(palette.button_hovered);
  style.Colors[ImGuiCol_HeaderActive] = color(palette.button_active);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
  UsePalette(palette);
}

void ApplyTheme(Main& m) {
  const bool dark = m.theme == Theme::kDark || m.theme == Theme::kHighContrastDark;
  ApplyStyle(m.scale, PaletteFor(m.theme, m.accent), dark);
}

void MoveFocus(Main& m, bool backwards) {
  const std::vector<SemanticNode>& nodes = ui::TheSemantics().nodes();  // the last frame's controls
  // A Tab pressed before the frame that takes the last one counts from where that one goes.
  const std::optional<SemanticAction>& pending = ui::TheSemantics().pending();
  std::optional<std::uint32_t> current = m.app.grid_has_keyboard() ? std::nullopt : FocusedNode(nodes);
  if (pending && pending->kind == SemanticActionKind::kFocus) current = pending->id;
  const std::optional<std::uint32_t> next = NextFocus(nodes, current, backwards);
  if (next) {
    m.app.set_grid_has_keyboard(false);
    ui::TheSemantics().Queue({*next, SemanticActionKind::kFocus});
  } else if (backwards) {
    m.app.set_grid_has_keyboard(true);
  }
}

// Keys: while the grid has the keyboard, the grid's keys go to the controller and not to ImGui's navigation.
void OnKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  WakeFrames();
  Main& m = TheMain();
  const bool press = action == GLFW_PRESS || action == GLFW_REPEAT;
  // Tab and Shift+Tab go through every control in drawing order (ImGui's own Tab stops only at text fields), from the
  // grid and back to it; the page lets Tab leave the widget after the last control (web/semantics.js).
  if (key == GLFW_KEY_TAB) {
    if (press) MoveFocus(m, (mods & GLFW_MOD_SHIFT) != 0);
    return;
  }
  if (press && key == GLFW_KEY_ESCAPE) m.app.set_grid_has_keyboard(true);
  if (m.app.grid_has_keyboard() && !ImGui::GetIO().WantTextInput && (mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) == 0) {
    std::optional<Key> grid_key;
    switch (key) {
      case GLFW_KEY_LEFT: grid_key = Key::kLeft; break;
      case GLFW_KEY_RIGHT: grid_key = Key::kRight; break;
      case GLFW_KEY_UP: grid_key = Key::kUp; break;
      case GLFW_KEY_DOWN: grid_key = Key::kDown; break;
      case GLFW_KEY_PAGE_UP: grid_key = Key::kPageUp; break;
      case GLFW_KEY_PAGE_DOWN: grid_key = Key::kPageDown; break;
      case GLFW_KEY_HOME: grid_key = Key::kHome; break;
      case GLFW_KEY_END: grid_key = Key::kEnd; break;
      case GLFW_KEY_J: grid_key = Key::kNextSuggestion; break;
      case GLFW_KEY_K: grid_key = Key::kPreviousSuggestion; break;
      case GLFW_KEY_SPACE: grid_key = Key::kSpace; break;
      case GLFW_KEY_ENTER: grid_key = Key::kEnter; break;
      case GLFW_KEY_D: grid_key = Key::kDayView; break;
      case GLFW_KEY_W: grid_key = Key::kWeekView; break;
      case GLFW_KEY_T: grid_key = Key::kTwoWeekView; break;
      case GLFW_KEY_P: grid_key = Key::kPropose; break;
      default: break;
    }
    if (grid_key) {
      if (press) m.app.OnKey(*grid_key);
      return;
    }
  }
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

void OnChar(GLFWwindow* window, unsigned int c) {
  WakeFrames();
  if (TheMain().app.grid_has_keyboard() && !ImGui::GetIO().WantTextInput) return;
  ImGui_ImplGlfw_CharCallback(window, c);
}

void OnMouseButton(GLFWwindow* window, int button, int action, int mods) {
  WakeFrames();
  // A click outside the grid hands the keyboard to the controls; the grid takes it back when clicked (Intents).
  if (action == GLFW_PRESS) TheMain().app.set_grid_has_keyboard(false);
  ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
}

// The pointer moved (ImGui reads its position in each frame it draws) or scrolled, entered or left, or the window's
// focus changed: the next frames show hover, scrolling and focus.
void OnCursorPos(GLFWwindow*, double, double) { WakeFrames(); }
void OnScroll(GLFWwindow* window, double x, double y) {  // x, y: the browser's deltaX, deltaY (widget_wheel.h)
  WakeFrames();
  const WheelDeltaMode mode = static_cast<WheelDeltaMode>(LastWheelDeltaMode());
  ImGui_ImplGlfw_ScrollCallback(window, WheelUnits(x, mode), WheelUnits(y, mode));
}
void OnCursorEnter(GLFWwindow* window, int entered) {
  WakeFrames();
  ImGui_ImplGlfw_CursorEnterCallback(window, entered);
}
void OnWindowFocus(GLFWwindow* window, int focused) {
  WakeFrames();
  ImGui_ImplGlfw_WindowFocusCallback(window, focused);
}

// The canvas backbuffer follows its CSS size times devicePixelRatio; ImGui works in device pixels, the fonts and the
// style are scaled by the ratio (rebuilt when it changes, e.g. on browser zoom). True when anything changed.
bool SyncCanvasSize(Main& m) {
  const double ratio = DevicePixelRatio();
  const int width = static_cast<int>(std::lround(CanvasCssWidth() * ratio));
  const int height = static_cast<int>(std::lround(CanvasCssHeight() * ratio));
  int current_width = 0, current_height = 0;
  glfwGetWindowSize(m.window, &current_width, &current_height);
  bool changed = false;
  if (width > 0 && height > 0 && (width != current_width || height != current_height)) {
    glfwSetWindowSize(m.window, width, height);
    changed = true;
  }
  if (std::fabs(static_cast<float>(ratio) - m.scale) > 0.01f) {
    m.scale = static_cast<float>(ratio);
    ApplyTheme(m);
    m.fonts_dirty = true;
    changed = true;
  }
  return changed;
}

// Fetches the script fonts the names and the language need (state/widget_fonts.h), and rebuilds the atlas when the
// names changed under a font baked for the names' characters. Runs in drawn frames only.
void MaybeFetchFonts(Main& m) {
  // Only when the texts or what the fonts can draw changed since the last look (not on every drawn frame).
  const std::uint64_t version = m.app.texts_version();
  if (version == m.fonts_checked_version && !m.fonts_settled_since_check) return;
  m.fonts_checked_version = version;
  m.fonts_settled_since_check = false;
  const std::vector<std::string> names = m.app.DisplayedTexts();
  const bool per_name = !m.script_fonts[static_cast<std::size_t>(ScriptFont::kChinese)].empty() ||
                        !m.script_fonts[static_cast<std::size_t>(ScriptFont::kKorean)].empty();
  if (per_name && names != m.baked_names) m.fonts_dirty = true;
  const auto drawable = [](char32_t c) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return c <= 0xFFFF && !atlas->Fonts.empty() && atlas->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
  };
  for (const ScriptFont font : FontsToFetch(m.app.model().locale, names, drawable, m.font_state)) {
    const std::size_t i = static_cast<std::size_t>(font);
    m.font_state[i].requested = true;
    ++m.fonts_in_flight;
    m.app.set_fonts_loading(true);
    Fetch(MakeRequest("GET", ScriptFontPath(font)), [i](int status, std::string_view bytes) {
      Main& main = TheMain();
      main.app.set_fonts_loading(--main.fonts_in_flight > 0);
      if (status != 200 || bytes.size() < 1024) {  // names stay as "?" glyphs; the live region still reads them
        main.font_state[i].settled = true;
        main.fonts_settled_since_check = true;
        return;
      }
      main.script_fonts[i].assign(bytes.data(), bytes.size());
      main.fonts_dirty = true;
    });
  }
}

// Publishes the frame figures after a drawn frame (and honours the page's reset request).
void PublishStats(Main& m) {
  const bool reset = PublishFrameStats(m.frames, m.frame_stats.last_ms(), m.frame_stats.average_ms(), m.frame_stats.percentile_ms(0.95),
                                      m.frame_stats.max_ms(), static_cast<int>(m.frame_stats.samples()));
  if (reset) m.frame_stats.Reset();
}

// A focused text field's caret blinks (frames keep coming) unless the page prefers reduced motion.
bool TextCaretBlinks() { return ImGui::GetIO().WantTextInput && ImGui::GetIO().ConfigInputTextCursorBlink; }

void Frame() {
  Main& m = TheMain();
  const double frame_start = FrameClockMs();
  if (SyncCanvasSize(m)) WakeFrames();
  if (m.fonts_dirty) WakeFrames();
  if (!TheFramePacer().ShouldDraw(frame_start, m.app.Busy(), TextCaretBlinks(), ContinuousFrames())) {
    // An idle frame costs one flag read: the figures only change when a frame is drawn, but a reset the page asked
    // for is honoured (and shown) at once.
    if (TakeFrameStatsResetRequest()) {
      m.frame_stats.Reset();
      PublishStats(m);
    }
    return;
  }
  TheFramePacer().Drew(frame_start);
  MaybeFetchFonts(m);
  if (m.fonts_dirty) {
    m.fonts_dirty = false;
    BuildFonts(m);
    WakeFrames();  // the next frames see what the new fonts draw (and may ask for the next font)
  }
  m.app.set_scale(m.scale);
  m.app.BeforeFrame();
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  Intents intents;
  DrawWidget(m.app.model(), m.app.Context(), intents);
  if (std::optional<std::string> semantics = ui::TheSemantics().Publish()) PublishSemantics(*semantics);
  ui::TheSemantics().EndFrame();
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(m.window, &width, &height);
  glViewport(0, 0, width, height);
  const Rgb clear = Colors().window;
  glClearColor(clear.r / 255.0f, clear.g / 255.0f, clear.b / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  m.app.Apply(intents);
  m.app.AfterFrame();
  ++m.frames;
  m.frame_stats.Add(FrameClockMs() - frame_start);
  PublishStats(m);
  AfterFrame(m.frames);
}

}  // namespace

// The page tells the widget what happened to it: 1 = the page is being hidden or unloaded (web/app.js, "pagehide").
extern "C" EMSCRIPTEN_KEEPALIVE void slotwise_widget_page_event(int code) {
  if (code == 1) TheMain().app.OnPageHidden();
}

// The page's colour preferences changed (prefers-color-scheme, forced-colors, prefers-contrast; web/app.js):
// 0 light, 1 dark, 2 high contrast light, 3 high contrast dark. The brand colour stays.
extern "C" EMSCRIPTEN_KEEPALIVE void slotwise_widget_set_theme(int theme) {
  if (theme < 0 || theme > 3) return;
  Main& m = TheMain();
  m.theme = static_cast<Theme>(theme);
  ApplyTheme(m);
  WakeFrames();
}

// The page's DOM mirror of the controls (web/semantics.js) asks for a control by its node id: kind 1 = activate it (a
// screen reader's click), 2 = focus it (its cursor moved there; the keyboard leaves the grid for the controls).
extern "C" EMSCRIPTEN_KEEPALIVE void slotwise_widget_semantic_action(unsigned int id, int kind) {
  if (kind != static_cast<int>(SemanticActionKind::kActivate) && kind != static_cast<int>(SemanticActionKind::kFocus)) return;
  if (kind == static_cast<int>(SemanticActionKind::kFocus)) TheMain().app.set_grid_has_keyboard(false);
  ui::TheSemantics().Queue({id, static_cast<SemanticActionKind>(kind)});
  WakeFrames();
}

int main() {
  Main& m = TheMain();
  if (!glfwInit()) {
    std::fprintf(stderr, "slotwise: glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const double ratio = DevicePixelRatio();
  const int width = CanvasCssWidth() > 0 ? CanvasCssWidth() : 1024, height = CanvasCssHeight() > 0 ? CanvasCssHeight() : 640;
  m.window = glfwCreateWindow(static_cast<int>(width * ratio), static_cast<int>(height * ratio), "Slotwise", nullptr, nullptr);
  if (!m.window) {
    std::fprintf(stderr, "slotwise: WebGL2 is not available\n");
    return 1;
  }
  glfwMakeContextCurrent(m.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no settings file on the web
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  m.scale = static_cast<float>(ratio);
  const PageAppearance appearance = AppearanceOfPageOptions(PageOptionsJson());
  m.theme = appearance.theme;
  m.accent = appearance.accent;
  ApplyTheme(m);
  io.ConfigInputTextCursorBlink = !appearance.reduced_motion;  // the only motion the widget has
  ImGui_ImplGlfw_InitForOpenGL(m.window, /*install_callbacks=*/false);
  glfwSetKeyCallback(m.window, OnKey);
  glfwSetCharCallback(m.window, OnChar);
  glfwSetMouseButtonCallback(m.window, OnMouseButton);
  WatchWheelDeltaMode();
  glfwSetScrollCallback(m.window, OnScroll);
  glfwSetCursorPosCallback(m.window, OnCursorPos);
  glfwSetCursorEnterCallback(m.window, OnCursorEnter);
  glfwSetWindowFocusCallback(m.window, OnWindowFocus);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  BuildFonts(m);

  m.app.Start();
  emscripten_set_main_loop(Frame, 0, false);
  return 0;
}
