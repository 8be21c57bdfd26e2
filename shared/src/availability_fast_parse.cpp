// availability_fast_parse.cpp — ParseAvailabilityFast (availability.h): the availability document read straight from
// its text. The calendars' busy events — nearly all of a document's bytes — become BusyEvents without a JSON tree;
// the query and each calendar's other members (small) go through the tree-based readers, so every rule lives once.
//
// The reader is optimistic: it answers only when it has read the document exactly as ParseAvailabilityText would,
// and declines (nullopt) on anything else — any error, an escape or a non-ASCII byte in text it reads itself, a
// known member given twice, nesting near the bound, trailing bytes. A declined document is read again by the
// tree-based parser, which produces the one error message (or the same Problem) as always.
#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "slotwise/availability.h"
#include "slotwise/json_input.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr int kMaxFastDepth = kMaxJsonDepth - 4;  // well inside the bound: the tree-based path judges the edge

// A strict JSON reader over the text; every method answers false to decline.
class TextReader {
 public:
  explicit TextReader(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

  void SkipSpace() {
    while (at_ < end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }
  bool AtEnd() {
    SkipSpace();
    return at_ == end_;
  }
  // Consumes `c` after optional whitespace.
  bool Take(char c) {
    SkipSpace();
    if (at_ == end_ || *at_ != c) return false;
    ++at_;
    return true;
  }
  bool Peek(char c) {
    SkipSpace();
    return at_ < end_ && *at_ == c;
  }

  // A string of printable ASCII without escapes, as a view into the text.
  bool PlainString(std::string_view& out) {
    if (!Take('"')) return false;
    const char* start = at_;
    while (at_ < end_) {
      const unsigned char c = static_cast<unsigned char>(*at_);
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(at_ - start));
        ++at_;
        return true;
      }
      if (c == '\\' || c < 0x20 || c >= 0x80) return false;
      ++at_;
    }
    return false;
  }

  // Opens an object or array, within the depth this reader accepts.
  bool Open(char bracket) {
    if (!Take(bracket)) return false;
    return ++depth_ <= kMaxFastDepth;
  }
  void Close() { --depth_; }

  // Any JSON value, checked as strictly as the tree-based parser checks it; `span` is its text.
  bool SkipValue(std::string_view* span = nullptr) {
    SkipSpace();
    const char* start = at_;
    if (!SkipValueHere()) return false;
    if (span) *span = std::string_view(start, static_cast<std::size_t>(at_ - start));
    return true;
  }

 private:
  bool SkipValueHere() {
    if (at_ == end_) return false;
    switch (*at_) {
      case '"': return SkipString();
      case '{': return SkipContainer('{', '}', true);
      case '[': return SkipContainer('[', ']', false);
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default: return SkipNumber();
    }
  }

