#include "book/bookstore.h"
#include "corpus.h"
#include "protocol/frameparser.h"
#include "recordingsink.h"
#include "replay/framesplitter.h"
#include "sim/simengine.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace polymon;

// A short, deterministic mutation run over every fixture in the test suite
// (the long coverage-guided run is `make fuzz`): random byte flips, cuts and
// splices must never crash the parser or the book, and every frame must be
// either accepted or counted as an error.
class TstFuzzReplay final : public QObject
{
    Q_OBJECT

    // Whatever the input, every book stays a valid book: each side strictly
    // sorted with the best level last, sizes positive, prices inside (0, 1],
    // and the side totals equal to the sum of their levels.
    static bool sideIsWellFormed(std::span<const PriceLevel> levels, bool ascending, Fixed total)
    {
        Fixed sum = 0;
        for (std::size_t i = 0; i < levels.size(); ++i) {
            const PriceLevel &l = levels[i];
            if (l.size <= 0 || l.price <= 0 || l.price > kFixedScale)
                return false;
            if (i > 0 && (ascending ? levels[i - 1].price >= l.price : levels[i - 1].price <= l.price))
                return false;
            sum += l.size;
        }
        return sum == total;
    }

    static bool booksAreWellFormed(const BookStore &store)
    {
        bool ok = true;
        store.forEach([&ok](const AssetBook &a) {
            ok = ok && sideIsWellFormed(a.book.bids(), true, a.book.bidDepth())
                && sideIsWellFormed(a.book.asks(), false, a.book.askDepth());
        });
        return ok;
    }
    static QList<QByteArray> capturedFrames()
    {
        QList<QByteArray> frames;
        QDirIterator it(polymon::test::corpusPath(QStringLiteral("polymarket")), {QStringLiteral("*.json*")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray text = f.readAll();
            frames << text; // the whole file as one frame, too
            for (std::string_view frame : FrameSplitter::split(std::string_view(text.constData(), std::size_t(text.size())))) {
                const QByteArray bytes(frame.data(), qsizetype(frame.size()));
                frames << bytes;
                // The fixtures are pretty-printed; the live feed sends one line.
                const QJsonDocument doc = QJsonDocument::fromJson(bytes);
                if (!doc.isNull()) {
                    frames << doc.toJson(QJsonDocument::Compact);
                    if (doc.isArray()) { // its events one by one, as the feed sends them after subscribing
                        for (const QJsonValue &event : doc.array()) {
                            if (event.isObject())
                                frames << QJsonDocument(event.toObject()).toJson(QJsonDocument::Compact);
                        }
                    }
                }
            }
        }
        return frames;
    }

    static QList<QByteArray> simulatedFrames()
    {
        SimEngine engine(2026, 4);
        QList<QByteArray> frames;
        for (int i = 0; i < 2'000; ++i) {
            const std::int64_t now = 1'000 + i * 50;
            if (i % 100 == 0) { // fresh books now and then, as a resync would bring
                for (const std::string &id : engine.allAssetIds())
                    frames << QByteArray::fromStdString(engine.bookEvent(id, now));
            }
            frames << QByteArray::fromStdString(engine.next(now).json);
        }
        return frames;
    }

    // Every event in full, hashes and markets included, so two parsers'
    // outputs compare exactly.
    struct DetailedSink final : RecordingSink
    {
        void onPriceChange(const PriceChangeEvent &e) override
        {
            RecordingSink::onPriceChange(e);
            for (const auto &x : e.entries)
                lines << QStringLiteral("  hash=%1 market=%2").arg(s(x.hash), s(e.market));
        }
        void onBook(const BookEvent &e) override
        {
            RecordingSink::onBook(e);
            lines << QStringLiteral("  market=%1").arg(s(e.market));
        }
    };

    static void mutate(QByteArray &frame, QRandomGenerator &rng)
    {
        // Tokens that reach the fast reader's edges: blanks, escapes, non-ASCII,
        // numbers, nesting, repeated and misordered keys, keys one letter off
        // a known one, the gaps its quick paths compare.
        static const char *tokens[] = {"\"", "{", "}", "[", "]", ",", ":", "\\", "0", "-1", "1e9", "null", "\"0.5\"",
                                       "", " ", "\t", "\r\n", "\f", "\xc3\xa9", "\x80", "\\u0041", "\"price\":\"0.5\",",
                                       "{}", "[]", "\"x\":[],", "\"size\":1,", "\"asset_id\":\"1\",", "\"hash\":\"h\", ",
                                       "\"pric\":\"0.5\",", "\"price_\":\"0.5\",", "\"best_bids\":\"0.5\",", ", \"", ",\"",
                                       "\": \"", "\":\""};
        const int edits = 1 + int(rng.bounded(4));
        for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
            const int pos = int(rng.bounded(quint32(frame.size())));
            switch (rng.bounded(4)) {
            case 0: frame[pos] = char(rng.bounded(256)); break;
            case 1: frame.truncate(pos); break;
            case 2: frame.insert(pos, tokens[rng.bounded(quint32(std::size(tokens)))]); break;
            default: frame.remove(pos, int(rng.bounded(16))); break;
            }
        }
    }

private Q_SLOTS:
    void mutatedFramesKeepBooksWellFormed_data()
    {
        QTest::addColumn<bool>("captured");
        QTest::addRow("captured frames") << true;
        QTest::addRow("simulated frames") << false;
    }

