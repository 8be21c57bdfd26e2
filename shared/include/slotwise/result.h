// result.h — errors as values for the engine's public API.
//
// `Error` is the docs/ENGINE.md error object (code, human message, JSON field path). `Result<T>` holds either a T or an
// Error and converts to bool (true = has a value). Nothing in slotwise::shared throws across its public API.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace slotwise {

struct Error {
  std::string code;     // machine-readable, e.g. "invalid_query", "unknown_participant", "invalid_tzif"
  std::string message;  // one human sentence
  std::string field;    // JSON path of the offending input ("query.required_duration.minutes"); empty if none
};

template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor): implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  explicit operator bool() const { return state_.index() == 0; }  // true when a value is held
  bool ok() const { return state_.index() == 0; }

  const T& value() const& { assert(ok() && "Result::value() on an error"); return std::get<0>(state_); }
  T& value() & { assert(ok() && "Result::value() on an error"); return std::get<0>(state_); }
  T&& value() && { assert(ok() && "Result::value() on an error"); return std::get<0>(std::move(state_)); }
  const Error& error() const { assert(!ok() && "Result::error() on a value"); return std::get<1>(state_); }

  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace slotwise