  // A string as the tree-based parser accepts it: no raw control characters, valid escapes (\u surrogates in
  // pairs), and well-formed UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF).
  bool SkipString() {
    ++at_;  // the opening quote
    while (at_ < end_) {
      const unsigned char c = static_cast<unsigned char>(*at_++);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c >= 0x80) {
        if (!SkipUtf8Tail(c)) return false;
        continue;
      }
      if (c != '\\') continue;
      if (at_ == end_) return false;
      const char escape = *at_++;
      if (escape == 'u') {
        unsigned value = 0;
        if (!HexQuad(value)) return false;
        if (value >= 0xDC00 && value <= 0xDFFF) return false;  // a low surrogate alone
        if (value >= 0xD800 && value <= 0xDBFF) {              // a high surrogate: its low half must follow
          unsigned low = 0;
          if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') return false;
          at_ += 2;
          if (!HexQuad(low) || low < 0xDC00 || low > 0xDFFF) return false;
        }
      } else if (escape == '\0' || std::strchr("\"\\/bfnrt", escape) == nullptr) {
        return false;
      }
    }
    return false;
  }

  bool HexQuad(unsigned& value) {
    if (end_ - at_ < 4) return false;
    for (int i = 0; i < 4; ++i) {
      const char h = *at_++;
      value <<= 4;
      if (h >= '0' && h <= '9') value |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f') value |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') value |= static_cast<unsigned>(h - 'A' + 10);
      else return false;
    }
    return true;
  }

  // The continuation bytes of a UTF-8 sequence whose lead byte `lead` was just read.
  bool SkipUtf8Tail(unsigned char lead) {
    unsigned char low = 0x80, high = 0xBF;  // the allowed range of the first continuation byte
    int tail = 0;
    if (lead >= 0xC2 && lead <= 0xDF) tail = 1;
    else if (lead == 0xE0) { tail = 2; low = 0xA0; }
    else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) tail = 2;
    else if (lead == 0xED) { tail = 2; high = 0x9F; }
    else if (lead == 0xF0) { tail = 3; low = 0x90; }
    else if (lead >= 0xF1 && lead <= 0xF3) tail = 3;
    else if (lead == 0xF4) { tail = 3; high = 0x8F; }
    else return false;
    if (end_ - at_ < tail) return false;
    for (int i = 0; i < tail; ++i) {
      const unsigned char c = static_cast<unsigned char>(*at_++);
      if (c < (i == 0 ? low : 0x80) || c > (i == 0 ? high : 0xBF)) return false;
    }
    return true;
  }

  bool SkipContainer(char open, char close, bool object) {
    if (!Open(open)) return false;
    if (Take(close)) {
      Close();
      return true;
    }
    while (true) {
      if (object) {
        SkipSpace();
        if (at_ == end_ || *at_ != '"' || !SkipString() || !Take(':')) return false;
      }
      if (!SkipValue()) return false;
      if (Take(',')) continue;
      if (!Take(close)) return false;
      Close();
      return true;
    }
  }

  bool Literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - at_) < word.size() || std::string_view(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)? — a number with an exponent is declined (see below)
  bool SkipNumber() {
    const auto digits = [this] {
      const char* start = at_;
      while (at_ < end_ && *at_ >= '0' && *at_ <= '9') ++at_;
      return at_ > start;
    };
    const char* start = at_;
    if (at_ < end_ && *at_ == '-') ++at_;
    if (at_ < end_ && *at_ == '0') {
      ++at_;
    } else if (!digits()) {
      return false;
    }
    if (at_ < end_ && *at_ == '.') {
      ++at_;
      if (!digits()) return false;
    }
    // An exponent may take the number out of a double's range, which the tree-based reader refuses: declined here.
    // So is a number of more than 24 characters (its digits alone may pass the range).
    if (at_ < end_ && (*at_ == 'e' || *at_ == 'E')) return false;
    return at_ - start <= 24;
  }

  const char* at_;
  const char* end_;
  int depth_ = 0;
};

// One busy event {"start", "end", "status"?, "interview"?, …}; members it does not know are skipped (as the
// tree-based reader ignores them).
bool ReadEvent(TextReader& reader, BusyEvent& event) {
  if (!reader.Open('{')) return false;
  unsigned seen = 0;
  Instant bounds[2] = {0, 0};
  if (!reader.Take('}')) {
    while (true) {
      std::string_view key;
      if (!reader.PlainString(key) || !reader.Take(':')) return false;
      unsigned bit = 0;
      if (key == "start" || key == "end") {
        bit = key == "start" ? 1u : 2u;
        std::string_view text;
        if (!reader.PlainString(text)) return false;
        const std::optional<Instant> instant = ParseCallerInstant(text).instant;
        if (!instant) return false;
        bounds[key == "start" ? 0 : 1] = *instant;
      } else if (key == "status") {
        bit = 4u;
        std::string_view name;
        if (!reader.PlainString(name)) return false;
        const std::optional<BusyStatus> status = ParseBusyStatus(name);
        if (!status) return false;
        event.status = *status;
      } else if (key == "interview") {
        bit = 8u;
        if (reader.Peek('t') || reader.Peek('f')) {
          std::string_view literal;
          if (!reader.SkipValue(&literal)) return false;
          event.interview = literal == "true";
        } else {
          return false;
        }
      } else if (!reader.SkipValue()) {
        return false;
      }
      if (seen & bit) return false;  // a member given twice: the tree keeps the last; let it
      seen |= bit;
      if (reader.Take(',')) continue;
      if (!reader.Take('}')) return false;
      break;
    }
  }
  reader.Close();
  if ((seen & 3u) != 3u || bounds[1] <= bounds[0]) return false;
  event.interval = {bounds[0], bounds[1]};
  return true;
}

