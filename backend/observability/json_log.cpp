// json_log.cpp — see json_log.h.
#include "observability/json_log.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>

#include "observability/log_redaction.h"
#include "observability/request_context.h"

namespace slotwise::observability {

namespace {

std::mutex& SinkMutex() {
  static std::mutex mutex;
  return mutex;
}

LogSink& CurrentSink() {
  static LogSink sink;
  return sink;
}

void WriteToStandardError(std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

// Every string inside `value`, redacted (log_redaction.h).
void RedactStrings(nlohmann::ordered_json& value) {
  if (value.is_string()) {
    value = RedactForLog(value.get_ref<const std::string&>());
  } else if (value.is_structured()) {
    for (auto& item : value) RedactStrings(item);
  }
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

}  // namespace

LogSink SetLogSink(LogSink sink) {
  std::lock_guard lock(SinkMutex());
  LogSink previous = std::move(CurrentSink());
  CurrentSink() = std::move(sink);
  return previous;
}

LogSink FileLogSink(const std::string& path) {
  std::shared_ptr<std::FILE> file(std::fopen(path.c_str(), "a"), [](std::FILE* f) {
    if (f) std::fclose(f);
  });
  return [file](std::string_view line) {
    if (!file) return;
    std::fwrite(line.data(), 1, line.size(), file.get());
    std::fputc('\n', file.get());
    std::fflush(file.get());
  };
}

double MillisecondsSince(std::chrono::steady_clock::time_point started) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  return static_cast<double>(micros / 10) / 100;
}

std::string LogTimestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];  // room for any int the compiler cannot rule out
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return text;
}

void WriteLog(LogLevel level, std::string_view kind, nlohmann::ordered_json fields) {
  nlohmann::ordered_json line;
  line["time"] = LogTimestamp();
  line["level"] = LevelName(level);
  line["kind"] = std::string(kind);
  for (auto& [name, value] : fields.items()) {
    RedactStrings(value);
    line[name] = std::move(value);
  }
  if (!line.contains("request_id")) {
    if (const RequestTrace* trace = CurrentRequest()) line["request_id"] = trace->request_id;
  }
  // Invalid UTF-8 in a value (an error text quoting bytes a client sent) is replaced, never thrown.
  const std::string text = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::lock_guard lock(SinkMutex());
  if (CurrentSink()) CurrentSink()(text);
  else WriteToStandardError(text);
}

void LogProblem(LogLevel level, std::string_view message) {
  WriteLog(level, "problem", {{"message", std::string(message)}});
}

}  // namespace slotwise::observability
