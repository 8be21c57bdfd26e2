// OpenAPI e2e: docs/openapi.json against the server that serves it, both ways.
//   1. The document: GET /v1/openapi.json answers docs/openapi.json; it is OpenAPI 3.1 with every $ref resolvable,
//      responses on every operation, and path parameters that are declared, patterned and exemplified.
//   2. Every documented route is served: each (method, path) is sent to a running server (connections and scheduling
//      on) and must not get the router's "no route" answer; the status it does get must be one the document lists.
//   3. Every served route is documented: the route registrations are read from the C++ sources of backend/ (not
//      backend/sandbox/, the fake providers) and must be exactly the documented operations, capture groups and all.
//
// [SECTION] helpers: files, JSON pointers, operations
// [SECTION] route shapes: normalising C++ patterns and OpenAPI paths
// [SECTION] the source scan
// [SECTION] test cases
#include <doctest/doctest.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "provider_world.h"
#include "support/temp_dir.h"

#ifndef SLOTWISE_SOURCE_DIR
#error "tests/e2e/CMakeLists.txt passes SLOTWISE_SOURCE_DIR (the repository root) to this file"
#endif

using namespace slotwise::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// =====================================================================================================================
// [SECTION] helpers: files, JSON pointers, operations
// =====================================================================================================================

const fs::path kSourceDir = SLOTWISE_SOURCE_DIR;
const std::vector<std::string> kMethods = {"get", "put", "post", "delete", "patch", "options", "head", "trace"};
constexpr const char* kPreflightKey = "x-slotwise-cors-preflight";  // where the document describes OPTIONS /v1/...

json DocumentFile() {
  const json document = json::parse(ReadFile(kSourceDir / "docs" / "openapi.json"), nullptr, false);
  REQUIRE_MESSAGE(!document.is_discarded(), "docs/openapi.json is not valid JSON");
  return document;
}

// The backend sources the scan reads. SLOTWISE_OPENAPI_SCAN_DIR points it at a (mutated) copy, to show the test fails.
fs::path ScanDir() {
  const char* dir = std::getenv("SLOTWISE_OPENAPI_SCAN_DIR");
  return dir != nullptr && *dir != '\0' ? fs::path(dir) : kSourceDir / "backend";
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "\n  " + line;
  return text;
}

// Follows "$ref": "#/..." (JSON pointers into the document) until a value that is not a reference.
const json& Deref(const json& document, const json& value) {
  const json* current = &value;
  for (int hops = 0; current->is_object() && current->contains("$ref"); ++hops) {
    REQUIRE_MESSAGE(hops < 16, "a $ref cycle at " << current->dump());
    const std::string ref = current->at("$ref").get<std::string>();
    REQUIRE_MESSAGE(ref.rfind("#/", 0) == 0, "only local $refs are used: " << ref);
    const json::json_pointer pointer(ref.substr(1));
    REQUIRE_MESSAGE(document.contains(pointer), "unresolved $ref " << ref);
    current = &document.at(pointer);
  }
  return *current;
}

struct Operation {
  std::string method;  // upper case
  std::string path;    // as documented, e.g. /v1/interviews/{id}
  json operation;
  std::vector<json> parameters;  // path-level and operation-level, dereferenced (the operation's win)
};

std::vector<Operation> Operations(const json& document) {
  std::vector<Operation> operations;
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const std::string& method : kMethods) {
      if (!item.contains(method)) continue;
      Operation op{Upper(method), path, item.at(method), {}};
      std::map<std::pair<std::string, std::string>, json> by_key;  // (in, name) -> parameter
      const json* lists[] = {item.contains("parameters") ? &item.at("parameters") : nullptr,
                             op.operation.contains("parameters") ? &op.operation.at("parameters") : nullptr};
      for (const json* list : lists) {
        if (list == nullptr) continue;
        for (const json& raw : *list) {
          const json& parameter = Deref(document, raw);
          by_key[{parameter.at("in").get<std::string>(), parameter.at("name").get<std::string>()}] = parameter;
        }
      }
      for (auto& [key, parameter] : by_key) op.parameters.push_back(parameter);
      operations.push_back(std::move(op));
    }
  }
  return operations;
}

