#include "analysis/rollingbaseline.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <vector>

using namespace polymon;

// The bucketed baseline against a brute-force recomputation over every
// sample still inside the window.
class TstRollingBaseline final : public QObject
{
    Q_OBJECT

    struct Kept
    {
        std::int64_t bucket;
        BaselineSample sample;
        double volume;
        bool isVolume;
    };

private Q_SLOTS:
    void matchesBruteForce_data()
    {
        QTest::addColumn<int>("buckets");
        QTest::addColumn<int>("bucketSeconds");
        QTest::addColumn<int>("maxStepMs");
        QTest::addRow("1h of 1-minute buckets, dense") << 60 << 60 << 2'000;
        QTest::addRow("1h, sparse with gaps") << 60 << 60 << 240'000;
        QTest::addRow("short window, long gaps") << 5 << 10 << 90'000;
    }
    void matchesBruteForce()
    {
        QFETCH(int, buckets);
        QFETCH(int, bucketSeconds);
        QFETCH(int, maxStepMs);
        RollingBaseline baseline(buckets, bucketSeconds);
        QRandomGenerator rng(7);
        std::vector<Kept> kept;
        std::int64_t ts = 1'700'000'000'000;
        const std::int64_t bucketMs = std::int64_t(bucketSeconds) * 1000;
        for (int i = 0; i < 5000; ++i) {
            ts += rng.bounded(maxStepMs);
            if (rng.bounded(5) == 0) {
                const Fixed size = Fixed(rng.bounded(1, 500)) * 1'000'000;
                baseline.addVolume(ts, size);
                kept.push_back({ts / bucketMs, {}, double(size) / 1e6, true});
            } else {
                BaselineSample s{Fixed(rng.bounded(1, 10'000)) * 1'000'000, Fixed(rng.bounded(1, 10'000)) * 1'000'000,
                                 double(rng.bounded(1, 20)), rng.generateDouble() * 2 - 1};
                baseline.addSample(ts, s);
                kept.push_back({ts / bucketMs, s, 0, false});
            }
            if (i % 97 != 0)
                continue;
            const std::int64_t newest = ts / bucketMs;
            double bid = 0, ask = 0, spread = 0, imbalance = 0, volume = 0;
            std::vector<double> bids, asks, spreads, imbalances; // for the dispersion, two-pass
            std::int64_t count = 0;
            std::vector<std::int64_t> warm;
            for (const Kept &k : kept) {
                if (k.bucket <= newest - buckets)
                    continue;
                if (std::find(warm.begin(), warm.end(), k.bucket) == warm.end())
                    warm.push_back(k.bucket);
                if (k.isVolume) {
                    volume += k.volume;
                    continue;
                }
                ++count;
                bid += double(k.sample.bandBidDepth) / 1e6;
                ask += double(k.sample.bandAskDepth) / 1e6;
                spread += k.sample.spreadTicks;
                imbalance += k.sample.imbalance;
                bids.push_back(double(k.sample.bandBidDepth) / 1e6);
                asks.push_back(double(k.sample.bandAskDepth) / 1e6);
                spreads.push_back(k.sample.spreadTicks);
                imbalances.push_back(k.sample.imbalance);
            }
            QCOMPARE(baseline.sampleCount(), count);
            QCOMPARE(baseline.warmBuckets(), int(warm.size()));
            if (count > 0) {
                QVERIFY(qAbs(baseline.meanBidDepth() - bid / double(count)) < 1e-6);
                QVERIFY(qAbs(baseline.meanAskDepth() - ask / double(count)) < 1e-6);
                QVERIFY(qAbs(baseline.meanSpreadTicks() - spread / double(count)) < 1e-9);
                QVERIFY(qAbs(baseline.meanImbalance() - imbalance / double(count)) < 1e-9);
            }
            if (count > 1) {
                auto sd = [](const std::vector<double> &v) {
                    double mean = 0, ss = 0;
                    for (double x : v)
                        mean += x;
                    mean /= double(v.size());
                    for (double x : v)
                        ss += (x - mean) * (x - mean);
                    return std::sqrt(ss / double(v.size() - 1));
                };
                QVERIFY(qAbs(baseline.sdBidDepth() - sd(bids)) < 1e-6 * (1 + sd(bids)));
                QVERIFY(qAbs(baseline.sdAskDepth() - sd(asks)) < 1e-6 * (1 + sd(asks)));
                QVERIFY(qAbs(baseline.sdSpreadTicks() - sd(spreads)) < 1e-9 * (1 + sd(spreads)));
                QVERIFY(qAbs(baseline.sdImbalance() - sd(imbalances)) < 1e-9 * (1 + sd(imbalances)));
            } else {
                QCOMPARE(baseline.sdBidDepth(), 0.0);
            }
            QVERIFY(qAbs(baseline.volumePerBucket() - (warm.empty() ? 0.0 : volume / double(warm.size()))) < 1e-6);
        }
    }

    void memoryIsBounded()
    {
        // Whatever the history, the baseline holds its fixed ring only.
        RollingBaseline baseline(60, 60);
        for (std::int64_t t = 0; t < 48LL * 3'600'000; t += 500)
            baseline.addSample(t, BaselineSample{1'000'000, 2'000'000, 2.0, 0.0});
        QCOMPARE(baseline.bucketCount(), 60);
        QCOMPARE(baseline.warmBuckets(), 60);
        QCOMPARE(baseline.sampleCount(), 60 * 120);
        QCOMPARE(baseline.meanAskDepth(), 2.0);
        QCOMPARE(baseline.sdAskDepth(), 0.0); // a flat book: no dispersion, never a negative variance
    }

    void lateEventsCountInTheNewestBucket()
    {
        RollingBaseline baseline(3, 1);
        baseline.addSample(10'000, BaselineSample{1'000'000, 0, 1, 0});
        baseline.addSample(5'000, BaselineSample{3'000'000, 0, 1, 0}); // out of order
        QCOMPARE(baseline.warmBuckets(), 1);
        QCOMPARE(baseline.meanBidDepth(), 2.0);
    }
};

QTEST_GUILESS_MAIN(TstRollingBaseline)
#include "tst_rollingbaseline.moc"
