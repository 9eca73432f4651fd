#include "catalog/gammaparser.h"

#include <QFile>
#include <QTest>

using namespace polymon;

class TstGammaParser final : public QObject
{
    Q_OBJECT

    static QByteArray fixture(const char *name)
    {
        QFile f(QStringLiteral(POLYMON_CONFORMANCE_DIR "/polymarket/http/") + QLatin1String(name));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", name);
        return f.readAll();
    }

private Q_SLOTS:
    void jsonEncodedStringsAreDecoded()
    {
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
        QCOMPARE(m.volume24h, 9.999997);   // a number in the JSON
        QCOMPARE(m.endDate, QDateTime(QDate(2026, 3, 12), QTime(9, 25), Qt::UTC));
        QVERIFY(m.active && !m.closed && m.orderBook);
    }

    void realArraysAndListsAreAccepted()
    {
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
        QList<MarketInfo> markets;
        QString error;
        QVERIFY(GammaParser::parseMarkets(fixture("gamma_market_closed_binary_accepting_false.json"), markets, error));
        QCOMPARE(markets.size(), 1);
        QVERIFY(markets.first().closed);
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
