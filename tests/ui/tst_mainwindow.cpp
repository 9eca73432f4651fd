#include "appsettings.h"
#include "backtestdialog.h"
#include "backtestresultmodel.h"
#include "episodecapture.h"
#include "capture/capturewriter.h"
#include "book/bookstore.h"
#include "gammatestserver.h"
#include "laddermodel.h"
#include "eventpane.h"
#include "eventtablemodel.h"
#include "mainwindow.h"
#include "replaytimeline.h"
#include "videopane.h"
#include "eventstudydialog.h"
#include "livesetupwizard.h"
#include "eventlogpane.h"
#include "chatfeedbar.h"
#include "eventlogmodel.h"
#include "priceformat.h"
#include "marketlistmodel.h"
#include "marketview.h"
#include "heatmappane.h"
#include "heatmapview.h"
#include <QTabWidget>
#include "fillsmodel.h"
#include "ordersmodel.h"
#include "positionsmodel.h"
#include "tradingbar.h"
#include "tradingcontroller.h"
#include "trading/tradingservice.h"
#include "monitor/monitorservice.h"
#include "noticebanner.h"
#include "pricechartview.h"
#include "protocol/frameparser.h"
#include "replaybar.h"
#include "settingsdialog.h"
#include "signalfilterproxy.h"
#include "signallogmodel.h"
#include "signalqualitydialog.h"
#include "session/recordingservice.h"
#include "sim/simengine.h"
#include "sim/simexchange.h"
#include "sim/simclob.h"
#include <QWizard>
#include <QToolButton>
#include <QPushButton>
#include "storage/readonlyconnection.h"
#include "storage/signalcsv.h"
#include "storage/storagewriter.h"
#include "themes.h"
#include "tradetapemodel.h"
#include "watchtablemodel.h"
#include "watchlistpane.h"

#include <QAbstractItemModelTester>
#include <cmath>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QDockWidget>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QStatusBar>
#include <QSettings>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolButton>

using namespace polymon;

// The desktop window on the offscreen platform, fed by the simulated exchange
// through the worker-thread service, as `make run` does without network.
class TstMainWindow final : public QObject
{
    Q_OBJECT

    QThread m_worker;
    MonitorService *m_service = nullptr;
    QTemporaryDir m_dir;

    MainWindow *startWindow(MonitorService::Options options)
    {
        m_service = new MonitorService(options);
        m_service->moveToThread(&m_worker);
        m_worker.start();
        auto *window = new MainWindow(m_service);
        window->resize(1440, 900);
        window->show();
        QMetaObject::invokeMethod(m_service, &MonitorService::start, Qt::QueuedConnection);
        return window;
    }

    static MonitorService::Options simOptions(const QString &db = {})
    {
        MonitorService::Options options;
        options.forceSimulated = true;
        options.seed = 11;
        options.simRate = 200;
        options.dbPath = db;
        return options;
    }

    void stopWindow(MainWindow *window)
    {
        QMetaObject::invokeMethod(m_service, &MonitorService::stop, Qt::BlockingQueuedConnection);
        window->close(); // saves geometry and dock state, as on quit
        delete window;
        m_worker.quit();
        m_worker.wait();
        delete m_service;
        m_service = nullptr;
    }

