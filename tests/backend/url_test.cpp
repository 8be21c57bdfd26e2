// Tests for backend/net/url: percent-encoding and form/query handling.
#include <doctest/doctest.h>

#include "net/url.h"

using namespace slotwise::net;

TEST_CASE("Url: encoding keeps only unreserved characters") {
  CHECK(PercentEncode("a b&c=d/é~") == "a%20b%26c%3Dd%2F%C3%A9~");
  CHECK(PercentDecode("a%20b+c").value() == "a b c");
  CHECK_FALSE(PercentDecode("%G1").has_value());
  CHECK_FALSE(PercentDecode("abc%4").has_value());
  CHECK_FALSE(PercentDecode("%").has_value());
}

TEST_CASE("Url: forms round-trip in order and queries append correctly") {
  const Params params = {{"redirect_uri", "http://127.0.0.1:8080/cb?x=1"}, {"scope", "openid email"}};
  const std::string body = FormEncode(params);
  CHECK(body == "redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcb%3Fx%3D1&scope=openid%20email");
  CHECK(ParseForm(body).value() == params);
  CHECK(ParseForm("?a=1&&b=").value() == Params{{"a", "1"}, {"b", ""}});
  CHECK(ParamValue(params, "scope").value() == "openid email");
  CHECK_FALSE(ParamValue(params, "state").has_value());
  CHECK(WithQuery("http://h/p", {{"a", "1"}}) == "http://h/p?a=1");
  CHECK(WithQuery("http://h/p?z=0", {{"a", "1"}}) == "http://h/p?z=0&a=1");
}

TEST_CASE("Url: HTML escaping covers text and both attribute quotes") {
  CHECK(HtmlEscape(R"(<a href="x" title='y'>&</a>)") ==
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  CHECK(HtmlEscape("Lena Fischer 佐藤") == "Lena Fischer 佐藤");
}
