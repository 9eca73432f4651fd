#include "book/bookstore.h"
#include "corpus.h"
#include "protocol/frameparser.h"
#include "trading/marketprice.h"
#include "trading/orderamounts.h"
#include "trading/ordervalidator.h"
#include "trading/tradingdesk.h"
#include "trading/tradingservice.h"
#include "clob/clobmarketrules.h"
#include <QSignalSpy>
#include "storage/storagewriter.h"
#include "storage/tradingcsv.h"
#include "storage/tradingreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QBuffer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace polymon;

namespace {

Fixed fx(const char *text)
{
    Fixed v = 0;
    if (parseFixed(text, v) != FixedError::None)
        qFatal("bad fixed %s", text);
    return v;
}

Fixed fx(const QString &text)
{
    return fx(text.toUtf8().constData());
}

using Levels = std::initializer_list<const char *>;

QString levels(Levels list)
{
    QStringList out;
    for (const char *text : list) {
        const QString l = QString::fromLatin1(text);
        out << QStringLiteral(R"({"price":"%1","size":"%2"})").arg(l.section(QLatin1Char(':'), 0, 0), l.section(QLatin1Char(':'), 1, 1));
    }
    return out.join(QLatin1Char(','));
}

// Records everything the desk reports.
struct Recorder : DeskListener
{
    std::vector<Fill> fills;
    std::vector<Order> updates;
    std::vector<Order> stops;
    void onOrderUpdated(const Order &o) override { updates.push_back(o); }
    void onFill(const Fill &f) override { fills.push_back(f); }
    void onStopTriggered(const QString &, const Order &o) override { stops.push_back(o); }
};

// One market (YES token "Y", NO token "N") driven by real frames through the
// parser and the book store, with the desk listening as in a session.
struct Market
{
    BookStore store;
    FrameParser parser;
    TradingDesk desk;
    Recorder rec;

