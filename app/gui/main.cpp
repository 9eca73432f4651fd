// polymon: the desktop monitor. Live Polymarket when reachable, otherwise the
// SIMULATED exchange, clearly labelled.
#include "appsettings.h"
#include "mainwindow.h"
#include "monitor/monitorservice.h"
#include "session/recordingservice.h"
#include "storage/databaselocation.h"
#include "storage/storagewriter.h"
#include "themes.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace polymon;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("polymon"));
    QApplication::setApplicationName(QStringLiteral("polymon"));
    QApplication::setApplicationVersion(QStringLiteral(POLYMON_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/polymon/polymon.svg")));
    QApplication::setDesktopFileName(QStringLiteral("io.github.polymon.Polymon"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Order-book monitor for Polymarket"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption simOption(QStringLiteral("sim"), QStringLiteral("Use the SIMULATED exchange."));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Simulator seed."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption endpointOption(QStringLiteral("endpoint"), QStringLiteral("Market WebSocket URL."), QStringLiteral("URL"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Save a PNG of the window after --after seconds, then quit."),
                                              QStringLiteral("PNG"));
    const QCommandLineOption afterOption(QStringLiteral("after"), QStringLiteral("Seconds before the screenshot."),
                                         QStringLiteral("S"), QStringLiteral("4"));
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("SQLite file to record to (default: %1).").arg(StorageWriter::defaultPath()),
                                      QStringLiteral("PATH"));
    const QCommandLineOption noDbOption(QStringLiteral("no-db"), QStringLiteral("Do not record."));
    const QCommandLineOption replayOption(QStringLiteral("replay"),
                                          QStringLiteral("Open a recording (a .pmcap capture) once started, and play it."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1024x700."),
                                        QStringLiteral("WxH"));
    parser.addOptions({simOption, seedOption, endpointOption, dbOption, noDbOption, replayOption, sizeOption,
                       screenshotOption, afterOption});
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "polymon: %s\n\n%s", qPrintable(parser.errorText()), qPrintable(parser.helpText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("polymon %s\n", POLYMON_VERSION);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "polymon: unexpected argument %s\n\n%s", qPrintable(parser.positionalArguments().first()),
                     qPrintable(parser.helpText()));
        return 2;
    }
    bool ok = true;
    MonitorService::Options options;
    options.clobUrl = QUrl(QStringLiteral("https://clob.polymarket.com")); // market rules and fees, while live
    options.forceSimulated = parser.isSet(simOption);
    options.seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok) {
        std::fprintf(stderr, "polymon: --seed needs a non-negative integer\n");
        return 2;
    }
    if (parser.isSet(endpointOption)) {
        options.endpoint = QUrl(parser.value(endpointOption), QUrl::StrictMode);
        if (!options.endpoint.isValid() || !options.endpoint.scheme().startsWith(QLatin1String("ws"))) {
            std::fprintf(stderr, "polymon: --endpoint needs a ws:// or wss:// URL\n");
            return 2;
        }
    }
    // The command line wins over the settings dialog's database choice.
    if (parser.isSet(dbOption))
        options.dbPath = parser.value(dbOption);
    else if (!parser.isSet(noDbOption) && AppSettings::recording())
        options.dbPath = AppSettings::databasePath().isEmpty() ? StorageWriter::defaultPath() : AppSettings::databasePath();
    if (!options.dbPath.isEmpty()) {
        DatabaseLocation location; // a file, or a shared store's postgresql:// URL
        QString error;
        if (!DatabaseLocation::parse(options.dbPath, location, error)) {
            std::fprintf(stderr, "polymon: --db: %s\n", qPrintable(error));
            return 2;
        }
    }
    // The raw frames beside the database: captures/ next to it, one file per session.
    if (!options.dbPath.isEmpty())
        options.captureDir = RecordingService::captureDirFor(options.dbPath);
    options.captureKeepDays = AppSettings::captureKeepDays();
    options.captureKeepBytes = qint64(AppSettings::captureKeepGb()) * 1'000'000'000;
    options.storeKeepDays = AppSettings::storeKeepDays();
    options.signalSettings = AppSettings::signalSettings();
    options.assetsPerConnection = AppSettings::assetsPerConnection();
    // The very first start without network goes to the simulator; once live
    // has worked, a failure asks (banner with Retry / Use SIMULATED).
    options.simulatedOnFailure = !AppSettings::everLive();
    const double after = parser.value(afterOption).toDouble(&ok);
    if (!ok || after < 0) {
        std::fprintf(stderr, "polymon: --after needs seconds\n");
        return 2;
    }

    Themes::apply(AppSettings::theme());
    PriceFormat::setUnit(AppSettings::priceUnit());

    // The monitor lives in its own thread; the window only receives values.
    QThread worker;
    worker.setObjectName(QStringLiteral("monitor"));
    auto *service = new MonitorService(options);
    service->moveToThread(&worker);
    QObject::connect(&worker, &QThread::finished, service, &QObject::deleteLater);
    worker.start();

    MainWindow window(service); // connects first, so no early result is missed
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 320 || h < 240) {
            std::fprintf(stderr, "polymon: --size needs WxH, e.g. 1024x700\n");
            return 2;
        }
        window.resize(w, h);
    }
    window.show();
    QMetaObject::invokeMethod(service, &MonitorService::start, Qt::QueuedConnection);
    if (parser.isSet(replayOption)) {
        const QString path = parser.value(replayOption);
        QMetaObject::invokeMethod(service, [service, path] {
            service->openRecording(path);
            service->replayPlay();
        }, Qt::QueuedConnection);
    }

    if (parser.isSet(screenshotOption)) {
        const QString path = parser.value(screenshotOption);
        QTimer::singleShot(int(after * 1000), &window, [&window, path] {
            const bool saved = window.grab().save(path);
            std::fprintf(saved ? stdout : stderr, saved ? "saved %s\n" : "cannot save %s\n", qPrintable(path));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    const int rc = QApplication::exec();
    QMetaObject::invokeMethod(service, &MonitorService::stop, Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
    return rc;
}
