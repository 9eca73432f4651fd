#include "protocol/fixedpoint.h"
#include "protocol/shortdecimal.h"

#include <QRandomGenerator>
#include <QTest>

using namespace polymon;

class TstFixedPoint final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The frame parser's shortcut gives parseFixed's verdict and value on
    // every string: 200,000 random ones over digits, dots, signs and letters,
    // of every length around its limits, and the edge cases by name.
    void shortDecimalAgreesWithParseFixed()
    {
        const std::string named[] = {"", ".", "0", "0.", ".5", "5.", "0.17", "416.64", "0.500", "0.1234567", "0.1234560",
                                     "999999999999", "999999999999.999999", "1000000000000", "9999999999999", "-1",
                                     "+1", "1e5", "1..2", "0x1", "00012.5000", "123456789012345", "1234567890123456",
                                     "12345678", "1234567.", ".1234567", "1.234567", "0.000001", "00000000", "9999.999",
                                     "1.2.3", "..", "5", "0.0", "/", ":", "0/", "0:"};
        auto check = [](const std::string &text) {
            Fixed a = -1, b = -1;
            const FixedError ea = parseFixed(text, a);
            // As in a frame: more text follows (digits and dots, which must not count).
            const std::string followed = text + "9.99.999";
            const FixedError eb = parseShortDecimal(std::string_view(followed.data(), text.size()), b);
            QCOMPARE(int(eb), int(ea));
            if (ea == FixedError::None)
                QCOMPARE(b, a);
        };
        for (const std::string &text : named)
            check(text);
        QRandomGenerator rng(17);
        static const char alphabet[] = "0123456789012345678901234567890123456789..-+e ";
        for (int i = 0; i < 200'000; ++i) {
            std::string text;
            const int length = int(rng.bounded(18));
            for (int c = 0; c < length; ++c)
                text += alphabet[rng.bounded(quint32(sizeof(alphabet) - 1))];
            check(text);
            if (QTest::currentTestFailed())
                QFAIL(text.c_str());
        }
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("micros");
        QTest::addRow("price") << "0.48" << true << qint64(480000);
        QTest::addRow("no leading zero") << ".48" << true << qint64(480000);
        QTest::addRow("trailing zero") << "0.50" << true << qint64(500000);
        QTest::addRow("tick 0.0001") << "0.0001" << true << qint64(100);
        QTest::addRow("six decimals") << "219.217767" << true << qint64(219217767);
        QTest::addRow("extra zero decimals") << "1.50000000" << true << qint64(1500000);
        QTest::addRow("seven decimals") << "0.0000001" << false << qint64(0);
        QTest::addRow("integer") << "3300" << true << qint64(3300000000);
        QTest::addRow("big size") << "3149725.72" << true << qint64(3149725720000);
        QTest::addRow("zero") << "0" << true << qint64(0);
        QTest::addRow("one") << "1" << true << qint64(1000000);
        QTest::addRow("trailing dot") << "5." << true << qint64(5000000);
        QTest::addRow("empty") << "" << false << qint64(0);
        QTest::addRow("dot only") << "." << false << qint64(0);
        QTest::addRow("negative") << "-0.5" << false << qint64(0);
        QTest::addRow("exponent") << "1e-3" << false << qint64(0);
        QTest::addRow("spaces") << " 0.5" << false << qint64(0);
        QTest::addRow("letters") << "abc" << false << qint64(0);
        QTest::addRow("two dots") << "0.5.1" << false << qint64(0);
        QTest::addRow("overflow") << "99999999999999999999" << false << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, micros);
        const std::string s = text.toStdString();
        Fixed v = -1;
        const FixedError e = parseFixed(s, v);
        QCOMPARE(e == FixedError::None, ok);
        if (ok)
            QCOMPARE(v, micros);
    }

    void format_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("text");
        QTest::addRow("zero") << qint64(0) << "0";
        QTest::addRow("half") << qint64(500000) << "0.5";
        QTest::addRow("tick") << qint64(100) << "0.0001";
        QTest::addRow("size") << qint64(3149725720000) << "3149725.72";
        QTest::addRow("micro") << qint64(1) << "0.000001";
        QTest::addRow("whole") << qint64(7000000) << "7";
        QTest::addRow("negative") << qint64(-1500000) << "-1.5";
    }
    void format()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatFixed(micros)), text);
    }

    void formatPadsToMinimumDecimals()
    {
        QCOMPARE(formatFixed(800'000, 2), std::string("0.80"));
        QCOMPARE(formatFixed(7'000'000, 2), std::string("7.00"));
        QCOMPARE(formatFixed(812'500, 2), std::string("0.8125")); // finer ticks keep their digits
        QCOMPARE(formatFixed(0, 2), std::string("0.00"));
        QCOMPARE(formatFixed(-1'500'000, 2), std::string("-1.50"));
    }

    void roundedFormatRoundsHalfAwayFromZero()
    {
        QCOMPARE(formatFixedRounded(12'345'000, 2), std::string("12.35"));
        QCOMPARE(formatFixedRounded(-12'345'000, 2), std::string("-12.35"));
        QCOMPARE(formatFixedRounded(12'344'999, 2), std::string("12.34"));
        QCOMPARE(formatFixedRounded(4'000, 2), std::string("0.00"));
        QCOMPARE(formatFixedRounded(1'999'999, 0), std::string("2"));
        QCOMPARE(formatFixedRounded(1'234'567, 6), std::string("1.234567"));
    }

    void roundTripIsExact()
    {
        // Every price on the finest tick grid survives parse -> format -> parse.
        for (Fixed p = 0; p <= kFixedScale; p += 100) {
            const std::string s = formatFixed(p);
            Fixed back = -1;
            QCOMPARE(parseFixed(s, back), FixedError::None);
            QCOMPARE(back, p);
        }
    }
};

QTEST_GUILESS_MAIN(TstFixedPoint)
#include "tst_fixedpoint.moc"
