// cli.h — the `slotwise` command line.
//
//   slotwise solve [FILE]            docs/ENGINE.md's inline-calendar document -> the answer (stdout); exit 2 + error
//                                    JSON
//   slotwise engine OP [FILE]        any engine operation (engine_api.h) on one JSON document
//   slotwise batch OP                one JSON document per stdin line -> one answer per stdout line (for tests/bench)
//   slotwise serve [--demo] [--host H] [--port N] [--web-root DIR] [--db FILE] [--zoneinfo DIR]
//   slotwise backup --to FILE [--force] [--config FILE] [--db FILE]      cli_backup.cpp, docs/BACKUP.md
//   slotwise restore --from FILE [--force] [--config FILE] [--db FILE]
//
// Exit status: 0 success, 2 invalid input (docs/ENGINE.md, Errors), 1 any other failure (unreadable file, port in
// use, …).
#pragma once

namespace slotwise {

int RunCli(int argc, char** argv);

}  // namespace slotwise
