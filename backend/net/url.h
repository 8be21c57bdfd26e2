// url.h — percent-encoding, form bodies and query strings (RFC 3986 / application/x-www-form-urlencoded), and HTML
// escaping for the few pages the server and the sandbox render.
//
// Contract: pure functions, thread-safe. Encoding leaves only unreserved characters (A-Z a-z 0-9 - . _ ~) as they
// are. Decoding turns '+' into a space (form semantics) and fails on a malformed escape ("%G1", "%4").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slotwise::net {

using Params = std::vector<std::pair<std::string, std::string>>;

std::string PercentEncode(std::string_view text);
std::optional<std::string> PercentDecode(std::string_view text);

// "a=1&b=x%20y" from {{"a","1"},{"b","x y"}}, in the given order.
std::string FormEncode(const Params& params);
// The pairs of "a=1&b=x+y" (a leading '?' is skipped); nullopt when an escape is malformed.
std::optional<Params> ParseForm(std::string_view text);

// The value of the first pair named `name`, or nullopt.
std::optional<std::string> ParamValue(const Params& params, std::string_view name);

// `text` safe inside HTML text and double- or single-quoted attributes (& < > " ' escaped).
std::string HtmlEscape(std::string_view text);

// `base` with the encoded params appended after '?' (or '&' when base already has a query).
std::string WithQuery(std::string base, const Params& params);

}  // namespace slotwise::net