const json* PathParameter(const Operation& op, const std::string& name) {
  for (const json& parameter : op.parameters) {
    if (parameter.at("in") == "path" && parameter.at("name") == name) return &parameter;
  }
  return nullptr;
}

// True when some security requirement of the operation names a scheme (an empty requirement {} = anonymous).
bool IsSecured(const Operation& op) {
  if (!op.operation.contains("security")) return false;
  for (const json& requirement : op.operation.at("security")) {
    if (!requirement.empty()) return true;
  }
  return false;
}

void CollectRefs(const json& value, std::vector<std::string>& refs) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (key == "$ref" && member.is_string()) refs.push_back(member.get<std::string>());
      CollectRefs(member, refs);
    }
  } else if (value.is_array()) {
    for (const json& member : value) CollectRefs(member, refs);
  }
}

// =====================================================================================================================
// [SECTION] route shapes: normalising C++ patterns and OpenAPI paths
// =====================================================================================================================
// Both sides are reduced to a "shape": the literal path with "{}" where a parameter goes, plus the parameters in order.
//   C++ (cpp-httplib regex, matched against the whole path): each capture group "(...)" becomes "{}" and its regex is
//   kept; "\x" is the literal x; an unescaped "." counts as a literal dot (it matches any character, a superset);
//   any other regex syntax outside a group is refused, so a pattern this test cannot read fails loudly.
//   OpenAPI: each "{name}" becomes "{}" and its name is kept.
// Equal shapes and methods pair a registration with an operation; then the i-th path parameter's schema.pattern
// must be "^" + the i-th capture group + "$", so the document states exactly which values reach the handler.

struct Shape {
  std::string text;
  std::vector<std::string> parts;  // capture-group regexes (C++) or parameter names (OpenAPI)
};

std::optional<Shape> ShapeOfPattern(const std::string& pattern) {
  Shape shape;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      shape.text += pattern[++i];
    } else if (c == '(') {
      int depth = 1;
      bool in_class = false;
      std::size_t j = i + 1;
      for (; j < pattern.size() && depth > 0; ++j) {
        if (pattern[j] == '\\') {
          ++j;
          continue;
        }
        if (in_class) {
          in_class = pattern[j] != ']';
          continue;
        }
        if (pattern[j] == '[') in_class = true;
        if (pattern[j] == '(') ++depth;
        if (pattern[j] == ')') --depth;
      }
      if (depth != 0) return std::nullopt;
      const std::string group = pattern.substr(i + 1, j - i - 2);
      if (group.rfind("?", 0) == 0) return std::nullopt;  // (?:...), lookaheads: not a parameter
      shape.text += "{}";
      shape.parts.push_back(group);
      i = j - 1;
    } else if (std::string_view("*+?[]{}|^$)").find(c) != std::string_view::npos) {
      return std::nullopt;
    } else {
      shape.text += c;
    }
  }
  return shape;
}

Shape ShapeOfPath(const std::string& path) {
  Shape shape;
  static const std::regex kParameter(R"(\{([^}]+)\})");
  std::string rest = path;
  std::smatch match;
  while (std::regex_search(rest, match, kParameter)) {
    shape.text += match.prefix().str() + "{}";
    shape.parts.push_back(match[1].str());
    rest = match.suffix().str();
  }
  shape.text += rest;
  return shape;
}

// =====================================================================================================================
// [SECTION] the source scan
// =====================================================================================================================
// A registration is a call `<receiver>.Get|Post|Put|Patch|Delete|Options(<pattern>, <handler>)` (also `->`) in
// backend/**/*.{cpp,h} outside backend/sandbox/, whose receiver is one of the names our code gives the
// httplib::Server (s, server, server_, svr) or whose second argument is a lambda. That leaves out look-alikes such as
// `booking.Get(tenant, id)` and `cache_.Get(...)`. The pattern is a string or raw-string literal (adjacent literals
// are joined); anything else is kept as an expression, which only the DirectoryRoutes table below may explain.
// No AddRoute-style helper is used by our server; `set_mount_point("/", web_root)` serves static files (only with
// --web-root), which are not API and not described.

