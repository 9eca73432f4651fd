#include "book/bookstore.h"
#include "protocol/frameparser.h"

#include <QDirIterator>
#include <QFile>
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
private Q_SLOTS:
    void mutatedFixturesNeverCrash()
    {
        QList<QByteArray> corpus;
        QDirIterator it(QStringLiteral(POLYMON_CONFORMANCE_DIR "/polymarket"), {QStringLiteral("*.json*")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            for (const QByteArray &line : f.readAll().split('\n')) {
                if (line.size() > 2)
                    corpus << line;
            }
        }
        QVERIFY(corpus.size() > 10);
        QRandomGenerator rng(2026);
        FrameParser parser;
        BookStore store;
        static const char tokens[][8] = {"\"", "{", "}", "[", "]", ",", ":", "\\", "0", "-1", "1e9", "null", "\"0.5\"", ""};
        for (int i = 0; i < 60'000; ++i) {
            QByteArray frame = corpus.at(int(rng.bounded(quint32(corpus.size()))));
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
            const auto errorsBefore = parser.stats().errors;
            const bool ok = parser.parse(std::string_view(frame.constData(), std::size_t(frame.size())), store);
            QVERIFY(ok || parser.stats().errors > errorsBefore);
        }
        QCOMPARE(parser.stats().frames, 60'000u);
        QVERIFY(parser.stats().errors > 1000);
    }
};

QTEST_GUILESS_MAIN(TstFuzzReplay)
#include "tst_fuzzreplay.moc"
