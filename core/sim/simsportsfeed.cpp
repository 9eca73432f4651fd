#include "simsportsfeed.h"

#include "simexchange.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QWebSocket>

namespace polymon {

namespace {
constexpr int kTicksPerGame = 90; // one game minute a tick
constexpr Fixed kGoalMove = 60'000; // 6 ticks of 0.01
} // namespace

SimSportsFeed::SimSportsFeed(SimExchange *exchange, int market, quint64 seed, QObject *parent)
    : QObject(parent)
    , m_exchange(exchange)
    , m_market(market)
    , m_server(QStringLiteral("polymon simulated sports channel"), QWebSocketServer::NonSecureMode)
    , m_random(quint32(seed))
{
    if (m_exchange && market >= 0 && market < int(m_exchange->engine().markets().size()))
        m_slug = QString::fromStdString(m_exchange->engine().markets()[std::size_t(market)].slug);
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            m_clients << socket;
            connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
                if (text == QLatin1String("pong"))
                    ++m_pongs;
            });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                m_clients.removeAll(socket);
                socket->deleteLater();
            });
            broadcast(); // a new client learns the game's state at once
        }
    });
    connect(&m_game, &QTimer::timeout, this, &SimSportsFeed::tick);
    connect(&m_ping, &QTimer::timeout, this, [this] {
        for (QWebSocket *c : std::as_const(m_clients))
            c->sendTextMessage(QStringLiteral("ping"));
    });
    setPace(90'000, 5'000);
    m_clock.start();
}

SimSportsFeed::~SimSportsFeed()
{
    for (QWebSocket *c : std::as_const(m_clients))
        c->abort();
}

bool SimSportsFeed::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_game.start();
    m_ping.start();
    return true;
}

QUrl SimSportsFeed::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server.serverPort()));
}

void SimSportsFeed::setPace(int goalEveryMs, int pingEveryMs)
{
    m_goalEveryMs = std::max(100, goalEveryMs);
    // About three goals a game: a game lasts three goal intervals.
    m_game.setInterval(std::max(10, 3 * m_goalEveryMs / kTicksPerGame));
    m_ping.setInterval(pingEveryMs);
}

void SimSportsFeed::tick()
{
    if (m_ended) { // a pause, then the next game
        if (++m_minute > 10) {
            m_ended = false;
            m_live = false;
            m_minute = 0;
            m_home = m_away = 0;
            ++m_gameId;
        }
        return;
    }
    if (!m_live) {
        m_live = true;
        broadcast();
        return;
    }
    ++m_minute;
    bool changed = m_minute == 45 || m_minute == 46 || m_minute >= kTicksPerGame;
    // A goal with probability 1/30 a game minute: about three a game.
    if (m_random.bounded(30) == 0) {
        const bool home = m_random.bounded(2) == 0;
        (home ? m_home : m_away) += 1;
        if (m_exchange)
            m_exchange->shiftFair(m_market, home ? kGoalMove : -kGoalMove);
        changed = true;
        Q_EMIT goalScored(home);
    }
    if (m_minute >= kTicksPerGame) {
        m_ended = true;
        m_live = false;
        m_minute = 0;
    }
    if (changed)
        broadcast();
}

void SimSportsFeed::broadcast()
{
    const QString period = m_ended ? QStringLiteral("FT") : m_minute < 45 ? QStringLiteral("1H") : m_minute == 45 ? QStringLiteral("HT")
                                                                                                                : QStringLiteral("2H");
    const QJsonObject update{{QStringLiteral("gameId"), m_gameId},
                             {QStringLiteral("leagueAbbreviation"), QStringLiteral("sim")},
                             {QStringLiteral("slug"), m_slug},
                             {QStringLiteral("homeTeam"), QStringLiteral("HOME")},
                             {QStringLiteral("awayTeam"), QStringLiteral("AWAY")},
                             {QStringLiteral("status"), m_ended ? QStringLiteral("Final") : m_live ? QStringLiteral("InProgress")
                                                                                                  : QStringLiteral("Scheduled")},
                             {QStringLiteral("score"), QStringLiteral("%1-%2").arg(m_home).arg(m_away)},
                             {QStringLiteral("period"), period},
                             {QStringLiteral("elapsed"), QStringLiteral("%1:00").arg(m_minute)},
                             {QStringLiteral("live"), m_live},
                             {QStringLiteral("ended"), m_ended}};
    const QString text = QString::fromUtf8(QJsonDocument(update).toJson(QJsonDocument::Compact));
    for (QWebSocket *c : std::as_const(m_clients))
        c->sendTextMessage(text);
}

} // namespace polymon
