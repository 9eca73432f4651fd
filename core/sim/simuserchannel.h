#pragma once

#include "clob/apicredentials.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QUrl>
#include <QWebSocketServer>

#include <functional>

class QWebSocket;

namespace polymon {

// The simulator's user channel, as wss://.../ws/user serves it: a client
// subscribes with {"auth": {apiKey, secret, passphrase}, "markets": [condition
// ids], "type": "user"} and then gets the order and trade events of that API
// key (for those markets; none named: all). Text PING is answered PONG.
// Wrong credentials close the connection with the reason. Like the real
// channel it replays nothing after a reconnect.
class SimUserChannel final : public QObject
{
    Q_OBJECT
public:
    // Whether the three credentials belong together (the exchange's accounts).
    using Authenticator = std::function<bool(const ApiCredentials &)>;
    explicit SimUserChannel(Authenticator authenticate, QObject *parent = nullptr);
    ~SimUserChannel() override;

    bool listen(quint16 port = 0);
    QUrl url() const;
    int clientCount() const { return int(m_clients.size()); }

    // Sends an event to every subscriber of `apiKey` watching `conditionId`.
    void publish(const QString &apiKey, const QString &conditionId, const QJsonObject &event);
    // Fault: cut every connection now (events until they reconnect are lost).
    void dropClients();

Q_SIGNALS:
    void subscribed(const QString &apiKey);

private:
    struct Client
    {
        QString apiKey; // empty until subscribed
        QSet<QString> markets;
    };
    void onText(QWebSocket *socket, const QString &message);

    Authenticator m_authenticate;
    QWebSocketServer m_server;
    QHash<QWebSocket *, Client> m_clients;
};

} // namespace polymon
