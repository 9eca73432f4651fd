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

namespace {

void warnIfCut(const ReplayEngine &engine, const std::string &file)
{
    if (!engine.captureComplete())
        std::fprintf(stderr,
                     "polymon-cli: %s ends in a cut record (the recorder stopped mid-write): read up to the last "
                     "whole one\n",
                     file.c_str());
}

} // namespace

int plainReplay(const std::string &file, const std::string &emit)
{
    TopsPrinter printer;
    ReplayEngine engine(emit == "tops" ? &printer : nullptr);
    ReplaySummary summary;
    if (int exitCode = 0; !loadAndRun(engine, file, emit, summary, exitCode))
        return exitCode;
    printer.flush();
    std::fflush(stdout);
    if (emit == "none")
        printSummary(summary);
    return 0;
}

bool loadAndRun(ReplayEngine &engine, const std::string &file, const std::string &emit, ReplaySummary &summary,
                int &exitCode)
{
    std::string error;
    if (!engine.loadFile(file, error)) {
        std::fprintf(stderr, "polymon-cli: %s\n", error.c_str());
        exitCode = 1;
        return false;
    }
    if (emit == "frames") {
        // Byte for byte as received, one per line, for any other tool to check.
        engine.forEachFrame([](std::string_view frame) {
            std::fwrite(frame.data(), 1, frame.size(), stdout);
            std::fputc('\n', stdout);
            return true;
        });
        warnIfCut(engine, file);
        exitCode = 0;
        return false;
    }
    summary = engine.run();
    warnIfCut(engine, file);
    if (summary.coverageGaps.gaps > 0)
        std::fprintf(stderr, "polymon-cli: coverage: %s\n", summary.coverageGaps.describe().c_str());
    return true;
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
