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

// What every replay prints: its frames as they are (`--emit frames`), a
// warning for a capture cut short, the stretches nobody recorded, and the
// `--emit none` summary line.
int printFrames(ReplayEngine &engine, const std::string &file);
void warnIfCut(const ReplayEngine &engine, const std::string &file);
void printCoverage(const ReplaySummary &summary);
void printSummary(const ReplaySummary &summary);

} // namespace polymon::cli
