// paging.h — the one paging vocabulary of every list endpoint (docs/API_BACKEND.md "Paging").
//
// Query parameters:
//   limit   how many items a page holds at most: 1 … PageLimits::max_limit, default PageLimits::default_limit
//           (kDefaultPageLimit = kMaxPageLimit = 1000 unless a list states others). Anything else is
//           invalid_request with field "limit".
//   cursor  the `next_cursor` of the previous page, passed back unchanged; absent for the first page.
// The answer carries "next_cursor" beside the list's array: a string when more items may follow, null on the last page.
//
// Keyset, never offset: a list is ordered by a unique key, and a page holds the items whose key follows the cursor's
// key. An item present when paging started is therefore answered exactly once, whatever is added meanwhile (an
// added item appears when its key lies after the cursor's). An item whose key changes meanwhile (an interview
// rescheduled, when its list is ordered by start time) moves with its key.
//
// The cursor is opaque to callers: base64url (no padding) of "v1", the list's name, its filter and the last key
// answered, separated by newlines. A cursor that does not decode, another version, or one of another list or filter
// (e.g. another `from` on /v1/interviews) is invalid_request with field "cursor": a cursor is bound to its list and
// its filter, so a caller changing the filter starts again from the first page.
#pragma once

#include <httplib.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/http_errors.h"
#include "slotwise/result.h"

namespace slotwise {

inline constexpr int kDefaultPageLimit = 1000;
inline constexpr int kMaxPageLimit = 1000;

struct PageLimits {
  int default_limit = kDefaultPageLimit;
  int max_limit = kMaxPageLimit;
};

// One page asked for: the list and filter the cursor must be bound to, the limit, and the key after which it starts.
struct PageRequest {
  std::string list;    // e.g. "interviews"
  std::string filter;  // the filter parameters as the list understands them, "" for none
  int limit = kDefaultPageLimit;
  std::optional<std::string> after;  // the last key of the previous page; nullopt for the first page
};

// A list's filter as a cursor binds it: "name=value&…" of the parameters in the order given, values percent-encoded
// (so the text holds no newline); a parameter the request does not carry counts as "".
std::string PageFilter(const httplib::Request& req, std::initializer_list<const char*> parameters);

// The page the request asks for, or invalid_request naming "limit" or "cursor".
Result<PageRequest> ReadPageRequest(const httplib::Request& req, const std::string& list, const std::string& filter,
                                    PageLimits limits = {});

// The cursor continuing after `last_key` in the same list and filter.
std::string PageCursor(const PageRequest& page, const std::string& last_key);

// "next_cursor"'s value: the cursor after `last_key` when there may be more, else null.
nlohmann::json NextCursor(const PageRequest& page, const std::optional<std::string>& last_key);

// A page of a list held in memory (not backed by SQL, or small per tenant): the items ordered by key_of(item) (a
// unique key; byte order, as SQLite's BINARY collation), those after the cursor's key, at most page.limit of them.
template <typename T>
struct Page {
  std::vector<T> items;
  nlohmann::json next_cursor;  // string, or null on the last page
};

template <typename T, typename KeyOf>
Page<T> TakePage(std::vector<T> all, const PageRequest& page, KeyOf key_of) {
  std::stable_sort(all.begin(), all.end(), [&](const T& a, const T& b) { return key_of(a) < key_of(b); });
  Page<T> out;
  auto it = all.begin();
  if (page.after)
    it = std::upper_bound(all.begin(), all.end(), *page.after,
                          [&](const std::string& key, const T& item) { return key < key_of(item); });
  for (; it != all.end() && static_cast<int>(out.items.size()) < page.limit; ++it) out.items.push_back(std::move(*it));
  const bool more = it != all.end();
  out.next_cursor = NextCursor(page, more ? std::optional<std::string>(key_of(out.items.back())) : std::nullopt);
  return out;
}

// Answers a list held in memory: 200 {"<name>": [to_json(item) of the page…], "next_cursor": …}, or the error of
// reading the page or the list.
template <typename T, typename KeyOf, typename ToJson>
void AnswerPage(const httplib::Request& req, httplib::Response& res, const std::string& name, const std::string& filter,
                Result<std::vector<T>> all, KeyOf key_of, ToJson to_json) {
  Result<PageRequest> page = ReadPageRequest(req, name, filter);
  if (!page) return SendError(res, page.error());
  if (!all) return SendError(res, all.error());
  Page<T> taken = TakePage(std::move(*all), *page, key_of);
  nlohmann::json items = nlohmann::json::array();
  for (const T& item : taken.items) items.push_back(to_json(item));
  SendJson(res, 200, {{name, std::move(items)}, {"next_cursor", taken.next_cursor}});
}

}  // namespace slotwise
