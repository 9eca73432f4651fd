#pragma once

#include "catalog/marketinfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

// A local Gamma API for tests: GET /markets with limit/offset paging, or with
// condition_ids for a status check, answered in Gamma's JSON shape (lists as
// JSON strings, as the real service sends them). Markets can be closed.
class GammaTestServer final : public QObject
{
public:
    QList<polymon::MarketInfo> markets;
    QStringList requests; // path and query of each request

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    GammaTestServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onRequest(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    static QString listString(const QStringList &items)
    {
        return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
    }

    static QJsonObject toGamma(const polymon::MarketInfo &m)
    {
        QJsonObject o;
        o.insert(QStringLiteral("question"), m.question);
        o.insert(QStringLiteral("conditionId"), m.conditionId);
        o.insert(QStringLiteral("slug"), m.slug);
        o.insert(QStringLiteral("outcomes"), listString(m.outcomes));
        o.insert(QStringLiteral("clobTokenIds"), listString(m.tokenIds));
        o.insert(QStringLiteral("outcomePrices"), listString({m.yesPrice, QStringLiteral("0.5")}));
        o.insert(QStringLiteral("volume24hr"), m.volume24h);
        o.insert(QStringLiteral("liquidity"), QString::number(m.liquidity));
        o.insert(QStringLiteral("endDate"), m.endDate.toString(Qt::ISODate));
        o.insert(QStringLiteral("active"), m.active);
        o.insert(QStringLiteral("closed"), m.closed);
        o.insert(QStringLiteral("enableOrderBook"), true);
        return o;
    }

    void onRequest(QTcpSocket *socket)
    {
        const QByteArray head = socket->readAll();
        const QList<QByteArray> words = head.split(' ');
        if (words.size() < 2)
            return;
        const QUrl target(QString::fromLatin1(words[1]));
        requests << target.toString();
        const QUrlQuery q(target);
        QJsonArray out;
        if (target.path() == QLatin1String("/public-search")) {
            // Events whose markets match, each market in its own event here.
            const QString text = q.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
            QJsonArray events;
            for (const polymon::MarketInfo &m : markets) {
                if (m.question.contains(text, Qt::CaseInsensitive))
                    events.append(QJsonObject{{QStringLiteral("title"), m.question}, {QStringLiteral("markets"), QJsonArray{toGamma(m)}}});
            }
            reply(socket, QJsonDocument(QJsonObject{{QStringLiteral("events"), events}}).toJson(QJsonDocument::Compact));
            return;
        }
        const QStringList ids = q.allQueryItemValues(QStringLiteral("condition_ids"));
        if (!ids.isEmpty()) {
            for (const polymon::MarketInfo &m : markets) {
                if (ids.contains(m.conditionId))
                    out.append(toGamma(m));
            }
        } else {
            const int offset = q.queryItemValue(QStringLiteral("offset")).toInt();
            const int limit = q.queryItemValue(QStringLiteral("limit")).toInt();
            for (int i = offset; i < markets.size() && i < offset + limit; ++i)
                out.append(toGamma(markets[i]));
        }
        reply(socket, QJsonDocument(out).toJson(QJsonDocument::Compact));
    }

    static void reply(QTcpSocket *socket, const QByteArray &body)
    {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
};
