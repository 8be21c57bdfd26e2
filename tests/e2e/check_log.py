#!/usr/bin/env python3
"""check_log.py LOG_FILE — reads the log the end-to-end suite's servers wrote (JSON lines, docs/OPERATIONS.md) and fails
when a line is not a JSON object with time, level and kind; when a request line lacks one of its fields or names a
route that is not a template (a raw path would carry ids); or when any line holds a secret or personal datum: an
e-mail address, a Slotwise API key, widget token or proposal capability (the candidate's link), a bearer credential, an OAuth token or client secret field, or a
value the sandbox issues as a token. Prints a summary ("N lines, by kind: …") and exits 0 when all is well."""
import collections
import json
import re
import sys

REQUEST_FIELDS = {"time", "level", "kind", "method", "route", "status", "duration_ms", "bytes", "tenant", "client",
                  "request_id"}
FORBIDDEN = [
    ("an e-mail address", re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")),
    ("a Slotwise API key", re.compile(r"swk_(?!<redacted>)[A-Za-z0-9_-]+")),
    ("a widget token", re.compile(r"swt1(?!<redacted>)[A-Za-z0-9._-]+")),
    ("a candidate's proposal capability", re.compile(r"swp_(?!<redacted>)[A-Za-z0-9_-]+")),
    ("a room display's device token", re.compile(r"swd_(?!<redacted>)[A-Za-z0-9_-]+")),
    ("a bearer credential", re.compile(r"Bearer (?!<redacted>)\S+")),
    ("an OAuth token field", re.compile(r"(access_token|refresh_token|client_secret|id_token)")),
    ("a sandbox-issued token", re.compile(r"\b(sbx|sandbox)[-_](at|rt|access|refresh)[-_][A-Za-z0-9]+")),
]
ROUTE = re.compile(r"^(\(static\)|\(unmatched\)|/[A-Za-z0-9_./{}-]*)$")
ID_SEGMENT = re.compile(r"/(int|prop|msg|evt|con|ten|key|hr|ch|dsp)_[A-Za-z0-9]+")


def main(path):
    problems, kinds = [], collections.Counter()
    with open(path, encoding="utf-8", errors="replace") as log:
        lines = log.read().splitlines()
    for number, line in enumerate(lines, 1):
        try:
            entry = json.loads(line)
        except ValueError:
            problems.append(f"line {number}: not JSON: {line[:200]}")
            continue
        if not isinstance(entry, dict) or not {"time", "level", "kind"} <= entry.keys():
            problems.append(f"line {number}: not a log object with time, level, kind: {line[:200]}")
            continue
        kinds[entry["kind"]] += 1
        if entry["kind"] == "request":
            missing = REQUEST_FIELDS - entry.keys()
            if missing:
                problems.append(f"line {number}: request line without {sorted(missing)}")
            route = str(entry.get("route", ""))
            if not ROUTE.match(route) or ID_SEGMENT.search(route) or "?" in route:
                problems.append(f"line {number}: route is not a template: {route}")
        for what, pattern in FORBIDDEN:
            found = pattern.search(line)
            if found:
                problems.append(f"line {number}: {what} ({found.group(0)[:40]}…): {line[:200]}")
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    print(f"check_log: {len(lines)} lines, by kind: {summary or 'none'}")
    if len(lines) == 0:
        problems.append("the log is empty: did the suite write to SLOTWISE_TEST_LOG_FILE?")
    for problem in problems[:40]:
        print("check_log: " + problem)
    if problems:
        print(f"check_log: {len(problems)} problem(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
