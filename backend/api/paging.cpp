// paging.cpp — see paging.h.
#include "api/paging.h"

#include "crypto/crypto_primitives.h"
#include "net/url.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

constexpr const char* kCursorVersion = "v1";

Error BadCursor(const std::string& why) {
  return Error{codes::kInvalidRequest, "cursor " + why + ": pass back the next_cursor of the previous page unchanged",
               "cursor"};
}

}  // namespace

std::string PageFilter(const httplib::Request& req, std::initializer_list<const char*> parameters) {
  std::string filter;
  for (const char* name : parameters) {
    if (!filter.empty()) filter += '&';
    filter += std::string(name) + "=" + net::PercentEncode(req.get_param_value(name));
  }
  return filter;
}

Result<PageRequest> ReadPageRequest(const httplib::Request& req, const std::string& list, const std::string& filter,
                                    PageLimits limits) {
  PageRequest page{list, filter, limits.default_limit, std::nullopt};
  if (req.has_param("limit")) {
    const std::optional<std::int64_t> limit = ParseDecimal(req.get_param_value("limit"));
    if (!limit || *limit < 1 || *limit > limits.max_limit) {
      return Error{codes::kInvalidRequest, "limit is a number from 1 to " + std::to_string(limits.max_limit), "limit"};
    }
    page.limit = static_cast<int>(*limit);
  }
  if (!req.has_param("cursor")) return page;
  const std::optional<std::string> decoded = crypto::Base64UrlDecode(req.get_param_value("cursor"));
  if (!decoded) return BadCursor("is not a cursor of this server");
  // "v1\n<list>\n<filter>\n<key>": the key is last and may hold anything; list and filter hold no newline.
  const std::size_t first = decoded->find('\n');
  const std::size_t second = first == std::string::npos ? first : decoded->find('\n', first + 1);
  const std::size_t third = second == std::string::npos ? second : decoded->find('\n', second + 1);
  if (third == std::string::npos) return BadCursor("is not a cursor of this server");
  if (decoded->substr(0, first) != kCursorVersion) return BadCursor("is of another version");
  if (decoded->substr(first + 1, second - first - 1) != list) return BadCursor("belongs to another list");
  if (decoded->substr(second + 1, third - second - 1) != filter) {
    return BadCursor("was made for other filter parameters: a cursor continues the filter it was made with");
  }
  page.after = decoded->substr(third + 1);
  return page;
}

std::string PageCursor(const PageRequest& page, const std::string& last_key) {
  return crypto::Base64UrlEncode(std::string(kCursorVersion) + "\n" + page.list + "\n" + page.filter + "\n" + last_key);
}

nlohmann::json NextCursor(const PageRequest& page, const std::optional<std::string>& last_key) {
  return last_key ? nlohmann::json(PageCursor(page, *last_key)) : nlohmann::json(nullptr);
}

}  // namespace slotwise
