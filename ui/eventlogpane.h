#pragma once

#include "events/marketevent.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace polymon {

class ChatFeedBar;
class EventLogModel;

// The events dock: load a file of timestamped events (JSONL or CSV, the
// format of `polymon-cli events correlate`) or follow the sports channel,
// filter by type, and double-click one to take the replay there. The
// charts draw them.
class EventLogPane final : public QWidget
{
    Q_OBJECT
public:
    explicit EventLogPane(QWidget *parent = nullptr);

    EventLogModel *model() const noexcept { return m_model; }
    QTableView *view() const noexcept { return m_view; }
    // Loads a file; false with the reason shown in the pane.
    bool load(const QString &path);
    // Events as a live feed sends them.
    void append(const std::vector<MarketEvent> &events);
    // Events from elsewhere (those stored with a recording), each kept once, in time order.
    void merge(const std::vector<MarketEvent> &events);
    // The sports channel switch: on while the simulator's runs; live, the user's choice.
    QCheckBox *sportsSwitch() const noexcept { return m_sports; }
    void setSportsState(const QString &text);
    // Polymarket's comments on the shown market's event (live only).
    QCheckBox *commentsSwitch() const noexcept { return m_comments; }
    void setCommentsState(const QString &text);
    ChatFeedBar *chatBar() const noexcept { return m_chat; }

Q_SIGNALS:
    void eventsChanged(const std::vector<polymon::MarketEvent> &events);
    void sportsToggled(bool on);
    void commentsToggled(bool on);
    void fileLoaded(const std::vector<polymon::MarketEvent> &events);
    void seekRequested(qint64 ms);

private:
    void chooseFile();

    EventLogModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_view;
    QComboBox *m_type;
    QLabel *m_status;
    QCheckBox *m_sports;
    QLabel *m_sportsState;
    QCheckBox *m_comments;
    QLabel *m_commentsState;
    ChatFeedBar *m_chat;
    void refreshTypes();
};

} // namespace polymon