struct Registration {
  std::string method;      // upper case
  std::string pattern;     // the literal, or the expanded template pattern
  std::string expression;  // the first argument's text when it is not a literal ("" otherwise)
  std::string where;       // file:line
};

std::optional<std::string> ReadLiteral(const std::string& text, std::size_t& pos) {
  if (text.compare(pos, 2, "R\"") == 0) {
    const std::size_t open = text.find('(', pos + 2);
    if (open == std::string::npos) return std::nullopt;
    const std::string closing = ")" + text.substr(pos + 2, open - pos - 2) + "\"";
    const std::size_t end = text.find(closing, open + 1);
    if (end == std::string::npos) return std::nullopt;
    pos = end + closing.size();
    return text.substr(open + 1, end - open - 1);
  }
  if (pos >= text.size() || text[pos] != '"') return std::nullopt;
  std::string value;
  for (++pos; pos < text.size() && text[pos] != '"'; ++pos) {
    if (text[pos] == '\\' && pos + 1 < text.size()) ++pos;  // \" and \\ (patterns need nothing else)
    value += text[pos];
  }
  ++pos;
  return value;
}

void SkipSpace(const std::string& text, std::size_t& pos) {
  while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
}

// The argument starting at `pos` up to its top-level ',' or ')'; `pos` ends on that character.
std::string ReadArgument(const std::string& text, std::size_t& pos) {
  const std::size_t start = pos;
  int depth = 0;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '"') {
      std::size_t skip = pos;
      if (!ReadLiteral(text, skip)) break;
      pos = skip - 1;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) break;
      --depth;
    } else if (c == ',' && depth == 0) {
      break;
    }
  }
  std::string argument;
  for (std::size_t i = start; i < pos; ++i) {  // whitespace collapsed to one space
    const bool space = std::isspace(static_cast<unsigned char>(text[i])) != 0;
    if (space && (argument.empty() || argument.back() == ' ')) continue;
    argument += space ? ' ' : text[i];
  }
  while (!argument.empty() && argument.back() == ' ') argument.pop_back();
  return argument;
}

std::vector<Registration> ScanFile(const fs::path& file, const std::string& label) {
  static const std::regex kCall(R"(([A-Za-z_]\w*)\s*(?:\.|->)\s*(Get|Post|Put|Patch|Delete|Options)\s*\()");
  static const std::set<std::string> kServerNames = {"s", "server", "server_", "svr"};
  const std::string text = ReadFile(file);
  std::vector<Registration> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kCall); it != std::sregex_iterator(); ++it) {
    const std::smatch& call = *it;
    std::size_t pos = static_cast<std::size_t>(call.position(0) + call.length(0));
    SkipSpace(text, pos);
    const std::size_t argument_start = pos;
    std::optional<std::string> literal;
    while (pos < text.size() && (text[pos] == '"' || text.compare(pos, 2, "R\"") == 0)) {
      std::optional<std::string> part = ReadLiteral(text, pos);
      if (!part) break;
      literal = literal.value_or("") + *part;
      SkipSpace(text, pos);
    }
    std::string expression;
    if (!literal || pos >= text.size() || text[pos] != ',') {  // not a plain literal: read it as an expression
      literal.reset();
      pos = argument_start;
      expression = ReadArgument(text, pos);
    }
    if (pos >= text.size() || text[pos] != ',') continue;  // one argument: not a registration
    ++pos;
    SkipSpace(text, pos);
    const bool lambda = pos < text.size() && text[pos] == '[';
    if (!lambda && kServerNames.count(call[1].str()) == 0) continue;
    if (literal && (literal->empty() || (*literal)[0] != '/')) continue;  // a key, not a path
    const auto line = 1 + std::count(text.begin(), text.begin() + call.position(0), '\n');
    found.push_back({Upper(call[2].str()), literal.value_or(""), expression, label + ":" + std::to_string(line)});
  }
  return found;
}

