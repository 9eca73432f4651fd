#pragma once

#include "protocol/fixedpoint.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdint>

namespace polymon {

// Every threshold, weight and window of the analysis layer in one place.
// docs/signals.md explains each rule and why. Loaded from an INI file
// (SignalSettingsIo) and overridable from the command line as key=value.
struct SignalSettings
{
    // Book measures
    Fixed band = 100'000; // depth and imbalance within 10 cents of mid

    // Health (seed rules)
    std::int64_t freshnessMs = 60'000;   // an update within this long
    Fixed healthyMaxSpread = 100'000;    // spread below 10 cents
    Fixed healthyMinDepth = 10'000'000;  // more than 10 contracts per side in the band
    Fixed edgeMargin = 30'000;           // no BUY/SELL signal with the mid within 3 cents of 0 or 1

    // Baseline
    int baselineBuckets = 60;           // x bucketSeconds = 1 hour
    int bucketSeconds = 60;
    int sampleIntervalMs = 1'000;       // one baseline sample per asset per second of event time
    int minWarmupMinutes = 10;          // no signal before this much baseline
    int fullWarmupMinutes = 30;         // data quality reaches 1 here
    double baselineClipZ = 3.0;         // once warm, a sample counts at most this many deviations above the mean (0: off)

    // PANIC_SELL: ask depth spike and spread widening -> BUY
    double panicAskDepthRatio = 2.0;
    double panicSpreadRatio = 1.8;
    // FOMO_BUY: bid depth spike and imbalance toward bids -> SELL
    double fomoBidDepthRatio = 2.0;
    double fomoMinImbalance = 0.45;
    double fomoSpreadRatio = 0.0; // optional: the spread opens too (0: off, design.md does not ask for it)
    // Dispersion: besides the ratios above, a measure may have to stand this
    // many of its own standard deviations (last hour) above its mean; 0 turns
    // a z condition off. The deviation is at least dispersionFloor x the mean,
    // so a book that never moves does not fire on a hair.
    double panicAskDepthZ = 3.0;
    double panicSpreadZ = 1.5;
    double fomoBidDepthZ = 3.0;
    double fomoSpreadZ = 0.0;
    double dispersionFloor = 0.1;
    // A measure's deviation as the z conditions and the baseline's clipping
    // read it: its own, floored at dispersionFloor x its mean.
    double deviation(double mean, double sd) const noexcept { return std::max({sd, dispersionFloor * mean, 1e-9}); }
    // ...and the flooded side must have grown this much within the lookback
    // (a spike, not a drift over minutes); 0 turns it off.
    double spikeMinRise = 1.5;
    int spikeLookbackMs = 30'000;
    // LIQUIDITY_VACUUM: wide spread and thin book on both sides -> AVOID
    double vacuumSpreadRatio = 2.5;
    double vacuumMaxDepthRatio = 0.5;
    int vacuumMinMs = 1'500;           // ...held this long without a break (a blink is not a vacuum)
    double vacuumMaxFall = 0.6;        // ...and each side at most this x its depth spikeLookbackMs ago (0: off)
    // DEPTH_PULL: a side loses this share of its band depth within the
    // window, mostly by cancels (traded volume below the given share of it).
    double pullMinShare = 0.5;
    int pullWindowMs = 3'000;
    double pullMaxTradedShare = 0.1;
    double pullMinBaselineRatio = 0.5; // the side held at least this x baseline before
    int pullMinLevels = 5;             // layered orders: at least this many levels removed entirely
    double pullMaxOtherRatio = 2.0;    // the other side is not flooded (that would be panic or FOMO)
    double pullMinOtherRatio = 0.5;    // ...holds at least this x its baseline (a thin book is a vacuum's)
    double pullOtherLevelsShare = 0.34; // ...and lost at most this share of the levels the pulled side lost (churn)
    double pullMaxOtherGrowth = 1.5;   // ...nor growing past this x its depth as the window began

    // Confidence weights (normalised by their sum), and data quality
    double weightDepth = 0.35;
    double weightSpread = 0.25;
    double weightImbalance = 0.15;
    double weightStrength = 0.25;
    double unhealthyQuality = 0.6; // AVOID signals on an unhealthy book

    // Cooldowns per type (event time)
    int cooldownPanicMs = 120'000;
    int cooldownFomoMs = 120'000;
    int cooldownVacuumMs = 120'000;
    int cooldownPullMs = 60'000;

    // Outcomes
    int horizonMs = 300'000;         // follow the mid for 5 minutes
    int priceLookbackMs = 60'000;    // price change measured over the last minute
    double reversionShare = 0.5;     // expected reversion = share of the move...
    Fixed minExpectedReversion = 10'000; // ...but at least a cent
};

// Reads and writes SignalSettings as key=value (INI file or CLI overrides).
class SignalSettingsIo final
{
public:
    static QStringList keys();
    // False with a reason for an unknown key or a bad value.
    static bool set(SignalSettings &s, const QString &key, const QString &value, QString &error);
    static QString get(const SignalSettings &s, const QString &key);
    static bool load(SignalSettings &s, const QString &path, QString &error);
    static bool save(const SignalSettings &s, const QString &path, QString &error);
};

} // namespace polymon
