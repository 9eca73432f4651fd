#pragma once

#include "monitor/topsnapshot.h"

#include <QHash>
#include <QObject>

class QLabel;
class QStatusBar;

namespace polymon {

// The window's status bar: connections, rates, what is watched, the database
// and the capture, and the SIMULATED or REPLAY badge. Fed values only.
class StatusBarPresenter final : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Live, Simulated, Replay, Offline };

    explicit StatusBarPresenter(QStatusBar *bar);

    void setMode(Mode mode, const QString &detail = {});
    void setConnectionState(int id, const QString &state, const QString &detail);
    void setStatus(const FeedStatus &status, int watchedMarkets);

    QLabel *simulatedBadge() const noexcept { return m_simBadge; }
    QLabel *replayBadge() const noexcept { return m_replayBadge; }

private:
    QString databaseText(const FeedStatus &status, int watchedMarkets) const;

    QLabel *m_connection;
    QLabel *m_rate;
    QLabel *m_watched;
    QLabel *m_database;
    QLabel *m_simBadge;
    QLabel *m_replayBadge;
    QHash<QString, QString> m_connectionStates;
};

} // namespace polymon
