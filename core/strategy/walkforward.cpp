#include "walkforward.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace polymon {

namespace {

void appendWindow(std::vector<StrategyTrade> &to, const std::vector<StrategyTrade> &from, std::int64_t fromMs,
                  std::int64_t toMs)
{
    for (const StrategyTrade &t : from) {
        if (t.entryMs >= fromMs && t.entryMs < toMs)
            to.push_back(t);
    }
}

} // namespace

QString WalkForward::windowText(std::int64_t fromMs, std::int64_t toMs)
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs, QTimeZone::utc());
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs, QTimeZone::utc());
    const QString end = to.date() == from.date() ? to.toString(QStringLiteral("HH:mm")) : to.toString(QStringLiteral("MM-dd HH:mm"));
    return from.toString(QStringLiteral("MM-dd HH:mm")) + QStringLiteral("–") + end + QStringLiteral(" UTC");
}

WalkForwardResult WalkForward::run(const std::vector<std::vector<StrategyTrade>> &tradesPerPoint, std::int64_t startMs,
                                   std::int64_t endMs, int folds)
{
    WalkForwardResult result;
    if (tradesPerPoint.empty() || folds < 1 || endMs <= startMs)
        return result;
    const std::int64_t span = endMs - startMs;
    auto boundary = [&](int i) { return i == folds + 1 ? endMs + 1 : startMs + span * i / (folds + 1); };
    std::vector<StrategyTrade> inSample, outOfSample;
    for (int i = 0; i < folds; ++i) {
        WalkForwardFold fold;
        fold.tuneFromMs = boundary(i);
        fold.testFromMs = boundary(i + 1);
        fold.testToMs = boundary(i + 2);
        for (std::size_t p = 0; p < tradesPerPoint.size(); ++p) {
            StrategyStats s = StrategyStats::of(tradesPerPoint[p], fold.tuneFromMs, fold.testFromMs);
            const bool better = p == 0 || s.pnl > fold.inSample.pnl
                || (s.pnl == fold.inSample.pnl && s.wins > fold.inSample.wins);
            if (better) {
                fold.chosen = int(p);
                fold.inSample = std::move(s);
            }
        }
        const auto &chosen = tradesPerPoint[std::size_t(fold.chosen)];
        fold.outOfSample = StrategyStats::of(chosen, fold.testFromMs, fold.testToMs);
        appendWindow(inSample, chosen, fold.tuneFromMs, fold.testFromMs);
        appendWindow(outOfSample, chosen, fold.testFromMs, fold.testToMs);
        result.folds.push_back(std::move(fold));
    }
    result.inSample = StrategyStats::of(inSample);
    result.outOfSample = StrategyStats::of(outOfSample);
    return result;
}

} // namespace polymon
