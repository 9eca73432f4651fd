#include "conformancechecker.h"
#include "corpus.h"
#include "protocol/frameparser.h"
#include "replay/framesplitter.h"
#include "sim/simengine.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace polymon;

// Every capture in ../shared/conformance, plus long simulated streams whose
// post-trade `book` frames are an independent oracle for the rebuilt books.
class TstConformance final : public QObject
{
    Q_OBJECT

    static QString fixtures() { return polymon::test::corpusPath(QStringLiteral("polymarket")); }

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        return f.readAll();
    }

    static void run(ConformanceChecker &checker, FrameParser &parser, const QByteArray &text)
    {
        for (std::string_view frame : FrameSplitter::split(std::string_view(text.constData(), std::size_t(text.size()))))
            parser.parse(frame, checker);
    }

private Q_SLOTS:
    void everyCapture_data()
    {
        POLYMON_REQUIRE_CORPUS();
        QTest::addColumn<QString>("path");
        QDirIterator it(fixtures() + QStringLiteral("/ws"), {QStringLiteral("*.json")}, QDir::Files);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        QDirIterator jl(fixtures(), {QStringLiteral("*.jsonl")}, QDir::Files, QDirIterator::Subdirectories);
        while (jl.hasNext())
            files << jl.next();
        files.sort();
        QVERIFY(files.size() >= 20);
        for (const QString &f : files)
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }

    void everyCapture()
    {
        QFETCH(QString, path);
        ConformanceChecker checker;
        FrameParser parser;
        run(checker, parser, read(path));
        QVERIFY2(checker.problems.isEmpty(), qPrintable(checker.problems.join(QLatin1Char('\n'))));
        QCOMPARE(checker.topMismatches, 0);
        QCOMPARE(parser.stats().errors, 0u);
        QCOMPARE(checker.store.stats().desyncs, 0u);
    }

    void capturedStreamRebuildsExactly()
    {
        POLYMON_REQUIRE_CORPUS();
        // Real capture: a 14-bid/85-ask book, then a change for the paired token
        // (no book: skipped) and SELL 0.15 -> 503.32 for the synced one.
        ConformanceChecker checker;
        FrameParser parser;
        run(checker, parser, read(fixtures() + QStringLiteral("/pybot-test/ws_capture_1778204225.jsonl")));
        const AssetBook *a = checker.store.find(
            "99267005274969015530704549459879765455779440435684795967857484533170446088617");
        QVERIFY(a && a->synced());
        QCOMPARE(a->book.bids().size(), 14u);
        QCOMPARE(a->book.asks().size(), 85u);
        QCOMPARE(formatFixed(a->book.bestBid()), std::string("0.14"));
        QCOMPARE(formatFixed(a->book.bestAsk()), std::string("0.15"));
        QCOMPARE(a->book.asks().back().size, 503'320'000);
        QCOMPARE(a->tickSize, 10'000);
        QCOMPARE(checker.entriesChecked, 1);
        QCOMPARE(checker.store.stats().unsyncedEntriesSkipped, 1u);
        const AssetBook *paired = checker.store.find(
            "99462914632141937595531009504605881366011777350891552031161949202493530543388");
        QVERIFY(paired && paired->state == SyncState::Unsynced);
    }

    void restBookFixturesParse()
    {
        POLYMON_REQUIRE_CORPUS();
        // REST /book bodies have the same shape as WS books (plus metadata).
        for (const char *name : {"clob_book_response.json", "py_book.json", "clob_book_response_empty_ask.json"}) {
            ConformanceChecker checker;
            FrameParser parser;
            run(checker, parser, read(fixtures() + QStringLiteral("/http/") + QLatin1String(name)));
            QCOMPARE(parser.stats().errors, 0u);
            QCOMPARE(checker.store.stats().booksApplied, 1u);
        }
    }

    void simulatedStreams_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addRow("seed 1") << quint64(1);
        QTest::addRow("seed 7") << quint64(7);
        QTest::addRow("seed 12345") << quint64(12345);
    }

    void simulatedStreams()
    {
        // 200k frames per seed, both tokens of every market subscribed.
        QFETCH(quint64, seed);
        SimEngine engine(seed, 10);
        ConformanceChecker checker;
        FrameParser parser;
        for (const std::string &id : engine.allAssetIds())
            parser.parse(engine.bookEvent(id, 0), checker);
        for (int i = 0; i < 200'000; ++i)
            parser.parse(engine.next(i).json, checker);
        QVERIFY2(checker.problems.isEmpty(), qPrintable(checker.problems.mid(0, 5).join(QLatin1Char('\n'))));
        QVERIFY(checker.entriesChecked > 100'000);
        QVERIFY(checker.booksCompared > 1'000);
        QCOMPARE(parser.stats().errors, 0u);
    }
};

QTEST_GUILESS_MAIN(TstConformance)
#include "tst_conformance.moc"
