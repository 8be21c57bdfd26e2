#!/usr/bin/python3
"""smtp_test_server.py - a real SMTP server (aiosmtpd, Debian package python3-aiosmtpd) for the SMTP client's tests.

Listens on 127.0.0.1 at an ephemeral port and prints "listening on port N" once it accepts connections. Runs until
it is terminated (the test sends SIGTERM). Modes (--mode):
  starttls  STARTTLS offered and required before anything else; AUTH (PLAIN, LOGIN) required, only after STARTTLS
  tls       implicit TLS from the first byte; AUTH required
  plain     no TLS offered, no AUTH: a trusted-network relay
  stall     accepts connections and never says anything (the client's timeout must cut it off)
  stall_after_greeting  sends the 220 greeting, then never answers again
Every accepted message is appended to --record as one JSON line: {"mail_from", "rcpt_tos", "login", "content"}
(content: the DATA bytes as received, dot-stuffing undone, Latin-1 decoded so every byte maps to one character).
A recipient whose address starts with "nobody@" is refused with 550.
"""
import argparse
import asyncio
import json
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, path):
        self.path = path

    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "login": login,
                  "content": envelope.original_content.decode("latin-1")}
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        return "250 2.0.0 OK: queued"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 <%s>: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"


class Silent(asyncio.Protocol):
    """Accepts and never answers (after the greeting, when it has one)."""

    def __init__(self, greeting=b""):
        self.greeting = greeting

    def connection_made(self, transport):
        if self.greeting:
            transport.write(self.greeting)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["starttls", "tls", "plain", "stall", "stall_after_greeting"], required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    parser.add_argument("--record", required=True)
    args = parser.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == args.user.encode()
              and auth_data.password == args.password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    context = None
    if args.mode in ("starttls", "tls"):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def protocol():
        if args.mode == "stall":
            return Silent()
        if args.mode == "stall_after_greeting":
            return Silent(b"220 relay.test ESMTP\r\n")
        common = dict(hostname="relay.test", ident="slotwise-test-relay")
        if args.mode == "starttls":
            return SMTP(Recorder(args.record), tls_context=context, require_starttls=True, auth_required=True,
                        auth_require_tls=True, authenticator=authenticator, **common)
        if args.mode == "tls":  # the connection is TLS already: aiosmtpd's STARTTLS bookkeeping does not apply
            return SMTP(Recorder(args.record), auth_required=True, auth_require_tls=False,
                        authenticator=authenticator, **common)
        return SMTP(Recorder(args.record), **common)

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(
        protocol, host="127.0.0.1", port=0, ssl=context if args.mode == "tls" else None))
    print("listening on port %d" % server.sockets[0].getsockname()[1], flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
