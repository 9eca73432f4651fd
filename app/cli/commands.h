#pragma once

#include <string>
#include <vector>

namespace polymon::cli {

// One function per polymon-cli command; each returns the process exit code
// (0 done, 1 could not, 2 bad arguments). Those that run an event loop take
// argc/argv for QCoreApplication.
int replayCommand(const std::vector<std::string> &args);
int monitorCommand(int argc, char **argv, const std::vector<std::string> &args);
int recordCommand(int argc, char **argv, const std::vector<std::string> &args);
int simCommand(int argc, char **argv, const std::vector<std::string> &args);
int exportCommand(const std::vector<std::string> &args);
int backtestCommand(const std::vector<std::string> &args);
int evaluateCommand(const std::vector<std::string> &args);
int paperCommand(const std::vector<std::string> &args);
int clobCommand(const std::vector<std::string> &args);
int eventsCommand(const std::vector<std::string> &args);
int dbCommand(const std::vector<std::string> &args);

} // namespace polymon::cli
