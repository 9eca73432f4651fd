#include "simchatserver.h"

#include "simengine.h"
#include "simexchange.h"

#include <QDateTime>
#include <QWebSocket>

#include <cmath>

namespace polymon {

namespace {

const QStringList kChatter{
    QStringLiteral("lol"),          QStringLiteral("come on HOME"),     QStringLiteral("what a save"),
    QStringLiteral("ref??"),        QStringLiteral("AWAY look tired"),  QStringLiteral("nice pass"),
    QStringLiteral("so slow today"), QStringLiteral("anyone betting on this?"), QStringLiteral("corner incoming"),
    QStringLiteral("offside surely"), QStringLiteral("HOME pressing"),  QStringLiteral("that was close"),
};
const QStringList kGoalHome{QStringLiteral("GOAL!!!"), QStringLiteral("GOOOOAL HOME"), QStringLiteral("what a goal"),
                            QStringLiteral("HOME SCORES"), QStringLiteral("goal goal goal"), QStringLiteral("unreal finish")};
const QStringList kGoalAway{QStringLiteral("GOAL for AWAY"), QStringLiteral("AWAY score!!"), QStringLiteral("goal... defence asleep"),
                            QStringLiteral("no way, AWAY goal"), QStringLiteral("GOAL"), QStringLiteral("that keeper...")};
const QStringList kPanic{QStringLiteral("everyone selling??"), QStringLiteral("dump it"), QStringLiteral("sell sell sell"),
                         QStringLiteral("HOME is done"), QStringLiteral("market crashing lol")};
const QStringList kFomo{QStringLiteral("buy buy buy"), QStringLiteral("HOME to the moon"), QStringLiteral("loading up"),
                        QStringLiteral("price ripping"), QStringLiteral("easy money on HOME")};
constexpr int kTickMs = 100;
constexpr double kBurstHalfLifeS = 4.0;

} // namespace

SimChatServer::SimChatServer(SimExchange *exchange, int market, quint64 seed, QObject *parent)
    : QObject(parent)
    , m_exchange(exchange)
    , m_market(market)
    , m_server(QStringLiteral("polymon simulated stream chat"), QWebSocketServer::NonSecureMode)
    , m_random(quint32(seed * 7 + 3))
{
    connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_server.nextPendingConnection()) {
            m_channels.insert(socket, QString());
            connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) {
                for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                    onLine(socket, line.trimmed());
            });
            connect(socket, &QWebSocket::disconnected, this, [this, socket] {
                m_channels.remove(socket);
                m_nicks.remove(socket);
                socket->deleteLater();
            });
        }
    });
    m_talk.setInterval(kTickMs);
    connect(&m_talk, &QTimer::timeout, this, &SimChatServer::tick);
    m_ping.setInterval(60'000);
    connect(&m_ping, &QTimer::timeout, this, [this] {
        for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it)
            it.key()->sendTextMessage(QStringLiteral("PING :tmi.sim\r\n"));
    });
    m_episodes.setInterval(500);
    connect(&m_episodes, &QTimer::timeout, this, &SimChatServer::watchEpisodes);
    m_clock.start();
}

SimChatServer::~SimChatServer()
{
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it)
        it.key()->abort();
}

bool SimChatServer::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_talk.start();
    m_ping.start();
    m_episodes.start();
    return true;
}

QUrl SimChatServer::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()));
}

void SimChatServer::onLine(QWebSocket *socket, const QString &line)
{
    const QString command = line.section(QLatin1Char(' '), 0, 0).toUpper();
    const QString arg = line.section(QLatin1Char(' '), 1);
    if (command == QLatin1String("NICK")) {
        m_nicks.insert(socket, arg);
        socket->sendTextMessage(QStringLiteral(":tmi.sim 001 %1 :Welcome, GLHF!\r\n").arg(arg));
    } else if (command == QLatin1String("JOIN")) {
        const QString channel = arg.toLower();
        m_channels.insert(socket, channel);
        const QString nick = m_nicks.value(socket);
        socket->sendTextMessage(QStringLiteral(":%1!%1@%1.tmi.sim JOIN %2\r\n:tmi.sim 366 %1 %2 :End of /NAMES list\r\n")
                                    .arg(nick, channel));
    } else if (command == QLatin1String("PONG")) {
        ++m_pongs;
    }
}

void SimChatServer::burst(const QStringList &lines, double perSecond)
{
    m_burstLines = lines;
    m_burstRate = perSecond;
}

void SimChatServer::goal(bool home)
{
    burst(home ? kGoalHome : kGoalAway, 25.0);
}

void SimChatServer::watchEpisodes()
{
    if (!m_exchange)
        return;
    for (const SimEpisode &e : m_exchange->engine().episodes()) {
        if (e.market != m_market || !e.started || e.finished || m_episodesSeen.contains(int(e.startMs / 1000)))
            continue;
        m_episodesSeen << int(e.startMs / 1000);
        const bool fear = e.kind == SimEpisode::Kind::Panic || e.kind == SimEpisode::Kind::Vacuum;
        burst(fear ? kPanic : kFomo, 15.0);
    }
}

void SimChatServer::say(const QString &text)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString nick = QStringLiteral("viewer%1").arg(m_random.bounded(500));
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        it.key()->sendTextMessage(QStringLiteral("@display-name=%1;tmi-sent-ts=%2;id=%3 :%1!%1@%1.tmi.sim PRIVMSG %4 :%5\r\n")
                                      .arg(nick)
                                      .arg(now)
                                      .arg(++m_viewer)
                                      .arg(it.value(), text));
    }
}

void SimChatServer::tick()
{
    const double dt = kTickMs / 1000.0;
    m_carry += (m_baseRate + m_burstRate) * dt;
    while (m_carry >= 1.0) {
        m_carry -= 1.0;
        // A burst's share of the messages is its talk; the rest is the usual chatter.
        const bool burstLine = m_burstRate > 0.5 && m_random.generateDouble() * (m_baseRate + m_burstRate) < m_burstRate;
        const QStringList &pool = burstLine ? m_burstLines : kChatter;
        say(pool[int(m_random.bounded(quint32(pool.size())))]);
    }
    m_burstRate *= std::pow(0.5, dt / kBurstHalfLifeS);
    if (m_burstRate < 0.5)
        m_burstRate = 0;
}

} // namespace polymon
