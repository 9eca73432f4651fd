// polymon-cli: one command per file (commands.h); this file only dispatches.
#include "clicommon.h"
#include "commands.h"

#include <cstdio>
#include <string>
#include <vector>

using namespace polymon;

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli::usage();
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "replay")
        return cli::replayCommand(args);
    if (command == "monitor")
        return cli::monitorCommand(argc, argv, args);
    if (command == "record")
        return cli::recordCommand(argc, argv, args);
    if (command == "sim")
        return cli::simCommand(argc, argv, args);
    if (command == "backtest")
        return cli::backtestCommand(args);
    if (command == "evaluate")
        return cli::evaluateCommand(args);
    if (command == "paper")
        return cli::paperCommand(args);
    if (command == "export")
        return cli::exportCommand(args);
    if (command == "clob")
        return cli::clobCommand(args);
    if (command == "events")
        return cli::eventsCommand(args);
    if (command == "db")
        return cli::dbCommand(args);
    if (command == "--help" || command == "-h" || command == "help") {
        cli::printHelp();
        return 0;
    }
    if (command == "--version" || command == "version") {
        std::printf("polymon-cli %s\n", POLYMON_VERSION);
        return 0;
    }
    return cli::usage(("unknown command: " + command).c_str());
}
