#include "strategystats.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace polymon {

namespace {

QString money(Fixed microUsdc)
{
    return QString::fromStdString(formatFixed(microUsdc));
}

} // namespace

StrategyStats StrategyStats::of(const std::vector<StrategyTrade> &all, std::int64_t fromMs, std::int64_t toMs)
{
    std::vector<const StrategyTrade *> trades;
    for (const StrategyTrade &t : all) {
        if (t.entryMs >= fromMs && (toMs == 0 || t.entryMs < toMs))
            trades.push_back(&t);
    }
    std::stable_sort(trades.begin(), trades.end(), [](const StrategyTrade *a, const StrategyTrade *b) {
        return a->exitMs < b->exitMs;
    });

    StrategyStats s;
    Fixed winSum = 0, lossSum = 0, peak = 0;
    double sum = 0, sumSq = 0;
    for (const StrategyTrade *t : trades) {
        const Fixed pnl = t->pnl();
        ++s.trades;
        s.pnl += pnl;
        s.fees += t->fees;
        s.turnover += t->turnover();
        s.unclosedShares += t->unclosedShares;
        if (pnl > 0) {
            ++s.wins;
            winSum += pnl;
        } else if (pnl < 0) {
            ++s.losses;
            lossSum += pnl;
        }
        PerType &type = s.perType[std::size_t(t->type)];
        ++type.trades;
        type.wins += pnl > 0 ? 1 : 0;
        type.pnl += pnl;
        peak = std::max(peak, s.pnl);
        s.maxDrawdown = std::max(s.maxDrawdown, peak - s.pnl);
        s.equity.push_back(EquityPoint{t->exitMs, s.pnl});
        const double x = double(pnl);
        sum += x;
        sumSq += x * x;
    }
    if (s.wins)
        s.averageWin = (winSum + s.wins / 2) / s.wins;
    if (s.losses)
        s.averageLoss = (lossSum - s.losses / 2) / s.losses;
    if (s.trades) {
        s.hitRate = double(s.wins) / s.trades;
        const double mean = sum / s.trades;
        const double variance = s.trades > 1 ? (sumSq - sum * mean) / (s.trades - 1) : 0.0;
        s.sharpePerTrade = variance > 0 ? mean / std::sqrt(variance) : 0.0;
    }
    return s;
}

QJsonObject StrategyStats::toJson(bool withEquity) const
{
    QJsonObject types;
    for (int i = 0; i < kSignalTypeCount; ++i) {
        const PerType &t = perType[std::size_t(i)];
        if (t.trades)
            types.insert(QLatin1String(signalTypeName(SignalType(i))),
                         QJsonObject{{QStringLiteral("trades"), t.trades},
                                     {QStringLiteral("hit_rate"), double(t.wins) / t.trades},
                                     {QStringLiteral("pnl"), money(t.pnl)}});
    }
    QJsonObject o{{QStringLiteral("trades"), trades},
                  {QStringLiteral("wins"), wins},
                  {QStringLiteral("losses"), losses},
                  {QStringLiteral("hit_rate"), hitRate},
                  {QStringLiteral("pnl"), money(pnl)},
                  {QStringLiteral("fees"), money(fees)},
                  {QStringLiteral("average_win"), money(averageWin)},
                  {QStringLiteral("average_loss"), money(averageLoss)},
                  {QStringLiteral("max_drawdown"), money(maxDrawdown)},
                  {QStringLiteral("turnover"), money(turnover)},
                  {QStringLiteral("sharpe_per_trade"), sharpePerTrade},
                  {QStringLiteral("unclosed_shares"), money(unclosedShares)},
                  {QStringLiteral("per_type"), types}};
    if (withEquity) {
        QJsonArray curve;
        for (const EquityPoint &p : equity)
            curve.append(QJsonArray{double(p.timeMs), money(p.equity)});
        o.insert(QStringLiteral("equity"), curve);
    }
    return o;
}

} // namespace polymon
