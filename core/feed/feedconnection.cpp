#include "feedconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>
#include <chrono>

Q_LOGGING_CATEGORY(lcFeed, "polymon.feed", QtInfoMsg)

namespace polymon {

namespace {
constexpr int kBatch = 500; // assets per subscribe message
}

qint64 steadyNowNs() noexcept
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

FeedConnection::FeedConnection(int id, const FeedSettings &settings, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_settings(settings)
    , m_backoff(settings.backoffInitialMs, settings.backoffMaxMs, quint32(0x9e3779b9u ^ quint32(id)))
{
    m_clock.start();
    m_pingTimer.setInterval(m_settings.pingIntervalMs);
    m_watchdog.setInterval(std::max(20, std::min(m_settings.pingIntervalMs, m_settings.idleTimeoutMs) / 4));
    m_reconnectTimer.setSingleShot(true);
    m_stableTimer.setSingleShot(true);
    m_stableTimer.setInterval(m_settings.stableResetMs);

    connect(&m_socket, &QWebSocket::connected, this, &FeedConnection::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &FeedConnection::onDisconnected);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &FeedConnection::onText);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &FeedConnection::onBinary);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(&m_socket, &QWebSocket::errorOccurred, this,
#else
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, // errorOccurred from 6.5
#endif
            [this](QAbstractSocket::SocketError) {
                if (m_dropReason.isEmpty())
                    m_dropReason = m_socket.errorString();
                // A failed handshake or refused connection may not emit disconnected.
                if (m_state == State::Connecting)
                    onDisconnected();
            });
    // TLS errors are never ignored: the handshake fails and we back off.
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        m_dropReason = tr("TLS error: %1").arg(texts.join(QStringLiteral("; ")));
        qCWarning(lcFeed) << "connection" << m_id << m_dropReason;
    });
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Connected)
            m_socket.sendTextMessage(QStringLiteral("PING"));
    });
    connect(&m_watchdog, &QTimer::timeout, this, &FeedConnection::onWatchdog);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &FeedConnection::open);
    connect(&m_stableTimer, &QTimer::timeout, this, [this] { m_backoff.reset(); });
}

FeedConnection::~FeedConnection()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

const char *FeedConnection::stateName(State state) noexcept
{
    switch (state) {
    case State::Idle: return "idle";
    case State::Connecting: return "connecting";
    case State::Connected: return "connected";
    case State::Reconnecting: return "reconnecting";
    case State::Closed: return "closed";
    }
    return "?";
}

