#pragma once

#include "feedsettings.h"
#include "reconnectbackoff.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QWebSocket>

namespace polymon {

// Monotonic clock shared by the feed and its consumers (latency figures).
qint64 steadyNowNs() noexcept;

// One WebSocket to the market channel carrying up to 200 (at most 500) assets. Sends the
// subscription on open, PINGs every interval, and reconnects with backoff
// when the link drops, stops answering PING, or goes silent while still
// answering it (no frame but PONG for idleTimeoutMs).
class FeedConnection final : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Connected, Reconnecting, Closed };
    Q_ENUM(State)

    FeedConnection(int id, const FeedSettings &settings, QObject *parent = nullptr);
    ~FeedConnection() override;

    int id() const noexcept { return m_id; }
    State state() const noexcept { return m_state; }
    const QSet<QString> &assets() const noexcept { return m_assets; }
    int reconnects() const noexcept { return m_reconnects; }
    // Plain-text "NO NEW ASSETS" answers received (not passed on as frames).
    int noNewAssetsAnswers() const noexcept { return m_noNewAssets; }

    void open();
    void close();
    void subscribe(const QStringList &assetIds);
    void unsubscribe(const QStringList &assetIds);
    // Unsubscribe then subscribe, so the server sends a fresh `book`.
    void resubscribe(const QString &assetId);

    static QByteArray subscribeMessage(const QStringList &assetIds, bool initial);
    static QByteArray unsubscribeMessage(const QStringList &assetIds);
    static const char *stateName(State state) noexcept;

Q_SIGNALS:
    void frameReceived(int connectionId, const QByteArray &frame, qint64 receivedNs);
    void stateChanged(int connectionId, polymon::FeedConnection::State state, const QString &detail);
    // The assets' books are no longer trustworthy (link lost); fresh books follow
    // once the subscription is resent.
    void assetsInvalidated(int connectionId, const QStringList &assetIds);
    void reconnectScheduled(int connectionId, int delayMs, const QString &reason);

private:
    void onConnected();
    void onDisconnected();
    void onText(const QString &message);
    void onBinary(const QByteArray &message);
    void onWatchdog();
    void handleFrame(const QByteArray &frame);
    void dropLink(const QString &reason);
    void setState(State state, const QString &detail);
    void sendBatched(const QStringList &ids, bool subscribe);

    int m_id;
    FeedSettings m_settings;
    QWebSocket m_socket;
    QSet<QString> m_assets;
    State m_state = State::Idle;
    QTimer m_pingTimer;
    QTimer m_watchdog;
    QTimer m_reconnectTimer;
    QTimer m_stableTimer;
    QElapsedTimer m_clock;
    qint64 m_lastPongMs = 0;
    qint64 m_lastDataMs = 0;
    qint64 m_connectedMs = 0;
    ReconnectBackoff m_backoff;
    QString m_dropReason;
    int m_reconnects = 0;
    int m_noNewAssets = 0;
};

} // namespace polymon
