#pragma once

#include "replay/replayengine.h"

#include <string>
#include <vector>

namespace polymon::cli {

// A replay that prints tops, frames or nothing but its summary, and records
// nothing: all of it Qt-free, so that the launcher (launcher.cpp) runs it
// without loading Qt. `replay` with signals or a database goes through
// replayCommand, which uses the same pieces.

// True when args (after "replay") are FILE with at most `--emit tops|none|frames`;
// anything else, errors included, is for replayCommand.
bool isPlainReplay(const std::vector<std::string> &args, std::string &file, std::string &emit);
// Exit code as replayCommand's.
int plainReplay(const std::string &file, const std::string &emit);

// Loads FILE into engine and runs it, printing what every replay prints:
// the frames as they are for `--emit frames` (instead of a run), a warning
// for a capture cut short, the stretches nobody recorded. False, with the
// exit code, when nothing follows (the file could not be read, or frames).
bool loadAndRun(ReplayEngine &engine, const std::string &file, const std::string &emit, ReplaySummary &summary,
                int &exitCode);
// The `--emit none` summary line on stderr.
void printSummary(const ReplaySummary &summary);

} // namespace polymon::cli