QByteArray FeedConnection::subscribeMessage(const QStringList &assetIds, bool initial)
{
    QJsonObject o;
    o.insert(QStringLiteral("assets_ids"), QJsonArray::fromStringList(assetIds));
    if (initial)
        o.insert(QStringLiteral("type"), QStringLiteral("market"));
    else
        o.insert(QStringLiteral("operation"), QStringLiteral("subscribe"));
    o.insert(QStringLiteral("custom_feature_enabled"), true);
    o.insert(QStringLiteral("initial_dump"), true);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray FeedConnection::unsubscribeMessage(const QStringList &assetIds)
{
    QJsonObject o;
    o.insert(QStringLiteral("assets_ids"), QJsonArray::fromStringList(assetIds));
    o.insert(QStringLiteral("operation"), QStringLiteral("unsubscribe"));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void FeedConnection::setState(State state, const QString &detail)
{
    m_state = state;
    Q_EMIT stateChanged(m_id, state, detail);
}

void FeedConnection::open()
{
    if (m_state == State::Connecting || m_state == State::Connected)
        return;
    m_dropReason.clear();
    setState(State::Connecting, m_settings.endpoint.toString());
    m_socket.open(m_settings.endpoint);
}

void FeedConnection::close()
{
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_watchdog.stop();
    m_stableTimer.stop();
    const bool wasOpen = m_state == State::Connected || m_state == State::Connecting;
    m_state = State::Closed;
    if (wasOpen)
        m_socket.close();
    Q_EMIT stateChanged(m_id, State::Closed, QString());
}

void FeedConnection::sendBatched(const QStringList &ids, bool subscribe)
{
    for (qsizetype i = 0; i < ids.size(); i += kBatch) {
        const QStringList batch = ids.mid(i, kBatch);
        m_socket.sendTextMessage(QString::fromUtf8(subscribe ? subscribeMessage(batch, false)
                                                             : unsubscribeMessage(batch)));
    }
}

void FeedConnection::subscribe(const QStringList &assetIds)
{
    QStringList added;
    for (const QString &id : assetIds) {
        if (!m_assets.contains(id)) {
            m_assets.insert(id);
            added << id;
        }
    }
    if (added.isEmpty())
        return;
    if (m_state == State::Connected) {
        sendBatched(added, true);
    } else if (m_state == State::Idle) {
        open();
    }
}

void FeedConnection::unsubscribe(const QStringList &assetIds)
{
    QStringList removed;
    for (const QString &id : assetIds) {
        if (m_assets.remove(id))
            removed << id;
    }
    if (!removed.isEmpty() && m_state == State::Connected)
        sendBatched(removed, false);
}

void FeedConnection::resubscribe(const QString &assetId)
{
    if (m_state != State::Connected || !m_assets.contains(assetId))
        return;
    sendBatched({assetId}, false);
    sendBatched({assetId}, true);
}

void FeedConnection::onConnected()
{
    const qint64 now = m_clock.elapsed();
    m_lastPongMs = now;
    m_lastDataMs = now;
    m_connectedMs = now;
    setState(State::Connected, m_settings.endpoint.toString());
    // The subscription does not survive a reconnect: send all of it again.
    QStringList all(m_assets.cbegin(), m_assets.cend());
    std::sort(all.begin(), all.end());
    for (qsizetype i = 0; i < all.size(); i += kBatch)
        m_socket.sendTextMessage(QString::fromUtf8(subscribeMessage(all.mid(i, kBatch), i == 0)));
    m_pingTimer.start();
    m_watchdog.start();
    m_stableTimer.start();
}

void FeedConnection::dropLink(const QString &reason)
{
    qCWarning(lcFeed) << "connection" << m_id << "dropped:" << reason;
    m_dropReason = reason;
    m_socket.abort(); // emits disconnected synchronously when it was open
    if (m_state == State::Connecting)
        onDisconnected();
}

void FeedConnection::onDisconnected()
{
    m_pingTimer.stop();
    m_watchdog.stop();
    m_stableTimer.stop();
    if (m_state == State::Closed || m_state == State::Reconnecting)
        return;
    const QString reason = m_dropReason.isEmpty() ? tr("connection closed") : m_dropReason;
    if (!m_assets.isEmpty()) {
        QStringList ids(m_assets.cbegin(), m_assets.cend());
        Q_EMIT assetsInvalidated(m_id, ids);
    }
    const int delay = m_backoff.nextDelayMs();
    ++m_reconnects;
    setState(State::Reconnecting, reason);
    Q_EMIT reconnectScheduled(m_id, delay, reason);
    m_reconnectTimer.start(delay);
}

void FeedConnection::onWatchdog()
{
    if (m_state != State::Connected)
        return;
    const qint64 now = m_clock.elapsed();
    if (now - m_lastPongMs > m_settings.pongTimeoutMs) {
        dropLink(tr("no PONG for %1 ms").arg(now - m_lastPongMs));
        return;
    }
    if (!m_assets.isEmpty() && now - m_lastDataMs > m_settings.idleTimeoutMs)
        dropLink(tr("silent for %1 ms while subscribed").arg(now - m_lastDataMs));
}

void FeedConnection::onText(const QString &message)
{
    handleFrame(message.toUtf8());
}

void FeedConnection::onBinary(const QByteArray &message)
{
    handleFrame(message);
}

void FeedConnection::handleFrame(const QByteArray &frame)
{
    const qint64 now = m_clock.elapsed();
    if (frame == "PONG") {
        m_lastPongMs = now;
        return;
    }
    // The server's plain-text answer to a subscription that adds nothing new:
    // not JSON, not an error, not market data.
    if (frame == "NO NEW ASSETS") {
        ++m_noNewAssets;
        return;
    }
    m_lastDataMs = now;
    Q_EMIT frameReceived(m_id, frame, steadyNowNs());
}

} // namespace polymon
