#include "heartbeatkeeper.h"

#include "clobrestclient.h"

namespace polymon {

HeartbeatKeeper::HeartbeatKeeper(ClobRestClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setInterval(5000); // as the official clients send them
    connect(&m_timer, &QTimer::timeout, this, &HeartbeatKeeper::beat);
    connect(m_client, &ClobRestClient::heartbeatAnswered, this, [this](const QString &nextId) {
        m_id = nextId;
        Q_EMIT beating(++m_beats);
    });
    connect(m_client, &ClobRestClient::failed, this, [this](const QString &call, const QString &error) {
        if (call != QLatin1String("heartbeat") || !running())
            return;
        m_id.clear(); // start the chain again
        Q_EMIT lost(error);
    });
}

void HeartbeatKeeper::start(const QString &address, const ApiCredentials &creds)
{
    m_address = address;
    m_creds = creds;
    m_id.clear();
    m_timer.start();
    beat();
}

void HeartbeatKeeper::stop()
{
    m_timer.stop();
}

void HeartbeatKeeper::beat()
{
    m_client->sendHeartbeat(m_address, m_creds, m_id);
}

} // namespace polymon
