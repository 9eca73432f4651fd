#pragma once

#include "analysis/signal.h"
#include "analysis/signalquality.h"
#include "analysis/signalsettings.h"
#include "capture/coveragegapnote.h"

#include <QJsonObject>

#include <array>
#include <string>
#include <cstdint>
#include <vector>

namespace polymon {

struct BacktestTypeStats
{
    int labels = 0;          // episodes of this type (per token)
    int detectedLabels = 0;  // labels with at least one matching signal
    int signals = 0;         // signals of this type
    int truePositives = 0;   // signals inside a label of the same type and asset
    double meanDelayS = 0.0; // first matching signal after the label starts
    int resolved = 0;
    int reverted = 0;
    double meanMaxProfit = 0.0;  // price units per share
    double meanMaxAdverse = 0.0;
    double meanReversionS = 0.0; // over reverted signals

    // One resolved signal: counted, its outcome added to the sums.
    void addOutcome(const Signal &s);
    // The sums become means, once every outcome is in.
    void finish();
    double precision() const noexcept { return signals ? double(truePositives) / signals : 0.0; }
    double recall() const noexcept { return labels ? double(detectedLabels) / labels : 0.0; }
};

struct BacktestReport
{
    std::string capture; // a recording's path; empty for the simulator's episodes (no labels then)
    quint64 seed = 0;
    double hours = 0;
    int markets = 0;
    std::uint64_t frames = 0;
    std::uint64_t entries = 0;
    double wallSeconds = 0;
    std::array<BacktestTypeStats, kSignalTypeCount> types{};
    std::vector<Signal> allSignals;
    SignalQuality quality; // does each type pay
    CoverageGapTally coverageGaps; // a capture from a shared store: where nobody recorded

    QJsonObject toJson() const;
};

// Runs the simulated exchange in simulated time as fast as it can (no
// sockets): scripted episodes of every signal type with ground-truth labels,
// random order flow around them, frames through the real parser, book store
// and signal engine. Reports precision, recall, detection delay and outcomes.
class Backtest final
{
public:
    struct Options
    {
        quint64 seed = 1;
        double hours = 4.0;
        int markets = 8;
        double framesPerSecond = 20.0;    // simulated-time frame rate over all markets
        std::int64_t warmupMs = 20 * 60'000; // no episode before the baselines are warm
        std::int64_t episodeEveryMs = 6 * 60'000;
        std::string recordPath; // also write every frame there as JSONL
    };

    // False in `error` (report still filled) when the recording cannot be written.
    static BacktestReport run(const Options &options, const SignalSettings &settings, std::string *error = nullptr);
    // A recording (a raw capture or JSON text) replayed through the signal
    // engine: per type, signals and their outcomes (no labels: nobody scripted
    // it). False in `error` when it cannot be read.
    static BacktestReport runRecording(const std::string &path, const SignalSettings &settings, std::string *error);
};

} // namespace polymon
