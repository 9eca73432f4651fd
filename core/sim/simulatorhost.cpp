#include "simulatorhost.h"

#include "simchatserver.h"
#include "simclob.h"
#include "simexchange.h"
#include "simsportsfeed.h"

namespace polymon {

SimulatorHost::~SimulatorHost()
{
    stop();
}

bool SimulatorHost::start(const Options &options, QString &error)
{
    stop();
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("simulator"));
    m_thread->start();
    m_exchange = new SimExchange(options.seed, options.markets);
    m_exchange->setRate(options.rate);
    m_exchange->setEpisodesOnWatchedMarkets(true);
    m_exchange->moveToThread(m_thread.get());
    bool listening = false;
    QMetaObject::invokeMethod(
        m_exchange,
        [&, exchange = m_exchange] {
            listening = exchange->listen(0);
            error = exchange->errorString();
            m_marketUrl = exchange->url();
            exchange->addDemoEvent();
            m_catalog = exchange->catalog();
            exchange->scheduleEpisodes(options.episodesAfterMs, options.episodesEveryMs);
            m_clob = new SimClob();
            m_clob->attach(exchange);
            if (m_clob->listen()) {
                m_clobUrl = m_clob->url();
            } else {
                delete m_clob;
                m_clob = nullptr;
            }
            m_sports = new SimSportsFeed(exchange, kGameMarket, options.seed);
            if (m_sports->listen())
                m_sportsUrl = m_sports->url();
            m_gameSlug = m_sports->slug();
            m_chat = new SimChatServer(exchange, kGameMarket, options.seed);
            if (m_chat->listen())
                m_chatUrl = m_chat->url();
            QObject::connect(m_sports, &SimSportsFeed::goalScored, m_chat, &SimChatServer::goal);
        },
        Qt::BlockingQueuedConnection);
    if (!listening)
        stop();
    return listening;
}

void SimulatorHost::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_exchange,
        [exchange = m_exchange, clob = m_clob, sports = m_sports, chat = m_chat] {
            delete chat;
            delete sports;
            delete clob;
            delete exchange;
        },
        Qt::BlockingQueuedConnection);
    m_exchange = nullptr;
    m_clob = nullptr;
    m_sports = nullptr;
    m_chat = nullptr;
    m_marketUrl = m_clobUrl = m_sportsUrl = m_chatUrl = QUrl();
    m_gameSlug.clear();
    m_catalog.clear();
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
}

} // namespace polymon