// What the DirectoryRoutes template of backend/api/tenant_routes.cpp registers, spelled as the scan reads it. The
// scan cannot evaluate `"/v1/" + collection + "/([^/]+)"`, so the test expands the template from this table, and checks
// the table against the source: the template's registrations (their expressions), the item pattern's definition and
// the collections it is instantiated for must read exactly so, or the test fails and this table must follow.
constexpr const char* kDirectoryFile = "api/tenant_routes.cpp";
constexpr const char* kDirectoryItemDefinition = R"x(const std::string item = "/v1/" + collection + "/([^/]+)";)x";
const std::set<std::pair<std::string, std::string>> kDirectoryCalls = {
    {"PUT", "item"}, {"GET", "item"}, {"DELETE", "item"}, {"GET", "\"/v1/\" + collection"}};
const std::vector<std::string> kDirectoryCollections = {"people", "rooms", "host_accounts"};

std::string ExpandDirectory(const std::string& expression, const std::string& collection) {
  return expression == "item" ? "/v1/" + collection + "/([^/]+)" : "/v1/" + collection;
}

struct Scan {
  std::vector<Registration> routes;  // literal registrations and expanded template ones
  std::vector<std::string> problems;
};

Scan ScanBackend(const fs::path& backend) {
  Scan scan;
  REQUIRE_MESSAGE(fs::is_directory(backend / "api"), "not the backend source folder: " << backend.string());
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(backend)) {
    const fs::path relative = fs::relative(entry.path(), backend);
    if (*relative.begin() == "sandbox" || !entry.is_regular_file()) continue;  // the fake providers, not our API
    if (relative == fs::path("demo") / "demo_ats_server.cpp") continue;  // the demo ATS: another origin's server
    if (entry.path().extension() == ".cpp" || entry.path().extension() == ".h") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::set<std::pair<std::string, std::string>> template_calls;
  for (const fs::path& file : files) {
    const std::string label = fs::relative(file, backend).generic_string();
    for (Registration& found : ScanFile(file, label)) {
      if (!found.expression.empty()) {
        if (label == kDirectoryFile && kDirectoryCalls.count({found.method, found.expression}) == 1) {
          template_calls.insert({found.method, found.expression});
        } else {
          scan.problems.push_back(found.where + ": " + found.method + " with a pattern the test cannot read (" +
                                  found.expression + "): use a literal, or extend the template table");
        }
        continue;
      }
      scan.routes.push_back(found);
    }
  }
  if (template_calls != kDirectoryCalls) {
    scan.problems.push_back(std::string(kDirectoryFile) + ": DirectoryRoutes no longer registers exactly the table's " +
                            std::to_string(kDirectoryCalls.size()) + " routes (found " +
                            std::to_string(template_calls.size()) + ")");
  }
  const std::string source = ReadFile(backend / kDirectoryFile);
  if (source.find(kDirectoryItemDefinition) == std::string::npos) {
    scan.problems.push_back(std::string(kDirectoryFile) + ": the item pattern is no longer " +
                            kDirectoryItemDefinition);
  }
  static const std::regex kInstance(R"x(DirectoryRoutes<\w+>\(\s*server,\s*auth,\s*"([^"]+)")x");
  std::vector<std::string> collections;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), kInstance); it != std::sregex_iterator(); ++it) {
    collections.push_back((*it)[1].str());
  }
  std::size_t instances = 0;
  for (std::size_t at = source.find("DirectoryRoutes<"); at != std::string::npos;
       at = source.find("DirectoryRoutes<", at + 1)) {
    ++instances;
  }
  if (collections != kDirectoryCollections || instances != collections.size()) {
    scan.problems.push_back(std::string(kDirectoryFile) +
                            ": DirectoryRoutes is instantiated for other collections than " +
                            "people, rooms, host_accounts");
  }
  for (const std::string& collection : kDirectoryCollections) {
    for (const auto& [method, expression] : kDirectoryCalls) {
      scan.routes.push_back({method, ExpandDirectory(expression, collection), "",
                             std::string(kDirectoryFile) + " (DirectoryRoutes \"" + collection + "\")"});
    }
  }
  return scan;
}

