#include "strategyjson.h"

#include <QJsonArray>

namespace polymon {

namespace {

QJsonObject skipsJson(const SignalTrader::Skips &s)
{
    return QJsonObject{{QStringLiteral("busy"), s.busy},
                       {QStringLiteral("no_book"), s.noBook},
                       {QStringLiteral("no_depth"), s.noDepth}};
}

} // namespace

QJsonObject strategySettingsJson(const StrategySettings &s)
{
    return QJsonObject{{QStringLiteral("mode"), QLatin1String(strategyModeName(s.mode))},
                       {QStringLiteral("shares"), QString::fromStdString(formatFixed(s.shares))},
                       {QStringLiteral("hold_s"), double(s.holdMs) / 1000.0},
                       {QStringLiteral("stop"), QString::fromStdString(formatFixed(s.stop))},
                       {QStringLiteral("max_slippage"), QString::fromStdString(formatFixed(s.maxSlippage))},
                       {QStringLiteral("fee_rate"), QString::fromStdString(formatFixed(s.fees.rate))},
                       {QStringLiteral("fee_exponent"), s.fees.exponent}};
}

QJsonObject strategyBacktestJson(const StrategyBacktestResult &result, const WalkForwardResult *walkForward)
{
    QJsonObject o{{QStringLiteral("start_ms"), double(result.startMs)},
                  {QStringLiteral("end_ms"), double(result.endMs)},
                  {QStringLiteral("market_hours"), result.marketHours}};
    if (result.points.empty())
        return o;
    o.insert(QStringLiteral("settings"), strategySettingsJson(result.points.front().strategy));
    o.insert(QStringLiteral("result"), StrategyStats::of(result.trades.front()).toJson(true));
    o.insert(QStringLiteral("skipped_signals"), skipsJson(result.skips.front()));
    if (result.points.size() > 1) {
        QJsonArray grid;
        for (std::size_t i = 0; i < result.points.size(); ++i) {
            QJsonObject point = StrategyStats::of(result.trades[i]).toJson(false);
            point.insert(QStringLiteral("point"), result.points[i].label);
            grid.append(point);
        }
        o.insert(QStringLiteral("grid"), grid);
    }
    if (walkForward) {
        QJsonArray folds;
        for (const WalkForwardFold &f : walkForward->folds) {
            folds.append(QJsonObject{{QStringLiteral("tune_from_ms"), double(f.tuneFromMs)},
                                     {QStringLiteral("test_from_ms"), double(f.testFromMs)},
                                     {QStringLiteral("test_to_ms"), double(f.testToMs)},
                                     {QStringLiteral("chosen"), result.points[std::size_t(f.chosen)].label},
                                     {QStringLiteral("in_sample"), f.inSample.toJson(false)},
                                     {QStringLiteral("out_of_sample"), f.outOfSample.toJson(false)}});
        }
        o.insert(QStringLiteral("walk_forward"),
                 QJsonObject{{QStringLiteral("folds"), folds},
                             {QStringLiteral("in_sample"), walkForward->inSample.toJson(false)},
                             {QStringLiteral("out_of_sample"), walkForward->outOfSample.toJson(true)}});
    }
    return o;
}

} // namespace polymon
