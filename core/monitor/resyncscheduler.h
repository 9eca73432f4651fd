#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace polymon {

// Decides when an asset without a trusted book is asked for one again, so
// that every book comes back: a desync is retried at once, then at the end of
// the cooldown, backing off to a bound while the exchange keeps disagreeing;
// a book that does not arrive within the deadline is asked for again. Pure
// bookkeeping on a millisecond clock the caller passes in.
class ResyncScheduler final
{
public:
    struct Policy
    {
        int cooldownMs = 5'000;      // at least this long between two asks for one asset
        int bookDeadlineMs = 15'000; // an asked-for book that has not come by then is asked for again
        int maxRetryMs = 60'000;     // the backoff's bound
        int stableMs = 60'000;       // synced this long: the next loss starts a new streak
    };

    explicit ResyncScheduler(const Policy &policy) : m_policy(policy) {}

    // A subscription for the asset was just sent (subscribe, or the whole
    // subscription again after a reconnect): its book is due by the deadline.
    void asked(const QString &assetId, qint64 nowMs);
    // Its book arrived.
    void synced(const QString &assetId, qint64 nowMs);
    // Its book can no longer be trusted. True when it should be asked for at
    // once (the caller asks and this counts it); else it is scheduled.
    bool lost(const QString &assetId, qint64 nowMs);
    // Assets to ask for now; each is counted as asked.
    QStringList takeDue(qint64 nowMs);
    void forget(const QString &assetId);

    bool awaiting(const QString &assetId) const;
    int awaitingCount() const noexcept { return m_awaiting; }
    // Asks made for the asset since it was last stably synced (0: none beyond its subscription).
    int streak(const QString &assetId) const;

private:
    static constexpr qint64 kNever = -(qint64(1) << 60);
    struct Entry
    {
        qint64 lastAskMs = kNever;
        qint64 nextAskMs = 0;
        qint64 syncedMs = -1; // -1: not synced since it was lost or subscribed
        int streak = 0;
        bool awaiting = false;
    };
    qint64 retryDelayMs(int streak) const;
    void ask(Entry &e, qint64 nowMs);
    void setAwaiting(Entry &e, bool awaiting);

    Policy m_policy;
    QHash<QString, Entry> m_entries;
    int m_awaiting = 0;
};

} // namespace polymon
