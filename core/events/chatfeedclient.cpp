#include "chatfeedclient.h"

#include "ircmessage.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace polymon {

ChatFeedClient::ChatFeedClient(QObject *parent)
    : QObject(parent)
    , m_socket(360'000)
{
    connect(&m_socket, &KeepAliveSocket::connected, this, [this] {
        // Anonymous and read-only: Twitch's "justinfan" nick needs no password.
        const QString nick = QStringLiteral("justinfan%1").arg(10'000 + QRandomGenerator::global()->bounded(89'999));
        m_socket.send(QStringLiteral("CAP REQ :twitch.tv/tags"));
        m_socket.send(QStringLiteral("PASS SCHMOOPIIE"));
        m_socket.send(QStringLiteral("NICK ") + nick);
        m_socket.send(QStringLiteral("USER %1 0 * :polymon").arg(nick));
        m_socket.send(QStringLiteral("JOIN ") + m_channel);
        Q_EMIT connected();
    });
    connect(&m_socket, &KeepAliveSocket::disconnected, this, &ChatFeedClient::disconnected);
    connect(&m_socket, &KeepAliveSocket::textReceived, this, &ChatFeedClient::onText);
    m_second.setInterval(1'000);
    connect(&m_second, &QTimer::timeout, this, [this] {
        if (!m_activity)
            return;
        std::vector<MarketEvent> out;
        m_activity->advance(QDateTime::currentMSecsSinceEpoch(), out);
        if (!out.empty())
            Q_EMIT eventsReceived(out);
        Q_EMIT rateChanged(m_activity->recentRate(), m_activity->usualRate(), m_activity->inBurst());
    });
}

void ChatFeedClient::start(const QUrl &server, const QString &channel, const ChatActivity::Options &options,
                           const MarketEvent &concerns)
{
    m_channel = channel.startsWith(QLatin1Char('#')) ? channel.toLower() : QLatin1Char('#') + channel.toLower();
    m_activity.emplace(options, concerns);
    m_second.start();
    m_socket.start(server);
}

void ChatFeedClient::stop()
{
    m_second.stop();
    m_socket.stop();
    m_activity.reset();
}

void ChatFeedClient::onText(const QString &text)
{
    std::vector<MarketEvent> out;
    // One WebSocket message may carry several lines.
    for (QStringView line : QStringView(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            onLine(line, out);
    if (!out.empty())
        Q_EMIT eventsReceived(out);
}

void ChatFeedClient::onLine(QStringView line, std::vector<MarketEvent> &out)
{
    IrcMessage m;
    QString error;
    if (!IrcMessage::parse(line, m, error)) {
        ++m_malformed;
        return;
    }
    if (m.command == QLatin1String("PING")) {
        m_socket.send(QStringLiteral("PONG :") + m.last());
    } else if (m.command == QLatin1String("RECONNECT")) {
        m_socket.reconnect(); // the server is going away: come back after the backoff
    } else if (m.command == QLatin1String("PRIVMSG") && m.params.size() >= 2
               && m.params.first().compare(m_channel, Qt::CaseInsensitive) == 0 && m_activity) {
        ++m_messages;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Twitch stamps each message; a stamp far from this clock is not trusted.
        bool ok = false;
        const qint64 sent = m.tags.value(QStringLiteral("tmi-sent-ts")).toLongLong(&ok);
        m_activity->add(ok && qAbs(sent - now) < 60'000 ? sent : now, m.last(), out);
    }
}

} // namespace polymon