    void mutatedFramesKeepBooksWellFormed()
    {
        QFETCH(bool, captured);
        if (captured)
            POLYMON_REQUIRE_CORPUS();
        const QList<QByteArray> corpus = captured ? capturedFrames() : simulatedFrames();
        QVERIFY(corpus.size() > 10);
        QRandomGenerator rng(2026);
        FrameParser parser;
        BookStore store;
        for (int i = 0; i < 60'000; ++i) {
            QByteArray frame = corpus.at(int(rng.bounded(quint32(corpus.size()))));
            // One frame in four goes in whole, so books get built and then hit by mutated changes.
            if (rng.bounded(4) == 0) {
                parser.parse(std::string_view(frame.constData(), std::size_t(frame.size())), store);
                continue;
            }
            mutate(frame, rng);
            parser.parse(std::string_view(frame.constData(), std::size_t(frame.size())), store);
            if (i % 64 == 0)
                QVERIFY2(booksAreWellFormed(store), qPrintable(QStringLiteral("after mutation %1").arg(i)));
        }
        QVERIFY(booksAreWellFormed(store));
        QVERIFY(store.stats().booksApplied > 100); // books were built and then hit by mutated changes
        QVERIFY(store.stats().entriesApplied > 1'000);
        QCOMPARE(parser.stats().frames, 60'000u);
        QVERIFY(parser.stats().errors > 1000);
    }

    // The parser reads common frames with its own strict reader and the rest
    // with simdjson; whatever the frame, whole or mutated, the two must give
    // the same events, the same errors with the same reasons, the same verdict.
    void bothReadersGiveTheSameEvents_data() { mutatedFramesKeepBooksWellFormed_data(); }

    void bothReadersGiveTheSameEvents()
    {
        QFETCH(bool, captured);
        if (captured)
            POLYMON_REQUIRE_CORPUS();
        const QList<QByteArray> corpus = captured ? capturedFrames() : simulatedFrames();
        QVERIFY(corpus.size() > 10);
        QRandomGenerator rng(2027);
        FrameParser fast, general;
        general.setFastReader(false);
        int whole = 0;
        for (int i = 0; i < 60'000; ++i) {
            QByteArray frame = corpus.at(int(rng.bounded(quint32(corpus.size()))));
            if (rng.bounded(4) == 0)
                ++whole;
            else
                mutate(frame, rng);
            const std::string_view text(frame.constData(), std::size_t(frame.size()));
            DetailedSink a, b;
            const bool okFast = fast.parse(text, a);
            const bool okGeneral = general.parse(text, b);
            if (a.lines != b.lines || okFast != okGeneral) {
                QFAIL(qPrintable(QStringLiteral("readers differ on %1\nfast:    %2\ngeneral: %3")
                                     .arg(QString::fromUtf8(frame.toPercentEncoding(" {}[]:,\"")),
                                          a.lines.join(QLatin1String(" | ")), b.lines.join(QLatin1String(" | ")))));
            }
        }
        QCOMPARE(general.stats().fastFrames, 0u);
        QCOMPARE(fast.stats().errors, general.stats().errors);
        QCOMPARE(fast.stats().events, general.stats().events);
        // Not vacuous: the fast reader took many whole frames (the corpus also
        // holds pretty-printed fixtures, REST and signing documents with
        // numbers, arrays of books, which it leaves to simdjson) and mutated ones too.
        const std::uint64_t wholeFast = std::uint64_t(whole) * (captured ? 1 : 9) / 10;
        qInfo("%d of 60000 frames whole; %llu read by the fast reader", whole, static_cast<unsigned long long>(fast.stats().fastFrames));
        QVERIFY(fast.stats().fastFrames > wholeFast);
    }
};

QTEST_GUILESS_MAIN(TstFuzzReplay)
#include "tst_fuzzreplay.moc"