    // Snapshots of the asset in the database so far (a reader beside the app's writer).
    static int recordedSnapshots(const QString &db, const QString &assetId)
    {
        const QString name = QStringLiteral("test-reader");
        int n = 0;
        {
            QSqlDatabase reader = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            reader.setDatabaseName(db);
            reader.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (reader.open()) {
                QSqlQuery q(reader);
                q.prepare(QStringLiteral("SELECT COUNT(*) FROM order_book_snapshot WHERE asset_id = ?"));
                q.addBindValue(assetId);
                if (q.exec() && q.next())
                    n = q.value(0).toInt();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return n;
    }

    static WatchTableModel *watchModel(MainWindow *window)
    {
        return qobject_cast<WatchTableModel *>(window->findChild<QTableView *>(QStringLiteral("watchView"))->model());
    }

    static QString status(WatchTableModel *watch, int row)
    {
        return watch->data(watch->index(row, WatchTableModel::Status), Qt::DisplayRole).toString();
    }

    // A capture as the desktop writes it: notes naming each market, then
    // `minutes` simulated minutes of frames (two a second a market).
    static void writeSimCapture(const QString &path, qint64 t0, int minutes)
    {
        SimExchange source(21, 3);
        SimEngine engine(21, 3);
        {
            CaptureWriter writer;
            std::string error;
            if (!writer.open(path.toStdString(), t0 * 1'000'000, error))
                QFAIL(error.c_str());
            for (const MarketInfo &m : source.catalog())
                writer.writeNote(t0 * 1'000'000, RecordingService::marketNote(m));
            // The recorder's books, checkpointed every minute as the desktop does.
            BookStore books;
            FrameParser parser;
            auto frame = [&](qint64 t, const std::string &json) {
                writer.writeFrame(0, t * 1'000'000, json);
                parser.parse(json, books);
            };
            for (const std::string &id : engine.allAssetIds())
                frame(t0, engine.bookEvent(id, t0));
            for (qint64 t = t0; t < t0 + minutes * 60'000; t += 166) {
                if ((t - t0) % 60'000 < 166)
                    writer.writeCheckpoint(t * 1'000'000, books);
                frame(t, engine.next(t).json);
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // Settings of this run only, so parallel runs cannot clear each other's.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
        QCoreApplication::setOrganizationName(QStringLiteral("polymon-test"));
    }

    void init()
    {
        QSettings().clear();
    }

    void simulatedWindowShowsLiveBooks()
    {
        const QString db = m_dir.filePath(QStringLiteral("session.db"));
        MainWindow *window = startWindow(simOptions(db));
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        // Unmistakable: title, badge and banner.
        QVERIFY(window->windowTitle().contains(QLatin1String("SIMULATED")));
        QVERIFY(window->simulatedBadge()->isVisible());
        QVERIFY(window->banner()->isVisible());
        QVERIFY(window->banner()->text().contains(QLatin1String("SIMULATED")));
        // First start watches the three most active markets: three tabs, six outcomes.
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QCOMPARE(window->marketTabs()->count(), 3);
        WatchTableModel *watch = watchModel(window);
        QAbstractItemModelTester tester(watch, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(status(watch, 0), QStringLiteral("live"), 10000);
        const QString bid = watch->data(watch->index(0, WatchTableModel::Bid), Qt::DisplayRole).toString();
        QVERIFY2(bid.endsWith(QStringLiteral("¢")), qPrintable(bid));

        // The current tab's ladder fills with both sides and a spread row.
        MarketView *view = window->currentMarketView();
        QVERIFY(view);
        LadderModel *ladder = view->ladderModel();
        QTRY_VERIFY_WITH_TIMEOUT(ladder->rowCount() > 4 && ladder->bestBidRow() > ladder->bestAskRow() && ladder->bestAskRow() > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(view->headerText().contains(QLatin1String("bps")), 5000);

        // YES and NO as one book: both at the asks cost at least $1, both at the bids give at most $1.
        {
            const QRegularExpression sums(QStringLiteral("asks (\\d+(?:\\.\\d+)?)¢ · bids (\\d+(?:\\.\\d+)?)¢"));
            QTRY_VERIFY_WITH_TIMEOUT(sums.match(view->pairSumText()).hasMatch(), 5000);
            const auto m = sums.match(view->pairSumText());
            QVERIFY2(m.captured(1).toDouble() >= 100 && m.captured(2).toDouble() <= 100, qPrintable(view->pairSumText()));
        }
        // The YES/NO switch shows the other token's book: its best bid is 1 - YES best ask.
        const QString yesAsset = view->currentAsset();
        auto *noButton = view->findChild<QToolButton *>(QStringLiteral("outcome1"));
        QVERIFY(noButton);
        noButton->click();
        QCOMPARE(view->currentOutcome(), 1);
        QVERIFY(view->currentAsset() != yesAsset);
        QTRY_VERIFY_WITH_TIMEOUT(ladder->bestBidRow() >= 0 && ladder->bestAskRow() >= 0, 5000);
        const qint64 noBid = ladder->data(ladder->index(ladder->bestBidRow(), LadderModel::Price), LadderModel::PriceRole).toLongLong();
        QVERIFY2(noBid > 0 && noBid < kFixedScale, qPrintable(QString::number(noBid)));

        // YES and NO as one book: NO's asks at 1 - p are YES bids, counted once.
        {
            auto *merged = view->findChild<QToolButton *>(QStringLiteral("outcomeMerged"));
            QVERIFY(merged);
            const Fixed noBestAsk = ladder->priceAt(ladder->bestAskRow());
            merged->click();
            QVERIFY(view->showsMerged());
            QCOMPARE(view->currentOutcome(), MarketView::kMergedOutcome);
            QCOMPARE(view->currentAsset(), yesAsset); // priced, and traded, in YES
            QTRY_VERIFY_WITH_TIMEOUT(ladder->bestBidRow() >= 0 && ladder->bestAskRow() >= 0, 5000);
            // The sim's books are mirrors: the merged touch is YES's, NO's best ask seen from the other side.
            QTRY_VERIFY_WITH_TIMEOUT(std::abs(ladder->priceAt(ladder->bestBidRow()) - (kFixedScale - noBestAsk)) <= 20'000, 5000);
            const DepthHistory *mergedDepth = view->depthHistory(QStringLiteral("merged"));
            QVERIFY(mergedDepth);
            QTRY_VERIFY_WITH_TIMEOUT(!mergedDepth->empty(), 5000);
            // The heatmap of the outcome not shown fills too (both tokens' levels reach the screen).
            QTRY_VERIFY_WITH_TIMEOUT(view->depthHistory(yesAsset) && !view->depthHistory(yesAsset)->empty(), 5000);
            QTest::qWait(1500); // a few slices for the picture
            QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/merged-book.png")));
            noButton->click();
            QVERIFY(!view->showsMerged());
        }

        // A tab in the background shows its header as soon as it is brought forward.
        window->marketTabs()->setCurrentIndex(1);
        auto *second = qobject_cast<MarketView *>(window->marketTabs()->widget(1));
        QTRY_VERIFY_WITH_TIMEOUT(second->headerText().contains(QLatin1String("bps")), 5000);
        window->marketTabs()->setCurrentIndex(0);

        // Choosing a market in the browser opens a tab and subscribes both tokens.
        window->watchMarketRow(10);
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 8, 5000);
        QCOMPARE(window->marketTabs()->count(), 4);
        // Enter-to-search says why it cannot search on the simulator.
        {
            QSignalSpy failed(m_service, &MonitorService::searchFailed);
            QMetaObject::invokeMethod(m_service, [s = m_service] { s->searchMarkets(QStringLiteral("fed")); }, Qt::QueuedConnection);
            QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
            QVERIFY(failed.first().at(0).toString().contains(QLatin1String("needs live Polymarket")));
        }
        // The market just chosen comes to the front.
        QCOMPARE(window->currentMarketView()->market().conditionId,
                 window->marketList()->market(10).conditionId);
        QTRY_COMPARE_WITH_TIMEOUT(status(watch, 7), QStringLiteral("live"), 10000);
        QCOMPARE(window->marketList()->data(window->marketList()->index(10, MarketListModel::Question), MarketListModel::WatchedRole).toBool(), true);

        // A screenshot of the live window, for people to look at.
        window->marketTabs()->setCurrentIndex(0);
        // The picture once the shown tab has drawn its ladder and chart.
        QTRY_VERIFY_WITH_TIMEOUT(window->currentMarketView()->ladderModel()->rowCount() > 4
                                     && window->currentMarketView()->headerText().contains(QLatin1String("bps")),
                                 5000);
        const QString shot = QStringLiteral(POLYMON_SCREENSHOT_DIR "/main-window.png");
        QVERIFY(window->grab().save(shot));
        QVERIFY(QImage(shot).width() >= 1000);

        // Recorded before the restart below: the first tab's books.
        for (const QString &token : qobject_cast<MarketView *>(window->marketTabs()->widget(0))->market().tokenIds)
            QTRY_VERIFY_WITH_TIMEOUT(recordedSnapshots(db, token) > 0, 10000);

        // Closing a tab only hides it: still watched, and the watchlist brings it back.
        const QString fourth = qobject_cast<MarketView *>(window->marketTabs()->widget(3))->market().tokenIds[0];
        window->marketTabs()->tabCloseRequested(3);
        QCOMPARE(window->marketTabs()->count(), 3);
        QCOMPARE(window->watchedOutcomes(), 8);
        QVERIFY(AppSettings::watchlist(true).size() == 4);
        Q_EMIT window->findChild<WatchlistPane *>()->outcomeActivated(fourth);
        QCOMPARE(window->marketTabs()->count(), 4);
        QCOMPARE(window->currentMarketView()->currentAsset(), fourth);
        // Stop watching removes it, with Undo for a few seconds.
        Q_EMIT window->findChild<WatchlistPane *>()->unwatchRequested(fourth);
        QCOMPARE(window->marketTabs()->count(), 3);
        QCOMPARE(window->watchedOutcomes(), 6);
        auto *undo = window->findChild<QPushButton *>(QStringLiteral("undoStopWatching"));
        QVERIFY(undo);
        undo->click();
        QCOMPARE(window->watchedOutcomes(), 8);
        QCOMPARE(window->marketTabs()->count(), 4);
        QVERIFY(window->currentMarketView()->owns(fourth));
        // Stop it again for the restart below (three markets).
        Q_EMIT window->findChild<WatchlistPane *>()->unwatchRequested(fourth);
        QCOMPARE(window->watchedOutcomes(), 6);
        stopWindow(window);

        // The watchlist persists, in tab order, for the next start.
        const QList<MarketInfo> saved = AppSettings::watchlist(true);
        QCOMPARE(saved.size(), 3);
        // So do the window's docks and splitters.
        QVERIFY(!QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty());
        QVERIFY(!QSettings().value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
        const qint64 restartMs = QDateTime::currentMSecsSinceEpoch();
        // A signal the last run stored, with its outcome: the log shows it again.
        {
            StorageWriter writer(db);
            writer.start();
            Signal s;
            s.assetId = saved[0].tokenIds[0].toStdString();
            s.market = saved[0].conditionId.toStdString();
            s.type = SignalType::DepthPull;
            s.side = SignalSide::Avoid;
            s.timestampMs = restartMs - 120'000;
            s.confidence = 66;
            s.description = "restored after a restart";
            s.resolved = true;
            s.reverted = true;
            s.reversionTimeS = 42;
            writer.enqueue(SignalRow{s, false});
            writer.enqueue(SignalRow{s, true});
            QVERIFY(writer.waitUntilWritten(5000));
            writer.stop();
        }
        window = startWindow(simOptions(db));
        QTRY_COMPARE_WITH_TIMEOUT(window->marketTabs()->count(), 3, 10000);
        view = qobject_cast<MarketView *>(window->marketTabs()->widget(0));
        QCOMPARE(view->market().conditionId, saved[0].conditionId);
        // The NO side chosen before the restart is shown again.
        QCOMPARE(view->currentOutcome(), 1);
        // Its chart starts with what was recorded before the restart.
        QTRY_VERIFY_WITH_TIMEOUT(view->chart()->firstPointMs(view->currentAsset()) > 0, 5000);
        QVERIFY(view->chart()->firstPointMs(view->currentAsset()) < restartMs);
        // The signal log too, with the outcome as stored.
        {
            SignalLogModel *log = window->findChild<SignalLogModel *>();
            QVERIFY(log);
            QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() >= 1, 5000);
            bool found = false;
            for (int r = 0; r < log->rowCount(); ++r)
                found |= log->data(log->index(r, SignalLogModel::Reverted), Qt::DisplayRole).toString().contains(QLatin1String("yes"));
            QVERIFY(found);
        }
        // So does its heatmap: the recorded books come first, then a gap
        // (nothing recorded while the app was stopped), then the live slices.
        const DepthHistory *depth = view->depthHistory(view->currentAsset());
        QTRY_VERIFY_WITH_TIMEOUT(depth && !depth->empty() && depth->firstMs() < restartMs, 5000);
        QVERIFY(depth->bookAt(depth->firstMs()) != nullptr);
        view->findChild<QTabWidget *>(QStringLiteral("chartTabs"))->setCurrentIndex(1);
        auto *heat = view->findChild<HeatmapView *>(QStringLiteral("heatmap"));
        QTRY_VERIFY_WITH_TIMEOUT(depth->lastMs() > restartMs, 5000);
        QTest::qWait(2500); // a few live slices beside the recorded ones
        heat->repaint();
        QVERIFY2(heat->lastPaintMs() < 200, qPrintable(QString::number(heat->lastPaintMs())));
        // The newest slice, at the right edge of the plot (the price axis is 46 px).
        const QString under = heat->describeAt(QPoint(heat->width() - 46 - 2, (heat->height() - 18) / 2));
        QVERIFY2(under.contains(QLatin1String("bid")) || under.contains(QLatin1String("ask")) || under.contains(QLatin1String("empty")),
                 qPrintable(under));
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/heatmap-live.png")));
        stopWindow(window);
    }

    void recordingReplaysInTheWindow()
    {
        // A capture as the desktop writes it: notes naming each market, then
        // ten simulated minutes of frames (two a second a market).
        const QString path = m_dir.filePath(QStringLiteral("session.pmcap"));
        SimExchange source(21, 3);
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
        writeSimCapture(path, t0, 10);
        MainWindow *window = startWindow(simOptions());
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QMetaObject::invokeMethod(m_service, [s = m_service, path] { s->openRecording(path); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->isReplaying(), 10000);
        // Unmistakable: title, badge, banner, the transport bar; the recorded markets in tabs.
        QVERIFY(window->windowTitle().contains(QLatin1String("REPLAY")));
        QVERIFY(window->replayBadge()->isVisible());
        QVERIFY(!window->simulatedBadge()->isVisible());
        QVERIFY(window->banner()->text().contains(QLatin1String("REPLAY")));
        QVERIFY(window->replayBar()->isVisible());
        QCOMPARE(window->marketTabs()->count(), 3);
        QCOMPARE(window->marketTabs()->tabToolTip(0), source.catalog().first().question);
        // Paused at the start; the first books are there at once after a seek a minute in.
        QMetaObject::invokeMethod(m_service, [s = m_service, t0] { s->replaySeek((t0 + 60'000) * 1'000'000); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->currentMarketView()->ladderModel()->rowCount() > 4, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window->replayBar()->positionText().startsWith(
                                     QDateTime::fromMSecsSinceEpoch(t0 + 60'000).toString(QStringLiteral("HH:mm:ss"))),
                                 5000);
        // Paper on a replay: a practice account of its own, empty and locked, with the same broker.
        QTRY_VERIFY_WITH_TIMEOUT(window->tradingBar()->badge()->text().contains(QLatin1String("PRACTICE")), 5000);
        QVERIFY(window->tradingBar()->isLocked());
        window->trading()->setConfirmation([](const QString &) { return true; });
        window->tradingBar()->lockButton()->click();
        LadderModel *ladder = window->currentMarketView()->ladderModel();
        window->trading()->placeLimit(window->currentMarketView()->currentAsset(), Side::Buy,
                                      ladder->priceAt(ladder->bestBidRow()) - 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(window->trading()->orders()->workingCount(), 1, 5000);
        // As fast as possible to the end.
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->replaySetSpeed(0); s->replayPlay(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->replayBar()->positionText().startsWith(
                                     QDateTime::fromMSecsSinceEpoch(t0 + 599'800).toString(QStringLiteral("HH:mm:"))),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window->currentMarketView()->headerText().contains(QLatin1String("bps")), 5000);
        // Every recorded book is live in the replay, fresh on the recording's clock.
        WatchTableModel *watch = watchModel(window);
        for (int row = 0; row < 6; ++row)
            QTRY_COMPARE_WITH_TIMEOUT(status(watch, row), QStringLiteral("live"), 5000);
        QVERIFY2(!window->currentMarketView()->headerText().contains(QLatin1String("stale")),
                 qPrintable(window->currentMarketView()->headerText()));
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/replay.png")));
        // The heatmap of the replayed book: slices of resting size over the recording's time.
        {
            MarketView *view = window->currentMarketView();
            auto *tabs = view->findChild<QTabWidget *>(QStringLiteral("chartTabs"));
            QVERIFY(tabs);
            tabs->setCurrentIndex(1);
            const DepthHistory *depth = view->depthHistory(view->currentAsset());
            QVERIFY(depth);
            QTRY_VERIFY_WITH_TIMEOUT(depth->columns().size() >= 3, 5000);
            auto *heat = view->findChild<HeatmapView *>(QStringLiteral("heatmap"));
            QVERIFY(heat);
            heat->repaint();
            // At the last slice recorded (under load, an as-fast-as-possible replay's clock may run
            // ahead of the slices published, and the edge beyond them rightly reads "no data").
            const QPoint last = heat->pointOf(depth->columns().back().startMs + 1, 500'000);
            const QString under = heat->describeAt(QPoint(last.x(), (heat->height() - 18) / 2));
            QVERIFY2(under.contains(QLatin1String("bid")) || under.contains(QLatin1String("ask")) || under.contains(QLatin1String("empty")),
                     qPrintable(under));
            QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/heatmap-replay.png")));
            tabs->setCurrentIndex(0);
        }
        // The replay's markets are not the user's watchlist.
        QCOMPARE(AppSettings::watchlist(true).size(), 3);
        QVERIFY(AppSettings::watchlist(true).first().conditionId != QString() );
        // Closing the recording goes back to what ran before (the simulator here).
        window->banner()->primaryButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated() && !window->isReplaying(), 10000);
        QVERIFY(!window->replayBar()->isVisible());
        QVERIFY(!window->replayBadge()->isVisible());
        // Back on the paper account: the practice order is not its.
        QTRY_VERIFY_WITH_TIMEOUT(window->tradingBar()->badge()->text().contains(QLatin1String("PAPER")), 5000);
        QCOMPARE(window->trading()->orders()->workingCount(), 0);
        stopWindow(window);
    }

    void videoFollowsTheReplayInTheWindow()
    {
        const QString path = m_dir.filePath(QStringLiteral("video-session.pmcap"));
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 7'200'000;
        writeSimCapture(path, t0, 2);
        MainWindow *window = startWindow(simOptions());
        window->resize(1024, 700);
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QDockWidget *dock = window->findChild<QDockWidget *>(QStringLiteral("videoDock"));
        QVERIFY(dock);
        dock->toggleViewAction()->trigger();
        dock->toggleViewAction()->trigger(); // View ▸ Video: off (it was "on", in a tab), on and in front
        QTRY_VERIFY(dock->isVisible());
        VideoPane *video = window->videoPane();
        video->openFile(QStringLiteral(POLYMON_VIDEO_DIR "/clock-20s.ogv"));
        QTRY_VERIFY_WITH_TIMEOUT(video->player()->duration() > 19'000, 10000);
        video->alignAt(0, t0 + 60'000); // the video starts a minute into the recording

        QMetaObject::invokeMethod(m_service, [s = m_service, path] { s->openRecording(path); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->isReplaying(), 10000);
        // The replay seeks 5 s into the video: the paused video shows that frame.
        QMetaObject::invokeMethod(m_service, [s = m_service, t0] { s->replaySeek((t0 + 65'000) * 1'000'000); },
                                  Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(qAbs(video->player()->position() - 5'000) <= 100, 10000);
        QVERIFY(video->player()->playbackState() != QMediaPlayer::PlayingState);
        // The replay plays: so does the video, at its speed.
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->replaySetSpeed(1.0); s->replayPlay(); }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(video->player()->playbackState(), QMediaPlayer::PlayingState, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(video->player()->position() > 6'000, 10000);
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/video-replay-1024.png")));
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->replayPause(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(video->player()->playbackState() != QMediaPlayer::PlayingState, 10000);
        // Leaving the replay lets the video play on its own again.
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->leaveReplay(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isReplaying(), 10000);
        window->findChild<QDockWidget *>(QStringLiteral("marketsDock"))->raise();
        stopWindow(window);
    }

    void eventStudyRunsOnTheReplayedRecording()
    {
        const QString path = m_dir.filePath(QStringLiteral("study-session.pmcap"));
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 10'800'000;
        writeSimCapture(path, t0, 3);
        MainWindow *window = startWindow(simOptions());
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QMetaObject::invokeMethod(m_service, [s = m_service, path] { s->openRecording(path); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->isReplaying(), 10000);
        // Events in the Timeline: a dozen goals and a few notes over the recording.
        std::vector<MarketEvent> events;
        for (int i = 0; i < 12; ++i)
            events.push_back(MarketEvent{t0 + 5'000 + i * 12'000, QStringLiteral("goal"), {}, {}, QStringLiteral("goal %1").arg(i), {}});
        for (int i = 0; i < 4; ++i)
            events.push_back(MarketEvent{t0 + 11'000 + i * 30'000, QStringLiteral("note"), {}, {}, {}, {}});
        window->eventLog()->model()->setEvents(events); // only these (the simulator's game told its own)
        window->openEventStudy();
        EventStudyDialog *study = window->eventStudy();
        QVERIFY(study && study->isVisible());
        QSignalSpy done(study, &EventStudyDialog::finished);
        QVERIFY(study->run());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
        QCOMPARE(done.first().first().toBool(), true);
        // Both types, three horizons each, every event of a type counted.
        QCOMPARE(study->table()->rowCount(), 6);
        QCOMPARE(study->table()->item(0, 0)->text(), QStringLiteral("goal"));
        QCOMPARE(study->table()->item(0, 2)->text(), QStringLiteral("5 s"));
        QCOMPARE(study->table()->item(0, 1)->text(), QStringLiteral("12"));
        QCOMPARE(study->table()->item(0, 3)->text(), QStringLiteral("72")); // on each of the six tokens
        QVERIFY(study->table()->item(0, 4)->text().endsWith(QStringLiteral("¢")));
        // Sixteen events cannot train a model: said plainly.
        QVERIFY2(study->modelText().contains(QStringLiteral("too little data")), qPrintable(study->modelText()));
        study->resize(1000, 620);
        QVERIFY(study->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/event-study.png")));
        // A recording that is not there: said, nothing else lost.
        study->findChild<QLineEdit *>(QStringLiteral("studyRecording"))->setText(m_dir.filePath(QStringLiteral("gone.pmcap")));
        QVERIFY(study->run());
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 30000);
        QCOMPARE(done.last().first().toBool(), false);
        QVERIFY(study->statusText().startsWith(QStringLiteral("The recording could not be read")));
        study->close();
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->leaveReplay(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isReplaying(), 10000);
        stopWindow(window);
    }

    void storedEventsComeBackWithTheReplay()
    {
        const QString db = m_dir.filePath(QStringLiteral("stored-events.db"));
        const QString path = m_dir.filePath(QStringLiteral("stored-events.pmcap"));
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 14'400'000;
        writeSimCapture(path, t0, 2);
        MainWindow *window = startWindow(simOptions(db));
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        // The feeds' events of that session, stored as they came (and one outside it).
        std::vector<MarketEvent> stored{
            MarketEvent{t0 + 30'000, QStringLiteral("score home"), {}, {}, QStringLiteral("HOME 1-0 AWAY"), QStringLiteral("sim-market-5")},
            MarketEvent{t0 + 31'000, QStringLiteral("chat_rate"), {}, {}, QStringLiteral("12"), QStringLiteral("sim-market-5")},
            MarketEvent{t0 + 32'000, QStringLiteral("chat_burst"), {}, {}, QStringLiteral("12.0 msg/s"), QStringLiteral("sim-market-5")},
            MarketEvent{t0 + 600'000, QStringLiteral("score away"), {}, {}, QStringLiteral("later"), QStringLiteral("sim-market-5")}};
        QMetaObject::invokeMethod(m_service, [s = m_service, stored] { s->recordEvents(stored, QStringLiteral("sports")); },
                                  Qt::QueuedConnection);
        // A file loaded into the Timeline is kept with the recording too.
        const QString file = m_dir.filePath(QStringLiteral("stored-events.jsonl"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(R"({"ts": %1, "type": "whistle", "text": "from my notes"})").arg(t0 + 40'000).toUtf8() + "\n");
        f.close();
        QVERIFY(window->eventLog()->load(file));
        window->eventLog()->sportsSwitch()->setChecked(false);
        window->eventLog()->chatBar()->chatSwitch()->setChecked(false);
        window->eventLog()->model()->setEvents({});
        QMetaObject::invokeMethod(m_service, [s = m_service, path] { s->openRecording(path); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->isReplaying(), 10000);
        // Those inside the recording's span, listed once (the chat's pace is a series, not listed).
        EventLogModel *log = window->eventLog()->model();
        QTRY_COMPARE_WITH_TIMEOUT(int(log->events().size()), 3, 10000);
        QCOMPARE(log->events()[0].type, QStringLiteral("score home"));
        QCOMPARE(log->events()[1].type, QStringLiteral("chat_burst"));
        QCOMPARE(log->events()[2].type, QStringLiteral("whistle"));
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->leaveReplay(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isReplaying(), 10000);
        stopWindow(window);
    }

    void aRangeOfTheDatabaseReplaysInTheWindow()
    {
        // The simulator recorded for a few seconds, then that range replayed.
        const QString db = m_dir.filePath(QStringLiteral("range-window.db"));
        MonitorService::Options options = simOptions(db);
        options.captureDir = m_dir.filePath(QStringLiteral("range-captures"));
        const qint64 from = QDateTime::currentMSecsSinceEpoch() - 1000;
        MainWindow *window = startWindow(options);
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(recordedSnapshots(db, watchModel(window)->data(watchModel(window)->index(0, 0), WatchTableModel::AssetIdRole).toString()) > 3, 20000);
        const qint64 to = QDateTime::currentMSecsSinceEpoch() + 1000;
        QMetaObject::invokeMethod(m_service, [s = m_service, from, to] { s->openDatabaseRange(from, to); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->isReplaying(), 15000);
        QVERIFY(window->banner()->text().contains(QLatin1String("database")));
        QVERIFY(window->banner()->text().contains(QLatin1String("coarser")));
        QCOMPARE(window->marketTabs()->count(), 3); // the watched markets, named as recorded
        QVERIFY(!window->marketTabs()->tabToolTip(0).startsWith(QLatin1String("Recorded token")));
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->replaySetSpeed(0); s->replayPlay(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->currentMarketView()->ladderModel()->rowCount() > 4, 10000);
        window->resize(1024, 700);
        QTest::qWait(300); // a few snapshots at the new size
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/replay-database.png")));
        // Nothing recorded there: said so, and the replay goes on.
        QSignalSpy failed(m_service, &MonitorService::replayFailed);
        QTimer dismiss; // the window's warning box, closed as a user would
        connect(&dismiss, &QTimer::timeout, this, [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        });
        dismiss.start(100);
        QMetaObject::invokeMethod(m_service, [s = m_service] { s->openDatabaseRange(1000, 2000); }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!QApplication::activeModalWidget(), 5000);
        QVERIFY(window->isReplaying());
        QVERIFY(failed.at(0).at(0).toString().contains(QLatin1String("nothing was recorded")));
        stopWindow(window);
    }

    void aDatabaseReplayOverAGapSaysSo()
    {
        // Two minutes of a token nobody recorded, per the coverage ledger of a store.
        const QString db = m_dir.filePath(QStringLiteral("gap-window.db"));
        const qint64 t0 = 1'767'225'600'000;
        {
            StorageWriter writer(db);
            writer.start();
            writer.enqueue(MarketRow{QStringLiteral("0xgap"), QStringLiteral("Will the gap show?"), QStringLiteral("gap"),
                                     QString(), {QStringLiteral("9001"), QStringLiteral("9002")},
                                     {QStringLiteral("Yes"), QStringLiteral("No")}});
            BookMetrics m;
            m.hasBid = m.hasAsk = true;
            m.bestBid = 480'000;
            m.bestAsk = 500'000;
            for (qint64 s = 0; s < 240; ++s) {
                if (s < 60 || s >= 180)
                    writer.enqueue(SnapshotRow{QStringLiteral("9001"), t0 + s * 1'000, m, "[[\"0.48\",\"10\"]]",
                                               "[[\"0.5\",\"10\"]]", 10'000});
            }
            writer.enqueue(SpanRow{QStringLiteral("a"), t0, t0 + 240'000, QStringLiteral("machine-a")});
            writer.enqueue(CoverageRow{QStringLiteral("a"), QStringLiteral("9001"), t0, t0 + 60'000});
            writer.enqueue(CoverageRow{QStringLiteral("a"), QStringLiteral("9001"), t0 + 180'000, t0 + 240'000});
            QVERIFY2(writer.waitUntilWritten(20'000), qPrintable(writer.stats().lastError));
        }
        MonitorService::Options options = simOptions(db);
        options.captureDir = m_dir.filePath(QStringLiteral("gap-captures"));
        MainWindow *window = startWindow(options);
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QMetaObject::invokeMethod(m_service, [s = m_service, t0] { s->openDatabaseRange(t0, t0 + 240'000); },
                                  Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(window->isReplaying(), 15000);
        const QString banner = window->banner()->text();
        QVERIFY2(banner.contains(QLatin1String("1 stretch when no recorder held a book (2 min in all")), qPrintable(banner));
        // Shaded on the timeline: from a quarter of the way to three quarters.
        auto *timeline = window->findChild<ReplayTimeline *>(QStringLiteral("replayTimeline"));
        QVERIFY(timeline);
        QCOMPARE(timeline->shaded().size(), 1);
        QVERIFY(std::abs(timeline->shaded().front().first - 60.0 / 239.0) < 0.01);
        QVERIFY(std::abs(timeline->shaded().front().second - 180.0 / 239.0) < 0.01);
        window->resize(1024, 700);
        QTest::qWait(200);
        QVERIFY2(window->height() <= 700, qPrintable(QStringLiteral("the replay's own toolbar row must still fit a 700-px screen: %1 px").arg(window->height())));
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/replay-database-gap.png")));
        QVERIFY(timeline->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/replay-timeline-gap.png")));
        stopWindow(window);
    }

    void resolvedMarketIsShownAndUnsubscribed()
    {
        MainWindow *window = startWindow(simOptions());
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        WatchTableModel *watch = watchModel(window);
        QTRY_COMPARE_WITH_TIMEOUT(status(watch, 0), QStringLiteral("live"), 10000);
        auto *view = qobject_cast<MarketView *>(window->marketTabs()->widget(0));
        const MarketInfo market = view->market();
        SimExchange *exchange = m_service->simExchange();
        QSignalSpy unsubscribed(exchange, &SimExchange::subscriptionReceived);
        int index = -1;
        for (int i = 0; i < int(exchange->engine().markets().size()); ++i) {
            if (QString::fromStdString(exchange->engine().markets()[std::size_t(i)].conditionId) == market.conditionId)
                index = i;
        }
        QVERIFY(index >= 0);
        QMetaObject::invokeMethod(exchange, [exchange, index] { exchange->resolveMarket(index, true); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(view->isClosed(), 5000);
        QCOMPARE(status(watch, 0), QStringLiteral("resolved: Yes won"));
        QVERIFY(window->marketTabs()->tabText(0).startsWith(QStringLiteral("✓")));
        // The monitor unsubscribed both tokens from the exchange.
        QTRY_VERIFY_WITH_TIMEOUT(!unsubscribed.isEmpty(), 5000);
        QCOMPARE(unsubscribed.last().at(1).toString(), QStringLiteral("unsubscribe"));
        QCOMPARE(unsubscribed.last().at(0).toStringList().size(), 2);
        // Not restored on the next start.
        QCOMPARE(AppSettings::watchlist(true).size(), 2);
        stopWindow(window);
    }

    void networkFailureOffersRetryAndSimulated()
    {
        MonitorService::Options options;
        options.gammaUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // nothing listens: refused
        options.gammaTimeoutMs = 2000;
        options.simulatedOnFailure = false; // live worked before on this machine
        options.simRate = 100;
        MainWindow *window = startWindow(options);
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->isVisible() && window->banner()->text().contains(QLatin1String("Cannot reach")),
                                 10000);
        QVERIFY(!window->isSimulated());
        auto *retry = window->banner()->findChild<QPushButton *>(QStringLiteral("bannerPrimary"));
        auto *useSim = window->banner()->findChild<QPushButton *>(QStringLiteral("bannerSecondary"));
        QVERIFY(retry->isVisible() && useSim->isVisible());
        QCOMPARE(retry->text(), QStringLiteral("Retry"));
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/network-failure.png")));
        // Retry fails again the same way: still asking.
        retry->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->text().contains(QLatin1String("Cannot reach")), 10000);
        useSim->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QVERIFY(window->simulatedBadge()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        WatchTableModel *watch = watchModel(window);
        QTRY_COMPARE_WITH_TIMEOUT(status(watch, 0), QStringLiteral("live"), 10000);

        // "Try live Polymarket" from the simulator: still no network, so it asks again...
        auto *tryLive = window->banner()->findChild<QPushButton *>(QStringLiteral("bannerPrimary"));
        QCOMPARE(tryLive->text(), QStringLiteral("Try live Polymarket"));
        tryLive->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->text().contains(QLatin1String("Cannot reach")), 10000);
        QCOMPARE(window->watchedOutcomes(), 0); // nothing stale stays on screen
        QVERIFY(!window->simulatedBadge()->isVisible());
        // ...and back to the simulator, whose watchlist comes back and updates.
        useSim->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status(watch, 0), QStringLiteral("live"), 10000);
        stopWindow(window);
    }

    void firstStartWithoutNetworkChoosesSimulated()
    {
        MonitorService::Options options;
        options.gammaUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
        options.gammaTimeoutMs = 2000;
        options.simulatedOnFailure = true;
        MainWindow *window = startWindow(options);
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QVERIFY(window->banner()->text().contains(QLatin1String("unreachable")));
        stopWindow(window);
    }

    void liveModePagesTheCatalogAndNoticesClosedMarkets()
    {
        // "Live" against local stand-ins: Gamma over HTTP, the market channel from the simulator.
        SimExchange exchange(5, 30);
        exchange.setRate(150);
        QVERIFY(exchange.listen(0));
        GammaTestServer gamma;
        gamma.markets = exchange.catalog();
        QVERIFY(gamma.listen());
        MonitorService::Options options;
        options.gammaUrl = gamma.url();
        options.clobUrl = gamma.url(); // asked for market rules: it has none (404), which is reported, not fatal
        options.endpoint = exchange.url();
        options.catalogPageSize = 10;
        options.statusCheckMs = 300;
        options.catalogRefreshMs = 1000;
        options.simulatedOnFailure = false;
        MainWindow *window = startWindow(options);
        QTRY_COMPARE_WITH_TIMEOUT(window->marketList()->marketCount(), 10, 10000);
        QVERIFY(!window->isSimulated());
        QVERIFY(window->windowTitle().contains(QLatin1String("live")));
        QVERIFY(!window->simulatedBadge()->isVisible());
        QVERIFY(!window->banner()->isVisible());
        QVERIFY(gamma.requests.first().contains(QLatin1String("order=volume24hr")));
        QVERIFY(gamma.requests.first().contains(QLatin1String("closed=false")));
        // Pages: Load more asks from the next offset.
        auto *loadMore = window->findChild<QPushButton *>(QStringLiteral("loadMore"));
        QVERIFY(loadMore->isEnabled());
        loadMore->click();
        QTRY_COMPARE_WITH_TIMEOUT(window->marketList()->marketCount(), 20, 10000);
        auto asked = [&gamma](const QString &what) {
            for (const QString &r : std::as_const(gamma.requests)) {
                if (r.contains(what))
                    return true;
            }
            return false;
        };
        QVERIFY(asked(QStringLiteral("offset=10")));
        // Enter in the search box asks Polymarket, beyond the loaded pages.
        const MarketInfo far = gamma.markets.at(25);
        auto *search = window->findChild<QLineEdit *>(QStringLiteral("marketSearch"));
        auto listed = [window](const QString &conditionId) {
            for (int i = 0; i < window->marketList()->marketCount(); ++i) {
                if (window->marketList()->market(i).conditionId == conditionId)
                    return true;
            }
            return false;
        };
        QVERIFY(!listed(far.conditionId));
        search->setText(far.question);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(listed(far.conditionId), 10000);
        QVERIFY(asked(QStringLiteral("/public-search")));
        auto *browser = window->findChild<QTableView *>(QStringLiteral("marketView"));
        auto onlyMatches = [browser, &far] {
            for (int row = 0; row < browser->model()->rowCount(); ++row) {
                if (browser->model()->index(row, 0).data().toString() != far.question)
                    return false;
            }
            return browser->model()->rowCount() >= 1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(onlyMatches(), 5000);
        search->clear();

        // The list is renewed in place: a new price shows without losing rows.
        gamma.markets[1].yesPrice = QStringLiteral("0.77");
        const int rowsBefore = window->marketList()->marketCount();
        auto priceOf = [window](const QString &conditionId) {
            for (int i = 0; i < window->marketList()->marketCount(); ++i) {
                if (window->marketList()->market(i).conditionId == conditionId)
                    return window->marketList()->market(i).yesPrice;
            }
            return QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(priceOf(gamma.markets[1].conditionId), QStringLiteral("0.77"), 10000);
        QCOMPARE(window->marketList()->marketCount(), rowsBefore);
        WatchTableModel *watch = watchModel(window);
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(status(watch, 0), QStringLiteral("live"), 10000);
        QVERIFY(AppSettings::everLive());

        // The market of the first tab closes on Gamma: shown and unsubscribed.
        auto *view = qobject_cast<MarketView *>(window->marketTabs()->widget(0));
        QSignalSpy subscriptions(&exchange, &SimExchange::subscriptionReceived);
        for (MarketInfo &m : gamma.markets) {
            if (m.conditionId == view->market().conditionId)
                m.closed = true;
        }
        QTRY_VERIFY_WITH_TIMEOUT(view->isClosed(), 10000);
        QCOMPARE(status(watch, 0), QStringLiteral("closed"));
        QTRY_VERIFY_WITH_TIMEOUT(!subscriptions.isEmpty(), 5000);
        QCOMPARE(subscriptions.last().at(1).toString(), QStringLiteral("unsubscribe"));
        QCOMPARE(AppSettings::watchlist(false).size(), 2);
        stopWindow(window);
    }

    void exportWritesTheCliFile()
    {
        // A database holding one market and one resolved signal, as a session leaves it.
        const QString db = m_dir.filePath(QStringLiteral("export.db"));
        {
            StorageWriter writer(db);
            writer.start();
            writer.enqueue(MarketRow{QStringLiteral("0xabc"), QStringLiteral("Will it rain?"), QStringLiteral("rain"),
                                     QString(), {QStringLiteral("1"), QStringLiteral("2")}, {QStringLiteral("Yes"), QStringLiteral("No")}});
            Signal s;
            s.id = 1;
            s.assetId = "1";
            s.market = "0xabc";
            s.type = SignalType::PanicSell;
            s.side = SignalSide::Buy;
            s.timestampMs = 1'767'225'600'000;
            s.confidence = 77;
            s.mid = 450'000;
            s.description = "ask depth 4.1x baseline";
            writer.enqueue(SignalRow{s, false});
            QVERIFY(writer.waitUntilWritten(5000));
            writer.stop();
        }
        MainWindow *window = startWindow(simOptions(db));
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        // The session first closes what the last run left open (this signal,
        // as not tracked); export once that is stored, as the CLI will see it.
        auto resolvedInDb = [&db] {
            ReadOnlyConnection connection(db);
            QString error;
            if (!connection.open(error))
                return false;
            QSqlQuery q(connection.db());
            return q.exec(QStringLiteral("SELECT resolved FROM psychology_signal")) && q.next() && q.value(0).toInt() == 1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(resolvedInDb(), 10000);
        const QString out = m_dir.filePath(QStringLiteral("signals.csv"));
        QSignalSpy finished(m_service, &MonitorService::exportFinished);
        // What the Export CSV button does once the file dialog returns.
        QMetaObject::invokeMethod(m_service, [s = m_service, out] { s->exportCsv(out); }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        stopWindow(window);

        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        // Byte for byte what `polymon-cli export --db` writes.
        QBuffer expected;
        expected.open(QIODevice::WriteOnly);
        int rows = 0;
        QString error;
        QVERIFY(SignalCsv::exportTo(db, expected, {}, rows, error));
        QCOMPARE(rows, 1);
        QCOMPARE(written, expected.data());
        const QList<QByteArray> lines = written.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[1].contains("PANIC_SELL"));
        QVERIFY(lines[1].contains("Will it rain?"));
    }

    void backtestDialogRunsAGridAndShowsInAndOutOfSample()
    {
        const QString path = m_dir.filePath(QStringLiteral("backtest-episodes.pmcap"));
        QVERIFY(test::writeEpisodeCapture(path, 9, 45));
        BacktestDialog dialog(m_dir.path());
        dialog.resize(1024, 700);
        dialog.show();
        QCOMPARE(dialog.recording(), path); // the newest recording of the folder, ready to run
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("grid"))->setPlainText(QStringLiteral("hold_s=30,120\nstop=0, 0.02\n"));

        // A bad field is refused with the reason, nothing runs.
        auto *shares = dialog.findChild<QLineEdit *>(QStringLiteral("shares"));
        shares->setText(QStringLiteral("1.234"));
        QVERIFY(!dialog.run());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("status"))->text().contains(QStringLiteral("hundredths")));
        shares->setText(QStringLiteral("50"));

        QSignalSpy done(&dialog, &BacktestDialog::finished);
        QVERIFY(dialog.run());
        QVERIFY(dialog.running());
        QVERIFY(done.wait(120000));
        QCOMPARE(done.at(0).at(0).toBool(), true);
        BacktestResultModel *model = dialog.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Four grid points, the two walk-forward totals, four folds.
        QCOMPARE(model->rowCount(), 4 + 2 + 4);
        QCOMPARE(model->outOfSampleRow(), 5);
        QCOMPARE(model->data(model->index(0, BacktestResultModel::Settings), Qt::DisplayRole).toString(),
                 QStringLiteral("hold_s=30 stop=0"));
        QVERIFY(model->data(model->index(0, BacktestResultModel::Trades), Qt::DisplayRole).toInt() > 0);
        QVERIFY(!model->equity(0).empty());
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("status"))->text().contains(QStringLiteral("out-of-sample")));

        // The CSV keeps every row and every micro-dollar.
        QBuffer csv;
        csv.open(QIODevice::WriteOnly);
        QString error;
        QVERIFY(model->writeCsv(csv, error));
        const QList<QByteArray> lines = csv.data().split('\n');
        QCOMPARE(lines.size(), model->rowCount() + 2); // header, rows, and the empty tail after the last CRLF
        QVERIFY(lines.at(0).startsWith("Settings,Trades,Hit rate,PnL $"));
        QVERIFY(lines.at(1).startsWith("hold_s=30 stop=0,"));

        dialog.findChild<QTableView *>(QStringLiteral("results"))->selectRow(model->outOfSampleRow() - 1);
        QCoreApplication::processEvents(); // the chart lays its legend and title out on the event loop
        QVERIFY(dialog.grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/backtest-dialog.png")));

        // A file that is not a recording says so.
        dialog.setRecording(m_dir.filePath(QStringLiteral("missing.pmcap")));
        QVERIFY(dialog.run());
        QVERIFY(done.wait(30000));
        QCOMPARE(done.at(1).at(0).toBool(), false);
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("status"))->text().contains(QStringLiteral("missing.pmcap")));
    }

    void signalQualityOpensFromTheSignalLog()
    {
        const QString db = m_dir.filePath(QStringLiteral("quality-window.db"));
        MainWindow *window = startWindow(simOptions(db));
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        window->findChild<QPushButton *>(QStringLiteral("qualityButton"))->click();
        SignalQualityDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = window->findChild<SignalQualityDialog *>()) && dialog->isVisible(), 10000);
        QTableWidget *table = dialog->table();
        QCOMPARE(table->rowCount(), 4);
        QVERIFY(table->isEnabled()); // read, not an error
        QCOMPARE(table->verticalHeaderItem(0)->text(), QStringLiteral("PANIC_SELL"));
        QVERIFY(table->item(0, 0)); // filled, even before any signal (0 and dashes)
        dialog->resize(1024, 320);
        QCoreApplication::processEvents();
        QVERIFY(dialog->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/signal-quality.png")));
        stopWindow(window);
    }

    void settingsPersist()
    {
        {
            SettingsDialog dialog;
            dialog.findChild<QLineEdit *>(QStringLiteral("detector/panic_ask_depth_ratio"))->setText(QStringLiteral("4.5"));
            dialog.findChild<QLineEdit *>(QStringLiteral("detector/band"))->setText(QStringLiteral("0.05"));
            dialog.findChild<QSpinBox *>(QStringLiteral("minConfidence"))->setValue(75);
            dialog.findChild<QCheckBox *>(QStringLiteral("alert/LIQUIDITY_VACUUM"))->setChecked(false);
            dialog.findChild<QCheckBox *>(QStringLiteral("sound"))->setChecked(true);
            dialog.findChild<QLineEdit *>(QStringLiteral("dbPath"))->setText(m_dir.filePath(QStringLiteral("mine.db")));
            auto *theme = dialog.findChild<QComboBox *>(QStringLiteral("theme"));
            theme->setCurrentIndex(theme->findData(int(AppSettings::Theme::Dark)));
            auto *unit = dialog.findChild<QComboBox *>(QStringLiteral("priceUnit"));
            QCOMPARE(unit->currentData().toInt(), int(PriceFormat::Unit::Cents)); // Polymarket's own unit by default
            unit->setCurrentIndex(unit->findData(int(PriceFormat::Unit::Decimals)));
            dialog.show();
            QVERIFY(dialog.grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/settings-dialog.png")));
            // The storage page, with the recordings' retention, for people to look at.
            auto *pages = dialog.findChild<QTabWidget *>();
            pages->setCurrentIndex(2);
            QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("captureKeepDays"))->value(), 30);
            dialog.findChild<QSpinBox *>(QStringLiteral("captureKeepGb"))->setValue(50);
            QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("storeKeepDays"))->value(), 0); // for ever by default
            dialog.findChild<QSpinBox *>(QStringLiteral("storeKeepDays"))->setValue(90);
            QVERIFY(dialog.grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/settings-storage.png")));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(dialog.databaseChanged());
        }
        QSettings().sync();
        // Read back as the next start does.
        const SignalSettings s = AppSettings::signalSettings();
        QCOMPARE(s.panicAskDepthRatio, 4.5);
        QCOMPARE(s.band, Fixed(50'000));
        QCOMPARE(s.fomoBidDepthRatio, SignalSettings().fomoBidDepthRatio); // untouched keys keep the defaults
        QCOMPARE(AppSettings::alertMinConfidence(), 75);
        QVERIFY(!AppSettings::alertOn(SignalType::LiquidityVacuum));
        QVERIFY(AppSettings::alertOn(SignalType::PanicSell));
        QVERIFY(AppSettings::alertSound());
        QCOMPARE(AppSettings::databasePath(), m_dir.filePath(QStringLiteral("mine.db")));
        QCOMPARE(AppSettings::theme(), AppSettings::Theme::Dark);
        QCOMPARE(AppSettings::priceUnit(), PriceFormat::Unit::Decimals);
        QCOMPARE(AppSettings::captureKeepGb(), 50);
        QCOMPARE(AppSettings::captureKeepDays(), 30);
        QCOMPARE(AppSettings::storeKeepDays(), 90);
        {
            SettingsDialog reopened;
            QCOMPARE(reopened.findChild<QLineEdit *>(QStringLiteral("detector/panic_ask_depth_ratio"))->text(), QStringLiteral("4.5"));
            QCOMPARE(reopened.findChild<QSpinBox *>(QStringLiteral("minConfidence"))->value(), 75);
            // A bad value is refused and nothing is saved.
            reopened.findChild<QLineEdit *>(QStringLiteral("detector/pull_min_levels"))->setText(QStringLiteral("many"));
            reopened.findChild<QSpinBox *>(QStringLiteral("minConfidence"))->setValue(10);
            QTimer::singleShot(0, [] {
                if (QWidget *box = QApplication::activeModalWidget())
                    box->close();
            });
            reopened.accept();
            QVERIFY(reopened.result() != int(QDialog::Accepted));
        }
        QCOMPARE(AppSettings::alertMinConfidence(), 75);
        QCOMPARE(AppSettings::signalSettings().pullMinLevels, SignalSettings().pullMinLevels);
    }

    void eventViewShowsEveryOutcome()
    {
        MainWindow *window = startWindow(simOptions());
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        // The simulator lists a four-way event; open one of its outcomes.
        MarketInfo outcome;
        QTRY_VERIFY_WITH_TIMEOUT(window->marketList()->marketCount() > 0, 5000);
        for (int i = 0; i < window->marketList()->marketCount(); ++i)
            if (!window->marketList()->market(i).eventId.isEmpty())
                outcome = window->marketList()->market(i);
        QVERIFY(!outcome.eventId.isEmpty());
        const int tabs = window->marketTabs()->count();
        window->watchAndShow(outcome);
        QCOMPARE(window->marketTabs()->count(), tabs + 1);
        MarketView *view = window->currentMarketView();
        QCOMPARE(view->market().conditionId, outcome.conditionId);
        auto *eventButton = view->findChild<QToolButton *>(QStringLiteral("eventButton"));
        QVERIFY(eventButton);
        eventButton->click();
        auto *pane = window->findChild<EventPane *>();
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->model()->rowCount(), 4, 5000);
        // Every outcome is watched, without a tab each.
        QCOMPARE(window->watchedMarkets(), 3 + 4);
        QCOMPARE(window->marketTabs()->count(), tabs + 1);
        // Each outcome's YES book, and the sum of the YES prices against $1.
        QTRY_COMPARE_WITH_TIMEOUT(pane->model()->sums().priced, 4, 10000);
        const EventTableModel::Sums sums = pane->model()->sums();
        QVERIFY2(std::abs(sums.mids - kFixedScale) < 150'000, qPrintable(pane->sumText())); // 0.46+0.28+0.17+0.09 to start
        QVERIFY(sums.asks > sums.bids);
        QVERIFY(pane->sumText().contains(QStringLiteral("YES mids sum to")));
        QVERIFY(pane->model()->data(pane->model()->index(0, EventTableModel::Outcome), Qt::DisplayRole).toString() == QStringLiteral("Alvarez"));
        QVERIFY(pane->model()->data(pane->model()->index(0, EventTableModel::Mid), Qt::DisplayRole).toString().endsWith(QStringLiteral("¢")));
        window->findChild<QDockWidget *>(QStringLiteral("eventDock"))->raise();
        QTest::qWait(300);
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/event-view.png")));
        // Double-clicking an outcome opens its market.
        auto *table = pane->findChild<QTableView *>(QStringLiteral("eventTable"));
        const QRect cell = table->visualRect(pane->model()->index(2, EventTableModel::Outcome));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE_WITH_TIMEOUT(window->currentMarketView()->market().conditionId, pane->model()->markets().at(2).conditionId, 2000);
        stopWindow(window);
    }

    void themeSwitchesWhileRunning()
    {
        MainWindow *window = startWindow(simOptions());
        QTRY_COMPARE_WITH_TIMEOUT(window->watchedOutcomes(), 6, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(window->currentMarketView()->ladderModel()->rowCount() > 4, 10000);
        // As the settings dialog does on OK.
        AppSettings::setTheme(AppSettings::Theme::Dark);
        Themes::apply(AppSettings::theme());
        QVERIFY(Themes::isDark());
        // The market tab's background follows the theme (once it has repainted).
        auto centre = [window] {
            const QImage img = window->grab().toImage();
            return img.pixelColor(img.width() * 2 / 3, img.height() / 2);
        };
        QTRY_VERIFY2_WITH_TIMEOUT(centre().lightness() < 110, qPrintable(centre().name()), 5000);
        const QImage dark = window->grab().toImage();
        QVERIFY(dark.save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/main-window-dark.png")));
        // The inactive YES/NO button stays readable after the switch (it once
        // kept the light theme's dark text on the dark theme's button).
        {
            auto *no = window->currentMarketView()->findChild<QToolButton *>(QStringLiteral("outcome1"));
            QVERIFY(no && !no->isChecked());
            const QImage shot = no->grab().toImage();
            auto luminance = [](const QColor &c) {
                auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
            };
            double lo = 1, hi = 0;
            for (int y = 4; y < shot.height() - 4; ++y)
                for (int x = 6; x < shot.width() - 6; ++x) {
                    const double l = luminance(shot.pixelColor(x, y));
                    lo = std::min(lo, l);
                    hi = std::max(hi, l);
                }
            const double ratio = (hi + 0.05) / (lo + 0.05);
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("inactive outcome button: %1:1").arg(ratio, 0, 'f', 2)));
            // And it is drawn on the dark theme's colours, not the old ones.
            QVERIFY2(shot.pixelColor(shot.width() / 2, 3).lightness() < 110, qPrintable(shot.pixelColor(shot.width() / 2, 3).name()));
        }
        stopWindow(window);
        Themes::apply(AppSettings::Theme::System);
        QVERIFY(!Themes::isDark());
    }

    // Paper trading as a user does it: locked at start, unlock, click the
    // ladder, keys, cancel by right-click, kill switch; a restart restores
    // the account from the database.
    void liveSetupKeepsAnImportedKeySealedWhenNoKeychainAnswers()
    {
        auto setup = [this] {
            auto state = std::make_shared<LiveSetupState>();
            state->restUrl = QUrl(QStringLiteral("http://127.0.0.1:1")); // nothing listens: the checks fail here
            state->keyFile = m_dir.filePath(QStringLiteral("keys/live-account.sealed"));
            return state;
        };
        const QString key = QStringLiteral("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        {
            LiveSetupWizard wizard(setup());
            wizard.show();
            wizard.next();
            QCOMPARE(wizard.currentId(), int(LiveSetupWizard::KeyPage));
            QVERIFY(!wizard.findChild<QAbstractButton *>(QStringLiteral("generateKey"))->isEnabled()); // not simulated
            QVERIFY(wizard.findChild<QAbstractButton *>(QStringLiteral("importKey"))->isChecked());
            wizard.findChild<QLineEdit *>(QStringLiteral("privateKey"))->setText(key);
            QVERIFY(wizard.findChild<QCheckBox *>(QStringLiteral("useKeychain"))->isChecked());
            QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
            wizard.next();
            if (wizard.currentId() == int(LiveSetupWizard::KeyPage)) {
                // No keychain on this machine: it says so and asks for a passphrase.
                QVERIFY(wizard.findChild<QLabel *>(QStringLiteral("keyError"))->text().contains(QLatin1String("passphrase")));
                wizard.findChild<QLineEdit *>(QStringLiteral("passphrase"))->setText(QStringLiteral("correct horse battery"));
                wizard.findChild<QLineEdit *>(QStringLiteral("passphraseRepeat"))->setText(QStringLiteral("correct horse battery"));
                wizard.next();
                QCOMPARE(wizard.currentId(), int(LiveSetupWizard::ChecksPage));
                QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("keys/live-account.sealed"))));
                QCOMPARE(QSettings().value(QStringLiteral("live/keyStoredIn")).toString(), QStringLiteral("file"));
            }
            // The key is in no settings file, in any form.
            QFile settings(QSettings().fileName());
            if (settings.open(QIODevice::ReadOnly))
                QVERIFY(!settings.readAll().contains(key.mid(2, 20).toLatin1()));
            QVERIFY(wizard.findChild<QLineEdit *>(QStringLiteral("privateKey"))->text().isEmpty());
        }
        if (QSettings().value(QStringLiteral("live/keyStoredIn")).toString() != QLatin1String("file"))
            return; // a keychain took it: nothing sealed to unlock
        // Next time: the stored key, unlocked with its passphrase (a wrong one is refused).
        auto state = setup();
        LiveSetupWizard wizard(state);
        wizard.show();
        wizard.next();
        QVERIFY(wizard.findChild<QAbstractButton *>(QStringLiteral("storedKey"))->isChecked());
        wizard.findChild<QLineEdit *>(QStringLiteral("passphrase"))->setText(QStringLiteral("wrong horse battery"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(LiveSetupWizard::KeyPage));
        QVERIFY(wizard.findChild<QLabel *>(QStringLiteral("keyError"))->text().contains(QLatin1String("passphrase")));
        wizard.findChild<QLineEdit *>(QStringLiteral("passphrase"))->setText(QStringLiteral("correct horse battery"));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(LiveSetupWizard::ChecksPage));
        QCOMPARE(state->key.address(), QStringLiteral("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        // The exchange cannot be reached: the checks say so and the setup cannot go on.
        QTRY_VERIFY_WITH_TIMEOUT(wizard.findChild<QLabel *>(QStringLiteral("check0"))->text().contains(QLatin1String("failed")), 10000);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    }

    void timelineEventsShowOnTheChart()
    {
        MainWindow *window = startWindow(simOptions());
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window->marketTabs()->count(), 3, 10000);
        MarketView *view = window->currentMarketView();
        QTRY_VERIFY_WITH_TIMEOUT(view->chart()->firstPointMs(view->currentAsset()) > 0, 10000);
        QTest::qWait(1500); // a little history on the chart
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QString path = m_dir.filePath(QStringLiteral("events.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral(R"({"ts": %1, "type": "goal", "market": "%2", "text": "1-0, header from a corner"})")
                       .arg(now - 800)
                       .arg(view->market().conditionId)
                       .toUtf8()
                   + "\n");
        file.write(QStringLiteral(R"({"ts": %1, "type": "chat burst", "asset_id": "%2"})").arg(now - 400).arg(view->currentAsset()).toUtf8() + "\n");
        file.write(QStringLiteral(R"({"ts": %1, "type": "penalty", "market": "0xelsewhere"})").arg(now - 600).toUtf8() + "\n");
        file.write("broken line\n");
        file.close();
        EventLogPane *pane = window->eventLog();
        // The simulator's sports channel is followed by default: its game's state arrives.
        QVERIFY(pane->sportsSwitch()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(pane->model()->events().begin(), pane->model()->events().end(),
                                             [](const MarketEvent &e) { return e.slug == QLatin1String("sim-market-5"); }),
                                 10000);
        QVERIFY(pane->findChild<QLabel *>(QStringLiteral("sportsState"))->text().contains(QLatin1String("connected")));
        pane->sportsSwitch()->setChecked(false); // the file's events alone from here
        // Comments are Polymarket's: in the simulator the switch says so and stays off (nothing connects).
        pane->commentsSwitch()->setChecked(true);
        QVERIFY(!pane->commentsSwitch()->isChecked());
        QCOMPARE(pane->findChild<QLabel *>(QStringLiteral("commentsState"))->text(), QStringLiteral("the simulator has no comments"));
        QVERIFY(pane->load(path));
        QCOMPARE(pane->model()->rowCount(), 3);
        QVERIFY(pane->findChild<QLabel *>(QStringLiteral("eventLogStatus"))->text().contains(QLatin1String("1 line(s) skipped")));
        auto *types = pane->findChild<QComboBox *>(QStringLiteral("eventTypeFilter"));
        QCOMPARE(types->count(), 4); // all, chat burst, goal, penalty
        types->setCurrentText(QStringLiteral("goal"));
        QCOMPARE(pane->view()->model()->rowCount(), 1);
        QVERIFY(pane->model()->data(pane->model()->index(0, EventLogModel::Market), Qt::DisplayRole).toString() == view->market().question);
        // On this market's chart: its goal and its token's chat burst, not the other market's goal.
        PriceChartView *chart = view->chart();
        QTRY_VERIFY_WITH_TIMEOUT(chart->visibleToMs() >= now - 400, 5000);
        const QPoint at = chart->pointOf(now - 800, 500'000).toPoint();
        QVERIFY2(chart->describeAt(QPoint(at.x(), chart->height() / 2)).contains(QLatin1String("goal: 1-0")),
                 qPrintable(chart->describeAt(QPoint(at.x(), chart->height() / 2))));
        for (int dx = -6; dx <= 6; ++dx) // the other market's event is not drawn here
            QVERIFY(!chart->describeAt(QPoint(chart->pointOf(now - 600, 500'000).toPoint().x() + dx, chart->height() / 2))
                         .contains(QLatin1String("penalty")));
        // And on its heatmap.
        auto *views = qobject_cast<QTabWidget *>(view->heatmap()->parentWidget()->parentWidget());
        QVERIFY(views);
        views->setCurrentWidget(view->heatmap());
        HeatmapView *heatmap = view->heatmap()->view();
        QTRY_VERIFY2_WITH_TIMEOUT(heatmap->describeAt(heatmap->pointOf(now - 800, 500'000)).contains(QLatin1String("goal 1-0")),
                                  qPrintable(heatmap->describeAt(heatmap->pointOf(now - 800, 500'000))), 5000);
        QVERIFY(!heatmap->describeAt(heatmap->pointOf(now - 600, 500'000)).contains(QLatin1String("penalty")));
        QVERIFY(heatmap->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/heatmap-events.png")));
        views->setCurrentIndex(0);
        window->findChild<QDockWidget *>(QStringLiteral("timelineDock"))->raise();
        window->resize(1024, 700);
        QTest::qWait(300);
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/timeline-1024.png")));
        // Going to an event needs a replay: said so.
        pane->view()->doubleClicked(pane->view()->model()->index(0, 0));
        QTRY_VERIFY(window->statusBar()->currentMessage().contains(QLatin1String("needs a replay")));
        stopWindow(window);
    }

    void liveTradingThroughTheSetupOnTheSimulatedExchange()
    {
        MainWindow *window = startWindow(simOptions());
        window->activateWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window->marketTabs()->count(), 3, 10000);
        MarketView *view = window->currentMarketView();
        LadderModel *ladder = view->ladderModel();
        QTRY_VERIFY_WITH_TIMEOUT(ladder->bestBidRow() >= 0 && ladder->rowCount() > 8, 10000);
        SimClob *clob = m_service->simClob();
        QVERIFY(clob);
        auto openAtExchange = [clob] {
            int n = -1;
            QMetaObject::invokeMethod(clob, [&n, clob] { n = clob->openOrderCount(); }, Qt::BlockingQueuedConnection);
            return n;
        };

        // The setup: account type, a generated key funded on the simulator,
        // the exchange's checks, and a test order placed and cancelled.
        window->tradingBar()->liveButton()->click();
        QWizard *wizard = nullptr;
        QTRY_VERIFY((wizard = window->findChild<QWizard *>(QStringLiteral("liveSetupWizard"))) && wizard->isVisible());
        wizard->resize(640, 520);
        QVERIFY(wizard->button(QWizard::NextButton)->isEnabled()); // type 0 needs nothing else
        auto *type = wizard->findChild<QComboBox *>(QStringLiteral("signatureType"));
        type->setCurrentIndex(3);
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // deposit wallets are not signed yet: said so
        type->setCurrentIndex(1);
        QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled()); // a proxy account needs its wallet's address
        type->setCurrentIndex(0);
        QVERIFY(wizard->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/live-setup-account.png")));
        wizard->next();
        QVERIFY(wizard->findChild<QAbstractButton *>(QStringLiteral("generateKey"))->isChecked());
        wizard->next();
        QCOMPARE(wizard->currentId(), int(LiveSetupWizard::ChecksPage));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 10000);
        QVERIFY(wizard->findChild<QLabel *>(QStringLiteral("check3"))->text().contains(QLatin1String("10,000")));
        QVERIFY(wizard->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/live-setup-checks.png")));
        wizard->next();
        QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
        wizard->findChild<QPushButton *>(QStringLiteral("placeTestOrder"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::FinishButton)->isEnabled(), 10000);
        QVERIFY(wizard->findChild<QLabel *>(QStringLiteral("testOrderResult"))->text().contains(QLatin1String("cancelled")));
        QCOMPARE(openAtExchange(), 0);
        QVERIFY(wizard->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/live-setup-test-order.png")));
        wizard->button(QWizard::FinishButton)->click();

        // LIVE: red badge, the link's health, and the first order asks with its amounts.
        QTRY_VERIFY_WITH_TIMEOUT(window->tradingBar()->badge()->text().contains(QLatin1String("LIVE")), 5000);
        auto *health = window->tradingBar()->findChild<QLabel *>(QStringLiteral("liveStatus"));
        QTRY_VERIFY2_WITH_TIMEOUT(health->text().contains(QStringLiteral("heartbeat ✓")) && health->text().contains(QStringLiteral("user channel ✓")),
                                  qPrintable(health->text()), 15000);
        QVERIFY(window->tradingBar()->isLocked());
        QStringList asked;
        window->trading()->setConfirmation([&asked](const QString &text) {
            asked << text;
            return true;
        });
        window->tradingBar()->lockButton()->click();
        auto *ladderView = view->findChild<QTableView *>(QStringLiteral("ladderView"));
        const Fixed price = ladder->priceAt(ladder->bestBidRow()) - 30'000;
        int row = -1;
        for (int r = 0; r < ladder->rowCount(); ++r)
            if (ladder->priceAt(r) == price)
                row = r;
        QVERIFY(row >= 0);
        ladderView->scrollTo(ladder->index(row, LadderModel::BidSize));
        QTest::mouseClick(ladderView->viewport(), Qt::LeftButton, {}, ladderView->visualRect(ladder->index(row, LadderModel::BidSize)).center());
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QLatin1String("LIVE")) && asked.first().contains(QLatin1String("You pay at most $"))
                     && (asked.first().contains(QLatin1String("no taker fee")) || asked.first().contains(QLatin1String("no fee"))),
                 qPrintable(asked.first()));
        QTRY_COMPARE_WITH_TIMEOUT(window->trading()->orders()->workingCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(openAtExchange(), 1, 5000); // it rests at the exchange, in the book everyone sees
        QTRY_VERIFY_WITH_TIMEOUT(window->trading()->orders()->working(view->currentAsset()).first().status == OrderStatus::Live, 5000);
        window->resize(1024, 700);
        QTest::qWait(300);
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/live-trading-1024.png")));

        // Back to paper: the live order is cancelled first.
        window->tradingBar()->liveButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->tradingBar()->badge()->text().contains(QLatin1String("PAPER")), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(openAtExchange(), 0, 5000);
        stopWindow(window);
    }

    void paperTradingFromTheLadderAndKeys()
    {
        const QString db = m_dir.filePath(QStringLiteral("paper.db"));
        MainWindow *window = startWindow(simOptions(db));
        window->activateWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window->marketTabs()->count(), 3, 10000);
        MarketView *view = window->currentMarketView();
        LadderModel *ladder = view->ladderModel();
        QTRY_VERIFY_WITH_TIMEOUT(ladder->bestBidRow() >= 0 && ladder->bestAskRow() >= 0 && ladder->rowCount() > 8, 10000);
        auto *ladderView = view->findChild<QTableView *>(QStringLiteral("ladderView"));
        TradingController *trading = window->trading();
        OrdersModel *orders = trading->orders();
        QStringList asked;
        trading->setConfirmation([&asked](const QString &text) {
            asked << text;
            return true;
        });
        auto rowOf = [ladder](Fixed price) {
            for (int r = 0; r < ladder->rowCount(); ++r)
                if (ladder->priceAt(r) == price)
                    return r;
            return -1;
        };
        auto click = [&](Fixed price, int column, Qt::MouseButton button = Qt::LeftButton) {
            const int row = rowOf(price);
            QVERIFY(row >= 0);
            ladderView->scrollTo(ladder->index(row, column));
            const QRect cell = ladderView->visualRect(ladder->index(row, column));
            QTest::mouseClick(ladderView->viewport(), button, {}, cell.center());
        };
        auto keys = [window](int key) { QTest::keyClick(window, Qt::Key(key), Qt::ControlModifier | Qt::ShiftModifier); };

        // Locked: a click on the bid column places nothing.
        QVERIFY(window->tradingBar()->isLocked());
        QVERIFY(window->tradingBar()->badge()->text().contains(QLatin1String("PAPER")));
        const Fixed price = ladder->priceAt(ladder->bestBidRow()) - 30'000; // three ticks under the best bid
        click(price, LadderModel::BidSize);
        QTest::qWait(300);
        QCOMPARE(orders->rowCount(), 0);
        QVERIFY(asked.isEmpty());

        // Unlocked: the first order asks, later ones do not; both rest in the ladder's column.
        window->tradingBar()->lockButton()->click();
        QVERIFY(!window->tradingBar()->isLocked());
        click(price, LadderModel::BidSize);
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.first().contains(QLatin1String("paper order")));
        QTRY_COMPARE_WITH_TIMEOUT(orders->workingCount(), 1, 5000);
        QCOMPARE(orders->working(view->currentAsset()).first().request.price, price);
        QCOMPARE(orders->working(view->currentAsset()).first().request.size, Fixed(10 * kFixedScale));
        click(price, LadderModel::BidSize);
        QTRY_COMPARE_WITH_TIMEOUT(orders->workingCount(), 2, 5000);
        QCOMPARE(asked.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(price) >= 0
                                     && ladder->data(ladder->index(rowOf(price), LadderModel::MyBids), LadderModel::HasOrdersRole).toBool(),
                                 5000);
        QVERIFY(ladder->data(ladder->index(rowOf(price), LadderModel::MyBids), Qt::DisplayRole).toString().startsWith(QLatin1String("20")));
        window->resize(1024, 700);
        QTest::qWait(200);
        // The whole window fits a 1024x700 screen: nothing forces it wider or taller.
        QVERIFY2(window->minimumSizeHint().width() <= 1024 && window->minimumSizeHint().height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(window->minimumSizeHint().width()).arg(window->minimumSizeHint().height())));
        QCOMPARE(window->size(), QSize(1024, 700));
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/paper-trading-1024.png")));
        auto *marketsDock = window->findChild<QDockWidget *>(QStringLiteral("marketsDock"));
        const int squeezed = marketsDock->width();
        window->resize(1440, 900);
        // The docks take their share back when the window grows again.
        QTRY_VERIFY_WITH_TIMEOUT(marketsDock->width() >= 500, 2000);
        QVERIFY2(marketsDock->width() > squeezed, qPrintable(QStringLiteral("%1 -> %2").arg(squeezed).arg(marketsDock->width())));

        // Drag the orders one tick down: both move there (cancel and replace).
        {
            const int from = rowOf(price);
            // Mid-view: dragging near an edge scrolls the ladder (to reach far prices).
            ladderView->scrollTo(ladder->index(from, LadderModel::MyBids), QAbstractItemView::PositionAtCenter);
            const QPoint a = ladderView->visualRect(ladder->index(from, LadderModel::MyBids)).center();
            const int to = rowOf(price - 10'000);
            QVERIFY(to >= 0);
            const QPoint b = ladderView->visualRect(ladder->index(to, LadderModel::MyBids)).center();
            QTest::mousePress(ladderView->viewport(), Qt::LeftButton, {}, a);
            QTest::mouseMove(ladderView->viewport(), b);
            QTest::mouseRelease(ladderView->viewport(), Qt::LeftButton, {}, b);
        }
        QTRY_VERIFY_WITH_TIMEOUT(orders->workingCount() == 2 && orders->working(view->currentAsset()).first().request.price == price - 10'000
                                     && orders->working(view->currentAsset()).last().request.price == price - 10'000,
                                 5000);
        // Right-click on your orders cancels them.
        click(price - 10'000, LadderModel::MyBids, Qt::RightButton);
        QTRY_COMPARE_WITH_TIMEOUT(orders->workingCount(), 0, 5000);
        // A limit refuses with its reason in the status bar.
        {
            RiskLimits limits;
            limits.maxOrderNotional = kFixedScale; // $1
            QMetaObject::invokeMethod(m_service->trading(), [t = m_service->trading(), limits] { t->setLimits(limits); },
                                      Qt::QueuedConnection);
            click(price, LadderModel::BidSize);
            QTRY_VERIFY_WITH_TIMEOUT(window->statusBar()->currentMessage().contains(QLatin1String("above the $1.00 order limit")), 5000);
            QCOMPARE(orders->workingCount(), 0);
            QMetaObject::invokeMethod(m_service->trading(), [t = m_service->trading()] { t->setLimits(RiskLimits{}); },
                                      Qt::QueuedConnection);
        }

        // Keys: buy at the best ask (fill and kill) -> a fill and a position.
        keys(Qt::Key_B);
        QTRY_VERIFY_WITH_TIMEOUT(trading->fills()->rowCount() >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(trading->positions()->rowCount() >= 1, 5000);
        QVERIFY(trading->pnlLabel()->text().contains(QLatin1String("PAPER")));
        // Join the best bid, then the kill switch cancels everything and locks.
        keys(Qt::Key_J);
        QTRY_COMPARE_WITH_TIMEOUT(orders->workingCount(), 1, 5000);
        QVERIFY(window->grab().save(QStringLiteral(POLYMON_SCREENSHOT_DIR "/paper-trading.png")));
        QTest::keyClick(window, Qt::Key_F12);
        QTRY_COMPARE_WITH_TIMEOUT(orders->workingCount(), 0, 5000);
        QVERIFY(window->tradingBar()->isLocked());
        // Locked again: keys place nothing.
        keys(Qt::Key_J);
        QTest::qWait(300);
        QCOMPARE(orders->workingCount(), 0);

        // One order left working, then a restart: the position and the order come back.
        window->tradingBar()->lockButton()->click();
        click(ladder->priceAt(ladder->bestBidRow()) - 50'000, LadderModel::BidSize);
        QTRY_COMPARE_WITH_TIMEOUT(orders->workingCount(), 1, 5000);
        const Fixed held = trading->account().positions.isEmpty() ? 0 : trading->account().positions.first().position.size;
        QVERIFY(held > 0);
        stopWindow(window);

        window = startWindow(simOptions(db));
        QTRY_VERIFY_WITH_TIMEOUT(window->isSimulated(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(window->trading()->orders()->workingCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!window->trading()->account().positions.isEmpty(), 5000);
        QCOMPARE(window->trading()->account().positions.first().position.size, held);
        QVERIFY(window->tradingBar()->isLocked());
        stopWindow(window);
    }

    // Both themes: text stays readable (WCAG contrast: 4.5:1 for text, 3:1
    // for placeholders), including the inactive YES/NO switch, which used
    // dark text on a dark button.
    void themesPassAContrastCheck()
    {
        auto luminance = [](const QColor &c) {
            auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        auto contrast = [&](const QColor &a, const QColor &b) {
            const double la = luminance(a), lb = luminance(b);
            return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
        };
        for (AppSettings::Theme theme : {AppSettings::Theme::Light, AppSettings::Theme::Dark}) {
            Themes::apply(theme);
            const QPalette p = QApplication::palette();
            const struct { QPalette::ColorRole fg, bg; double min; const char *what; } pairs[] = {
                {QPalette::Text, QPalette::Base, 4.5, "text"},
                {QPalette::WindowText, QPalette::Window, 4.5, "window text"},
                {QPalette::ButtonText, QPalette::Button, 4.5, "button text"},
                {QPalette::HighlightedText, QPalette::Highlight, 4.5, "highlighted text"},
                {QPalette::PlaceholderText, QPalette::Base, 3.0, "placeholder"},
            };
            for (const auto &pair : pairs) {
                const double ratio = contrast(p.color(pair.fg), p.color(pair.bg));
                QVERIFY2(ratio >= pair.min, qPrintable(QStringLiteral("%1 theme, %2: %3:1")
                                                           .arg(AppSettings::themeName(theme), QLatin1String(pair.what))
                                                           .arg(ratio, 0, 'f', 2)));
            }
            // The bid and ask colours on the base (prices in the ladder and tape).
            QVERIFY(contrast(Themes::bid(), p.color(QPalette::Base)) >= 3.0);
            QVERIFY(contrast(Themes::ask(), p.color(QPalette::Base)) >= 3.0);
        }
        Themes::apply(AppSettings::Theme::System);
    }

    void modelsPassTheModelTester()
    {
        MarketListModel markets;
        QAbstractItemModelTester t1(&markets, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MarketInfo m;
        m.question = QStringLiteral("Q?");
        m.conditionId = QStringLiteral("0x1");
        m.tokenIds = {QStringLiteral("1"), QStringLiteral("2")};
        markets.setMarkets({m});
        MarketInfo m2 = m;
        m2.conditionId = QStringLiteral("0x2");
        markets.appendMarkets({m, m2}); // the known one is skipped
        markets.setWatched({QStringLiteral("0x1")});
        QCOMPARE(markets.rowCount(), 2);

        // A tick ladder: one row per tick from 0.99 down to 0.01, empty levels
        // shown, best levels marked, the empty ticks inside the spread flagged.
        LadderModel ladder;
        QAbstractItemModelTester t2(&ladder, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ladder.setTick(10'000);
        ladder.setLevels({{500000, 2'000'000}, {470000, 1'000'000}}, {{520000, 4'000'000}, {530000, 500'000}}, 1000);
        QCOMPARE(ladder.rowCount(), 99);
        QCOMPARE(ladder.priceAt(0), Fixed(990'000));
        QCOMPARE(ladder.priceAt(98), Fixed(10'000));
        QCOMPARE(ladder.rowOf(520'000), 47);
        QCOMPARE(ladder.bestAskRow(), 47);
        QCOMPARE(ladder.bestBidRow(), 49);
        QCOMPARE(ladder.centreRow(), 48);
        // One price unit everywhere, chosen in Settings: cents by default, decimals when asked.
        QCOMPARE(ladder.data(ladder.index(47, LadderModel::Price), Qt::DisplayRole).toString(), QStringLiteral("52¢"));
        PriceFormat::setUnit(PriceFormat::Unit::Decimals);
        QCOMPARE(ladder.data(ladder.index(47, LadderModel::Price), Qt::DisplayRole).toString(), QStringLiteral("0.52"));
        PriceFormat::setUnit(PriceFormat::Unit::Cents);
        QCOMPARE(ladder.data(ladder.index(47, LadderModel::AskSize), Qt::DisplayRole).toString(), QLocale().toString(4.0, 'f', 2));
        QVERIFY(ladder.data(ladder.index(48, LadderModel::Price), LadderModel::IsSpreadRole).toBool()); // 0.51: empty tick in the spread
        QCOMPARE(ladder.data(ladder.index(48, LadderModel::BidSize), Qt::DisplayRole).toString(), QString());
        QCOMPARE(ladder.data(ladder.index(50, LadderModel::BidSize), Qt::DisplayRole).toString(), QString()); // 0.49: empty level, shown
        QCOMPARE(ladder.data(ladder.index(52, LadderModel::BidSize), Qt::DisplayRole).toString(), QLocale().toString(1.0, 'f', 2));
        QCOMPARE(ladder.data(ladder.index(49, LadderModel::BidSize), LadderModel::BarFractionRole).toDouble(), 0.5);
        QVERIFY(ladder.data(ladder.index(49, LadderModel::BidSize), LadderModel::IsBestRole).toBool());
        QVERIFY(ladder.data(ladder.index(47, LadderModel::AskSize), LadderModel::IsBestRole).toBool());
        QVERIFY(!ladder.data(ladder.index(52, LadderModel::BidSize), LadderModel::IsBestRole).toBool());
        // Stacking and pulling since the last refresh, shown for a couple of seconds.
        ladder.setLevels({{500000, 2'500'000}, {470000, 1'000'000}}, {{520000, 1'000'000}, {530000, 500'000}}, 1500);
        QCOMPARE(ladder.data(ladder.index(49, LadderModel::BidSize), LadderModel::DeltaRole).toLongLong(), qint64(500'000));
        QCOMPARE(ladder.data(ladder.index(47, LadderModel::AskSize), LadderModel::DeltaRole).toLongLong(), qint64(-3'000'000));
        QVERIFY(!ladder.data(ladder.index(52, LadderModel::BidSize), LadderModel::DeltaRole).isValid());
        ladder.setLevels({{500000, 2'500'000}, {470000, 1'000'000}}, {{520000, 1'000'000}, {530000, 500'000}}, 1500 + LadderModel::kDeltaShowMs + 1);
        QVERIFY(!ladder.data(ladder.index(49, LadderModel::BidSize), LadderModel::DeltaRole).isValid());
        // Traded volume per price over the window.
        ladder.setTradedWindowMs(60'000);
        ladder.addTrades({TradePrint{QStringLiteral("1"), 2000, 520000, 3'000'000, Side::Buy},
                          TradePrint{QStringLiteral("1"), 3000, 520000, 2'000'000, Side::Buy},
                          TradePrint{QStringLiteral("1"), 4000, 500000, 1'000'000, Side::Sell}});
        QCOMPARE(ladder.data(ladder.index(47, LadderModel::Traded), Qt::DisplayRole).toString(), QStringLiteral("5"));
        QCOMPARE(ladder.data(ladder.index(49, LadderModel::Traded), LadderModel::BarFractionRole).toDouble(), 0.2);
        ladder.addTrades({TradePrint{QStringLiteral("1"), 63'500, 500000, 1'000'000, Side::Sell}}); // the first two age out
        QCOMPARE(ladder.data(ladder.index(47, LadderModel::Traded), Qt::DisplayRole).toString(), QString());
        QCOMPARE(ladder.data(ladder.index(49, LadderModel::Traded), Qt::DisplayRole).toString(), QStringLiteral("2"));
        // A finer tick rebuilds the grid.
        ladder.setTick(1'000);
        QCOMPARE(ladder.rowCount(), 999);
        QCOMPARE(ladder.rowOf(500'000), 499);
        ladder.clear();
        QCOMPARE(ladder.bestBidRow(), -1);

        // One trade printed on both tokens shows once, on YES's terms, naming both.
        {
            TradeTapeModel twin;
            QAbstractItemModelTester tt(&twin, QAbstractItemModelTester::FailureReportingMode::QtTest);
            twin.setOutcomeName(QStringLiteral("Y"), QStringLiteral("Yes"));
            twin.setOutcomeName(QStringLiteral("N"), QStringLiteral("No"));
            twin.addTrades({TradePrint{QStringLiteral("N"), 5000, 750'000, 10'000'000, Side::Buy},
                            TradePrint{QStringLiteral("Y"), 5000, 250'000, 10'000'000, Side::Sell}});
            QCOMPARE(twin.rowCount(), 1);
            QCOMPARE(twin.data(twin.index(0, TradeTapeModel::Outcome), Qt::DisplayRole).toString(), QStringLiteral("Yes/No"));
            QCOMPARE(twin.data(twin.index(0, TradeTapeModel::Price), Qt::DisplayRole).toString(), QStringLiteral("25¢"));
            QCOMPARE(twin.data(twin.index(0, TradeTapeModel::Side), Qt::DisplayRole).toString(), QStringLiteral("SELL"));
            QVERIFY(twin.data(twin.index(0, TradeTapeModel::Outcome), Qt::ToolTipRole).toString().contains(QStringLiteral("No bought at 75¢")));
            // Its twin in the next batch folds in too; a different trade does not.
            twin.addTrades({TradePrint{QStringLiteral("Y"), 6000, 260'000, 3'000'000, Side::Buy}});
            twin.addTrades({TradePrint{QStringLiteral("N"), 6000, 740'000, 3'000'000, Side::Sell},
                            TradePrint{QStringLiteral("N"), 6000, 740'000, 4'000'000, Side::Sell}});
            QCOMPARE(twin.rowCount(), 3);
            QCOMPARE(twin.data(twin.index(1, TradeTapeModel::Outcome), Qt::DisplayRole).toString(), QStringLiteral("Yes/No"));
            QCOMPARE(twin.data(twin.index(0, TradeTapeModel::Outcome), Qt::DisplayRole).toString(), QStringLiteral("No"));
        }

        TradeTapeModel tape;
        QAbstractItemModelTester t5(&tape, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tape.setOutcomeName(QStringLiteral("1"), QStringLiteral("Yes"));
        for (int i = 0; i < TradeTapeModel::kMaxRows + 5; ++i)
            tape.addTrade(TradePrint{QStringLiteral("1"), 1000 + i, 450'000, 1'000'000 * (i + 1), i % 2 ? Side::Sell : Side::Buy});
        QCOMPARE(tape.rowCount(), TradeTapeModel::kMaxRows);
        // Newest first.
        QCOMPARE(tape.data(tape.index(0, TradeTapeModel::Size), Qt::DisplayRole).toString(),
                 QLocale().toString(double(TradeTapeModel::kMaxRows + 5), 'f', 2));
        QCOMPARE(tape.data(tape.index(0, TradeTapeModel::Outcome), Qt::DisplayRole).toString(), QStringLiteral("Yes"));
        QCOMPARE(tape.data(tape.index(0, TradeTapeModel::Price), Qt::DisplayRole).toString(), QStringLiteral("45¢"));

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
        QCOMPARE(log.data(log.index(1, SignalLogModel::MaxProfit), Qt::DisplayRole).toString(), QStringLiteral("2¢"));
        proxy.setType(QStringLiteral("PANIC_SELL"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setType(QString());
        proxy.setMinConfidence(50);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setMinConfidence(0);
        proxy.setMarketText(QStringLiteral("rain"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setMarketText(QString());

        // One event on both tokens of a market is one row naming both: a NO
        // FOMO a moment after a YES panic folds into the YES row; the NO
        // signal's outcome still reaches it.
        log.setLabel(QStringLiteral("n1"), QStringLiteral("No · Will it rain?"));
        log.setTwins(QStringLiteral("1"), QStringLiteral("n1"), QStringLiteral("Yes/No · Will it rain?"));
        Signal yes = a;
        yes.id = 3;
        yes.timestampMs = 10'000;
        yes.resolved = false;
        Signal no = yes;
        no.id = 4;
        no.assetId = "n1";
        no.type = SignalType::FomoBuy;
        no.side = SignalSide::Sell;
        no.timestampMs = 10'400;
        log.addSignal(no); // the NO token's came first
        log.addSignal(yes);
        QCOMPARE(log.rowCount(), 3);
        QCOMPARE(log.data(log.index(0, SignalLogModel::Market), Qt::DisplayRole).toString(), QStringLiteral("Yes/No · Will it rain?"));
        QCOMPARE(log.data(log.index(0, SignalLogModel::Type), Qt::DisplayRole).toString(), QStringLiteral("PANIC_SELL"));
        QVERIFY(log.twinAt(0));
        QCOMPARE(log.twinAt(0)->id, std::uint64_t(4));
        QVERIFY(log.data(log.index(0, SignalLogModel::Market), Qt::ToolTipRole).toString().contains(QStringLiteral("No · Will it rain?: FOMO_BUY")));
        no.resolved = true;
        no.reverted = false;
        log.resolve(no);
        QCOMPARE(log.twinAt(0)->resolved, true);
        // Not a twin: another type, or the same type too far apart, keeps its own row.
        Signal late = no;
        late.id = 5;
        late.timestampMs = 10'000 + SignalLogModel::kTwinWindowMs + 500;
        log.addSignal(late);
        Signal lateYes = yes;
        lateYes.id = 6;
        lateYes.timestampMs = late.timestampMs;
        lateYes.type = SignalType::DepthPull;
        log.addSignal(lateYes);
        QCOMPARE(log.rowCount(), 5);
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