// =====================================================================================================================
// [SECTION] requests
// =====================================================================================================================

// One request to the server at `root`; a body ("{}") only where the operation takes one.
HttpReply Send(const std::string& root, const std::string& method, const std::string& target, bool with_body,
               const httplib::Headers& headers) {
  REQUIRE_MESSAGE((method == "GET" || method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE" ||
                   method == "OPTIONS"),
                  "the test cannot send " << method);
  return HttpCall(method, SplitUrl(root).first + target, with_body ? "{}" : "", headers);
}

// The router's answer for an unregistered route (http_server.cpp's error handler).
bool IsNoRoute(const HttpReply& answer) {
  if (answer.status != 404) return false;
  const json body = json::parse(answer.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error")) return false;
  const json& error = body.at("error");
  return error.value("code", "") == "not_found" && error.value("message", "").rfind("no route for", 0) == 0;
}

}  // namespace

// =====================================================================================================================
// [SECTION] test cases
// =====================================================================================================================

TEST_CASE("OpenAPI: the served document is docs/openapi.json, OpenAPI 3.1 with resolvable refs") {
  ProviderWorld world(true, true);
  const HttpReply served = Send(world.root(), "GET", "/v1/openapi.json", false, {});
  REQUIRE(served.status == 200);
  CHECK(served.Header("Content-Type").rfind("application/json", 0) == 0);
  CHECK(served.Header("Cache-Control") == "no-cache");
  const json document = json::parse(served.body, nullptr, false);
  REQUIRE_MESSAGE(!document.is_discarded(), "GET /v1/openapi.json is not valid JSON");
  CHECK_MESSAGE(document == DocumentFile(), "the served document differs from docs/openapi.json (rebuild?)");
  const std::string file_text = ReadFile(kSourceDir / "docs" / "openapi.json");
  CHECK_MESSAGE(
      std::all_of(file_text.begin(), file_text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }),
      "docs/openapi.json must be ASCII (write \\uXXXX): the build cuts it into literals at byte offsets");

  REQUIRE(document.at("openapi").is_string());
  CHECK(document.at("openapi").get<std::string>().rfind("3.1.", 0) == 0);
  CHECK(!document.at("info").value("title", "").empty());
  CHECK(!document.at("info").value("version", "").empty());
  CHECK(document.at("servers").at(0).at("url") == "/");
  const json& schemes = document.at("components").at("securitySchemes");
  for (const char* name : {"apiKey", "widgetToken", "adminKey"}) {
    CHECK_MESSAGE(schemes.contains(name), "securitySchemes lacks " << name);
    if (schemes.contains(name)) CHECK(schemes.at(name).value("scheme", "") == "bearer");
  }
  for (const char* name : {"AvailabilityQuery", "InlineDocument", "AvailabilityAnswer", "Error", "Interview",
                           "BookingRequest", "Tenant", "Person", "Room", "HostAccount", "Candidate", "WidgetToken"}) {
    CHECK_MESSAGE(document.at("components").at("schemas").contains(name), "components/schemas lacks " << name);
  }

  std::vector<std::string> refs;
  CollectRefs(document, refs);
  std::vector<std::string> problems;
  for (const std::string& ref : refs) {
    if (ref.rfind("#/", 0) != 0 || !document.contains(json::json_pointer(ref.substr(1))))
      problems.push_back("unresolved $ref " + ref);
  }

  const std::vector<Operation> operations = Operations(document);
  std::set<std::string> operation_ids;
  static const std::regex kStatus("[1-5][0-9][0-9]");
  for (const Operation& op : operations) {
    const std::string name = op.method + " " + op.path;
    const json& responses = op.operation.value("responses", json::object());
    if (!responses.is_object() || responses.empty()) problems.push_back(name + ": no responses");
    for (const auto& [status, response] : responses.items()) {
      if (status != "default" && !std::regex_match(status, kStatus))
        problems.push_back(name + ": response key " + status);
    }
    if (!op.operation.contains("security")) problems.push_back(name + ": no explicit security (use [] for none)");
    for (const json& requirement : op.operation.value("security", json::array())) {
      for (const auto& [scheme, scopes] : requirement.items()) {
        if (!schemes.contains(scheme)) problems.push_back(name + ": unknown security scheme " + scheme);
      }
    }
    if (!operation_ids.insert(op.operation.value("operationId", "")).second) {
      problems.push_back(name + ": missing or duplicate operationId");
    }
    const Shape shape = ShapeOfPath(op.path);
    for (const std::string& parameter : shape.parts) {
      const json* declared = PathParameter(op, parameter);
      if (declared == nullptr || !declared->value("required", false)) {
        problems.push_back(name + ": path parameter {" + parameter + "} is not declared as required");
        continue;
      }
      const std::string pattern = declared->at("schema").value("pattern", "");
      const std::string example = declared->contains("example") ? declared->at("example").get<std::string>() : "";
      if (pattern.empty() || example.empty() || !std::regex_match(example, std::regex(pattern))) {
        problems.push_back(name + ": {" + parameter + "} needs a schema.pattern and an example matching it");
      }
    }
    for (const json& parameter : op.parameters) {
      if (parameter.at("in") == "path" && std::find(shape.parts.begin(), shape.parts.end(),
                                                    parameter.at("name").get<std::string>()) == shape.parts.end()) {
        problems.push_back(name + ": declares path parameter " + parameter.at("name").get<std::string>() +
                           " not in the path");
      }
    }
  }
  MESSAGE(operations.size() << " operations documented, " << refs.size() << " $refs resolved");
  CHECK_MESSAGE(problems.empty(), "the document has problems:" << Join(problems));
}

