#include "analysis/signaldetector.h"

#include <QTest>

using namespace polymon;

// Each rule fires on its pattern and stays quiet on calm books. Inputs are
// what SignalEngine hands the detector: metrics against a warm baseline.
class TstSignalDetector final : public QObject
{
    Q_OBJECT

    static DetectorInput calm()
    {
        DetectorInput in;
        BookMetrics &m = in.metrics;
        m.hasBid = m.hasAsk = true;
        m.bestBid = 490'000;
        m.bestAsk = 510'000;
        m.spread = 20'000;
        m.mid = 500'000;
        m.bandBidDepth = 5'000'000'000; // 5,000 contracts
        m.bandAskDepth = 5'000'000'000;
        m.bidDepth = m.bandBidDepth;
        m.askDepth = m.bandAskDepth;
        in.nearBid = m.bandBidDepth; // the mid has not moved
        in.nearAsk = m.bandAskDepth;
        m.imbalance = 0.0;
        in.health = Health{true, true, true};
        in.baselineBid = 5000;
        in.baselineAsk = 5000;
        in.baselineSpreadTicks = 2.0;
        in.tick = 10'000;
        in.warmMinutes = 60;
        in.peakBid = m.bandBidDepth;
        in.peakAsk = m.bandAskDepth;
        in.startBid = m.bandBidDepth;
        in.startAsk = m.bandAskDepth;
        in.earlierBid = m.bandBidDepth; // 30 s ago, the same
        in.earlierAsk = m.bandAskDepth;
        in.sdBid = in.sdAsk = 1000;
        in.sdSpreadTicks = 0.5;
        return in;
    }

    static void setDepth(DetectorInput &in, double bid, double ask)
    {
        in.metrics.bandBidDepth = Fixed(bid * 1e6);
        in.metrics.bandAskDepth = Fixed(ask * 1e6);
        in.metrics.imbalance = (bid - ask) / (bid + ask);
        in.nearBid = in.metrics.bandBidDepth;
        in.nearAsk = in.metrics.bandAskDepth;
    }

