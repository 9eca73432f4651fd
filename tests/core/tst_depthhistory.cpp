#include "heatmap/depthhistory.h"

#include <QTest>

using namespace polymon;

// The heatmap's memory: slices, the last book of a slice, quiet books
// carried, gaps kept, recorded books put before live ones.
class TstDepthHistory final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void slicesKeepTheirLastBookAndCarryQuietOnes()
    {
        DepthHistory h(1000, 10);
        h.addBook(10'100, {{500'000, 5}}, {{510'000, 7}});
        h.addBook(10'900, {{500'000, 9}}, {{510'000, 7}}); // same slice: the later book
        h.addTrade(10'950, 510'000, 3, Side::Buy);
        QCOMPARE(h.columns().size(), std::size_t(1));
        QCOMPARE(h.columns().front().bids.front().size, Fixed(9));
        QCOMPARE(h.columns().front().trades.size(), 1);
        // Quiet for five seconds: the book stands (no column, no gap).
        h.addBook(16'200, {{500'000, 4}}, {{510'000, 7}});
        QCOMPARE(h.columns().size(), std::size_t(2));
        QVERIFY(!h.columns().back().gapBefore);
        QCOMPARE(h.bookAt(13'000)->bids.front().size, Fixed(9));
        QVERIFY(h.columnAt(13'000) == nullptr);
        // Unsynced: what follows starts a gap, and nothing is carried across it.
        h.breakHere();
        h.addTrade(17'500, 500'000, 2, Side::Sell);
        h.addBook(19'100, {{490'000, 1}}, {{500'000, 1}});
        QVERIFY(h.columns().back().gapBefore);
        QVERIFY(h.bookAt(17'600) == nullptr);
        QCOMPARE(h.bookAt(19'500)->bestBid, Fixed(490'000));
        // Bounded: the oldest slices go.
        for (int i = 0; i < 20; ++i)
            h.addBook(20'000 + i * 1000, {{490'000, 1}}, {});
        QCOMPARE(h.columns().size(), std::size_t(10));
        QCOMPARE(h.firstMs(), std::int64_t(30'000));
    }

    void recordedBooksGoFirstWithTheirGaps()
    {
        DepthHistory h(1000, 100);
        h.addBook(500'000, {{500'000, 5}}, {});
        h.prepend({{100'000, {{{400'000, 1}}, {}}}, {101'000, {{{400'000, 2}}, {}}}, {300'000, {{{450'000, 3}}, {}}},
                   {600'000, {{{999, 1}}, {}}}}, // not before the live ones: dropped
                  60'000);
        QCOMPARE(h.columns().size(), std::size_t(4));
        QCOMPARE(h.firstMs(), std::int64_t(100'000));
        QVERIFY(!h.columns()[1].gapBefore);
        QVERIFY(h.columns()[2].gapBefore); // 199 s without a recorded book
        QVERIFY(h.columns()[3].gapBefore); // recorded 300 s, live 500 s
        QVERIFY(h.bookAt(100'500) != nullptr);
        QVERIFY(h.bookAt(200'000) == nullptr); // nothing recorded then
        QVERIFY(h.bookAt(300'500) != nullptr);
        QVERIFY(h.bookAt(400'000) == nullptr); // the app was not running
    }

    void spansCarryQuietBooksAndShadeGaps()
    {
        // What the heatmap paints and the crosshair reads come from one rule.
        DepthHistory h(1000, 100);
        h.addBook(10'000, {{500'000, 5}}, {{510'000, 4}});
        h.addTrade(12'500, 510'000, 1, Side::Buy); // a slice with a trade and no book of its own
        const std::vector<HeatSpan> s = h.spans(12'000, 1000, 4);
        QCOMPARE(s.size(), std::size_t(4));
        QVERIFY(!s[0].gap);
        QVERIFY(s[0].book == &h.columns().front()); // the quiet book carried through the trade's slice
        QCOMPARE(s[0].to - s[0].from, std::size_t(1));
        QCOMPARE(h.columns()[s[0].from].trades.size(), 1);
        QVERIFY(s[3].book == &h.columns().front() && !s[3].gap); // quiet after the last slice: still known
        QVERIFY(h.bookAt(12'500) == s[0].book);
        // Unsynced from here: after the last slice it is a gap, painted and read alike.
        h.breakHere();
        const std::vector<HeatSpan> broken = h.spans(20'000, 1000, 2);
        QVERIFY(broken[0].gap && !broken[0].book);
        QVERIFY(h.bookAt(20'500) == nullptr);
        // Before anything is known: neither a book nor a gap.
        const std::vector<HeatSpan> before = h.spans(1'000, 1000, 1);
        QVERIFY(!before[0].gap && !before[0].book);
        // A book after the gap starts fresh; the span before it stays a gap.
        h.addBook(30'000, {{480'000, 2}}, {});
        const std::vector<HeatSpan> after = h.spans(25'000, 1000, 6);
        QVERIFY(after[0].gap);
        QVERIFY(!after[5].gap && after[5].book == &h.columns().back());
    }
};

QTEST_GUILESS_MAIN(TstDepthHistory)
#include "tst_depthhistory.moc"
