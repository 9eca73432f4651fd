// Detection on an order-flow model the detector was never tuned on
// (core/evaluation: queue-reactive books with Hawkes market orders, varied
// profiles, injected episodes of varied shape). Two sets of seeds: the
// tuning set may be looked at while changing the detector; the reporting
// set is the one BENCHMARKS.md quotes and must never be tuned on.
// usage: bench_detection [HOURS] [MARKETS]
#include "evaluation/detectionevaluation.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

using namespace polymon;

namespace {

DetectionReport runSeeds(std::uint64_t first, std::uint64_t last, double hours, int markets, double &seconds,
                         std::uint64_t &errors, SignalQuality &quality)
{
    DetectionReport total;
    for (std::uint64_t seed = first; seed <= last; ++seed) {
        FlowStream::Options o;
        o.seed = seed;
        o.hours = hours;
        o.markets = markets;
        const DetectionEvaluation::Result r = DetectionEvaluation::run(o, SignalSettings{});
        total.add(r.report);
        quality.add(r.quality);
        seconds += r.wallSeconds;
        errors += r.parseErrors;
    }
    return total;
}

void print(const char *title, const DetectionReport &r)
{
    std::printf("\n%s (%.0f calm asset-hours)\n\n", title, r.calmAssetHours);
    std::printf("| type | episodes | recall 1.5-2x | 2-3x | 3-4.5x | 4.5-6x | recall >= 2x | precision | false alarms / calm asset-hour | delay s |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
    for (int t = 0; t < kSignalTypeCount; ++t) {
        const DetectionReport::PerType &p = r.types[std::size_t(t)];
        std::printf("| %s | %d |", signalTypeName(SignalType(t)), p.labelCount());
        for (int b = 0; b < DetectionReport::kBuckets; ++b)
            std::printf(" %.2f (%d) |", p.recall(b), p.labels[std::size_t(b)]);
        std::printf(" **%.2f** | %.2f (%d signals) | %.2f | %.1f |\n", p.recallFrom2x(), p.precision(), p.signals,
                    r.falseAlarmsPerAssetHour(t), p.meanDelayS());
    }
}

// Does it pay, per type: the mid's move in the recommended direction and
// the touch-to-touch PnL per share net of the taker fee, cents, 95 % intervals.
void printQuality(const SignalQuality &quality)
{
    std::printf("\n| type | signals | move 30 s | move 2 min | move 5 min | PnL 5 min, net | reverted |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    const auto summary = quality.summary();
    for (int t = 0; t < kSignalTypeCount; ++t) {
        const SignalQuality::PerType &q = summary[std::size_t(t)];
        if (q.move[0].n == 0)
            continue;
        std::printf("| %s | %d |", signalTypeName(SignalType(t)), q.move[0].n);
        for (const SignalQuality::Interval &i : {q.move[0], q.move[1], q.move[2], q.pnlPerShare})
            std::printf(" %+.2f [%+.2f, %+.2f] |", i.mean * 100, i.low * 100, i.high * 100);
        std::printf(" %.0f%% [%.0f, %.0f] |\n", q.resolved ? 100.0 * q.reverted / q.resolved : 0.0, q.revertedLow * 100,
                    q.revertedHigh * 100);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double hours = argc > 1 ? std::atof(argv[1]) : 6.0;
    const int markets = argc > 2 ? std::atoi(argv[2]) : 10;
    if (hours <= 0 || markets < 1) {
        std::fprintf(stderr, "usage: bench_detection [HOURS] [MARKETS]\n");
        return 2;
    }
    double seconds = 0;
    std::uint64_t errors = 0;
    SignalQuality tuningQuality, reportingQuality;
    const DetectionReport tuning = runSeeds(101, 110, hours, markets, seconds, errors, tuningQuality);
    const DetectionReport reporting = runSeeds(201, 210, hours, markets, seconds, errors, reportingQuality);
    print("Reporting seeds 201-210 (never tuned on)", reporting);
    std::printf("\nDoes it pay, reporting seeds (BUY/SELL signals; cents per share in the recommended direction;\n"
                "PnL: taken at the touch, given back at the opposite touch 5 min later, taker fee 0.05 x (p(1-p)) both ways)\n");
    printQuality(reportingQuality);
    print("Tuning seeds 101-110 (may be looked at while changing the detector)", tuning);
    std::printf("\n%.0f s for 20 seeds x %.0f h x %d markets; %llu frames the parser refused (the model must write none)\n",
                seconds, hours, markets, static_cast<unsigned long long>(errors));
    return errors == 0 ? 0 : 1;
}
