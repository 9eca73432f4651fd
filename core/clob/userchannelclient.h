#pragma once

#include "apicredentials.h"
#include "feed/reconnectbackoff.h"
#include "userevents.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace polymon {

// The user channel: the account's order and trade events as the exchange
// sends them. Subscribes with the API credentials (never logged), keeps the
// link alive with text PING, reconnects with backoff after a drop and says
// so (`connected(true)`): nothing is replayed, so the broker reconciles over
// REST then. Malformed frames are counted and reported, never fatal.
class UserChannelClient final : public QObject
{
    Q_OBJECT
public:
    explicit UserChannelClient(QObject *parent = nullptr);
    ~UserChannelClient() override;

    // markets: condition ids to follow (empty: all of the account's).
    void start(const QUrl &url, const ApiCredentials &creds, const QStringList &markets = {});
    void stop();
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    int malformedCount() const noexcept { return m_malformed; }
    void setPingIntervalMs(int ms) { m_ping.setInterval(ms); }
    // No PONG (nor any frame) for this long: the link is dead, reconnect.
    void setSilenceTimeoutMs(int ms) { m_silenceMs = ms; }

Q_SIGNALS:
    // After every (re)subscription; `again`: a reconnect (events may be missed).
    void connected(bool again);
    void disconnected(const QString &reason);
    void orderEvent(const polymon::UserOrderEvent &event);
    void tradeEvent(const polymon::UserTradeEvent &event);
    void malformed(const QString &reason);

private:
    void open();
    void onText(const QString &text);
    void onDropped(const QString &reason);
    void handle(const QJsonObject &o);

    QWebSocket m_socket;
    QUrl m_url;
    ApiCredentials m_creds;
    QStringList m_markets;
    QTimer m_ping;
    QTimer m_retry;
    ReconnectBackoff m_backoff;
    qint64 m_lastFrameMs = 0;
    int m_silenceMs = 30'000;
    int m_malformed = 0;
    int m_connects = 0;
    bool m_running = false;
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::UserOrderEvent)
Q_DECLARE_METATYPE(polymon::UserTradeEvent)
