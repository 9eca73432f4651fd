#include "analysis/signalengine.h"
#include "book/bookstore.h"
#include "protocol/frameparser.h"
#include "sim/simengine.h"
#include "sim/simwarmup.h"

#include <QTest>

using namespace polymon;

namespace {
struct Counter final : SignalListener
{
    std::vector<Signal> fired;
    int outcomes = 0;
    void onSignal(const Signal &s) override { fired.push_back(s); }
    void onOutcome(const Signal &) override { ++outcomes; }
};
constexpr std::int64_t kNow = 1'767'225'600'000;
// The exchange opening now, a scripted panic one minute in, for four minutes.
void runLiveMinutes(SignalEngine &engine, SimEngine &live)
{
    live.scheduleEpisodes(kNow + 60'000, kNow + 4 * 60'000, 3 * 60'000);
    BookStore store(&engine);
    FrameParser parser;
    for (const std::string &id : live.allAssetIds())
        parser.parse(live.bookEvent(id, kNow), store);
    for (double t = double(kNow); t < double(kNow + 4 * 60'000); t += 25.0)
        parser.parse(live.next(std::int64_t(t)).json, store);
    engine.flush();
}

} // namespace

// The simulator's warm-up: baselines learned from the same seed's simulated
// past, silently, so the first scripted episode is caught at once.
class TstSimWarmup final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void warmBaselinesCatchTheFirstEpisode()
    {
        const SignalSettings settings;
        Counter counter;
        SignalEngine engine(settings, &counter);
        SimWarmup::run(engine, 9, 4, 40.0, kNow - 30 * 60'000, kNow);
        // Learn only: nothing fired or tracked, but every asset is warm.
        QCOMPARE(counter.fired.size(), std::size_t(0));
        QCOMPARE(counter.outcomes, 0);
        SimEngine live(9, 4);
        for (const std::string &id : live.allAssetIds()) {
            const RollingBaseline *b = engine.baseline(id);
            QVERIFY(b);
            QVERIFY2(b->warmBuckets() * settings.bucketSeconds / 60 >= settings.fullWarmupMinutes,
                     qPrintable(QString::number(b->warmBuckets())));
        }

        // The panic one minute in is caught within it.
        runLiveMinutes(engine, live);
        const SimEpisode &first = live.episodes().front();
        bool caught = false;
        for (const Signal &s : counter.fired) {
            if (s.type == SignalType::PanicSell && s.timestampMs >= first.startMs && s.timestampMs <= first.doneMs)
                caught = true;
        }
        QVERIFY2(caught, qPrintable(QStringLiteral("%1 signals, none a panic in the episode").arg(counter.fired.size())));
    }

    void coldBaselinesStayQuiet()
    {
        // Without the warm-up the same minute fires nothing: the baseline is too young.
        Counter counter;
        SignalEngine engine(SignalSettings{}, &counter);
        SimEngine live(9, 4);
        runLiveMinutes(engine, live);
        QCOMPARE(counter.fired.size(), std::size_t(0));
    }

    void retargetedEpisodesMoveTheirLabels()
    {
        SimEngine sim(3, 8);
        sim.scheduleEpisodes(kNow, kNow + 30 * 60'000, 3 * 60'000);
        sim.retargetPendingEpisodes({5});
        for (std::size_t i = 0; i < sim.episodes().size(); ++i) {
            QCOMPARE(sim.episodes()[i].market, 5);
            QCOMPARE(sim.labels()[2 * i].assetId, sim.markets()[5].yesToken);
            QCOMPARE(sim.labels()[2 * i + 1].assetId, sim.markets()[5].noToken);
        }
    }
};

QTEST_GUILESS_MAIN(TstSimWarmup)
#include "tst_simwarmup.moc"
