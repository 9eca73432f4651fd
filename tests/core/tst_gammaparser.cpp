#include "catalog/gammaparser.h"
#include "corpus.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace polymon;

class TstGammaParser final : public QObject
{
    Q_OBJECT

    static QByteArray fixture(const char *name)
    {
        QFile f(polymon::test::corpusPath(QStringLiteral("polymarket/http/") + QLatin1String(name)));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", name);
        return f.readAll();
    }

private Q_SLOTS:
    void jsonEncodedStringsAreDecoded()
    {
        POLYMON_REQUIRE_CORPUS();
        QList<MarketInfo> markets;
        QString error;
        QVERIFY(GammaParser::parseMarkets(fixture("gamma_market.json"), markets, error));
        QCOMPARE(markets.size(), 1);
        const MarketInfo &m = markets.first();
        QCOMPARE(m.question, QStringLiteral("Bitcoin Up or Down - March 12, 5:20AM-5:25AM ET"));
        QCOMPARE(m.outcomes, (QStringList{QStringLiteral("Up"), QStringLiteral("Down")}));
        QCOMPARE(m.tokenIds.size(), 2);
        QVERIFY(m.tokenIds.first().startsWith(QLatin1String("1042398980388071360523998")));
        QCOMPARE(m.yesPrice, QStringLiteral("0.505"));
        QCOMPARE(m.liquidity, 20328.3747); // a string in the JSON
        // Order rules for paper trading: the 5-share minimum, fees on, not neg-risk.
        QCOMPARE(m.minOrderSize, qint64(5'000'000));
        QVERIFY(m.feesEnabled);
        QVERIFY(!m.negRisk);
        QCOMPARE(m.volume24h, 9.999997);   // a number in the JSON
        QCOMPARE(m.endDate, QDateTime(QDate(2026, 3, 12), QTime(9, 25), Qt::UTC));
        QVERIFY(m.active && !m.closed && m.orderBook);
    }

    void realArraysAndListsAreAccepted()
    {
        POLYMON_REQUIRE_CORPUS();
        QList<MarketInfo> markets;
        QString error;
        QVERIFY(GammaParser::parseMarkets(fixture("py_market_slug.json"), markets, error));
        QCOMPARE(markets.size(), 1);
        QVERIFY(markets.first().tokenIds.size() >= 2);
        markets.clear();
        QVERIFY(GammaParser::parseMarkets(fixture("py_markets_list.json"), markets, error));
        QCOMPARE(markets.size(), 3);
    }

    void closedMarketsKeepTheirFlags()
    {
        POLYMON_REQUIRE_CORPUS();
        QList<MarketInfo> markets;
        QString error;
        QVERIFY(GammaParser::parseMarkets(fixture("gamma_market_closed_binary_accepting_false.json"), markets, error));
        QCOMPARE(markets.size(), 1);
        QVERIFY(markets.first().closed);
    }

    void searchAnswersListTheMarketsOfEachEvent()
    {
        // Gamma's shape: lists as JSON strings inside each market.
        auto market = [](const char *question, const char *id, const char *tokens, bool closed) {
            QJsonObject m;
            m.insert(QStringLiteral("question"), QLatin1String(question));
            m.insert(QStringLiteral("conditionId"), QLatin1String(id));
            m.insert(QStringLiteral("outcomes"), QStringLiteral("[\"Yes\", \"No\"]"));
            m.insert(QStringLiteral("clobTokenIds"), QLatin1String(tokens));
            m.insert(QStringLiteral("outcomePrices"), QStringLiteral("[\"0.4\", \"0.6\"]"));
            m.insert(QStringLiteral("active"), true);
            m.insert(QStringLiteral("closed"), closed);
            return m;
        };
        QJsonObject event;
        event.insert(QStringLiteral("title"), QStringLiteral("Bitcoin above ___ on Dec 31?"));
        event.insert(QStringLiteral("markets"), QJsonArray{market("Bitcoin above $100k on Dec 31?", "0xa", "[\"11\", \"12\"]", false),
                                                           market("Bitcoin above $120k on Dec 31?", "0xb", "[\"13\", \"14\"]", true)});
        QJsonObject empty;
        empty.insert(QStringLiteral("title"), QStringLiteral("No markets here"));
        QJsonObject root;
        root.insert(QStringLiteral("events"), QJsonArray{event, empty});
        root.insert(QStringLiteral("tags"), QJsonArray());
        const QByteArray body = QJsonDocument(root).toJson();
        QList<MarketInfo> markets;
        QString error;
        QVERIFY2(GammaParser::parseSearch(body, markets, error), qPrintable(error));
        QCOMPARE(markets.size(), 2);
        QCOMPARE(markets[0].conditionId, QStringLiteral("0xa"));
        QCOMPARE(markets[0].tokenIds, (QStringList{QStringLiteral("11"), QStringLiteral("12")}));
        QCOMPARE(markets[0].yesPrice, QStringLiteral("0.4"));
        QCOMPARE(markets[0].eventTitle, QStringLiteral("Bitcoin above ___ on Dec 31?")); // from the event around it
        QVERIFY(markets[1].closed);
        QVERIFY(!GammaParser::parseSearch("[1,2]", markets, error));
        QVERIFY(!error.isEmpty());
    }

    void eventsTellEachMarketItsEventAndOutcome()
    {
        POLYMON_REQUIRE_CORPUS();
        QList<MarketInfo> markets;
        QString error;
        // /events: a neg-risk event of candidates, each a YES/NO market.
        QVERIFY2(GammaParser::parseEvents(fixture("gamma_event.json"), markets, error), qPrintable(error));
        QCOMPARE(markets.size(), 2);
        for (const MarketInfo &m : markets) {
            QCOMPARE(m.eventId, QStringLiteral("30829"));
            QCOMPARE(m.eventTitle, QStringLiteral("Democratic Presidential Nominee 2028"));
            QVERIFY(m.negRisk);
            QCOMPARE(m.tokenIds.size(), 2);
        }
        QCOMPARE(markets[0].groupTitle, QStringLiteral("Stephen A. Smith"));
        QCOMPARE(markets[1].groupTitle, QStringLiteral("Gretchen Whitmer"));
        // One event object alone is accepted too; garbage is an error.
        markets.clear();
        const QJsonArray events = QJsonDocument::fromJson(fixture("gamma_event.json")).array();
        QVERIFY(GammaParser::parseEvents(QJsonDocument(events.first().toObject()).toJson(), markets, error));
        QCOMPARE(markets.size(), 2);
        QVERIFY(!GammaParser::parseEvents("<html>", markets, error));
        QVERIFY(!error.isEmpty());
        // /markets names the event a market belongs to.
        markets.clear();
        QVERIFY(GammaParser::parseMarkets(fixture("gamma_market.json"), markets, error));
        QCOMPARE(markets.first().eventId, QStringLiteral("260654"));
        QCOMPARE(markets.first().eventTitle, QStringLiteral("Bitcoin Up or Down - March 12, 5:20AM-5:25AM ET"));
    }

    void garbageIsAnError()
    {
        QList<MarketInfo> markets;
        QString error;
        QVERIFY(!GammaParser::parseMarkets("<html>502 Bad Gateway</html>", markets, error));
        QVERIFY(error.contains(QLatin1String("not JSON")));
        QVERIFY(!GammaParser::parseMarkets("42", markets, error));
        QVERIFY(markets.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstGammaParser)
#include "tst_gammaparser.moc"
