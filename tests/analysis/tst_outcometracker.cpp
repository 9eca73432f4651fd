#include "analysis/outcometracker.h"

#include <QTest>

using namespace polymon;

class TstOutcomeTracker final : public QObject
{
    Q_OBJECT

    static Signal signal(SignalSide side)
    {
        Signal s;
        s.assetId = "A";
        s.side = side;
        s.timestampMs = 1'000'000;
        s.bestBid = 490'000;
        s.bestAsk = 510'000;
        s.mid = 500'000;
        s.expectedReversion = 10'000;
        s.baselineSpread = 20'000;
        return s;
    }

    // Feeds (seconds after the signal, bid, ask) and resolves at the horizon.
    static Signal follow(const Signal &s, const QList<QList<double>> &path)
    {
        OutcomeTracker tracker(300'000);
        tracker.track(s);
        for (const auto &p : path)
            tracker.onTop("A", s.timestampMs + std::int64_t(p[0] * 1000), Fixed(p[1] * 1e6), Fixed(p[2] * 1e6));
        tracker.onTop("B", s.timestampMs + 1000, 100'000, 900'000); // another asset: ignored
        auto before = tracker.resolveDue(s.timestampMs + 299'000);
        if (!before.empty())
            qFatal("resolved before the horizon");
        auto done = tracker.resolveDue(s.timestampMs + 300'000);
        if (done.size() != 1)
            qFatal("not resolved at the horizon");
        return done.front();
    }

private Q_SLOTS:
    void buyThatReverts()
    {
        const Signal r = follow(signal(SignalSide::Buy), {{10, 0.47, 0.49}, {30, 0.50, 0.52}, {60, 0.52, 0.54}});
        QVERIFY(r.resolved);
        QVERIFY(r.reverted);
        QCOMPARE(r.reversionTimeS, 30.0); // mid 0.51 >= 0.50 + 0.01
        // Touch to touch: bought at the ask 0.51, sold at the bid.
        QCOMPARE(r.maxProfit, Fixed(10'000));  // bid 0.52 - 0.51
        QCOMPARE(r.maxAdverse, Fixed(40'000)); // 0.51 - bid 0.47
    }

    void buyThatKeepsFalling()
    {
        const Signal r = follow(signal(SignalSide::Buy), {{5, 0.48, 0.50}, {100, 0.44, 0.46}});
        QVERIFY(!r.reverted);
        QCOMPARE(r.reversionTimeS, -1.0);
        QCOMPARE(r.maxProfit, Fixed(-20'000)); // never better than the spread at entry under water
        QCOMPARE(r.maxAdverse, Fixed(70'000)); // 0.51 - bid 0.44
    }

    void sellThatReverts()
    {
        const Signal r = follow(signal(SignalSide::Sell), {{20, 0.48, 0.50}, {40, 0.46, 0.48}});
        QVERIFY(r.reverted);
        QCOMPARE(r.reversionTimeS, 20.0); // mid 0.49 <= 0.50 - 0.01
        QCOMPARE(r.maxProfit, Fixed(10'000)); // sold at the bid 0.49, bought back at the ask 0.48
        QCOMPARE(r.maxAdverse, Fixed(20'000)); // the spread at entry: never worse
    }

    void movesAfterTheHorizonDoNotCount()
    {
        Signal s = signal(SignalSide::Buy);
        const Signal r = follow(s, {{301, 0.60, 0.62}});
        QVERIFY(!r.reverted);
        QCOMPARE(r.maxProfit, Fixed(-20'000));
    }

    void avoidRevertsWhenTheSpreadComesBack()
    {
        Signal s = signal(SignalSide::Avoid);
        s.bestBid = 400'000;
        s.bestAsk = 600'000;
        const Signal r = follow(s, {{10, 0.42, 0.58}, {45, 0.49, 0.52}});
        QVERIFY(r.reverted);
        QCOMPARE(r.reversionTimeS, 45.0); // spread 0.03 <= 1.5 x 0.02
        QCOMPARE(r.maxProfit, Fixed(0));
    }
};

QTEST_GUILESS_MAIN(TstOutcomeTracker)
#include "tst_outcometracker.moc"
