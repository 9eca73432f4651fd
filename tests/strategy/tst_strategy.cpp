#include "analysis/signalfollowup.h"
#include "book/bookstore.h"
#include "corpus.h"
#include "protocol/frameparser.h"
#include "replay/replayengine.h"
#include "strategy/settingsgrid.h"
#include "strategy/strategybacktest.h"
#include "strategy/signaltrader.h"
#include "strategy/strategystats.h"
#include "strategy/walkforward.h"
#include "trading/feeschedule.h"
#include "trading/takerfill.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace polymon;

namespace {

constexpr Fixed kUsd = kFixedScale; // micro-USDC per dollar

Fixed fx(const char *text)
{
    Fixed v = 0;
    if (parseFixed(text, v) != FixedError::None)
        qFatal("bad fixed %s", text);
    return v;
}

// A `book` frame: levels as "price:size" pairs.
std::string bookFrame(const char *asset, std::int64_t ts, const QStringList &bids, const QStringList &asks)
{
    auto levels = [](const QStringList &list) {
        QStringList out;
        for (const QString &l : list)
            out << QStringLiteral(R"({"price":"%1","size":"%2"})").arg(l.section(QLatin1Char(':'), 0, 0),
                                                                       l.section(QLatin1Char(':'), 1, 1));
        return out.join(QLatin1Char(','));
    };
    return QStringLiteral(R"({"event_type":"book","asset_id":"%1","market":"M","timestamp":"%2","bids":[%3],"asks":[%4]})")
        .arg(QLatin1String(asset))
        .arg(ts)
        .arg(levels(bids), levels(asks))
        .toStdString();
}

Signal signal(const char *asset, SignalType type, SignalSide side, std::int64_t ts, std::uint64_t id)
{
    Signal s;
    s.id = id;
    s.type = type;
    s.side = side;
    s.assetId = asset;
    s.market = "M";
    s.timestampMs = ts;
    return s;
}

StrategySettings settings(StrategyMode mode)
{
    StrategySettings s;
    s.mode = mode;
    s.shares = 100 * kUsd;
    s.holdMs = 60'000;
    s.maxSlippage = fx("0.02");
    s.fees = FeeSchedule{fx("0.05"), 1};
    return s;
}

// A long trade with this net PnL (no fees), entered and left at these times.
StrategyTrade trade(std::int64_t entryMs, Fixed pnl, SignalType type = SignalType::PanicSell)
{
    StrategyTrade t;
    t.assetId = "A";
    t.type = type;
    t.entryMs = entryMs;
    t.exitMs = entryMs + 10;
    t.shares = 100 * kUsd;
    t.entryNotional = 50 * kUsd;
    t.exitNotional = 50 * kUsd + pnl;
    t.exitReason = ExitReason::Hold;
    return t;
}

} // namespace

