// polymon-cli as users call it: a plain replay (`replay FILE [--emit
// tops|none|frames]`) runs here, in a process that loads no Qt (~12 ms of
// the 17 ms a Qt program takes to start on our test machine, most of a short
// replay); every other command, and every replay that records or detects
// signals, replaces this process with polymon-cli-full (execv: the same
// process id, arguments, streams, signals and exit code).
#include "plainreplay.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

// Beside this program in a build tree; in its libexec folder once installed.
std::vector<std::string> fullCliCandidates()
{
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return {};
    std::string dir(self, std::size_t(n));
    dir.resize(dir.rfind('/') + 1);
    return {dir + "polymon-cli-full", dir + POLYMON_FULL_CLI_FROM_BINDIR};
}

int execFullCli(char **argv)
{
    std::string tried;
    for (const std::string &path : fullCliCandidates()) {
        if (::access(path.c_str(), X_OK) != 0)
            continue;
        ::execv(path.c_str(), argv);
        tried = path + ": " + std::strerror(errno);
    }
    std::fprintf(stderr, "polymon-cli: cannot start polymon-cli-full (%s); is the installation complete?\n",
                 tried.empty() ? "not found beside polymon-cli" : tried.c_str());
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    std::string file, emit;
    if (argc >= 3 && std::strcmp(argv[1], "replay") == 0
        && polymon::cli::isPlainReplay(std::vector<std::string>(argv + 2, argv + argc), file, emit))
        return polymon::cli::plainReplay(file, emit);
    return execFullCli(argv);
}