bool ReadBusy(TextReader& reader, std::vector<BusyEvent>& busy, std::size_t& events_total) {
  if (!reader.Open('[')) return false;
  if (!reader.Take(']')) {
    while (true) {
      BusyEvent event;
      if (!ReadEvent(reader, event)) return false;
      busy.push_back(std::move(event));
      if (reader.Take(',')) continue;
      if (!reader.Take(']')) return false;
      break;
    }
  }
  reader.Close();
  events_total += busy.size();
  if (busy.size() > kMaxEventsPerCalendar || events_total > kMaxEventsTotal) return false;
  SortBusyEvents(busy);
  return true;
}

// One member of "calendars": its busy events read here, every other member through ParseCalendarValue.
bool ReadCalendar(TextReader& reader, std::string_view sub, ZoneSource& zones, std::size_t& events_total,
                  std::vector<Calendar>& calendars) {
  if (!reader.Open('{')) return false;
  json others = json::object();
  std::vector<BusyEvent> busy;
  bool has_busy = false;
  if (!reader.Take('}')) {
    while (true) {
      std::string_view key;
      if (!reader.PlainString(key) || !reader.Take(':')) return false;
      if (key == "busy") {
        if (has_busy || !ReadBusy(reader, busy, events_total)) return false;
        has_busy = true;
      } else {
        std::string_view span;
        if (!reader.SkipValue(&span)) return false;
        const std::string name(key);
        if (others.contains(name)) return false;
        json value = ParseJson(span);
        if (value.is_discarded()) return false;
        others.emplace(name, std::move(value));
      }
      if (reader.Take(',')) continue;
      if (!reader.Take('}')) return false;
      break;
    }
  }
  reader.Close();
  Result<Calendar> calendar = ParseCalendarValue(std::string(sub), others, zones);
  if (!calendar) return false;
  calendar->busy = std::move(busy);
  calendars.push_back(std::move(calendar).value());
  return true;
}

bool ReadCalendars(TextReader& reader, ZoneSource& zones, std::vector<Calendar>& calendars) {
  if (!reader.Open('{')) return false;
  std::size_t events_total = 0;
  if (!reader.Take('}')) {
    while (true) {
      std::string_view sub;
      if (!reader.PlainString(sub) || !reader.Take(':')) return false;
      if (calendars.size() >= kMaxCalendars || !ReadCalendar(reader, sub, zones, events_total, calendars)) return false;
      if (reader.Take(',')) continue;
      if (!reader.Take('}')) return false;
      break;
    }
  }
  reader.Close();
  // A JSON object's members in the tree are ordered by key: so are the Problem's calendars.
  std::sort(calendars.begin(), calendars.end(), [](const Calendar& a, const Calendar& b) { return a.sub < b.sub; });
  for (std::size_t i = 1; i < calendars.size(); ++i) {
    if (calendars[i - 1].sub == calendars[i].sub) return false;
  }
  return true;
}

}  // namespace

std::optional<Problem> ParseAvailabilityFast(std::string_view json_text, ZoneSource& zones) {
  TextReader reader(json_text);
  std::optional<Instant> now;
  std::optional<std::string_view> query_text;
  std::optional<std::vector<Calendar>> calendars;
  if (!reader.Open('{') || reader.Take('}')) return std::nullopt;
  while (true) {
    std::string_view key;
    if (!reader.PlainString(key) || !reader.Take(':')) return std::nullopt;
    if (key == "now") {
      std::string_view text;
      if (now || !reader.PlainString(text)) return std::nullopt;
      now = ParseCallerInstant(text).instant;
      if (!now) return std::nullopt;
    } else if (key == "query") {
      std::string_view span;
      if (query_text || !reader.SkipValue(&span)) return std::nullopt;
      query_text = span;
    } else if (key == "calendars") {
      if (calendars) return std::nullopt;
      calendars.emplace();
      if (!ReadCalendars(reader, zones, *calendars)) return std::nullopt;
    } else if (!reader.SkipValue()) {
      return std::nullopt;
    }
    if (reader.Take(',')) continue;
    if (!reader.Take('}')) return std::nullopt;
    break;
  }
  reader.Close();
  if (!reader.AtEnd() || !now || !query_text || !calendars) return std::nullopt;
  const json query = ParseJson(*query_text);
  // An interview loop ("sequence") is another problem (sequence.h): the caller's tree-based path handles it.
  if (!query.is_object() || query.contains("sequence")) return std::nullopt;
  Result<Problem> problem = AssembleProblem(*now, std::move(*calendars), query, zones);
  if (!problem) return std::nullopt;
  return std::move(problem).value();
}

}  // namespace slotwise