TEST_CASE("OpenAPI: every documented route is served") {
  ProviderWorld world(true, true);
  const HttpReply served = Send(world.root(), "GET", "/v1/openapi.json", false, {});
  REQUIRE(served.status == 200);
  const json document = json::parse(served.body, nullptr, false);
  REQUIRE(!document.is_discarded());
  const httplib::Headers credentials = {{"Authorization", "Bearer " + world.api_key()}};

  std::vector<std::string> failures;
  std::vector<std::string> answered;
  for (const Operation& op : Operations(document)) {
    // Path parameters take their documented examples (which match the handlers' capture groups, test case 3).
    std::string target;
    const Shape shape = ShapeOfPath(op.path);
    std::string rest = op.path;
    for (const std::string& name : shape.parts) {
      const std::string placeholder = "{" + name + "}";
      const std::size_t at = rest.find(placeholder);
      const json* parameter = PathParameter(op, name);
      REQUIRE_MESSAGE(parameter != nullptr, op.method << " " << op.path << " does not declare {" << name << "}");
      target += rest.substr(0, at) + parameter->at("example").get<std::string>();
      rest = rest.substr(at + placeholder.size());
    }
    target += rest;
    const HttpReply answer = Send(world.root(), op.method, target, op.operation.contains("requestBody"),
                               IsSecured(op) ? credentials : httplib::Headers{});
    const std::string name = op.method + " " + target;
    if (answer.status == 0) {
      failures.push_back(name + ": no answer");
    } else if (IsNoRoute(answer)) {
      failures.push_back(name + ": the server has no such route (" + answer.body + ")");
    } else if (!op.operation.at("responses").contains(std::to_string(answer.status)) &&
               !op.operation.at("responses").contains("default")) {
      failures.push_back(name + ": answered " + std::to_string(answer.status) + ", which the document does not list (" +
                         answer.body.substr(0, 200) + ")");
    }
    answered.push_back(name + " -> " + std::to_string(answer.status));
  }
  // OPTIONS preflights are described once, for every /v1/ path.
  REQUIRE(document.contains(kPreflightKey));
  const json& preflight = document.at(kPreflightKey);
  const HttpReply answer = Send(world.root(), "OPTIONS", preflight.at("example_path").get<std::string>(), false,
                             {{"Origin", "https://ats.example"}, {"Access-Control-Request-Method", "POST"}});
  if (answer.status == 0 || IsNoRoute(answer) || !preflight.at("responses").contains(std::to_string(answer.status))) {
    failures.push_back("OPTIONS " + preflight.at("example_path").get<std::string>() + ": answered " +
                       std::to_string(answer.status) + " " + answer.body);
  }
  MESSAGE(answered.size() << " documented operations sent, " << failures.size() << " not served as documented");
  CHECK_MESSAGE(failures.empty(),
                "documented but not served as documented:" << Join(failures) << "\nall answers:" << Join(answered));
}

