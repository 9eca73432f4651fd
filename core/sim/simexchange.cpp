#include "simexchange.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcSim, "polymon.sim", QtInfoMsg)

namespace polymon {

namespace {
constexpr int kTickMs = 10;
}

SimExchange::SimExchange(quint64 seed, int marketCount, QObject *parent)
    : QObject(parent)
    , m_engine(seed, marketCount)
    , m_server(QStringLiteral("polymon-sim"), QWebSocketServer::NonSecureMode, this)
    , m_tick(this) // children, so moveToThread takes them along
{
    connect(&m_server, &QWebSocketServer::newConnection, this, &SimExchange::onNewConnection);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &SimExchange::onTick);
    m_clock.start();
}

SimExchange::~SimExchange()
{
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
    m_server.close();
}

bool SimExchange::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_lastTickMs = m_clock.elapsed();
    m_tick.start();
    return true;
}

QString SimExchange::errorString() const
{
    return m_server.errorString();
}

quint16 SimExchange::port() const
{
    return m_server.serverPort();
}

QUrl SimExchange::url() const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/market").arg(port()));
}

QList<MarketInfo> SimExchange::catalog() const
{
    QList<MarketInfo> markets;
    for (const SimMarket &s : m_engine.markets()) {
        MarketInfo m;
        m.question = QString::fromStdString(s.question);
        m.conditionId = QString::fromStdString(s.conditionId);
        m.slug = QString::fromStdString(s.slug);
        m.outcomes = {QStringLiteral("Yes"), QStringLiteral("No")};
        m.tokenIds = {QString::fromStdString(s.yesToken), QString::fromStdString(s.noToken)};
        m.yesPrice = QString::fromStdString(formatFixed(s.fair));
        m.volume24h = s.volume24h;
        m.liquidity = double(s.yes.bidDepth() + s.yes.askDepth()) / double(kFixedScale) * double(s.fair) / double(kFixedScale);
        m.endDate = QDateTime::currentDateTimeUtc().addDays(30 + int(m.volume24h) % 200);
        m.eventId = QString::fromStdString(s.eventId);
        m.eventTitle = QString::fromStdString(s.eventTitle);
        m.groupTitle = QString::fromStdString(s.groupTitle);
        m.negRisk = !s.eventId.empty(); // one winner: Polymarket runs these as neg-risk
        markets << m;
    }
    return markets;
}

void SimExchange::addDemoEvent()
{
    m_engine.addEvent("sim-council", "the City Council race", {"Alvarez", "Brooks", "Chen", "Dubois"},
                      {460'000, 280'000, 170'000, 90'000});
}

void SimExchange::setRate(double framesPerSecond)
{
    m_rate = std::max(0.0, framesPerSecond);
}

void SimExchange::scheduleEpisodes(qint64 firstAfterMs, qint64 everyMs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_engine.scheduleEpisodes(now + firstAfterMs, now + 24 * 3'600'000LL, everyMs);
}

void SimExchange::dropClients()
{
    const auto sockets = m_clients.keys();
    for (QWebSocket *s : sockets)
        s->abort();
}

void SimExchange::sendRawToAll(const QByteArray &frame)
{
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it)
        it.key()->sendTextMessage(QString::fromUtf8(frame));
}

void SimExchange::resolveMarket(int index, bool yesWins)
{
    if (index < 0 || std::size_t(index) >= m_engine.markets().size())
        return;
    const SimMarket &m = m_engine.markets()[std::size_t(index)];
    const QString yes = QString::fromStdString(m.yesToken);
    const QString no = QString::fromStdString(m.noToken);
    QJsonObject o;
    o.insert(QStringLiteral("event_type"), QStringLiteral("market_resolved"));
    o.insert(QStringLiteral("id"), QString::number(100000 + index));
    o.insert(QStringLiteral("market"), QString::fromStdString(m.conditionId));
    o.insert(QStringLiteral("question"), QString::fromStdString(m.question));
    o.insert(QStringLiteral("slug"), QString::fromStdString(m.slug));
    o.insert(QStringLiteral("assets_ids"), QJsonArray{yes, no});
    o.insert(QStringLiteral("outcomes"), QJsonArray{QStringLiteral("Yes"), QStringLiteral("No")});
    o.insert(QStringLiteral("winning_asset_id"), yesWins ? yes : no);
    o.insert(QStringLiteral("winning_outcome"), yesWins ? QStringLiteral("Yes") : QStringLiteral("No"));
    o.insert(QStringLiteral("timestamp"), QString::number(QDateTime::currentMSecsSinceEpoch()));
    const QString text = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it->assets.contains(yes) || it->assets.contains(no))
            it.key()->sendTextMessage(text);
    }
}

void SimExchange::onNewConnection()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        m_clients.insert(socket, Client{});
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &message) { onText(socket, message); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            socket->deleteLater();
        });
        Q_EMIT clientConnected(int(m_clients.size()));
    }
}