    Market()
        : store(&desk)
        , desk(&store)
    {
        desk.setListener(&rec);
        desk.portfolio().setStartingCash(fx("10000"));
        desk.portfolio().addMarket({QStringLiteral("M"), QStringLiteral("Y"), QStringLiteral("N")});
    }
    void feed(const QString &json) { parser.parse(json.toStdString(), store); }
    void book(std::int64_t ts, Levels bids, Levels asks, const char *asset = "Y")
    {
        feed(QStringLiteral(R"({"event_type":"book","asset_id":"%1","market":"M","timestamp":"%2","bids":[%3],"asks":[%4]})")
                 .arg(QLatin1String(asset)).arg(ts).arg(levels(bids), levels(asks)));
        QVERIFY(store.find(asset)->synced());
    }
    // A level's new aggregate size (side of the book: BUY = bids).
    void level(std::int64_t ts, const char *side, const char *price, const char *size, const char *asset = "Y")
    {
        feed(QStringLiteral(R"({"event_type":"price_change","market":"M","timestamp":"%1","price_changes":[{"asset_id":"%2","price":"%3","size":"%4","side":"%5","hash":"h"}]})")
                 .arg(ts).arg(QLatin1String(asset), QLatin1String(price), QLatin1String(size), QLatin1String(side)));
        QVERIFY(store.find(asset)->synced());
    }
    // A trade; `side` is the taker's.
    void trade(std::int64_t ts, const char *side, const char *price, const char *size, const char *asset = "Y")
    {
        feed(QStringLiteral(R"({"event_type":"last_trade_price","asset_id":"%1","market":"M","timestamp":"%2","price":"%3","size":"%4","side":"%5","fee_rate_bps":"0"})")
                 .arg(QLatin1String(asset)).arg(ts).arg(QLatin1String(price), QLatin1String(size), QLatin1String(side)));
    }
    void resolve(std::int64_t ts, const char *winner)
    {
        feed(QStringLiteral(R"({"event_type":"market_resolved","id":"1","market":"M","assets_ids":["Y","N"],"outcomes":["Yes","No"],"winning_asset_id":"%1","winning_outcome":"%2","timestamp":"%3"})")
                 .arg(QLatin1String(winner), QLatin1String(winner[0] == 'Y' ? "Yes" : "No")).arg(ts));
    }
    Order order(const char *side, const char *type, const char *price, const char *size, const char *asset = "Y")
    {
        OrderRequest r;
        r.assetId = QLatin1String(asset);
        parseSide(QString::fromLatin1(side), r.side);
        parseOrderType(QString::fromLatin1(type), r.type);
        r.price = fx(price);
        r.size = fx(size);
        return desk.submit(r);
    }
    Fixed ahead(qint64 id) const
    {
        const Order *o = desk.broker().order(id);
        return o ? o->queueAhead : -1;
    }
};

QJsonObject loadVectors(const char *name)
{
    QFile file(test::corpusPath(QStringLiteral("polymarket/signing/") + QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", name);
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TradingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // rounding_v2.json: every published (side, price, size or amount, tick)
    // gives the exchange's maker and taker amounts exactly.
    void amountsMatchThePublishedRounding()
    {
        POLYMON_REQUIRE_CORPUS();
        const QJsonArray rows = loadVectors("rounding_v2.json").value(QStringLiteral("unique_table")).toArray();
        QVERIFY(rows.size() >= 50);
        int checked = 0;
        for (const QJsonValue &v : rows) {
            const QJsonObject c = v.toObject();
            Side side;
            QVERIFY(parseSide(c.value(QStringLiteral("side")).toString(), side));
            const Fixed price = fx(c.value(QStringLiteral("price")).toString());
            const Fixed size = fx(c.value(QStringLiteral("size_or_amount")).toString());
            const Fixed tick = fx(c.value(QStringLiteral("tick_size")).toString());
            const bool limit = c.value(QStringLiteral("kind")).toString() == QLatin1String("limit");
            const auto got = limit ? OrderAmounts::limit(side, price, size, tick) : OrderAmounts::market(side, price, size, tick);
            QVERIFY(got);
            const QString what = QString::fromUtf8(QJsonDocument(c).toJson(QJsonDocument::Compact));
            QVERIFY2(got->maker == c.value(QStringLiteral("makerAmount")).toString().toLongLong(), qPrintable(what + QString::number(got->maker)));
            QVERIFY2(got->taker == c.value(QStringLiteral("takerAmount")).toString().toLongLong(), qPrintable(what + QString::number(got->taker)));
            ++checked;
        }
        QCOMPARE(checked, rows.size());
        QVERIFY(!OrderAmounts::limit(Side::Buy, fx("0.5"), fx("10"), fx("0.02")));
    }

    // market_price_from_book.json: the marketable price from the book, FOK
    // and FAK, both clients' cases.
    void marketablePriceMatchesThePublishedCases()
    {
        POLYMON_REQUIRE_CORPUS();
        const QJsonArray cases = loadVectors("market_price_from_book.json").value(QStringLiteral("cases")).toArray();
        QVERIFY(cases.size() >= 20);
        for (const QJsonValue &v : cases) {
            const QJsonObject c = v.toObject();
            std::vector<PriceLevel> book;
            for (const QJsonValue &l : c.value(QStringLiteral("book_levels_[price,size]_as_given")).toArray())
                book.push_back({fx(l.toArray().at(0).toString()), fx(l.toArray().at(1).toString())});
            const Side side = c.value(QStringLiteral("fn")).toString().contains(QLatin1String("uy")) ? Side::Buy : Side::Sell;
            OrderType type;
            QVERIFY(parseOrderType(c.value(QStringLiteral("orderType")).toString(), type));
            const Fixed amount = Fixed(c.value(QStringLiteral("amountToMatch")).toDouble()) * kFixedScale;
            const auto got = marketablePrice(book, side, amount, type);
            const QString expected = c.value(QStringLiteral("expected")).toString();
            const QString what = QString::fromUtf8(QJsonDocument(c).toJson(QJsonDocument::Compact));
            if (expected.startsWith(QLatin1String("throw")))
                QVERIFY2(!got, qPrintable(what));
            else
                QVERIFY2(got && *got == fx(expected), qPrintable(what));
        }
    }

    void statusesAsTheUserChannelNamesThem()
    {
        OrderStatus s;
        QVERIFY(parseOrderStatus(u"CANCELED_order couldn't be fully filled. FOK orders are fully filled or killed.", s));
        QCOMPARE(s, OrderStatus::Canceled);
        QVERIFY(parseOrderStatus(u"CANCELED_MARKET_RESOLVED", s));
        QCOMPARE(s, OrderStatus::CanceledMarketResolved);
        QVERIFY(parseOrderStatus(u"LIVE", s));
        QCOMPARE(QLatin1String(orderStatusName(s)), QLatin1String("LIVE"));
        QVERIFY(!parseOrderStatus(u"FILLED", s));
    }

    void theExchangesChecksRefuseWithTheReason()
    {
        MarketRules rules; // tick 0.01, min 5 shares
        auto check = [&](const char *side, OrderType type, const char *price, const char *size) {
            OrderRequest r;
            r.assetId = QStringLiteral("Y");
            parseSide(QString::fromLatin1(side), r.side);
            r.type = type;
            r.price = fx(price);
            r.size = fx(size);
            return OrderValidator::check(r, rules, 1'000'000);
        };
        QVERIFY(check("BUY", OrderType::GTC, "0.50", "10").isEmpty());
        QVERIFY(check("BUY", OrderType::GTC, "0.995", "10").contains(QLatin1String("outside 0.01 to 0.99")));
        QVERIFY(check("BUY", OrderType::GTC, "0.505", "10").contains(QLatin1String("not on the tick 0.01")));
        QVERIFY(check("BUY", OrderType::GTC, "0", "10").contains(QLatin1String("outside")));
        QVERIFY(check("BUY", OrderType::GTC, "0.5", "10.123").contains(QLatin1String("more than 2 decimals")));
        QVERIFY(check("BUY", OrderType::GTC, "0.5", "4.99").contains(QLatin1String("below the market's minimum of 5")));
        QVERIFY(check("BUY", OrderType::FAK, "0.5", "1.98").contains(QLatin1String("at least $1")));
        QVERIFY(check("BUY", OrderType::FAK, "0.5", "2").isEmpty()); // marketable: no resting minimum
        OrderRequest postFok;
        postFok.assetId = QStringLiteral("Y");
        postFok.type = OrderType::FOK;
        postFok.price = fx("0.5");
        postFok.size = fx("10");
        postFok.postOnly = true;
        QVERIFY(OrderValidator::check(postFok, rules, 0).contains(QLatin1String("post-only")));
        OrderRequest gtd = postFok;
        gtd.postOnly = false;
        gtd.type = OrderType::GTD;
        gtd.expiresMs = 30'000;
        QVERIFY(OrderValidator::check(gtd, rules, 0).contains(QLatin1String("60 s")));
        gtd.expiresMs = 60'000;
        QVERIFY(OrderValidator::check(gtd, rules, 0).isEmpty());
    }

    // The live tick decides: after tick_size_change to 0.001, 0.505 is valid.
    void theLiveTickDecides()
    {
        Market m;
        m.book(1000, {"0.50:100"}, {"0.52:100"});
        QCOMPARE(m.order("BUY", "GTC", "0.505", "10").status, OrderStatus::Invalid);
        m.feed(QStringLiteral(R"({"event_type":"tick_size_change","asset_id":"Y","market":"M","old_tick_size":"0.01","new_tick_size":"0.001","timestamp":"1100"})"));
        const Order o = m.order("BUY", "GTC", "0.505", "10");
        QCOMPARE(o.status, OrderStatus::Live);
        QCOMPARE(o.queueAhead, Fixed(0)); // better than the best bid: nobody ahead
    }

    // Join the back of 0.50 (100 ahead); trades at 0.50 eat the queue, then us.
    void tradesConsumeTheQueueAheadFirst()
    {
        Market m;
        m.book(1000, {"0.50:100", "0.49:300"}, {"0.52:100"});
        const Order o = m.order("BUY", "GTC", "0.50", "10");
        QCOMPARE(o.status, OrderStatus::Live);
        QCOMPARE(o.queueAhead, fx("100"));
        // Trade then its level change (the simulator's order).
        m.trade(2000, "SELL", "0.50", "60");
        m.level(2000, "BUY", "0.50", "40");
        QCOMPARE(m.ahead(o.id), fx("40"));
        QVERIFY(m.rec.fills.empty());
        // Level change then its trade, at the next timestamp: not a cancel.
        m.level(3000, "BUY", "0.50", "0");
        m.trade(3000, "SELL", "0.50", "45");
        QCOMPARE(m.rec.fills.size(), std::size_t(1));
        const Fill f = m.rec.fills.front();
        QCOMPARE(f.size, fx("5"));
        QCOMPARE(f.price, fx("0.50"));
        QCOMPARE(f.fee, Fixed(0));
        QVERIFY(f.maker);
        QCOMPARE(m.desk.broker().order(o.id)->filled, fx("5"));
        QCOMPARE(m.desk.broker().order(o.id)->queueAhead, Fixed(0));
        // The rest fills on the next trade at our price; the order is done.
        m.trade(4000, "SELL", "0.50", "8");
        QCOMPARE(m.rec.fills.size(), std::size_t(2));
        QCOMPARE(m.rec.fills.back().size, fx("5"));
        QVERIFY(!m.desk.broker().order(o.id));
        QCOMPARE(m.rec.updates.back().status, OrderStatus::Matched);
        QCOMPARE(m.desk.portfolio().sizeOf(QStringLiteral("Y")), fx("10"));
    }

    // Cancels move us up by the share of the level that was ahead of us.
    void cancelsMoveTheQueueProRata()
    {
        Market m;
        m.book(1000, {"0.50:100"}, {"0.52:100"});
        const Order o = m.order("BUY", "GTC", "0.50", "10");
        m.level(2000, "BUY", "0.50", "300"); // 200 join behind us
        m.level(3000, "BUY", "0.50", "150"); // 150 cancelled, 100 of 300 were ahead
        m.level(4000, "BUY", "0.50", "150"); // the next timestamp settles it
        QCOMPARE(m.ahead(o.id), fx("50"));
        // A shrink with no trade never fills us, however large.
        m.level(5000, "BUY", "0.50", "0");
        m.level(6000, "BUY", "0.50", "20");
        QCOMPARE(m.ahead(o.id), Fixed(0));
        QVERIFY(m.rec.fills.empty());
        QCOMPARE(m.desk.broker().order(o.id)->status, OrderStatus::Live);
    }

    void fokIsAllOrNothingAndFakCancelsTheRest()
    {
        Market m;
        m.desk.broker().setDefaultRules({10'000, 5'000'000, 1'000'000, FeeSchedule{fx("0.25"), 2}, false});
        m.book(1000, {"0.48:100"}, {"0.53:100", "0.52:30", "0.51:20"});
        const Order fok = m.order("BUY", "FOK", "0.52", "60");
        QCOMPARE(fok.status, OrderStatus::Canceled);
        QVERIFY(fok.reason.contains(QLatin1String("couldn't be fully filled")));
        QVERIFY(m.rec.fills.empty());

        const Order fak = m.order("BUY", "FAK", "0.52", "60");
        QCOMPARE(fak.status, OrderStatus::Canceled);
        QCOMPARE(fak.filled, fx("50"));
        QVERIFY(fak.reason.contains(QLatin1String("10")));
        QCOMPARE(m.rec.fills.size(), std::size_t(2));
        // Best level first, each paying the taker fee at its own price:
        // 20 x 0.25 x (0.51 x 0.49)^2 = 0.31225005, rounded up to the micro-dollar.
        QCOMPARE(m.rec.fills[0].price, fx("0.51"));
        QCOMPARE(m.rec.fills[0].size, fx("20"));
        QCOMPARE(m.rec.fills[0].notional, fx("10.2"));
        QCOMPARE(m.rec.fills[0].fee, Fixed(312'251)); // 0.31225005
        QCOMPARE(m.rec.fills[1].price, fx("0.52"));
        QCOMPARE(m.rec.fills[1].size, fx("30"));
        QCOMPARE(m.rec.fills[1].fee, Fixed(467'252)); // 30 x 0.25 x (0.52 x 0.48)^2 = 0.4672512

        // What it took is gone for the next order until the book says otherwise.
        const Order again = m.order("BUY", "FAK", "0.52", "10");
        QCOMPARE(again.status, OrderStatus::Unmatched);
        m.level(2000, "SELL", "0.51", "25"); // 20 of the 25 are the ones we took
        const Order third = m.order("BUY", "FAK", "0.52", "10");
        QCOMPARE(third.filled, fx("5"));
    }

    void aLimitThatCrossesTakesThenRests()
    {
        Market m;
        m.book(1000, {"0.48:100"}, {"0.53:100", "0.51:20"});
        const Order o = m.order("BUY", "GTC", "0.52", "50");
        QCOMPARE(o.status, OrderStatus::Live);
        QCOMPARE(o.filled, fx("20"));
        QCOMPARE(m.rec.fills.front().maker, false);
        QCOMPARE(o.queueAhead, Fixed(0));
        // A post-only order that would cross is refused.
        OrderRequest post;
        post.assetId = QStringLiteral("Y");
        post.price = fx("0.53");
        post.size = fx("10");
        post.postOnly = true;
        const Order refused = m.desk.submit(post);
        QCOMPARE(refused.status, OrderStatus::Invalid);
        QVERIFY(refused.reason.contains(QLatin1String("cross")));
    }

    // A trade through our price, or an offer posted through it, fills us at our price.
    void throughOurPriceFillsAsMaker()
    {
        Market m;
        m.book(1000, {"0.49:100"}, {"0.53:100"});
        const Order o = m.order("BUY", "GTC", "0.50", "30");
        QCOMPARE(o.queueAhead, Fixed(0));
        m.trade(2000, "SELL", "0.49", "12");
        QCOMPARE(m.rec.fills.size(), std::size_t(1));
        QCOMPARE(m.rec.fills[0].price, fx("0.50"));
        QCOMPARE(m.rec.fills[0].size, fx("12"));
        // A buyer's trade never fills a resting buy.
        m.trade(2500, "BUY", "0.49", "50");
        QCOMPARE(m.rec.fills.size(), std::size_t(1));
        m.level(3000, "SELL", "0.50", "100");
        QCOMPARE(m.rec.fills.size(), std::size_t(2));
        QCOMPARE(m.rec.fills[1].size, fx("18"));
        QCOMPARE(m.rec.fills[1].price, fx("0.50"));
        QVERIFY(m.rec.fills[1].maker);
        QCOMPARE(m.rec.updates.back().status, OrderStatus::Matched);
    }

    void cancelReplaceAndExpiry()
    {
        Market m;
        m.book(1000, {"0.50:100", "0.49:40"}, {"0.53:100"});
        const Order o = m.order("BUY", "GTC", "0.50", "10");
        const Order moved = m.desk.replace(o.id, fx("0.49"), fx("20"));
        QCOMPARE(moved.status, OrderStatus::Live);
        QCOMPARE(moved.queueAhead, fx("40")); // the back of the new level
        QVERIFY(!m.desk.broker().order(o.id));
        QVERIFY(m.desk.cancel(moved.id));
        QCOMPARE(m.rec.updates.back().status, OrderStatus::Canceled);
        QVERIFY(!m.desk.cancel(moved.id));

        OrderRequest gtd;
        gtd.assetId = QStringLiteral("Y");
        gtd.type = OrderType::GTD;
        gtd.price = fx("0.45");
        gtd.size = fx("10");
        gtd.expiresMs = 1000 + 90'000;
        const Order g = m.desk.submit(gtd, 1000);
        QCOMPARE(g.status, OrderStatus::Live);
        m.level(50'000, "BUY", "0.49", "41");
        QVERIFY(m.desk.broker().order(g.id));
        m.level(91'000, "BUY", "0.49", "42");
        QVERIFY(!m.desk.broker().order(g.id));
        QCOMPARE(m.rec.updates.back().reason, QStringLiteral("expired"));
    }

    // Positions, realised and unrealised PnL and cash follow the fills exactly.
    void positionsReconcileWithTheFills()
    {
        Market m;
        m.book(1000, {"0.40:1000"}, {"0.43:100", "0.41:30"});
        QCOMPARE(m.order("BUY", "FAK", "0.43", "50").filled, fx("50")); // 30 @ .41 + 20 @ .43
        const Position *p = m.desk.portfolio().position(QStringLiteral("Y"));
        QVERIFY(p);
        QCOMPARE(p->size, fx("50"));
        QCOMPARE(p->cost, fx("20.90")); // 12.30 + 8.60
        QCOMPARE(p->averagePrice(), fx("0.418"));
        // Marked at the bid, the price a long could exit at.
        QCOMPARE(m.desk.portfolio().unrealized(), -fx("0.90")); // 50 x 0.40 - 20.90
        m.book(2000, {"0.45:1000"}, {"0.47:100"});
        QCOMPARE(m.desk.portfolio().unrealized(), fx("1.60"));
        // Sell 20 into the bid: realised 20 x 0.45 - 20/50 x 20.90 = 9.00 - 8.36.
        QCOMPARE(m.order("SELL", "FAK", "0.45", "20").filled, fx("20"));
        QCOMPARE(p->size, fx("30"));
        QCOMPARE(p->realized, fx("0.64"));
        QCOMPARE(p->cost, fx("12.54"));
        QCOMPARE(m.desk.portfolio().cash(), fx("10000") - fx("20.90") + fx("9"));
        // Cash, cost and realised always add up: nothing created or lost.
        QCOMPARE(m.desk.portfolio().cash() + p->cost - p->realized + p->fees, fx("10000"));

        // YES and NO together: 30 YES and 10 NO bought at 0.50 -> worth 30 if YES, 10 if NO.
        m.book(2000, {"0.49:100"}, {"0.50:100"}, "N");
        m.order("BUY", "FAK", "0.50", "10", "N");
        const MarketExposure e = m.desk.portfolio().exposure(QStringLiteral("M"));
        QCOMPARE(e.yesSize, fx("30"));
        QCOMPARE(e.noSize, fx("10"));
        QCOMPARE(e.valueIfYes, fx("30"));
        QCOMPARE(e.valueIfNo, fx("10"));
        QCOMPARE(e.cost, fx("17.54"));

        // Resolution settles YES at 1 and NO at 0, and cancels what rests.
        const Order resting = m.order("BUY", "GTC", "0.44", "10");
        QCOMPARE(resting.status, OrderStatus::Live);
        m.resolve(3000, "Y");
        QVERIFY(!m.desk.broker().order(resting.id));
        bool resolvedCancel = false;
        for (const Order &u : m.rec.updates)
            resolvedCancel |= u.id == resting.id && u.status == OrderStatus::CanceledMarketResolved;
        QVERIFY(resolvedCancel);
        QCOMPARE(p->size, Fixed(0));
        QCOMPARE(p->realized, fx("0.64") + fx("30") - fx("12.54"));
        const Position *no = m.desk.portfolio().position(QStringLiteral("N"));
        QCOMPARE(no->realized, -fx("5"));
        QCOMPARE(m.desk.portfolio().cash(), fx("10000") + m.desk.portfolio().realized() - m.desk.portfolio().fees());
    }

    void limitsRefuseWithTheirReason()
    {
        Market m;
        m.book(1000, {"0.50:1000"}, {"0.52:1000"});
        m.book(1000, {"0.47:1000"}, {"0.49:1000"}, "N");
        RiskLimits limits;
        limits.maxOrderNotional = fx("50");
        limits.maxPositionShares = fx("150");
        limits.maxPositionDollars = fx("60");
        limits.maxDailyLoss = fx("3");
        m.desk.setLimits(limits);
        Order o = m.order("BUY", "GTC", "0.50", "120");
        QCOMPARE(o.status, OrderStatus::Invalid);
        QVERIFY2(o.reason.contains(QLatin1String("above the $50.00 order limit")), qPrintable(o.reason));
        QCOMPARE(m.order("BUY", "GTC", "0.40", "100").status, OrderStatus::Live);
        // YES and NO count together in one market, open buys included.
        o = m.order("BUY", "GTC", "0.30", "60", "N");
        QVERIFY2(o.reason.contains(QLatin1String("160 shares, above the 150 limit")), qPrintable(o.reason));
        QCOMPARE(m.order("BUY", "GTC", "0.45", "40", "N").status, OrderStatus::Live); // 140 shares, $58
        o = m.order("BUY", "GTC", "0.45", "5", "N");
        QVERIFY2(o.reason.contains(QLatin1String("reach $60.25, above the $60.00 limit")), qPrintable(o.reason));
        // Selling what is not held is refused.
        o = m.order("SELL", "GTC", "0.60", "10");
        QVERIFY2(o.reason.contains(QLatin1String("you hold 0 shares")), qPrintable(o.reason));
        QCOMPARE(m.desk.cancelAll(), 2);

        // Daily loss: buy 40 at 0.52, the bid falls 0.10 -> -4 today: only reducing orders.
        QCOMPARE(m.order("BUY", "FAK", "0.52", "40").filled, fx("40"));
        m.book(2000, {"0.42:1000"}, {"0.44:1000"});
        QCOMPARE(m.desk.dailyPnl(), -fx("4"));
        o = m.order("BUY", "GTC", "0.30", "10");
        QVERIFY2(o.reason.contains(QLatin1String("daily loss limit $3.00 reached")), qPrintable(o.reason));
        QCOMPARE(m.order("SELL", "GTC", "0.60", "10").status, OrderStatus::Live);
        o = m.order("SELL", "GTC", "0.60", "31");
        QVERIFY2(o.reason.contains(QLatin1String("10 already in open sell orders")), qPrintable(o.reason));
        // A new UTC day starts from today's PnL.
        m.level(86'400'000 + 5, "BUY", "0.42", "999");
        QCOMPARE(m.desk.dailyPnl(), Fixed(0));
        QCOMPARE(m.order("BUY", "GTC", "0.30", "10").status, OrderStatus::Live);
    }

    void stopLossSellsTheWholePositionOnce()
    {
        Market m;
        m.book(1000, {"0.50:1000"}, {"0.52:1000"});
        QCOMPARE(m.order("BUY", "FAK", "0.52", "40").filled, fx("40"));
        QCOMPARE(m.order("SELL", "GTC", "0.70", "10").status, OrderStatus::Live);
        m.desk.setStop(QStringLiteral("Y"), fx("0.45"));
        m.book(2000, {"0.46:1000", "0.40:1000"}, {"0.48:1000"});
        QVERIFY(m.rec.stops.empty());
        m.book(3000, {"0.44:10", "0.41:1000", "0.38:1000"}, {"0.47:1000"});
        QCOMPARE(m.rec.stops.size(), std::size_t(1));
        const Order stop = m.rec.stops.front();
        QCOMPARE(stop.request.side, Side::Sell);
        QCOMPARE(stop.request.price, fx("0.40")); // 0.45 less 0.05 slippage
        QCOMPARE(stop.filled, fx("40"));           // 10 @ .44, 30 @ .41; the 0.70 sell was cancelled first
        QCOMPARE(m.desk.portfolio().sizeOf(QStringLiteral("Y")), Fixed(0));
        QVERIFY(m.desk.broker().workingOrders().empty());
        m.book(4000, {"0.30:10"}, {"0.47:1000"});
        QCOMPARE(m.rec.stops.size(), std::size_t(1));
    }

    void killSwitchCancelsAndFlattens()
    {
        Market m;
        m.book(1000, {"0.50:1000", "0.49:1000"}, {"0.52:1000"});
        QCOMPARE(m.order("BUY", "FAK", "0.52", "40").filled, fx("40"));
        m.order("BUY", "GTC", "0.45", "10");
        m.order("BUY", "GTC", "0.44", "10");
        QCOMPARE(m.desk.kill(false), 2);
        QVERIFY(m.desk.broker().workingOrders().empty());
        QCOMPARE(m.desk.portfolio().sizeOf(QStringLiteral("Y")), fx("40"));
        m.order("BUY", "GTC", "0.45", "10");
        QCOMPARE(m.desk.kill(true), 1);
        QCOMPARE(m.desk.portfolio().sizeOf(QStringLiteral("Y")), Fixed(0));
        QCOMPARE(m.rec.fills.back().price, fx("0.50"));
    }

    // Orders, fills and positions go to SQLite through the writer; a restart
    // reads the working orders and the fills back and rebuilds the same
    // portfolio; the fills export as CSV.
    void storedAccountRestoresExactly()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("t.db"));
        Market m;
        m.book(1000, {"0.48:100"}, {"0.51:20", "0.50:30"});
        {
            StorageWriter writer(db);
            writer.start();
            struct Store : DeskListener
            {
                StorageWriter *w;
                TradingDesk *desk;
                void onOrderUpdated(const Order &o) override { w->enqueue(OrderRow{QStringLiteral("paper"), o}); }
                void onFill(const Fill &f) override
                {
                    w->enqueue(FillRow{QStringLiteral("paper"), f});
                    w->enqueue(PositionRow{QStringLiteral("paper"), *desk->portfolio().position(f.assetId), f.timestampMs});
                }
            } store;
            store.w = &writer;
            store.desk = &m.desk;
            m.desk.setListener(&store);
            QCOMPARE(m.order("BUY", "FAK", "0.51", "40").filled, fx("40"));
            QCOMPARE(m.order("SELL", "FAK", "0.48", "15").filled, fx("15"));
            QCOMPARE(m.order("BUY", "GTC", "0.47", "12").status, OrderStatus::Live);
            QVERIFY(writer.waitUntilWritten(5000));
            writer.stop();
            QVERIFY2(writer.stats().lastError.isEmpty(), qPrintable(writer.stats().lastError));
        }
        TradingReader::Result stored;
        QString error;
        QVERIFY2(TradingReader::read(db, QStringLiteral("paper"), stored, error), qPrintable(error));
        QCOMPARE(stored.fills.size(), std::size_t(3));
        QCOMPARE(stored.working.size(), std::size_t(1));
        QCOMPARE(stored.working.front().request.price, fx("0.47"));
        TradingDesk restored;
        restored.restore(stored.fills, stored.working, stored.lastOrderId);
        const Position *a = m.desk.portfolio().position(QStringLiteral("Y"));
        const Position *b = restored.portfolio().position(QStringLiteral("Y"));
        QVERIFY(a && b);
        QCOMPARE(b->size, a->size);
        QCOMPARE(b->cost, a->cost);
        QCOMPARE(b->realized, a->realized);
        QCOMPARE(b->fees, a->fees);
        QCOMPARE(restored.broker().workingOrders().size(), std::size_t(1));
        QVERIFY(restored.broker().nextId() > stored.working.front().id);
        QBuffer csv;
        csv.open(QIODevice::WriteOnly);
        int rows = 0;
        QVERIFY2(TradingCsv::exportFills(db, QStringLiteral("paper"), 0, csv, rows, error), qPrintable(error));
        QCOMPARE(rows, 3);
        const QList<QByteArray> lines = csv.data().split('\n');
        QVERIFY(lines[0].startsWith("fill_id,time_utc,ts_ms,order_id,order_type"));
        QVERIFY2(lines[1].contains(",FAK,0.51,Y,") && lines[1].contains(",BUY,0.5,30,15,0,taker"), lines[1].constData());
    }

    // polymon-cli paper: exact fills on a recording, refusals with reasons,
    // the positions at the end; bad arguments exit 2 with the usage.
    void exchangeRulesReachEveryDesk()
    {
        TradingService service;
        service.addMarket(QStringLiteral("0xc"), QStringLiteral("yes"), QStringLiteral("no"));
        QSignalSpy fees(&service, &TradingService::feeScheduleChanged);
        ClobMarketRules clob;
        clob.tokenIds = {QStringLiteral("yes"), QStringLiteral("no")};
        clob.tick = 1'000;
        clob.minOrderSize = 15 * kFixedScale;
        clob.negRiskKnown = true;
        clob.negRisk = true;
        clob.feesKnown = true;
        clob.fees = FeeSchedule{70'000, 1};
        service.applyMarketRules(clob);
        const MarketRules rules = service.desk().broker().rules(QStringLiteral("no"));
        QCOMPARE(rules.tick, Fixed(1'000));
        QCOMPARE(rules.minOrderSize, 15 * kFixedScale);
        QVERIFY(rules.negRisk);
        QCOMPARE(rules.fees.rate, Fixed(70'000));
        QCOMPARE(fees.size(), 2);
        // A practice account made later starts with them too.
        service.usePracticeAccount();
        QCOMPARE(service.desk().broker().rules(QStringLiteral("yes")).fees.rate, Fixed(70'000));
    }

    void paperCommandGivesExactFills()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString stream = dir.filePath(QStringLiteral("stream.jsonl"));
        const QString orders = dir.filePath(QStringLiteral("orders.jsonl"));
        auto write = [](const QString &path, const QByteArray &text) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(stream,
              R"({"event_type":"book","asset_id":"Y","market":"M","timestamp":"1000","bids":[{"price":"0.48","size":"100"}],"asks":[{"price":"0.51","size":"20"},{"price":"0.50","size":"30"}]})" "\n"
              R"({"event_type":"last_trade_price","asset_id":"Y","market":"M","timestamp":"3000","price":"0.48","size":"60","side":"SELL","fee_rate_bps":"0"})" "\n"
              R"({"event_type":"price_change","market":"M","timestamp":"3000","price_changes":[{"asset_id":"Y","price":"0.48","size":"40","side":"BUY","hash":"h"}]})" "\n"
              R"({"event_type":"last_trade_price","asset_id":"Y","market":"M","timestamp":"4000","price":"0.48","size":"50","side":"SELL","fee_rate_bps":"0"})" "\n");
        write(orders,
              R"({"ts": 1000, "asset_id": "Y", "side": "BUY", "type": "FAK", "price": "0.51", "size": "40"})" "\n"
              R"({"ts": 1500, "asset_id": "Y", "side": "BUY", "type": "GTC", "price": "0.48", "size": "20"})" "\n"
              R"({"ts": 1600, "asset_id": "Y", "side": "BUY", "type": "FOK", "price": "0.51", "size": "100"})" "\n"
              R"({"ts": 1700, "asset_id": "Y", "side": "BUY", "type": "GTC", "price": "0.485", "size": "20"})" "\n");
        QProcess cli;
        cli.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("paper"), stream, QStringLiteral("--orders"), orders,
                                                     QStringLiteral("--fee-rate"), QStringLiteral("0.25"),
                                                     QStringLiteral("--fee-exponent"), QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(30'000));
        QCOMPARE(cli.exitCode(), 0);
        const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
        const QList<QByteArray> expected = {
            // 30 @ 0.50 then 10 @ 0.51: 30 x 0.25 x 0.0625 = 0.46875; 10 x 0.25 x (0.2499)^2 = 0.1561250...
            R"({"asset_id":"Y","fee":"0.46875","order":0,"price":"0.5","side":"BUY","size":"30","ts":1000})",
            R"({"asset_id":"Y","fee":"0.156126","order":0,"price":"0.51","side":"BUY","size":"10","ts":1000})",
            "{\"order\":2,\"rejected\":\"order couldn't be fully filled: 10 of 100 shares available within the limit\"}",
            R"({"order":3,"rejected":"price 0.485 is not on the tick 0.01"})",
            // Behind 100 at 0.48: 60 traded, then 50 more reach us: 10 filled as a maker, no fee.
            R"({"asset_id":"Y","fee":"0","order":1,"price":"0.48","side":"BUY","size":"10","ts":4000})",
            // Cost 15 + 5.10 + 4.80 = 24.90 for 50; marked at the 0.48 bid: 24 - 24.90.
            R"({"fees":"0.624876","open_orders":1,"positions":[{"asset_id":"Y","avg_price":"0.498","size":"50"}],"realized_pnl":"0","unrealized_pnl":"-0.9"})",
        };
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(lines[i], expected[i]);

        QProcess bad;
        bad.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("paper"), stream, QStringLiteral("--orders"), orders,
                                                     QStringLiteral("--fee-exponent"), QStringLiteral("3")});
        QVERIFY(bad.waitForFinished(30'000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("usage:"));
        write(orders, R"({"ts": 1000, "asset_id": "Y", "side": "HOLD", "price": "0.5", "size": "1"})" "\n");
        bad.start(QStringLiteral(POLYMON_CLI_PATH), {QStringLiteral("paper"), stream, QStringLiteral("--orders"), orders});
        QVERIFY(bad.waitForFinished(30'000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("line 1: \"side\" must be BUY or SELL"));
    }
};

QTEST_GUILESS_MAIN(TradingTest)
#include "tst_trading.moc"