TEST_CASE("OpenAPI: every route the server registers is documented") {
  const json document = DocumentFile();
  const Scan scan = ScanBackend(ScanDir());
  CHECK_MESSAGE(scan.problems.empty(), "the route scan is not sure of what it read:" << Join(scan.problems));

  // Documented operations by (method, shape).
  std::map<std::pair<std::string, std::string>, Operation> documented;
  for (const Operation& op : Operations(document))
    documented.emplace(std::make_pair(op.method, ShapeOfPath(op.path).text), op);
  const std::string preflight = document.at(kPreflightKey).at("path_pattern").get<std::string>();

  std::vector<std::string> undocumented;
  std::set<std::pair<std::string, std::string>> registered;
  bool preflight_registered = false;
  for (const Registration& route : scan.routes) {
    const std::string name = route.method + " " + route.pattern + " (" + route.where + ")";
    if (route.method == "OPTIONS") {
      if (route.pattern == preflight)
        preflight_registered = true;
      else
        undocumented.push_back(name + ": only the preflight " + preflight + " is documented for OPTIONS");
      continue;
    }
    const std::optional<Shape> shape = ShapeOfPattern(route.pattern);
    if (!shape) {
      undocumented.push_back(name + ": a pattern the test cannot normalise (see ShapeOfPattern)");
      continue;
    }
    registered.insert({route.method, shape->text});
    const auto found = documented.find({route.method, shape->text});
    if (found == documented.end()) {
      undocumented.push_back(name);
      continue;
    }
    const Operation& op = found->second;
    const std::vector<std::string> names = ShapeOfPath(op.path).parts;
    for (std::size_t i = 0; i < shape->parts.size(); ++i) {
      const json* parameter = PathParameter(op, names.at(i));
      const std::string expected = "^" + shape->parts[i] + "$";
      const std::string pattern = parameter != nullptr ? parameter->at("schema").value("pattern", "") : "";
      if (pattern != expected) {
        undocumented.push_back(name + ": {" + names[i] + "} is documented with pattern \"" + pattern +
                               "\", the route takes \"" + expected + "\"");
      }
    }
  }
  std::vector<std::string> unregistered;
  for (const auto& [key, op] : documented) {
    if (registered.count(key) == 0) unregistered.push_back(op.method + " " + op.path);
  }
  if (!preflight_registered) unregistered.push_back("OPTIONS " + preflight);
  MESSAGE(scan.routes.size() << " registrations read from " << ScanDir().string() << " ("
                             << kDirectoryCollections.size() * kDirectoryCalls.size()
                             << " of them through DirectoryRoutes), " << documented.size() << " operations documented");
  CHECK_MESSAGE(undocumented.empty(), "registered but not documented (docs/openapi.json):" << Join(undocumented));
  CHECK_MESSAGE(unregistered.empty(), "documented but registered nowhere in the sources:" << Join(unregistered));
}
