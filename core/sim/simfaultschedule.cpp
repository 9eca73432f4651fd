#include "simfaultschedule.h"

#include "simexchange.h"

namespace polymon {

namespace {
constexpr int kCycleSeconds = 180;
}

SimFaultSchedule::SimFaultSchedule(SimExchange &exchange, QObject *parent)
    : QObject(parent)
    , m_exchange(exchange)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &SimFaultSchedule::step);
}

void SimFaultSchedule::start()
{
    m_second = 0;
    m_timer.start();
}

void SimFaultSchedule::step()
{
    const int t = ++m_second % kCycleSeconds;
    switch (t) {
    case 10:
        m_exchange.sendRawToAll("{\"event_type\":\"book\",\"asset_id\":");
        Q_EMIT faultInjected(tr("sent a truncated frame"));
        break;
    case 20:
        m_exchange.dropClients();
        Q_EMIT faultInjected(tr("dropped every connection"));
        break;
    case 40:
        m_exchange.setAnswerPings(false);
        Q_EMIT faultInjected(tr("stopped answering PING"));
        break;
    case 70:
        m_exchange.setAnswerPings(true);
        Q_EMIT faultInjected(tr("answers PING again"));
        break;
    case 90:
        m_exchange.setSilent(true);
        Q_EMIT faultInjected(tr("went silent (PONG still answered)"));
        break;
    case 165:
        m_exchange.setSilent(false);
        Q_EMIT faultInjected(tr("sends data again"));
        break;
    default:
        break;
    }
}

} // namespace polymon
