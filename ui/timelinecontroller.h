#pragma once

#include "catalog/marketinfo.h"
#include "events/marketevent.h"

#include <QList>
#include <QObject>

#include <functional>
#include <vector>

namespace polymon {

class ChatFeedClient;
class CommentsFeedClient;
class EventLogPane;
class MarketView;
class MonitorService;
class SportsFeedClient;
class VideoPane;

// The Timeline and the video beside the books: events from files and
// feeds, drawn on the charts of the markets they concern and kept with the
// recording; a double-click takes the replay (and the video) there; an
// aligned video follows the replay.
class TimelineController final : public QObject
{
    Q_OBJECT
public:
    TimelineController(MonitorService *service, QWidget *window);

    EventLogPane *log() const noexcept { return m_log; }
    VideoPane *video() const noexcept { return m_video; }
    // The market views to draw events on, and a name for an event's market.
    void setViews(std::function<QList<MarketView *>()> views) { m_views = std::move(views); }
    void setLabeler(std::function<QString(const MarketEvent &)> labeler);
    // The market on screen: a live stream's chat concerns it.
    void setCurrentMarket(std::function<MarketInfo()> market) { m_currentMarket = std::move(market); }
    ChatFeedClient *chat() const noexcept { return m_chat; }
    // A market's own events, its tokens', its game's, and those naming no market, on its chart.
    void apply(MarketView *view) const;
    // The simulator's game is followed by default; Polymarket's sports channel when the user asks.
    void setMode(bool simulated);
    void setReplaying(bool replaying);
    void onReplayPosition(qint64 timeNs, bool playing, double speed);

Q_SIGNALS:
    void message(const QString &text);

private:
    void followSports(bool on);
    void followChat(bool on);
    void followComments(bool on);
    // A feed's events: listed in the Timeline (not the chat's pace) and kept with the recording.
    void keep(const std::vector<MarketEvent> &events, const QString &source);
    void record(const std::vector<MarketEvent> &events, const QString &source);
    void seek(qint64 ms);

    MonitorService *m_service;
    EventLogPane *m_log;
    VideoPane *m_video;
    SportsFeedClient *m_sports;
    ChatFeedClient *m_chat;
    CommentsFeedClient *m_comments;
    std::function<MarketInfo()> m_currentMarket;
    std::function<QList<MarketView *>()> m_views;
    bool m_simulated = false;
    bool m_replaying = false;
};

} // namespace polymon
