#include "simuserchannel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

namespace polymon {

SimUserChannel::SimUserChannel(Authenticator authenticate, QObject *parent)
    : QObject(parent)
    , m_authenticate(std::move(authenticate))
    , m_server(QStringLiteral("polymon simulated user channel"), QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            m_clients.insert(socket, Client{});
            connect(socket, &QWebSocket::textMessageReceived, this,
                    [this, socket](const QString &message) { onText(socket, message); });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                m_clients.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

SimUserChannel::~SimUserChannel()
{
    for (auto it = m_clients.keyBegin(); it != m_clients.keyEnd(); ++it)
        (*it)->abort();
}

bool SimUserChannel::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

QUrl SimUserChannel::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/user").arg(m_server.serverPort()));
}

void SimUserChannel::onText(QWebSocket *socket, const QString &message)
{
    if (message == QLatin1String("PING")) {
        socket->sendTextMessage(QStringLiteral("PONG"));
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(message.toUtf8()).object();
    if (o.value(QStringLiteral("type")).toString().compare(QLatin1String("user"), Qt::CaseInsensitive) != 0)
        return; // the real service ignores what it does not understand
    const QJsonObject auth = o.value(QStringLiteral("auth")).toObject();
    const ApiCredentials creds{auth.value(QStringLiteral("apiKey")).toString(), auth.value(QStringLiteral("secret")).toString(),
                               auth.value(QStringLiteral("passphrase")).toString()};
    if (!m_authenticate(creds)) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("invalid credentials"));
        return;
    }
    Client &client = m_clients[socket];
    client.apiKey = creds.apiKey;
    client.markets.clear();
    for (const QJsonValue &v : o.value(QStringLiteral("markets")).toArray())
        client.markets.insert(v.toString().toLower());
    Q_EMIT subscribed(creds.apiKey);
}

void SimUserChannel::publish(const QString &apiKey, const QString &conditionId, const QJsonObject &event)
{
    QString text;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it->apiKey != apiKey || (!it->markets.isEmpty() && !it->markets.contains(conditionId.toLower())))
            continue;
        if (text.isEmpty())
            text = QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
        it.key()->sendTextMessage(text);
    }
}

void SimUserChannel::dropClients()
{
    const QList<QWebSocket *> sockets = m_clients.keys();
    for (QWebSocket *socket : sockets)
        socket->abort();
}

} // namespace polymon
