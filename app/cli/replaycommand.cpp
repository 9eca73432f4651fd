#include "clicommon.h"
#include "commands.h"
#include "plainreplay.h"
#include "topsprinter.h"
#include "storage/databaselocation.h"

#include "analysis/signalengine.h"
#include "analysis/signaljson.h"
#include "book/booklistenerfanout.h"
#include "replay/replayengine.h"
#include "storage/replayrecorder.h"
#include "storage/storagewriter.h"

#include <algorithm>
#include <cstdio>

namespace polymon::cli {

namespace {

class SignalPrinter final : public SignalListener
{
public:
    std::vector<Signal> resolved;
    void onOutcome(const Signal &s) override { resolved.push_back(s); }
    void print()
    {
        std::sort(resolved.begin(), resolved.end(), [](const Signal &a, const Signal &b) { return a.id < b.id; });
        for (const Signal &s : resolved)
            std::puts(SignalJson::line(s, true).c_str());
    }
};

} // namespace

int replayCommand(const std::vector<std::string> &args)
{
    std::vector<CliArgs::Option> options = {{"--emit", true}, {"--db", true}};
    options.insert(options.end(), kSettingsOptions.begin(), kSettingsOptions.end());
    CliArgs parser(options, 1);
    SignalSettings settings;
    if (!parse(parser, args) || !applySettings(parser, settings))
        return 2;
    if (parser.positional().empty())
        return usage("replay needs a FILE");
    const std::string file = parser.positional().front();
    const std::string emit = parser.value("--emit", "tops");
    if (emit != "tops" && emit != "none" && emit != "signals" && emit != "frames")
        return usage(("unknown --emit value: " + emit).c_str());
    const QString dbPath = QString::fromStdString(parser.value("--db"));
    if (!dbPath.isEmpty()) {
        DatabaseLocation location; // a path, or the shared store's postgresql:// URL
        QString dbError;
        if (!DatabaseLocation::parse(dbPath, location, dbError))
            return usage(dbError.toUtf8().constData());
    }
    if (dbPath.isEmpty() && emit != "signals")
        return plainReplay(file, emit); // SETTINGS only tune signals: nothing here uses them

    TopsPrinter printer;
    SignalPrinter signalPrinter;
    SignalEngine analysis(settings, &signalPrinter);
    std::unique_ptr<StorageWriter> writer;
    std::unique_ptr<ReplayRecorder> recorder;
    BookListenerFanOut listeners;
    if (emit == "tops")
        listeners.add(&printer);
    if (emit == "signals" || !dbPath.isEmpty())
        listeners.add(&analysis);
    if (!dbPath.isEmpty()) {
        writer = std::make_unique<StorageWriter>(dbPath);
        writer->start();
        recorder = std::make_unique<ReplayRecorder>(*writer, settings.band);
        listeners.add(recorder.get());
    }
    ReplayEngine engine(&listeners);
    ReplaySummary s;
    if (int exitCode = 0; !loadAndRun(engine, file, emit, s, exitCode))
        return exitCode;
    printer.flush();
    analysis.finish();
    if (emit == "signals")
        signalPrinter.print();
    if (writer) {
        for (const Signal &sig : signalPrinter.resolved)
            writer->enqueue(SignalRow{sig, false});
        writer->stop(); // writes everything queued
        const StorageStats st = writer->stats();
        if (!st.lastError.isEmpty() || st.queued > 0) {
            std::fprintf(stderr, "polymon-cli: recording to %s failed: %s\n", dbPath.toUtf8().constData(),
                         st.lastError.toUtf8().constData());
            return 1;
        }
        std::fprintf(stderr, "recorded %lld rows (%zu signals) to %s\n", static_cast<long long>(st.written),
                     signalPrinter.resolved.size(), dbPath.toUtf8().constData());
    }
    std::fflush(stdout);
    if (emit == "none")
        printSummary(s);
    return 0;
}

} // namespace polymon::cli
