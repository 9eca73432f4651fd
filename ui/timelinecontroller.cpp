#include "timelinecontroller.h"

#include "chatfeedbar.h"
#include "eventlogmodel.h"
#include "events/chatfeedclient.h"
#include "events/commentsfeedclient.h"
#include "eventlogpane.h"
#include "events/sportsfeedclient.h"
#include "heatmappane.h"
#include "heatmapview.h"
#include "marketview.h"
#include "monitor/monitorservice.h"
#include "pricechartview.h"
#include "videopane.h"

#include <QCheckBox>

namespace polymon {

namespace {

// The Timeline lists what happened; the chat's pace a second is a series, not an event to list.
std::vector<MarketEvent> listed(const std::vector<MarketEvent> &events)
{
    std::vector<MarketEvent> out;
    for (const MarketEvent &e : events)
        if (e.type != QLatin1String("chat_rate"))
            out.push_back(e);
    return out;
}

} // namespace

TimelineController::TimelineController(MonitorService *service, QWidget *window)
    : QObject(window)
    , m_service(service)
    , m_log(new EventLogPane(window))
    , m_video(new VideoPane(window))
    , m_sports(new SportsFeedClient(this))
    , m_chat(new ChatFeedClient(this))
    , m_comments(new CommentsFeedClient(this))
{
    m_video->setEventSource([this] { return m_log->model()->events(); });
    connect(m_log, &EventLogPane::eventsChanged, this, [this] {
        if (m_views)
            for (MarketView *view : m_views())
                apply(view);
    });
    connect(m_sports, &SportsFeedClient::eventsReceived, this,
            [this](const std::vector<MarketEvent> &events) { keep(events, QStringLiteral("sports")); });
    connect(m_sports, &SportsFeedClient::connected, m_log, [this] { m_log->setSportsState(tr("connected")); });
    connect(m_sports, &SportsFeedClient::disconnected, m_log,
            [this](const QString &why) { m_log->setSportsState(tr("lost (%1), reconnecting").arg(why)); });
    connect(m_log, &EventLogPane::sportsToggled, this, &TimelineController::followSports);
    connect(m_log, &EventLogPane::seekRequested, this, &TimelineController::seek);
    connect(m_service, &MonitorService::storedEventsLoaded, m_log, [this](const std::vector<MarketEvent> &events) {
        m_log->merge(listed(events));
    });
    connect(m_log, &EventLogPane::commentsToggled, this, &TimelineController::followComments);
    connect(m_log, &EventLogPane::fileLoaded, this,
            [this](const std::vector<MarketEvent> &events) { record(events, QStringLiteral("file")); });
    connect(m_comments, &CommentsFeedClient::eventsReceived, this,
            [this](const std::vector<MarketEvent> &events) { keep(events, QStringLiteral("comments")); });
    connect(m_comments, &CommentsFeedClient::connected, m_log, [this] { m_log->setCommentsState(tr("connected")); });
    connect(m_comments, &CommentsFeedClient::disconnected, m_log,
            [this](const QString &why) { m_log->setCommentsState(tr("lost (%1), reconnecting").arg(why)); });
    ChatFeedBar *bar = m_log->chatBar();
    connect(bar, &ChatFeedBar::toggled, this, &TimelineController::followChat);
    connect(m_chat, &ChatFeedClient::eventsReceived, this,
            [this](const std::vector<MarketEvent> &events) { keep(events, QStringLiteral("chat")); });
    connect(m_chat, &ChatFeedClient::connected, bar, [this, bar] { bar->setState(tr("%1: joined").arg(m_chat->channel())); });
    connect(m_chat, &ChatFeedClient::disconnected, bar,
            [bar](const QString &why) { bar->setState(tr("lost (%1), reconnecting").arg(why)); });
    connect(m_chat, &ChatFeedClient::rateChanged, bar, [this, bar](double recent, double usual, bool burst) {
        bar->setState(tr("%1: %2 msg/s, usually %3%4")
                          .arg(m_chat->channel())
                          .arg(recent, 0, 'f', 1)
                          .arg(usual, 0, 'f', 1)
                          .arg(burst ? tr(" · BURST") : QString()));
    });
}

void TimelineController::setLabeler(std::function<QString(const MarketEvent &)> labeler)
{
    m_log->model()->setLabeler(std::move(labeler));
}

void TimelineController::apply(MarketView *view) const
{
    std::vector<MarketEvent> mine;
    const MarketInfo &m = view->market();
    for (const MarketEvent &e : m_log->model()->events())
        if ((e.market.isEmpty() && e.assetId.isEmpty() && e.slug.isEmpty()) || e.market == m.conditionId
            || (!e.assetId.isEmpty() && m.tokenIds.contains(e.assetId)) || (!e.slug.isEmpty() && m.slug.startsWith(e.slug)))
            mine.push_back(e);
    view->heatmap()->view()->setEvents(mine);
    view->chart()->setEvents(std::move(mine));
}

void TimelineController::setMode(bool simulated)
{
    m_simulated = simulated;
    if (m_log->commentsSwitch()->isChecked())
        m_log->commentsSwitch()->setChecked(false); // they were another mode's market's
    // The simulator's game and its chat are followed by default; Polymarket's
    // sports channel and a real stream's chat when the user asks.
    if (m_log->sportsSwitch()->isChecked() != simulated)
        m_log->sportsSwitch()->setChecked(simulated);
    else
        followSports(simulated);
    QCheckBox *chat = m_log->chatBar()->chatSwitch();
    if (chat->isChecked() != simulated)
        chat->setChecked(simulated);
    else
        followChat(simulated);
}

void TimelineController::setReplaying(bool replaying)
{
    m_replaying = replaying;
    if (!replaying)
        m_video->leaveReplay();
}

void TimelineController::onReplayPosition(qint64 timeNs, bool playing, double speed)
{
    if (m_replaying)
        m_video->followReplay(timeNs, playing, speed);
}

void TimelineController::followSports(bool on)
{
    // The simulator serves its own channel; live it is Polymarket's.
    const QUrl url = m_simulated ? m_service->simSportsUrl() : SportsFeedClient::polymarketUrl();
    m_sports->stop();
    if (!on || url.isEmpty()) {
        m_log->setSportsState(on ? tr("not available here") : QString());
        return;
    }
    m_log->setSportsState(tr("connecting…"));
    m_sports->start(url);
}

void TimelineController::followChat(bool on)
{
    ChatFeedBar *bar = m_log->chatBar();
    m_chat->stop();
    if (!on) {
        bar->setState(QString());
        return;
    }
    ChatActivity::Options options;
    options.keywords = bar->keywords();
    MarketEvent concerns;
    QUrl url;
    QString channel;
    if (m_simulated) {
        // The simulator's stream chat talks about its game.
        url = m_service->simChatUrl();
        channel = QStringLiteral("#final");
        concerns.slug = m_service->simGameSlug();
        if (concerns.slug.isEmpty())
            url.clear(); // too few simulated markets for the game
    } else {
        url = ChatFeedClient::twitchUrl();
        channel = bar->channel();
        const MarketInfo market = m_currentMarket ? m_currentMarket() : MarketInfo{};
        concerns.market = market.conditionId;
        if (channel.isEmpty() || market.conditionId.isEmpty()) {
            bar->setState(channel.isEmpty() ? tr("enter the stream's channel first") : tr("open the stream's market first"));
            const QSignalBlocker block(bar->chatSwitch());
            bar->chatSwitch()->setChecked(false);
            return;
        }
    }
    if (url.isEmpty()) {
        bar->setState(tr("not available here"));
        return;
    }
    bar->setState(tr("connecting…"));
    m_chat->start(url, channel, options, concerns);
}

void TimelineController::followComments(bool on)
{
    m_comments->stop();
    m_log->setCommentsState(QString());
    if (!on)
        return;
    const MarketInfo market = m_currentMarket ? m_currentMarket() : MarketInfo{};
    QString why;
    if (m_simulated)
        why = tr("the simulator has no comments");
    else if (market.eventId.isEmpty())
        why = tr("open a market of a Polymarket event first");
    if (!why.isEmpty()) {
        m_log->setCommentsState(why);
        const QSignalBlocker block(m_log->commentsSwitch());
        m_log->commentsSwitch()->setChecked(false);
        return;
    }
    MarketEvent concerns;
    concerns.market = market.conditionId;
    m_log->setCommentsState(tr("connecting…"));
    m_comments->start(CommentsFeedClient::polymarketUrl(), market.eventId, concerns);
}

void TimelineController::keep(const std::vector<MarketEvent> &events, const QString &source)
{
    const std::vector<MarketEvent> shown = listed(events);
    if (!shown.empty())
        m_log->append(shown);
    record(events, source);
}

void TimelineController::record(const std::vector<MarketEvent> &events, const QString &source)
{
    // Kept with the recording, every one (the chat's pace too: the study
    // correlates it with the book; polymon-cli events export reads them back).
    QMetaObject::invokeMethod(m_service, [s = m_service, events, source] { s->recordEvents(events, source); },
                              Qt::QueuedConnection);
}

void TimelineController::seek(qint64 ms)
{
    if (m_replaying) {
        // The video follows the replay there.
        QMetaObject::invokeMethod(m_service, [s = m_service, ms] { s->replaySeek(ms * 1'000'000); }, Qt::QueuedConnection);
        return;
    }
    if (m_video->clock().isAligned() && !m_video->isLive()) {
        m_video->showMarketTime(ms);
        return;
    }
    Q_EMIT message(tr("Going to an event needs a replay (File ▸ Open recording) or an aligned video."));
}

} // namespace polymon
