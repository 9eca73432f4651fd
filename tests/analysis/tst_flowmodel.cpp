#include "book/bookstore.h"
#include "evaluation/detectionscore.h"
#include "evaluation/flowstream.h"
#include "protocol/frameparser.h"

#include <QCryptographicHash>
#include <QTest>

#include <algorithm>

using namespace polymon;

// The independent order-flow model used to evaluate the detector: its
// frames are valid exchange frames, its books stay sane, its episodes do
// what their labels say, and the scorer counts what it should.
class TstFlowModel final : public QObject
{
    Q_OBJECT

    static Signal signalAt(const std::string &asset, SignalType type, std::int64_t ts)
    {
        Signal s;
        s.assetId = asset;
        s.type = type;
        s.timestampMs = ts;
        return s;
    }

private Q_SLOTS:
    void framesAreValidAndBooksStaySane()
    {
        FlowStream::Options o;
        o.seed = 7;
        o.hours = 1.5;
        o.markets = 6;
        FlowStream stream(o);
        BookStore store;
        FrameParser parser;
        std::uint64_t checked = 0;
        stream.run([&](const std::string &frame) {
            parser.parse(frame, store);
            if (++checked % 50 != 0)
                return;
            for (const auto &m : stream.markets())
                QVERIFY(!m->crossed());
        });
        QCOMPARE(parser.stats().errors, std::uint64_t(0));
        QCOMPARE(store.stats().desyncs, std::uint64_t(0)); // every best_bid/best_ask agrees with the book
        QVERIFY(store.stats().entriesApplied > 10'000);
        // YES and NO are one book seen from two sides.
        for (const auto &m : stream.markets()) {
            const AssetBook *yes = store.find(m->yesToken());
            const AssetBook *no = store.find(m->noToken());
            QVERIFY(yes && no && yes->synced() && no->synced());
            if (yes->book.hasBid() && no->book.hasAsk())
                QCOMPARE(no->book.bestAsk(), kFixedScale - yes->book.bestBid());
            QCOMPARE(no->book.bidDepth(), yes->book.askDepth());
        }
    }

    void episodesAreVariedAndApart()
    {
        FlowStream::Options o;
        o.seed = 11;
        o.hours = 12;
        o.markets = 8;
        FlowStream stream(o);
        const auto &labels = stream.labels();
        QVERIFY(labels.size() > 50);
        std::array<int, 4> types{};
        bool small = false, large = false, fast = false, slow = false, withSpread = false, without = false;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const FlowEpisode &e = labels[i].episode;
            ++types[std::size_t(e.type)];
            QVERIFY(e.magnitude >= 1.5 && e.magnitude <= 6.0);
            QVERIFY(e.onsetMs >= 200 && e.onsetMs <= 5'000);
            QVERIFY(e.startMs >= o.startMs + o.warmupMs && e.endMs() < stream.endMs());
            small |= e.magnitude < 2.0;
            large |= e.magnitude > 4.5;
            fast |= e.onsetMs < 500;
            slow |= e.onsetMs > 3'000;
            (e.spreadChange ? withSpread : without) = true;
            // Calm between a market's episodes.
            if (i > 0 && labels[i - 1].conditionId == labels[i].conditionId)
                QVERIFY(e.startMs >= labels[i - 1].episode.endMs() + 60'000);
        }
        for (int n : types)
            QVERIFY(n > 5);
        QVERIFY(small && large && fast && slow && withSpread && without);
    }

    void profilesSpanQuietToBusyAndBothTicks()
    {
        std::mt19937_64 rng(3);
        double minDepth = 1e9, maxDepth = 0, minRate = 1e9, maxRate = 0;
        bool fine = false, coarse = false, low = false, high = false;
        for (int i = 0; i < 200; ++i) {
            const FlowProfile p = FlowProfile::draw(rng);
            minDepth = std::min(minDepth, p.touchSize);
            maxDepth = std::max(maxDepth, p.touchSize);
            minRate = std::min(minRate, p.eventsPerSecond);
            maxRate = std::max(maxRate, p.eventsPerSecond);
            (p.tick == 1'000 ? fine : coarse) = true;
            low |= p.startMid < 100'000;
            high |= p.startMid > 900'000;
            QVERIFY(p.startMid > 0 && p.startMid < kFixedScale && p.startMid % p.tick == 0);
        }
        QVERIFY(maxDepth / minDepth > 30);
        QVERIFY(maxRate / minRate > 10);
        QVERIFY(fine && coarse && low && high);
    }

    void aPanicFloodsTheAsksByItsMagnitude()
    {
        FlowProfile p;
        p.tick = 10'000;
        p.startMid = 500'000;
        p.touchSize = 300;
        p.eventsPerSecond = 2;
        p.spreadTicks = 2;
        const std::int64_t t0 = 1'767'225'600'000;
        FlowMarket market("0xc", "yes", "no", p, 5, t0);
        FlowEpisode e;
        e.type = FlowEpisode::Type::Panic;
        e.startMs = t0 + 60'000;
        e.onsetMs = 2'000;
        e.magnitude = 3.0;
        e.spreadChange = true;
        market.addEpisode(e);
        std::vector<std::string> frames;
        double before = 0;
        while (market.nextEventMs() < e.startMs) {
            market.step(frames);
            before = market.bandDepth(false, 100'000);
        }
        while (market.nextEventMs() <= e.startMs + e.onsetMs + 500)
            market.step(frames);
        const double after = market.bandDepth(false, 100'000);
        QVERIFY2(after / before > 2.4 && after / before < 4.0, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        // Long after it faded the flood is gone.
        while (market.nextEventMs() <= e.endMs() + 60'000)
            market.step(frames);
        QVERIFY(market.bandDepth(false, 100'000) < after * 0.7);
    }

    void theSameSeedWritesTheSameStream()
    {
        auto digest = [](std::uint64_t seed) {
            FlowStream::Options o;
            o.seed = seed;
            o.hours = 0.5;
            o.markets = 3;
            FlowStream stream(o);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            stream.run([&](const std::string &f) { hash.addData(QByteArrayView(f.data(), qsizetype(f.size()))); });
            return hash.result();
        };
        QCOMPARE(digest(5), digest(5));
        QVERIFY(digest(5) != digest(6));
    }

    void scoringCountsAnEpisodeOnceAndCalmFalseAlarms()
    {
        FlowStream::Options o;
        o.seed = 13;
        o.hours = 3;
        o.markets = 2;
        FlowStream stream(o);
        const FlowLabel *panic = nullptr;
        for (const FlowLabel &l : stream.labels()) {
            if (l.episode.type == FlowEpisode::Type::Panic) {
                panic = &l;
                break;
            }
        }
        QVERIFY(panic);
        const std::int64_t t = panic->episode.startMs + 1'500;
        std::vector<Signal> signals{
            signalAt(panic->yesToken, SignalType::PanicSell, t),
            signalAt(panic->noToken, SignalType::FomoBuy, t + 400), // the mirror: the same episode
            signalAt(panic->yesToken, SignalType::DepthPull, t + 800), // inside the episode, wrong type: not a calm alarm
            signalAt(panic->yesToken, SignalType::FomoBuy, o.startMs + o.warmupMs - 60'000), // calm
        };
        const DetectionReport r = DetectionScore::score(stream, signals);
        const auto &p = r.types[std::size_t(SignalType::PanicSell)];
        QCOMPARE(p.signals, 1);
        QCOMPARE(p.truePositives, 1);
        QCOMPARE(p.detectedCount(), 1);
        QCOMPARE(p.meanDelayS(), 1.5);
        QCOMPARE(r.types[std::size_t(SignalType::DepthPull)].truePositives, 0);
        QCOMPARE(r.types[std::size_t(SignalType::DepthPull)].calmFalseAlarms, 0);
        QCOMPARE(r.types[std::size_t(SignalType::FomoBuy)].calmFalseAlarms, 1);
        QCOMPARE(r.calmFalseAlarms, 1);
        QVERIFY(r.calmAssetHours > 3.0 && r.calmAssetHours < 2 * 2 * 3.0);
    }
};

QTEST_GUILESS_MAIN(TstFlowModel)
#include "tst_flowmodel.moc"
