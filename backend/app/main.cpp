// The `slotwise` binary: CLI commands and the server. All logic lives in cli.cpp so tests can call it in-process.
#include "app/cli.h"

int main(int argc, char** argv) { return slotwise::RunCli(argc, argv); }