class TstStrategy final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void takerFeeIsTheExchangeFormula()
    {
        const FeeSchedule crypto{fx("0.25"), 2};
        QCOMPARE(crypto.takerFee(100 * kUsd, fx("0.5")), fx("1.5625"));
        QCOMPARE(crypto.takerFee(100 * kUsd, fx("0.05")), fx("0.056407")); // 0.05640625, rounded up
        const FeeSchedule sports{fx("0.03"), 1};
        QCOMPARE(sports.takerFee(200 * kUsd, fx("0.3")), fx("1.26")); // 200 x 0.03 x 0.21
        QCOMPARE(sports.takerFee(0, fx("0.3")), Fixed(0));
        QCOMPARE(FeeSchedule{}.takerFee(100 * kUsd, fx("0.5")), Fixed(0)); // a market without fees
        QVERIFY(!(FeeSchedule{fx("0.05"), 3}.valid()));
    }

    void takerFeeMatchesThePublishedVectors()
    {
        POLYMON_REQUIRE_CORPUS();
        QFile file(test::corpusPath(QStringLiteral("polymarket/signing/fees.json")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("platform_fee")).toArray();
        QVERIFY(cases.size() >= 20);
        for (const QJsonValue &v : cases) {
            const QJsonObject c = v.toObject();
            const FeeSchedule fees{fx(QByteArray::number(c.value(QStringLiteral("fee_rate")).toDouble()).constData()),
                                   c.value(QStringLiteral("fee_exponent")).toInt()};
            const Fixed price = fx(QByteArray::number(c.value(QStringLiteral("price")).toDouble()).constData());
            // Shares given, or bought for a dollar amount (then the shares are amount / price, to the millionth).
            const Fixed shares = c.contains(QStringLiteral("contracts"))
                ? fx(QByteArray::number(c.value(QStringLiteral("contracts")).toDouble()).constData())
                : Fixed(std::llround(c.value(QStringLiteral("amount_usd")).toDouble() * 1e12 / double(price)));
            const Fixed expected = Fixed(std::llround(c.value(QStringLiteral("expected_fee")).toDouble() * 1e8)); // 1e-8 USDC
            const Fixed got = fees.takerFee(shares, price);
            // Rounded up to the micro-dollar: never below the exact fee, less than a micro-dollar above it.
            QVERIFY2(std::abs(got * 100 - expected) < 100 + 1,
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(QString::fromUtf8(QJsonDocument(c).toJson(QJsonDocument::Compact)))
                                    .arg(got).arg(expected)));
        }
    }

    void takerFillWalksBestFirstAndStopsAtTheLimit()
    {
        BookStore store;
        FrameParser parser;
        parser.parse(bookFrame("Y", 1, {QStringLiteral("0.48:200"), QStringLiteral("0.47:500")},
                               {QStringLiteral("0.55:500"), QStringLiteral("0.51:100"), QStringLiteral("0.50:60")}),
                     store);
        const OrderBook &book = store.find("Y")->book;
        const FeeSchedule none;
        TakerFill f = TakerFill::walk(book, Side::Buy, 100 * kUsd, fx("0.52"), none);
        QCOMPARE(f.shares, 100 * kUsd);
        QCOMPARE(f.notional, fx("50.4")); // 60 x 0.50 + 40 x 0.51
        QCOMPARE(f.levels, 2);
        QCOMPARE(f.lastPrice, fx("0.51"));
        QCOMPARE(f.averagePrice(), fx("0.504"));
        f = TakerFill::walk(book, Side::Buy, 300 * kUsd, fx("0.52"), none); // FAK: what the limit allows
        QCOMPARE(f.shares, 160 * kUsd);
        f = TakerFill::walk(book, Side::Buy, 300 * kUsd, 0, none); // no limit: deeper
        QCOMPARE(f.shares, 300 * kUsd);
        QCOMPARE(f.notional, fx("30") + fx("51") + fx("77")); // 60, 100, then 140 at 0.55
        f = TakerFill::walk(book, Side::Sell, 250 * kUsd, fx("0.48"), none);
        QCOMPARE(f.shares, 200 * kUsd); // never below the limit
        // Rounding against the taker: 0.333333 shares at 0.47 is 0.15666651.
        f = TakerFill::walk(book, Side::Sell, 200 * kUsd + fx("0.333333"), 0, none);
        QCOMPARE(f.notional, fx("96") + fx("0.156666"));
        f = TakerFill::walk(book, Side::Buy, fx("0.333333"), 0, none);
        QCOMPARE(f.notional, fx("0.166667")); // 0.1666665 up
    }

    void fadeBuysThePanicAndSellsAfterTheHold()
    {
        BookStore store;
        FrameParser parser;
        SignalTrader trader(settings(StrategyMode::Fade), store);
        parser.parse(bookFrame("Y", 1'000, {QStringLiteral("0.48:200")},
                               {QStringLiteral("0.55:500"), QStringLiteral("0.51:100"), QStringLiteral("0.50:60")}),
                     store);
        parser.parse(bookFrame("N", 1'000, {QStringLiteral("0.50:200")}, {QStringLiteral("0.52:200")}), store);
        trader.setNow(1'000);
        trader.onSignal(signal("Y", SignalType::PanicSell, SignalSide::Buy, 900, 1));
        // The same episode seen from the NO side: not a second trade.
        trader.onSignal(signal("N", SignalType::FomoBuy, SignalSide::Sell, 900, 2));
        QCOMPARE(trader.skips().busy, 1);
        parser.parse(bookFrame("Y", 30'000, {QStringLiteral("0.53:50"), QStringLiteral("0.52:100")}, {QStringLiteral("0.56:10")}), store);
        trader.afterTop(*store.find("Y"), 30'000);
        QVERIFY(trader.trades().empty()); // the hold is a minute
        trader.afterTop(*store.find("N"), 61'000); // the clock moves on another asset: Y is quiet but due
        QCOMPARE(trader.trades().size(), std::size_t(1));
        const StrategyTrade &t = trader.trades().front();
        QCOMPARE(t.side, Side::Buy);
        QCOMPARE(t.entryMs, std::int64_t(1'000));
        QCOMPARE(t.exitMs, std::int64_t(61'000));
        QCOMPARE(t.exitReason, ExitReason::Hold);
        QCOMPARE(t.entryNotional, fx("50.4"));
        QCOMPARE(t.exitNotional, fx("52.5")); // 50 x 0.53 + 50 x 0.52
        // Fees: 60 x 0.05 x 0.25 + 40 x 0.05 x 0.2499 + 50 x 0.05 x 0.2491 + 50 x 0.05 x 0.2496.
        QCOMPARE(t.fees, fx("0.75") + fx("0.4998") + fx("0.62275") + fx("0.624"));
        QCOMPARE(t.pnl(), fx("52.5") - fx("50.4") - fx("2.49655"));
    }

    void followShortsThePanicAndStopsOut()
    {
        BookStore store;
        FrameParser parser;
        StrategySettings s = settings(StrategyMode::Follow);
        s.stop = fx("0.03");
        SignalTrader trader(s, store);
        parser.parse(bookFrame("Y", 1'000, {QStringLiteral("0.48:200")}, {QStringLiteral("0.50:100")}), store);
        trader.setNow(1'000);
        trader.onSignal(signal("Y", SignalType::PanicSell, SignalSide::Buy, 1'000, 1));
        parser.parse(bookFrame("Y", 2'000, {QStringLiteral("0.47:200")}, {QStringLiteral("0.50:100")}), store);
        trader.afterTop(*store.find("Y"), 2'000);
        QVERIFY(trader.trades().empty()); // 2 cents against: inside the stop
        parser.parse(bookFrame("Y", 3'000, {QStringLiteral("0.49:200")}, {QStringLiteral("0.51:100")}), store);
        trader.afterTop(*store.find("Y"), 3'000);
        QCOMPARE(trader.trades().size(), std::size_t(1));
        const StrategyTrade &t = trader.trades().front();
        QCOMPARE(t.side, Side::Sell);
        QCOMPARE(t.exitReason, ExitReason::Stop);
        QCOMPARE(t.entryNotional, fx("48"));
        QCOMPARE(t.exitNotional, fx("51"));
        QCOMPARE(t.pnl(), fx("48") - fx("51") - fx("1.248") - fx("1.2495"));
    }

    void avoidAndUntradableSignalsAreSkipped()
    {
        BookStore store;
        FrameParser parser;
        SignalTrader trader(settings(StrategyMode::Fade), store);
        parser.parse(bookFrame("Y", 1'000, {QStringLiteral("0.48:200")}, {}), store);
        trader.setNow(1'000);
        trader.onSignal(signal("Y", SignalType::LiquidityVacuum, SignalSide::Avoid, 1'000, 1));
        trader.onSignal(signal("Y", SignalType::PanicSell, SignalSide::Buy, 1'000, 2)); // no asks to buy
        trader.onSignal(signal("Z", SignalType::PanicSell, SignalSide::Buy, 1'000, 3)); // no book at all
        QCOMPARE(trader.skips().noBook, 2);
        parser.parse(bookFrame("Y", 2'000, {QStringLiteral("0.48:200")}, {QStringLiteral("0.60:100")}), store);
        trader.setNow(2'000);
        Signal late = signal("Y", SignalType::PanicSell, SignalSide::Buy, 2'000, 4);
        late.bestAsk = fx("0.50"); // the ask ran 10 cents away before the order arrived
        trader.onSignal(late);
        QCOMPARE(trader.skips().noDepth, 1);
        trader.finish();
        QVERIFY(trader.trades().empty());
    }

    void aTradeStillOpenAtTheEndExitsAtTheBookOrCountsAsLost()
    {
        BookStore store;
        FrameParser parser;
        StrategySettings s = settings(StrategyMode::Fade);
        s.fees = FeeSchedule{};
        SignalTrader trader(s, store);
        parser.parse(bookFrame("Y", 1'000, {QStringLiteral("0.48:40")}, {QStringLiteral("0.50:100")}), store);
        trader.setNow(1'000);
        trader.onSignal(signal("Y", SignalType::PanicSell, SignalSide::Buy, 1'000, 1));
        trader.finish(); // 40 shares find a bid, 60 do not
        QCOMPARE(trader.trades().size(), std::size_t(1));
        const StrategyTrade &t = trader.trades().front();
        QCOMPARE(t.exitReason, ExitReason::End);
        QCOMPARE(t.exitNotional, fx("19.2"));
        QCOMPARE(t.unclosedShares, 60 * kUsd);
        QCOMPARE(t.pnl(), fx("19.2") - fx("50")); // the 60 unsold count as worthless
    }

    void statsAreExactAndTheDrawdownFollowsTheCurve()
    {
        const std::vector<StrategyTrade> trades{trade(100, 3 * kUsd), trade(200, -1 * kUsd),
                                                trade(300, -4 * kUsd, SignalType::DepthPull), trade(400, 4 * kUsd)};
        const StrategyStats s = StrategyStats::of(trades);
        QCOMPARE(s.trades, 4);
        QCOMPARE(s.wins, 2);
        QCOMPARE(s.losses, 2);
        QCOMPARE(s.pnl, 2 * kUsd);
        QCOMPARE(s.averageWin, fx("3.5"));
        QCOMPARE(s.averageLoss, -fx("2.5"));
        QCOMPARE(s.maxDrawdown, 5 * kUsd); // from +3 down to -2
        QCOMPARE(s.turnover, 4 * 100 * kUsd + 2 * kUsd);
        QCOMPARE(s.hitRate, 0.5);
        QVERIFY(std::abs(s.sharpePerTrade - 0.5 / std::sqrt(41.0 / 3.0)) < 1e-9);
        QCOMPARE(s.equity.size(), std::size_t(4));
        QCOMPARE(s.equity.back().equity, s.pnl);
        QCOMPARE(s.perType[std::size_t(SignalType::DepthPull)].pnl, -4 * kUsd);
        QCOMPARE(s.perType[std::size_t(SignalType::PanicSell)].trades, 3);
        const StrategyStats window = StrategyStats::of(trades, 200, 400);
        QCOMPARE(window.trades, 2);
        QCOMPARE(window.pnl, -5 * kUsd);
        QCOMPARE(window.maxDrawdown, 5 * kUsd);
        QCOMPARE(StrategyStats::of({}).trades, 0);
    }

    void walkForwardTunesOnOneWindowAndReportsTheNext()
    {
        const std::vector<std::vector<StrategyTrade>> points{
            {trade(100, 5 * kUsd), trade(1'100, -3 * kUsd), trade(2'100, 1 * kUsd)},
            {trade(200, 1 * kUsd), trade(1'200, 4 * kUsd), trade(2'200, -2 * kUsd)}};
        const WalkForwardResult wf = WalkForward::run(points, 0, 3'000, 2);
        QCOMPARE(wf.folds.size(), std::size_t(2));
        QCOMPARE(wf.folds[0].chosen, 0);
        QCOMPARE(wf.folds[0].inSample.pnl, 5 * kUsd);
        QCOMPARE(wf.folds[0].outOfSample.pnl, -3 * kUsd);
        QCOMPARE(wf.folds[1].tuneFromMs, std::int64_t(1'000));
        QCOMPARE(wf.folds[1].chosen, 1);
        QCOMPARE(wf.folds[1].outOfSample.pnl, -2 * kUsd);
        QCOMPARE(wf.inSample.pnl, 9 * kUsd);
        QCOMPARE(wf.outOfSample.pnl, -5 * kUsd); // what tuning bought: nothing
        QCOMPARE(wf.outOfSample.trades, 2);
    }

    void gridIsTheProductWithSignalSettingsOutermost()
    {
        std::vector<GridPoint> points;
        QString error;
        QVERIFY(SettingsGrid::expand({"panic_ask_depth_ratio=2,3", "hold_s=30,60,90"}, SignalSettings{},
                                     StrategySettings{}, points, error));
        QCOMPARE(points.size(), std::size_t(6));
        QCOMPARE(points[0].label, QStringLiteral("panic_ask_depth_ratio=2 hold_s=30"));
        QCOMPARE(points[5].label, QStringLiteral("panic_ask_depth_ratio=3 hold_s=90"));
        QCOMPARE(points[2].signalGroup, 0);
        QCOMPARE(points[3].signalGroup, 1);
        QCOMPARE(points[3].signals.panicAskDepthRatio, 3.0);
        QCOMPARE(points[4].strategy.holdMs, std::int64_t(60'000));
        QVERIFY(SettingsGrid::expand({}, SignalSettings{}, StrategySettings{}, points, error));
        QCOMPARE(points.size(), std::size_t(1));
        QVERIFY(points[0].label.isEmpty());

        for (const auto &bad : std::vector<std::vector<std::string>>{{"no_such_key=1"},
                                                                     {"hold_s=30,abc"},
                                                                     {"stop=1.5"},
                                                                     {"hold_s"},
                                                                     {"hold_s="},
                                                                     {"hold_s=1", "hold_s=2"},
                                                                     {"hold_s=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16",
                                                                      "stop=0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08,0.09,0.1,0.11,0.12,0.13,0.14,0.15,0.16,0.17"}}) {
            QVERIFY(!SettingsGrid::expand(bad, SignalSettings{}, StrategySettings{}, points, error));
            QVERIFY(!error.isEmpty());
        }
    }

    void aReplayReportsProgressAndStopsWhenAsked()
    {
        std::string text;
        for (int i = 0; i < 10'000; ++i)
            text += bookFrame("Y", 1'000 + i, {QStringLiteral("0.48:10")}, {QStringLiteral("0.52:10")}) + '\n';
        ReplayEngine replay;
        replay.loadText(text);
        std::vector<double> seen;
        replay.setProgress([&](double done) {
            seen.push_back(done);
            return true;
        });
        ReplaySummary s = replay.run();
        QCOMPARE(s.frames, std::uint64_t(10'000));
        QVERIFY(!s.stopped);
        QCOMPARE(seen.size(), std::size_t(2)); // every 4096 frames
        QVERIFY(seen[0] > 0.3 && seen[0] < seen[1] && seen[1] < 1.0);

        ReplayEngine cancelled;
        cancelled.loadText(text);
        cancelled.setProgress([](double) { return false; });
        s = cancelled.run();
        QVERIFY(s.stopped);
        QVERIFY(s.frames < 5'000);
    }

    void followUpMeasuresEachHorizonOnTheBookAsItStood()
    {
        BookStore store;
        FrameParser parser;
        SignalFollowUp followUp(FeeSchedule{fx("0.05"), 1});
        auto update = [&](std::int64_t ts, const char *bid, const char *ask) {
            parser.parse(bookFrame("Y", ts, {QString::fromLatin1(bid) + QStringLiteral(":100")},
                                   {QString::fromLatin1(ask) + QStringLiteral(":100")}),
                         store);
            followUp.beforeTop(*store.find("Y"), ts);
            followUp.afterTop(*store.find("Y"));
        };
        update(1'000, "0.49", "0.51");
        Signal s = signal("Y", SignalType::PanicSell, SignalSide::Buy, 1'000, 1);
        s.bestBid = fx("0.49");
        s.bestAsk = fx("0.51");
        s.mid = fx("0.50");
        followUp.onSignal(s);
        update(11'000, "0.51", "0.53");   // mid 0.52
        update(41'000, "0.52", "0.54");   // passes 30 s: the book before it, mid 0.52
        update(131'000, "0.54", "0.56");  // passes 2 min: mid 0.53
        update(400'000, "0.40", "0.42");  // passes 5 min: mid 0.55, out at the bid 0.54
        s.resolved = true;
        s.reverted = true;
        followUp.onOutcome(s);
        const auto q = followUp.quality().summary()[std::size_t(SignalType::PanicSell)];
        QCOMPARE(q.move[0].n, 1);
        QVERIFY(std::abs(q.move[0].mean - 0.02) < 1e-12);
        QVERIFY(std::abs(q.move[1].mean - 0.03) < 1e-12);
        QVERIFY(std::abs(q.move[2].mean - 0.05) < 1e-12);
        // 0.54 - 0.51, less the fee per share both ways: 0.05 x 0.51 x 0.49 and 0.05 x 0.54 x 0.46.
        QVERIFY(std::abs(q.pnlPerShare.mean - (0.03 - 0.012495 - 0.01242)) < 1e-9);
        QCOMPARE(q.resolved, 1);
        QCOMPARE(q.reverted, 1);
        QVERIFY(q.revertedLow > 0.0 && q.revertedLow < 0.5 && q.revertedHigh == 1.0);
        // AVOID signals are not traded, so they have no follow-up.
        followUp.onSignal(signal("Y", SignalType::LiquidityVacuum, SignalSide::Avoid, 500'000, 2));
        update(900'000, "0.40", "0.42");
        QCOMPARE(followUp.quality().summary()[std::size_t(SignalType::LiquidityVacuum)].move[0].n, 0);
    }

    void intervalsNarrowWithMoreSignals()
    {
        BookStore store;
        FrameParser parser;
        SignalFollowUp followUp(FeeSchedule{});
        std::int64_t t = 1'000;
        for (int i = 0; i < 40; ++i, t += 400'000) {
            parser.parse(bookFrame("Y", t, {QStringLiteral("0.49:100")}, {QStringLiteral("0.51:100")}), store);
            followUp.beforeTop(*store.find("Y"), t);
            followUp.afterTop(*store.find("Y"));
            Signal s = signal("Y", SignalType::FomoBuy, SignalSide::Sell, t, std::uint64_t(i));
            s.bestBid = fx("0.49");
            s.bestAsk = fx("0.51");
            s.mid = fx("0.50");
            followUp.onSignal(s);
            // Half the time the price falls 2 cents (a win for a SELL), half it rises 1.
            const bool falls = i % 2 == 0;
            parser.parse(bookFrame("Y", t + 20'000, {QString::fromLatin1(falls ? "0.47:100" : "0.50:100")},
                                   {QString::fromLatin1(falls ? "0.49:100" : "0.52:100")}),
                         store);
            followUp.beforeTop(*store.find("Y"), t + 20'000);
            followUp.afterTop(*store.find("Y"));
        }
        const auto q = followUp.quality().summary()[std::size_t(SignalType::FomoBuy)];
        QCOMPARE(q.move[0].n, 39); // the last one's 30 s never came
        QVERIFY(q.move[0].mean > 0.0 && q.move[0].low < q.move[0].mean && q.move[0].high > q.move[0].mean);
        QVERIFY(q.move[0].high - q.move[0].low < 0.02);
    }

    void aStrategyBacktestCancelsBetweenFramesAndReportsUnreadableFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("frames.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < 10'000; ++i)
            file.write(QByteArray::fromStdString(bookFrame("Y", 1'000 + i, {QStringLiteral("0.48:10")}, {QStringLiteral("0.52:10")}) + '\n'));
        file.close();
        std::vector<GridPoint> points;
        QString problem;
        QVERIFY(SettingsGrid::expand({"hold_s=30,60", "pull_min_levels=3,4"}, SignalSettings{}, settings(StrategyMode::Fade),
                                     points, problem));
        StrategyBacktestResult result;
        std::string error;
        int calls = 0;
        // Stops inside the first replay: the second is never started.
        QVERIFY(StrategyBacktest::run(path.toStdString(), points, result, error, [&](double done) {
            ++calls;
            return done < 0.2;
        }));
        QVERIFY(result.cancelled);
        QVERIFY(calls >= 2);
        QVERIFY(error.empty());

        QVERIFY(StrategyBacktest::run(path.toStdString(), points, result, error));
        QVERIFY(!result.cancelled);
        QCOMPARE(result.trades.size(), std::size_t(4));
        QCOMPARE(result.startMs, std::int64_t(1'000));
        QCOMPARE(result.endMs, std::int64_t(10'999));

        QVERIFY(!StrategyBacktest::run(dir.filePath(QStringLiteral("none.pmcap")).toStdString(), points, result, error));
        QVERIFY(error.find("none.pmcap") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TstStrategy)
#include "tst_strategy.moc"
