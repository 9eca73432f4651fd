#include "book/mergedbook.h"
#include "book/orderbook.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace polymon;

class TstOrderBook final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replaceSortsAnyOrder()
    {
        // Live books list bids ascending and asks descending; hand-made ones the opposite.
        const PriceLevel bidsAsc[] = {{480000, 5}, {490000, 3}, {500000, 2}};
        const PriceLevel asksAsc[] = {{510000, 1}, {530000, 4}, {520000, 2}};
        OrderBook book;
        book.replace(bidsAsc, asksAsc);
        QCOMPARE(book.bestBid(), 500000);
        QCOMPARE(book.bestAsk(), 510000);
        QCOMPARE(book.bidDepth(), 10);
        QCOMPARE(book.askDepth(), 7);
        QCOMPARE(book.bids().back().size, 2);
        QCOMPARE(book.asks().front().price, 530000); // worst first
    }

    void replaceSkipsZeroAndKeepsLastDuplicate()
    {
        const PriceLevel bids[] = {{400000, 0}, {450000, 1}, {450000, 7}};
        OrderBook book;
        book.replace(bids, {});
        QCOMPARE(int(book.bids().size()), 1);
        QCOMPARE(book.bids().back().size, 7);
        QVERIFY(!book.hasAsk());
    }

    void setLevelInsertUpdateRemove()
    {
        OrderBook book;
        book.setLevel(Side::Buy, 400000, 10);
        book.setLevel(Side::Buy, 450000, 5);
        book.setLevel(Side::Buy, 420000, 1);
        QCOMPARE(book.bestBid(), 450000);
        QCOMPARE(book.bidDepth(), 16);
        book.setLevel(Side::Buy, 450000, 2); // absolute size, not a delta
        QCOMPARE(book.bidDepth(), 13);
        book.setLevel(Side::Buy, 450000, 0);
        QCOMPARE(book.bestBid(), 420000);
        QCOMPARE(book.bidDepth(), 11);
        book.setLevel(Side::Buy, 999000, 0); // removing a missing level is a no-op
        QCOMPARE(int(book.bids().size()), 2);
        book.setLevel(Side::Sell, 600000, 3);
        book.setLevel(Side::Sell, 550000, 1);
        QCOMPARE(book.bestAsk(), 550000);
    }

    void dropBetterThanExchangeTop()
    {
        OrderBook book;
        for (Fixed p : {400000, 410000, 420000, 430000})
            book.setLevel(Side::Buy, p, 1);
        for (Fixed p : {440000, 450000, 460000})
            book.setLevel(Side::Sell, p, 1);
        QCOMPARE(book.dropBidsAbove(410000), 2);
        QCOMPARE(book.bestBid(), 410000);
        QCOMPARE(book.dropAsksBelow(460000), 2);
        QCOMPARE(book.bestAsk(), 460000);
        QCOMPARE(book.bidDepth(), 2);
        QCOMPARE(book.askDepth(), 1);
    }

    void crossedAndLocked()
    {
        OrderBook book;
        book.setLevel(Side::Buy, 530000, 1);
        book.setLevel(Side::Sell, 540000, 1);
        QVERIFY(!book.crossedOrLocked());
        book.setLevel(Side::Sell, 530000, 1);
        QVERIFY(book.crossedOrLocked()); // locked
        book.setLevel(Side::Buy, 535000, 1);
        QVERIFY(book.crossedOrLocked()); // crossed
    }

    void metrics()
    {
        OrderBook book;
        book.setLevel(Side::Buy, 480000, 100'000'000);  // 100
        book.setLevel(Side::Buy, 300000, 900'000'000);  // far below the band
        book.setLevel(Side::Sell, 520000, 300'000'000); // 300
        book.setLevel(Side::Sell, 700000, 50'000'000);  // outside the band
        const BookMetrics m = book.metrics(100'000);
        QCOMPARE(m.spread, 40000);
        QCOMPARE(m.mid, 500000);
        QCOMPARE(m.bandBidDepth, 100'000'000);
        QCOMPARE(m.bandAskDepth, 300'000'000);
        QCOMPARE(m.bidDepth, 1'000'000'000);
        QCOMPARE(m.imbalance, -0.5);
        // Microprice leans toward the ask when the bid is heavier... here the ask is heavier.
        QCOMPARE(m.microprice, (480000LL * 300 + 520000LL * 100) / 400);
        QCOMPARE(m.bidLevels, 2);
        QVERIFY(!m.crossed);
        const BookMetrics empty = OrderBook().metrics(100'000);
        QVERIFY(!empty.twoSided());
        QCOMPARE(empty.bidDepth, 0);
    }

    void matchesReferenceOnRandomUpdates()
    {
        // The vector book against a std::map over 20k random updates.
        QRandomGenerator rng(42);
        OrderBook book;
        std::map<Fixed, Fixed> bids, asks;
        for (int i = 0; i < 20000; ++i) {
            const bool bid = rng.bounded(2);
            const Fixed price = Fixed(rng.bounded(1, 1000)) * 1000;
            const Fixed size = rng.bounded(4) == 0 ? 0 : Fixed(rng.bounded(1, 100000)) * 10;
            book.setLevel(bid ? Side::Buy : Side::Sell, price, size);
            auto &ref = bid ? bids : asks;
            if (size == 0)
                ref.erase(price);
            else
                ref[price] = size;
        }
        QCOMPARE(book.bids().size(), bids.size());
        QCOMPARE(book.asks().size(), asks.size());
        Fixed total = 0;
        auto it = bids.begin();
        for (const PriceLevel &l : book.bids()) {
            QCOMPARE(l.price, it->first);
            QCOMPARE(l.size, it->second);
            total += l.size;
            ++it;
        }
        QCOMPARE(book.bidDepth(), total);
        auto rit = asks.rbegin();
        for (const PriceLevel &l : book.asks()) {
            QCOMPARE(l.price, rit->first);
            ++rit;
        }
        QCOMPARE(book.bestAsk(), asks.begin()->first);
    }

    void mergedBookShowsNoAtOneMinusP()
    {
        // YES 0.25 / 0.27; NO mirrors it at 0.73 / 0.75 and adds a bid of its own at 0.70.
        const QVector<PriceLevel> yesBids{{250'000, 653'000'000}, {240'000, 100'000'000}};
        const QVector<PriceLevel> yesAsks{{270'000, 1'855'000'000}, {280'000, 618'000'000}};
        const QVector<PriceLevel> noBids{{730'000, 1'855'000'000}, {720'000, 618'000'000}, {700'000, 5'000'000}};
        const QVector<PriceLevel> noAsks{{750'000, 653'000'000}, {760'000, 90'000'000}};
        const MergedBook m = MergedBook::merge(yesBids, yesAsks, noBids, noAsks);
        // An offer shown in both books counts once; where one book lags, the larger size shows.
        QCOMPARE(m.bids.size(), 2);
        QCOMPARE(m.bids[0].price, Fixed(250'000));
        QCOMPARE(m.bids[0].size, Fixed(653'000'000));
        QCOMPARE(m.bids[1].price, Fixed(240'000));
        QCOMPARE(m.bids[1].size, Fixed(100'000'000));
        QCOMPARE(m.disagreements, 1);
        // NO's own bid at 0.70 is a YES ask at 0.30, after the YES asks, best first.
        QCOMPARE(m.asks.size(), 3);
        QCOMPARE(m.asks[0].price, Fixed(270'000));
        QCOMPARE(m.asks[0].size, Fixed(1'855'000'000));
        QCOMPARE(m.asks[1].price, Fixed(280'000));
        QCOMPARE(m.asks[2].price, Fixed(300'000));
        QCOMPARE(m.asks[2].size, Fixed(5'000'000));
        // Only the NO book known: the merged book is its mirror.
        const MergedBook noOnly = MergedBook::merge({}, {}, noBids, noAsks);
        QCOMPARE(noOnly.bids.first().price, Fixed(250'000));
        QCOMPARE(noOnly.asks.last().price, Fixed(300'000));
        QCOMPARE(noOnly.disagreements, 0);
    }
};

QTEST_GUILESS_MAIN(TstOrderBook)
#include "tst_orderbook.moc"
