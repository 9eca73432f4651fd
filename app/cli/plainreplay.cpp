#include "plainreplay.h"

#include "cliargs.h"
#include "topsprinter.h"

#include <cstdio>

namespace polymon::cli {

bool isPlainReplay(const std::vector<std::string> &args, std::string &file, std::string &emit)
{
    CliArgs parser({{"--emit", true}}, 1);
    std::string error;
    if (!parser.parse(args, error) || parser.positional().size() != 1)
        return false;
    file = parser.positional().front();
    emit = parser.value("--emit", "tops");
    return emit == "tops" || emit == "none" || emit == "frames";
}

int plainReplay(const std::string &file, const std::string &emit)
{
    TopsPrinter printer;
    ReplayEngine engine(emit == "tops" ? &printer : nullptr);
    std::string error;
    if (!engine.loadFile(file, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
        return 1;
    }
    if (emit == "frames")
        return printFrames(engine, file);
    const ReplaySummary summary = engine.run();
    warnIfCut(engine, file);
    printCoverage(summary);
    printer.flush();
    std::fflush(stdout);
    if (emit == "none")
        printSummary(summary);
    return 0;
}

int printFrames(ReplayEngine &engine, const std::string &file)
{
    // Byte for byte as received, one per line, for any other tool to check.
    engine.forEachFrame([](std::string_view frame) {
        std::fwrite(frame.data(), 1, frame.size(), stdout);
        std::fputc('\n', stdout);
        return true;
    });
    warnIfCut(engine, file);
    return 0;
}

void warnIfCut(const ReplayEngine &engine, const std::string &file)
{
    if (!engine.captureComplete())
        std::fprintf(stderr,
                     "polymon-cli: %s ends in a cut record (the recorder stopped mid-write): read up to the last "
                     "whole one\n",
                     file.c_str());
}

void printCoverage(const ReplaySummary &summary)
{
    if (summary.coverageGaps.gaps > 0)
        std::fprintf(stderr, "polymon-cli: coverage: %s\n", summary.coverageGaps.describe().c_str());
}

void printSummary(const ReplaySummary &s)
{
    std::fprintf(stderr,
                 "replay: entries_applied=%llu unsynced_skipped=%llu levels_dropped=%llu desyncs=%llu "
                 "errors=%llu seconds=%.3f entries_per_s=%.0f\n",
                 static_cast<unsigned long long>(s.entriesApplied),
                 static_cast<unsigned long long>(s.unsyncedEntriesSkipped),
                 static_cast<unsigned long long>(s.levelsDropped), static_cast<unsigned long long>(s.desyncs),
                 static_cast<unsigned long long>(s.errors), s.seconds, s.entriesPerSecond());
}

} // namespace polymon::cli
