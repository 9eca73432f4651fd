#include "laddermodel.h"
#include "signalfilterproxy.h"
#include "signallogmodel.h"
#include "mainwindow.h"
#include "marketlistmodel.h"
#include "monitor/monitorservice.h"
#include "watchtablemodel.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QThread>

using namespace polymon;

// The desktop window on the offscreen platform, fed by the simulated exchange
// through the worker-thread service, as `make run` does without network.
class TstMainWindow final : public QObject
{
    Q_OBJECT

    QThread m_worker;
    MonitorService *m_service = nullptr;

    void startService(MainWindow *&window)
    {
        MonitorService::Options options;
        options.forceSimulated = true;
        options.seed = 11;
        options.simRate = 200;
        m_service = new MonitorService(options);
        m_service->moveToThread(&m_worker);
        m_worker.start();
        window = new MainWindow(m_service);
        QMetaObject::invokeMethod(m_service, &MonitorService::start, Qt::QueuedConnection);
    }

    void stopService(MainWindow *window)
    {
        QMetaObject::invokeMethod(m_service, &MonitorService::stop, Qt::BlockingQueuedConnection);
        delete window;
        m_worker.quit();
        m_worker.wait();
        delete m_service;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("polymon-test"));
        QSettings().clear();
    }

    void simulatedWindowShowsLiveBooks()
    {
        MainWindow *window = nullptr;
        startService(window);
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QVERIFY(window->windowTitle().contains(QLatin1String("SIMULATED")));
        // First start watches the three most active markets: six outcomes.
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        auto *watchView = window->findChild<QTableView *>(QStringLiteral("watchView"));
        auto *watch = qobject_cast<WatchTableModel *>(watchView->model());
        QVERIFY(watch);
        QAbstractItemModelTester tester(watch, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(watch->data(watch->index(0, WatchTableModel::Status), Qt::DisplayRole).toString()
                                     == QLatin1String("live"),
                                 10000);
        const QString bid = watch->data(watch->index(0, WatchTableModel::Bid), Qt::DisplayRole).toString();
        QVERIFY2(bid.endsWith(QStringLiteral("¢")), qPrintable(bid));

        // The ladder of the selected outcome fills with both sides.
        auto *ladderView = window->findChild<QTableView *>(QStringLiteral("ladderView"));
        auto *ladder = qobject_cast<LadderModel *>(ladderView->model());
        QVERIFY(ladder);
        QTRY_VERIFY_WITH_TIMEOUT(ladder->rowCount() > 4, 10000);

        // Watching another market subscribes both its tokens.
        window->watchMarketRow(10);
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 8, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(watch->data(watch->index(7, WatchTableModel::Status), Qt::DisplayRole).toString()
                                     == QLatin1String("live"),
                                 10000);
        // A screenshot of the live window, for people to look at.
        window->resize(1360, 820);
        const QString shot = QStringLiteral(POLYMON_SCREENSHOT_DIR "/main-window.png");
        QVERIFY(window->grab().save(shot));
        QVERIFY(QImage(shot).width() >= 1000);

        stopService(window);

        // The watchlist persists for the next start.
        QCOMPARE(QSettings().value(QStringLiteral("watchlist/simulated")).toStringList().size(), 4);
    }

    void modelsPassTheModelTester()
    {
        MarketListModel markets;
        QAbstractItemModelTester t1(&markets, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MarketInfo m;
        m.question = QStringLiteral("Q?");
        m.conditionId = QStringLiteral("0x1");
        m.tokenIds = {QStringLiteral("1"), QStringLiteral("2")};
        markets.setMarkets({m, m});
        markets.setWatched({QStringLiteral("0x1")});
        QCOMPARE(markets.rowCount(), 2);

        LadderModel ladder;
        QAbstractItemModelTester t2(&ladder, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ladder.setLevels({{500000, 2'000'000}, {490000, 1'000'000}}, {{510000, 4'000'000}});
        QCOMPARE(ladder.rowCount(), 3);
        // Ask on top, then best bid: the spread sits between rows 0 and 1.
        QCOMPARE(ladder.data(ladder.index(0, LadderModel::Price), Qt::DisplayRole).toString(), QStringLiteral("0.51"));
        QCOMPARE(ladder.data(ladder.index(1, LadderModel::Price), Qt::DisplayRole).toString(), QStringLiteral("0.50"));
        QCOMPARE(ladder.data(ladder.index(1, LadderModel::BarFractionRole), LadderModel::BarFractionRole).toDouble(), 0.0);
        QCOMPARE(ladder.data(ladder.index(1, LadderModel::BidSize), LadderModel::BarFractionRole).toDouble(), 0.5);
        QVERIFY(ladder.data(ladder.index(1, LadderModel::BidSize), LadderModel::IsBestRole).toBool());
        ladder.clear();
        QCOMPARE(ladder.rowCount(), 0);

        SignalLogModel log;
        SignalFilterProxy proxy;
        proxy.setSourceModel(&log);
        QAbstractItemModelTester t3(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t4(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        log.setLabel(QStringLiteral("1"), QStringLiteral("Yes · Will it rain?"));
        Signal a;
        a.id = 1;
        a.assetId = "1";
        a.type = SignalType::PanicSell;
        a.side = SignalSide::Buy;
        a.timestampMs = 1000;
        a.confidence = 80;
        Signal b = a;
        b.id = 2;
        b.assetId = "2";
        b.type = SignalType::LiquidityVacuum;
        b.side = SignalSide::Avoid;
        b.timestampMs = 2000;
        b.confidence = 45;
        log.addSignal(a);
        log.addSignal(b);
        QCOMPARE(log.rowCount(), 2);
        QCOMPARE(log.data(log.index(1, SignalLogModel::Market), Qt::DisplayRole).toString(), QStringLiteral("Yes · Will it rain?"));
        QCOMPARE(log.data(log.index(1, SignalLogModel::Reverted), Qt::DisplayRole).toString(), QStringLiteral("open"));
        a.resolved = true;
        a.reverted = true;
        a.reversionTimeS = 12;
        a.maxProfit = 20'000;
        log.resolve(a); // outcome columns fill in
        QCOMPARE(log.data(log.index(1, SignalLogModel::Reverted), Qt::DisplayRole).toString(), QStringLiteral("yes"));
        QCOMPARE(log.data(log.index(1, SignalLogModel::MaxProfit), Qt::DisplayRole).toString(), QStringLiteral("2.0¢"));
        proxy.setType(QStringLiteral("PANIC_SELL"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setType(QString());
        proxy.setMinConfidence(50);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setMinConfidence(0);
        proxy.setMarketText(QStringLiteral("rain"));
        QCOMPARE(proxy.rowCount(), 1);
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
