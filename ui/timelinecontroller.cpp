#include "timelinecontroller.h"

#include "eventlogmodel.h"
#include "eventlogpane.h"
#include "events/sportsfeedclient.h"
#include "marketview.h"
#include "monitor/monitorservice.h"
#include "pricechartview.h"
#include "videopane.h"

#include <QCheckBox>

namespace polymon {

TimelineController::TimelineController(MonitorService *service, QWidget *window)
    : QObject(window)
    , m_service(service)
    , m_log(new EventLogPane(window))
    , m_video(new VideoPane(window))
    , m_sports(new SportsFeedClient(this))
{
    m_video->setEventSource([this] { return m_log->model()->events(); });
    connect(m_log, &EventLogPane::eventsChanged, this, [this] {
        if (m_views)
            for (MarketView *view : m_views())
                apply(view);
    });
    connect(m_sports, &SportsFeedClient::eventsReceived, m_log, &EventLogPane::append);
    connect(m_sports, &SportsFeedClient::eventsReceived, this, [this](const std::vector<MarketEvent> &events) {
        // Kept with the recording (polymon-cli events export reads them back).
        QMetaObject::invokeMethod(m_service, [s = m_service, events] { s->recordEvents(events, QStringLiteral("sports")); },
                                  Qt::QueuedConnection);
    });
    connect(m_sports, &SportsFeedClient::connected, m_log, [this] { m_log->setSportsState(tr("connected")); });
    connect(m_sports, &SportsFeedClient::disconnected, m_log,
            [this](const QString &why) { m_log->setSportsState(tr("lost (%1), reconnecting").arg(why)); });
    connect(m_log, &EventLogPane::sportsToggled, this, &TimelineController::followSports);
    connect(m_log, &EventLogPane::seekRequested, this, &TimelineController::seek);
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
    view->chart()->setEvents(std::move(mine));
}

void TimelineController::setMode(bool simulated)
{
    m_simulated = simulated;
    if (m_log->sportsSwitch()->isChecked() != simulated)
        m_log->sportsSwitch()->setChecked(simulated);
    else
        followSports(simulated);
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