void SimExchange::onText(QWebSocket *socket, const QString &message)
{
    if (message == QLatin1String("PING")) {
        if (m_answerPings)
            socket->sendTextMessage(QStringLiteral("PONG"));
        return;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8());
    if (!doc.isObject())
        return; // the real service ignores what it does not understand
    const QJsonObject o = doc.object();
    QStringList ids;
    for (const QJsonValue &v : o.value(QStringLiteral("assets_ids")).toArray())
        ids << v.toString();
    const QString operation = o.value(QStringLiteral("operation")).toString();
    const bool initial = o.value(QStringLiteral("type")).toString() == QLatin1String("market");
    Client &client = m_clients[socket];
    if (operation == QLatin1String("unsubscribe")) {
        for (const QString &id : ids)
            client.assets.remove(id);
    } else if (initial || operation == QLatin1String("subscribe")) {
        for (const QString &id : ids)
            client.assets.insert(id);
        if (o.value(QStringLiteral("initial_dump")).toBool(true))
            sendBooks(socket, ids);
    }
    if (m_episodesOnWatched)
        retargetEpisodes();
    Q_EMIT subscriptionReceived(ids, initial ? QStringLiteral("market") : operation);
}

void SimExchange::retargetEpisodes()
{
    QSet<QString> watched;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it)
        watched.unite(it->assets);
    std::vector<int> markets;
    for (std::size_t i = 0; i < m_engine.markets().size(); ++i) {
        const SimMarket &m = m_engine.markets()[i];
        if (watched.contains(QString::fromStdString(m.yesToken)) || watched.contains(QString::fromStdString(m.noToken)))
            markets.push_back(int(i));
    }
    m_engine.retargetPendingEpisodes(markets);
}

void SimExchange::sendBooks(QWebSocket *socket, const QStringList &assetIds)
{
    if (m_silent)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::string frame = "[";
    for (const QString &id : assetIds) {
        if (auto withheld = m_withheldBooks.find(id); withheld != m_withheldBooks.end() && *withheld > 0) {
            --*withheld;
            continue;
        }
        const std::string book = m_engine.bookEvent(id.toStdString(), now);
        if (book.empty())
            continue;
        if (frame.size() > 1)
            frame += ',';
        frame += book;
    }
    frame += ']';
    if (frame.size() > 2)
        socket->sendTextMessage(QString::fromUtf8(frame.data(), qsizetype(frame.size())));
}

void SimExchange::onTick()
{
    const qint64 nowMs = m_clock.elapsed();
    m_budget += m_rate * double(nowMs - m_lastTickMs) / 1000.0;
    m_lastTickMs = nowMs;
    if (m_budget < 1.0)
        return;
    const qint64 wall = QDateTime::currentMSecsSinceEpoch();
    // The order flow runs whether or not anyone listens, so it depends on the seed only.
    int frames = int(m_budget);
    m_budget -= frames;
    frames = std::min(frames, 20'000); // after a stall, do not flood
    for (int i = 0; i < frames; ++i)
        send(m_engine.next(wall));
    reportUserFills();
}

void SimExchange::send(const SimFrame &frame)
{
    if (m_silent || m_clients.isEmpty())
        return;
    const SimMarket &market = m_engine.markets()[std::size_t(frame.market)];
    const QString yes = QString::fromStdString(market.yesToken);
    const QString no = QString::fromStdString(market.noToken);
    QString text;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (!it->assets.contains(yes) && !it->assets.contains(no))
            continue;
        if (text.isEmpty())
            text = QString::fromUtf8(frame.json.data(), qsizetype(frame.json.size()));
        it.key()->sendTextMessage(text);
        ++m_framesSent;
    }
}

void SimExchange::flushUserActivity()
{
    for (const SimFrame &frame : m_engine.drainPending())
        send(frame);
    reportUserFills();
}

void SimExchange::reportUserFills()
{
    std::vector<SimUserOrders::Fill> fills = m_engine.takeUserFills();
    if (!fills.empty() && m_onUserFills)
        m_onUserFills(fills);
}

std::vector<SimEngine::Match> SimExchange::take(int market, Side side, Fixed limit, Fixed size)
{
    std::vector<SimEngine::Match> matches = m_engine.take(market, side, limit, size, QDateTime::currentMSecsSinceEpoch());
    flushUserActivity();
    return matches;
}

void SimExchange::rest(std::uint64_t id, int market, Side side, Fixed price, Fixed size)
{
    m_engine.rest(id, market, side, price, size, QDateTime::currentMSecsSinceEpoch());
    flushUserActivity();
}

Fixed SimExchange::cancel(std::uint64_t id)
{
    const Fixed remaining = m_engine.cancel(id, QDateTime::currentMSecsSinceEpoch());
    flushUserActivity();
    return remaining;
}

} // namespace polymon
