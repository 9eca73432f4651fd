#pragma once

#include "apicredentials.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace polymon {

class ClobRestClient;

// The exchange's dead-man switch, kept alive while orders rest: a
// heartbeat every few seconds (the exchange cancels all of the account's
// orders when they stop). Each answer names the id the next call sends.
// A failed beat is reported at once (the UI shows it) and the chain starts
// over on the next tick.
class HeartbeatKeeper final : public QObject
{
    Q_OBJECT
public:
    HeartbeatKeeper(ClobRestClient *client, QObject *parent = nullptr);

    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    void start(const QString &address, const ApiCredentials &creds);
    void stop();
    bool running() const { return m_timer.isActive(); }
    int beats() const noexcept { return m_beats; }

Q_SIGNALS:
    void beating(int beats);
    void lost(const QString &reason);

private:
    void beat();

    ClobRestClient *m_client;
    QTimer m_timer;
    QString m_address;
    ApiCredentials m_creds;
    QString m_id;
    int m_beats = 0;
};

} // namespace polymon