    static void setSpread(DetectorInput &in, Fixed bid, Fixed ask)
    {
        in.metrics.bestBid = bid;
        in.metrics.bestAsk = ask;
        in.metrics.spread = ask - bid;
        in.metrics.mid = (bid + ask) / 2;
    }

private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<int>("scenario");
        QTest::addColumn<QStringList>("expected"); // "TYPE SIDE"
        QTest::addRow("calm book") << 0 << QStringList{};
        QTest::addRow("panic selling") << 1 << QStringList{QStringLiteral("PANIC_SELL BUY")};
        QTest::addRow("ask spike without spread widening") << 2 << QStringList{};
        QTest::addRow("fomo buying") << 3 << QStringList{QStringLiteral("FOMO_BUY SELL")};
        QTest::addRow("bid spike balanced by asks") << 4 << QStringList{};
        QTest::addRow("liquidity vacuum") << 5 << QStringList{QStringLiteral("LIQUIDITY_VACUUM AVOID")};
        QTest::addRow("bids pulled by cancels") << 6 << QStringList{QStringLiteral("DEPTH_PULL SELL")};
        QTest::addRow("bids taken by trades") << 7 << QStringList{};
        QTest::addRow("one order cancelled") << 8 << QStringList{};
        QTest::addRow("asks pulled by cancels") << 9 << QStringList{QStringLiteral("DEPTH_PULL BUY")};
        QTest::addRow("panic on an unhealthy book") << 10 << QStringList{};
        QTest::addRow("bids step back while asks pile in") << 12 << QStringList{};
        QTest::addRow("vacuum for a blink") << 14 << QStringList{};
        QTest::addRow("asks drifted up over minutes") << 15 << QStringList{};
        QTest::addRow("both sides churn") << 13 << QStringList{};
        QTest::addRow("baseline still warming up") << 11 << QStringList{};
    }

    void rules()
    {
        QFETCH(int, scenario);
        QFETCH(QStringList, expected);
        DetectorInput in = calm();
        switch (scenario) {
        case 1: setDepth(in, 4000, 20000); setSpread(in, 470'000, 510'000); break;
        case 2: setDepth(in, 4000, 20000); break;
        case 3: setDepth(in, 20000, 4000); setSpread(in, 490'000, 530'000); break;
        case 4: setDepth(in, 20000, 9000); setSpread(in, 490'000, 530'000); break;
        case 5:
            setDepth(in, 500, 400);
            setSpread(in, 420'000, 580'000);
            in.health.spreadOk = false;
            in.vacuumHeldMs = 5'000;
            break;
        case 14:
            setDepth(in, 500, 400);
            setSpread(in, 420'000, 580'000);
            in.health.spreadOk = false;
            in.vacuumHeldMs = 500;
            break;
        case 15: // the same panic picture, but the asks were already there 30 s ago
            setDepth(in, 4000, 20000);
            setSpread(in, 470'000, 510'000);
            in.earlierAsk = 16'000'000'000;
            break;
        case 6:
            setDepth(in, 800, 5000);
            in.peakBid = 5'000'000'000;
            in.bidLevelsRemoved = 6;
            break;
        case 7:
            setDepth(in, 800, 5000);
            in.peakBid = 5'000'000'000;
            in.bidLevelsRemoved = 6;
            in.tradedAgainstBid = 4'000'000'000; // the depth was traded away
            break;
        case 8:
            setDepth(in, 800, 5000);
            in.peakBid = 5'000'000'000;
            in.bidLevelsRemoved = 1;
            break;
        case 9:
            setDepth(in, 5000, 700);
            in.peakAsk = 5'000'000'000;
            in.askLevelsRemoved = 5;
            break;
        case 10: setDepth(in, 4000, 20000); setSpread(in, 400'000, 510'000); in.health.spreadOk = false; break;
        case 11: setDepth(in, 4000, 20000); setSpread(in, 470'000, 510'000); in.warmMinutes = 3; break;
        case 12: // the onset of a panic, not a pull: asks grew 1.8x in the window
            setDepth(in, 800, 9000);
            in.peakBid = 5'000'000'000;
            in.bidLevelsRemoved = 6;
            break;
        case 13: // ordinary churn: the asks lost levels too
            setDepth(in, 800, 5000);
            in.peakBid = 5'000'000'000;
            in.bidLevelsRemoved = 6;
            in.askLevelsRemoved = 3;
            break;
        default: break;
        }
        SignalSettings settings;
        SignalDetector detector(settings);
        std::vector<Signal> out;
        detector.evaluate(in, {}, out);
        QStringList got;
        for (const Signal &s : out) {
            got << QStringLiteral("%1 %2").arg(QLatin1String(signalTypeName(s.type)), QLatin1String(signalSideName(s.side)));
            QVERIFY(s.confidence >= 0 && s.confidence <= 100);
            QVERIFY(!s.description.empty());
            if (s.side != SignalSide::Avoid)
                QVERIFY(s.expectedReversion >= settings.minExpectedReversion);
        }
        QCOMPARE(got, expected);
    }

    void theSeedsExampleFires()
    {
        // "Panic selling detected: Ask depth 2.3x baseline, spread 150% wider":
        // a warm, healthy book (an hour of baseline, ask depth 5,000 +- 1,000,
        // spread 2 ticks +- 0.5) whose ask depth reaches 2.3x while the spread
        // is 2.5x, with the default settings.
        DetectorInput in = calm();
        setDepth(in, 5000, 11500);
        setSpread(in, 475'000, 525'000); // 5 ticks against 2
        SignalSettings settings;
        SignalDetector detector(settings);
        std::vector<Signal> out;
        detector.evaluate(in, {}, out);
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out.front().type, SignalType::PanicSell);
        QCOMPARE(out.front().side, SignalSide::Buy);
        QVERIFY2(out.front().confidence >= 75, QByteArray::number(out.front().confidence));
        QVERIFY(std::abs(out.front().depthRatio - 2.3) < 1e-9);
        QVERIFY(std::abs(out.front().spreadRatio - 2.5) < 1e-9);
    }

    void dispersionConditionsAskForAMoveBeyondTheBooksOwnNoise()
    {
        // The same 2.4x ask flood with the spread doubled, on two books: one
        // whose ask depth barely moves over its hour, one whose ask depth
        // swings by half its mean all the time.
        SignalSettings settings;
        settings.panicAskDepthRatio = 2.0;
        settings.panicSpreadRatio = 1.5;
        settings.panicAskDepthZ = 2.5;
        SignalDetector detector(settings);
        DetectorInput steady = calm();
        setDepth(steady, 4000, 12000);
        setSpread(steady, 470'000, 510'000);
        steady.sdAsk = 300; // deviations of 6 % of the mean
        std::vector<Signal> out;
        detector.evaluate(steady, {}, out);
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out.front().type, SignalType::PanicSell);
        DetectorInput noisy = steady;
        noisy.sdAsk = 4000; // 2.4x is 1.75 of its own deviations: ordinary here
        out.clear();
        detector.evaluate(noisy, {}, out);
        QVERIFY(out.empty());
        // Off (0), the ratios alone decide.
        settings.panicAskDepthZ = 0.0;
        SignalDetector ratiosOnly(settings);
        ratiosOnly.evaluate(noisy, {}, out);
        QCOMPARE(out.size(), std::size_t(1));
        // A book that never moved has a floor under its deviation: a tenth of the mean.
        settings.panicAskDepthZ = 2.5;
        SignalDetector floored(settings);
        DetectorInput flat = steady;
        flat.sdAsk = 0.0;
        setDepth(flat, 4000, 6000); // 1.2x: 2 floored deviations, and under the ratio anyway
        out.clear();
        floored.evaluate(flat, {}, out);
        QVERIFY(out.empty());
    }

    void cooldownSilencesARule()
    {
        DetectorInput in = calm();
        setDepth(in, 4000, 20000);
        setSpread(in, 470'000, 510'000);
        SignalSettings settings;
        SignalDetector detector(settings);
        std::vector<Signal> out;
        std::array<bool, kSignalTypeCount> cooling{};
        cooling[int(SignalType::PanicSell)] = true;
        detector.evaluate(in, cooling, out);
        QVERIFY(out.empty());
    }

    void confidenceGrowsWithStrengthAndWarmup()
    {
        SignalSettings settings;
        SignalDetector detector(settings);
        auto confidenceOf = [&](double askDepth, int warm) {
            DetectorInput in = calm();
            setDepth(in, 4000, askDepth);
            setSpread(in, 470'000, 510'000);
            in.warmMinutes = warm;
            std::vector<Signal> out;
            detector.evaluate(in, {}, out);
            return out.empty() ? -1 : out.front().confidence;
        };
        QVERIFY(confidenceOf(30000, 60) > confidenceOf(17000, 60));
        QVERIFY(confidenceOf(30000, 60) > confidenceOf(30000, 12));
        QCOMPARE(confidenceOf(30000, 5), -1);
    }

    void expectedReversionFollowsThePriceChange()
    {
        DetectorInput in = calm();
        setDepth(in, 4000, 20000);
        setSpread(in, 470'000, 510'000);
        in.priceChange = -60'000; // fell 6 cents
        SignalSettings settings;
        SignalDetector detector(settings);
        std::vector<Signal> out;
        detector.evaluate(in, {}, out);
        QCOMPARE(out.size(), 1u);
        QCOMPARE(out.front().expectedReversion, Fixed(30'000)); // half the move back
        QCOMPARE(out.front().priceChange, Fixed(-60'000));
    }
};

QTEST_GUILESS_MAIN(TstSignalDetector)
#include "tst_signaldetector.moc"
