// widget_main.cpp — the widget's browser entry point: GLFW window on the page's canvas, Dear ImGui over WebGL2, the
// per-frame loop, and the bridge to the page (frame counter and the accessible live region). App logic lives in
// widget_state (pure) and drawing in widget_view; this file only wires them to the browser.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <string>

#include "api_client.h"
#include "widget_state.h"
#include "widget_view.h"

namespace {

using namespace slotwise::widget;

struct App {
  GLFWwindow* window = nullptr;
  WidgetState state;
  std::string last_live_text;
  int frames = 0;
};

App& TheApp() {
  static App app;
  return app;
}

// Tells the page a frame was drawn (the loading overlay hides on the first) and keeps the live region current.
EM_JS(void, JsAfterFrame, (int frames, const char* live_text_or_null), {
  if (frames === 1 && Module.onFirstFrame) Module.onFirstFrame();
  Module.slotwiseFrames = frames;
  if (live_text_or_null) {
    const live = document.getElementById('slotwise-live');
    if (live) live.textContent = UTF8ToString(live_text_or_null);
  }
});

// The canvas's size in CSS pixels; the window (and so the backbuffer) follows it on every frame.
EM_JS(int, JsCanvasCssWidth, (), { return Module.canvas.clientWidth | 0; });
EM_JS(int, JsCanvasCssHeight, (), { return Module.canvas.clientHeight | 0; });

void SyncCanvasSize(App& app) {
  const int css_width = JsCanvasCssWidth(), css_height = JsCanvasCssHeight();
  int width = 0, height = 0;
  glfwGetWindowSize(app.window, &width, &height);
  if (css_width > 0 && css_height > 0 && (css_width != width || css_height != height)) {
    glfwSetWindowSize(app.window, css_width, css_height);
  }
}

void Frame() {
  App& app = TheApp();
  SyncCanvasSize(app);
  glfwPollEvents();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  DrawWidget(app.state);
  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(app.window, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(0.97f, 0.97f, 0.98f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  ++app.frames;
  const std::string live = LiveSummary(app.state);
  const bool changed = live != app.last_live_text;
  if (changed) app.last_live_text = live;
  JsAfterFrame(app.frames, changed ? live.c_str() : nullptr);
}

}  // namespace

int main() {
  App& app = TheApp();
  if (!glfwInit()) {
    std::fprintf(stderr, "slotwise: glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  app.window = glfwCreateWindow(JsCanvasCssWidth() > 0 ? JsCanvasCssWidth() : 1024,
                                JsCanvasCssHeight() > 0 ? JsCanvasCssHeight() : 640, "Slotwise", nullptr, nullptr);
  if (!app.window) {
    std::fprintf(stderr, "slotwise: WebGL2 is not available\n");
    return 1;
  }
  glfwMakeContextCurrent(app.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no settings file on the web
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui::StyleColorsLight();
  ImGui::GetStyle().WindowPadding = ImVec2(16, 14);
  ImGui_ImplGlfw_InitForOpenGL(app.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  StartLoading(app.state);
  FetchText("/v1/demo/busy", [](int status, std::string_view body) { ApplyDemoBusyResponse(TheApp().state, status, body); });

  emscripten_set_main_loop(Frame, 0, false);
  return 0;
}
