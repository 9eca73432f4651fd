#pragma once

#include "marketevent.h"

#include <QJsonArray>
#include <QString>

#include <vector>

namespace polymon {

class MidSeries;

// An event study per event type: the mid's move over fixed horizons after
// each event (the token it names, else its market's YES token, else every
// market's), mean and 95 % confidence interval (Student's t), against the
// same horizons at random times on the same tokens (the baseline); and the
// lead or lag between the events and the book's activity (the lag, within
// ±maxLagS seconds, where event counts and absolute mid changes per second
// correlate most: negative when the book moves first).
class EventStudy final
{
public:
    struct Options
    {
        std::vector<int> horizonsS{5, 30, 120};
        int baselineSamples = 2000;
        quint64 seed = 1;
        int maxLagS = 30;
    };
    struct Horizon
    {
        int seconds = 0;
        int n = 0;               // event samples with a mid at both ends
        double meanMove = 0;     // price units
        double ciLow = 0;
        double ciHigh = 0;
        double baselineMean = 0; // at random times
        int baselineN = 0;
    };
    struct TypeResult
    {
        QString type;
        int events = 0;
        std::vector<Horizon> horizons;
        int leadLagS = 0;
        double lagCorrelation = 0; // at leadLagS; 0 when there is no variation
        std::vector<double> lagCurve; // the correlation at each lag, -maxLagS..maxLagS
    };

    // An event counts once, a `chat_rate` sample as its messages (so the
    // lead/lag of chat_rate is the cross-correlation of the chat's pace with
    // the book's absolute moves).
    static double weightOf(const MarketEvent &e);
    static std::vector<TypeResult> run(const std::vector<MarketEvent> &events, const MidSeries &mids, const Options &options);
    // As `polymon-cli events correlate --json` prints it: moves as decimal
    // strings in price units, to the millionth.
    static QJsonArray toJson(const std::vector<TypeResult> &results);
    // 97.5 % quantile of Student's t with `df` degrees of freedom.
    static double tQuantile(int df);
};

} // namespace polymon
