// json_log.h — the server's log: one JSON object per line, written whole to one sink (docs/OPERATIONS.md, Logs).
//
// Contract:
// - WriteLog(kind, fields) writes {"time": RFC 3339 UTC with milliseconds, "level", "kind", then `fields` in order,
//   then "request_id" of the thread's current request when there is one and `fields` has none} as a single line.
//   Lines never interleave: the sink is written under a lock.
// - `fields` must hold no secret: callers log ids, route templates, statuses, counts and error CODES — never a token,
//   key, password, message body or e-mail address. Free-text messages of background work (LogProblem) are built from
//   ids and error messages of this codebase, which name no secret. As a last fence every string value is passed
//   through RedactForLog (log_redaction.h): e-mail addresses and Slotwise credentials never reach the sink.
// - The sink is process-wide: standard error by default (what systemd's journal and container runtimes collect);
//   SetLogSink replaces it (tests collect lines; a file sink appends). A sink must be thread-safe only through this
//   file's lock.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace slotwise::observability {

enum class LogLevel { kInfo, kWarning, kError };

using LogSink = std::function<void(std::string_view line)>;  // `line` ends without a newline

// Installs `sink` (an empty function = back to standard error) and returns the previous one.
LogSink SetLogSink(LogSink sink);

// A sink that appends each line (plus "\n") to the file at `path`, flushed per line; the file is created when missing.
// An unwritable path gives a sink that writes nothing.
LogSink FileLogSink(const std::string& path);

void WriteLog(LogLevel level, std::string_view kind, nlohmann::ordered_json fields);

// A warning or error of background work in plain words: kind "problem", field "message".
void LogProblem(LogLevel level, std::string_view message);

// A log line's "duration_ms": the time since `started` in milliseconds, to two decimals.
double MillisecondsSince(std::chrono::steady_clock::time_point started);

// The current time as RFC 3339 UTC with milliseconds, e.g. "2026-12-06T09:41:07.123Z".
std::string LogTimestamp();

}  // namespace slotwise::observability
