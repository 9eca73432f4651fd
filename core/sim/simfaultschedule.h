#pragma once

#include <QObject>
#include <QTimer>

namespace polymon {

class SimExchange;

// Replays, on a loop, the ways the real service misbehaves, so a monitor can
// be watched surviving them: a garbage frame, a dropped connection, a link
// that stops answering PING, and a silent stall (socket open, PONG answered,
// no data) longer than the idle watchdog. One cycle lasts about 3 minutes.
class SimFaultSchedule final : public QObject
{
    Q_OBJECT
public:
    explicit SimFaultSchedule(SimExchange &exchange, QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void faultInjected(const QString &description);

private:
    void step();

    SimExchange &m_exchange;
    QTimer m_timer;
    int m_second = 0;
};

} // namespace polymon
