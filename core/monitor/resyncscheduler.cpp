#include "resyncscheduler.h"

#include <algorithm>

namespace polymon {

qint64 ResyncScheduler::retryDelayMs(int streak) const
{
    // cooldown, 2x, 4x, ... up to the bound; never below the cooldown.
    qint64 delay = m_policy.cooldownMs;
    for (int i = 1; i < streak && delay < m_policy.maxRetryMs; ++i)
        delay *= 2;
    return std::min<qint64>(std::max<qint64>(delay, m_policy.cooldownMs), std::max(m_policy.maxRetryMs, m_policy.cooldownMs));
}

void ResyncScheduler::ask(Entry &e, qint64 nowMs)
{
    ++e.streak;
    e.lastAskMs = nowMs;
    e.nextAskMs = nowMs + std::max<qint64>(m_policy.bookDeadlineMs, retryDelayMs(e.streak));
}

void ResyncScheduler::setAwaiting(Entry &e, bool awaiting)
{
    m_awaiting += int(awaiting) - int(e.awaiting);
    e.awaiting = awaiting;
}

void ResyncScheduler::asked(const QString &assetId, qint64 nowMs)
{
    Entry &e = m_entries[assetId];
    setAwaiting(e, true);
    e.syncedMs = -1;
    e.lastAskMs = nowMs;
    e.nextAskMs = nowMs + m_policy.bookDeadlineMs;
}

void ResyncScheduler::synced(const QString &assetId, qint64 nowMs)
{
    const auto it = m_entries.find(assetId);
    if (it == m_entries.end() || !it->awaiting)
        return;
    setAwaiting(*it, false);
    it->syncedMs = nowMs;
}

bool ResyncScheduler::lost(const QString &assetId, qint64 nowMs)
{
    Entry &e = m_entries[assetId];
    if (e.awaiting)
        return false; // already scheduled
    if (e.syncedMs >= 0 && nowMs - e.syncedMs >= m_policy.stableMs)
        e.streak = 0;
    setAwaiting(e, true);
    e.syncedMs = -1;
    const qint64 earliest = e.streak == 0 ? e.lastAskMs + m_policy.cooldownMs : e.lastAskMs + retryDelayMs(e.streak);
    if (nowMs >= earliest) {
        ask(e, nowMs);
        return true;
    }
    e.nextAskMs = earliest;
    return false;
}

QStringList ResyncScheduler::takeDue(qint64 nowMs)
{
    QStringList due;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->awaiting && it->nextAskMs <= nowMs) {
            ask(*it, nowMs);
            due << it.key();
        }
    }
    due.sort(); // a stable order for the requests
    return due;
}

void ResyncScheduler::forget(const QString &assetId)
{
    const auto it = m_entries.find(assetId);
    if (it == m_entries.end())
        return;
    setAwaiting(*it, false);
    m_entries.erase(it);
}

bool ResyncScheduler::awaiting(const QString &assetId) const
{
    const auto it = m_entries.constFind(assetId);
    return it != m_entries.cend() && it->awaiting;
}

int ResyncScheduler::streak(const QString &assetId) const
{
    return m_entries.value(assetId).streak;
}

} // namespace polymon
