// free_busy_merge.h — (internal to slotwise_providers) chunking of free/busy queries and merging of the answers.
//
// Contract: `SplitRange` cuts a half-open range into consecutive pieces of at most `max_length` seconds (the last
// may be shorter). `BusyMerger` collects per-calendar results from many calls: events are appended in call order
// with exact duplicates (same interval and status) dropped; the first Error of a calendar wins and discards its
// events. `Take` answers one CalendarBusy per requested id, in request order (duplicate ids answered each time).
// Not thread-safe (one merger per query). The calls of one query may run at once (`RunCalls`); their answers are
// merged afterwards in call order.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "providers/provider_client.h"
#include "slotwise/error_codes.h"
#include "slotwise/intervals.h"
#include "slotwise/provider_busy.h"

namespace slotwise::providers::detail {

inline std::vector<Interval> SplitRange(Interval range, Duration max_length) {
  std::vector<Interval> pieces;
  if (max_length <= 0) max_length = range.length();
  for (Instant start = range.start; start < range.end; start += max_length) {
    pieces.push_back(Interval{start, std::min(range.end, start + max_length)});
  }
  return pieces;
}

// The ids without duplicates, in first-seen order.
inline std::vector<std::string> UniqueIds(const std::vector<std::string>& ids) {
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (const std::string& id : ids) {
    if (seen.insert(id).second) unique.push_back(id);
  }
  return unique;
}

// Errors that mean the connection itself is broken: no calendar can be answered, so the whole query fails.
inline bool IsConnectionError(const Error& error) {
  return error.code == codes::kProviderUnauthorized || error.code == codes::kReauthNeeded || error.code == codes::kConsentRequired;
}

// What one chunk's call came to: the 2xx response; or `chunk_error`, an error that concerns only this chunk's calendars
// (a provider refusal or a transport failure); or `fatal`, an error of the connection itself (IsConnectionError),
// which fails the whole query.
struct ChunkOutcome {
  std::optional<net::HttpResponse> response;
  std::optional<Error> chunk_error;
  std::optional<Error> fatal;
};

// Sends one chunk's request (thread-safe when the client is).
inline ChunkOutcome SendChunk(ProviderClient& client, net::HttpRequest request, std::string_view limit_key) {
  Result<net::HttpResponse> sent = client.Send(std::move(request), limit_key);
  if (sent && sent->Ok()) return ChunkOutcome{std::move(sent).value(), std::nullopt, std::nullopt};
  // A failed Send carries the token source's or the transport's error; a non-2xx answer is mapped by the client.
  const Error error = sent ? client.ToError(sent.value()) : sent.error();
  if (IsConnectionError(error)) return ChunkOutcome{std::nullopt, std::nullopt, error};
  return ChunkOutcome{std::nullopt, sent ? error : client.ToError(error), std::nullopt};
}

// Runs call(0) … call(count - 1) with at most `parallel` of them at once (the calling thread takes part; parallel 0
// counts as 1) and answers their results by index, so what the caller does with them does not depend on timing.
// Once a result satisfies `stop`, calls not yet started are skipped (their results stay T{}); every skipped index is
// greater than that result's, so a caller reading results in index order meets the stopping one first.
template <typename T, typename Call, typename Stop>
std::vector<T> RunCalls(std::size_t count, std::size_t parallel, const Call& call, const Stop& stop) {
  std::vector<T> results(count);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  auto work = [&] {
    for (std::size_t index = next++; index < count && !stopped.load(); index = next++) {
      results[index] = call(index);
      if (stop(results[index])) stopped = true;
    }
  };
  std::vector<std::thread> helpers;
  const std::size_t threads = std::min(count, std::max<std::size_t>(1, parallel));
  for (std::size_t i = 1; i < threads; ++i) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
  return results;
}

// One free/busy call of a query: some calendars over one piece of the range.
struct ChunkCall {
  std::vector<std::string> ids;
  Interval piece;
};

// The calls for `ids` (already unique) in chunks of `per_call`, each over every piece, chunk-major.
inline std::vector<ChunkCall> PlanChunkCalls(const std::vector<std::string>& ids, std::size_t per_call,
                                             const std::vector<Interval>& pieces) {
  std::vector<ChunkCall> calls;
  per_call = std::max<std::size_t>(1, per_call);
  for (std::size_t first = 0; first < ids.size(); first += per_call) {
    const std::vector<std::string> chunk(ids.begin() + static_cast<std::ptrdiff_t>(first),
                                         ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), first + per_call)));
    for (const Interval& piece : pieces) calls.push_back({chunk, piece});
  }
  return calls;
}

// RunCalls over SendChunk outcomes, stopping at a connection-level failure (`fatal`).
template <typename Call>
std::vector<ChunkOutcome> RunChunkCalls(std::size_t count, std::size_t parallel, const Call& call) {
  return RunCalls<ChunkOutcome>(count, parallel, call, [](const ChunkOutcome& outcome) { return outcome.fatal.has_value(); });
}

class BusyMerger;

// Goes through the outcomes in call order: the first connection-level failure is returned (the query fails); a chunk
// error fails that call's calendars; each response goes to read(call, response, fail_chunk). nullopt when done.
template <typename Read>
std::optional<Error> MergeChunkOutcomes(const std::vector<ChunkCall>& calls, const std::vector<ChunkOutcome>& outcomes,
                                        BusyMerger& merger, const Read& read);

class BusyMerger {
 public:
  void Add(const std::string& id, const std::vector<BusyEvent>& events) {
    Entry& entry = entries_[id];
    if (entry.error) return;
    for (const BusyEvent& event : events) {
      if (entry.seen.insert({event.interval.start, event.interval.end, static_cast<int>(event.status)}).second) {
        entry.events.push_back(event);
      }
    }
  }
  void Fail(const std::string& id, const Error& error) {
    Entry& entry = entries_[id];
    if (!entry.error) entry.error = error;
  }
  std::vector<CalendarBusy> Take(const std::vector<std::string>& requested_ids) const {
    std::vector<CalendarBusy> answer;
    answer.reserve(requested_ids.size());
    for (const std::string& id : requested_ids) {
      auto it = entries_.find(id);
      CalendarBusy busy{id, std::vector<BusyEvent>{}};
      if (it != entries_.end()) {
        if (it->second.error) busy.busy = *it->second.error;
        else busy.busy = it->second.events;
      }
      answer.push_back(std::move(busy));
    }
    return answer;
  }

 private:
  struct Entry {
    std::vector<BusyEvent> events;
    std::set<std::tuple<Instant, Instant, int>> seen;
    std::optional<Error> error;
  };
  std::map<std::string, Entry> entries_;
};

template <typename Read>
std::optional<Error> MergeChunkOutcomes(const std::vector<ChunkCall>& calls, const std::vector<ChunkOutcome>& outcomes,
                                        BusyMerger& merger, const Read& read) {
  for (std::size_t index = 0; index < calls.size(); ++index) {
    const ChunkOutcome& outcome = outcomes[index];
    const auto fail_chunk = [&](const Error& error) {
      for (const std::string& id : calls[index].ids) merger.Fail(id, error);
    };
    if (outcome.fatal) return outcome.fatal;
    if (outcome.chunk_error) {
      fail_chunk(*outcome.chunk_error);
    } else if (outcome.response) {
      read(calls[index], *outcome.response, fail_chunk);
    }
  }
  return std::nullopt;
}

}  // namespace slotwise::providers::detail
