#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>

namespace polymon {

// Runs database reads (history at watch time, CSV export) on a thread of its
// own and hands each result back queued to the caller's object, so the
// thread that applies frames never waits on SQLite. Jobs run one at a time,
// in the order given; each opens its own read-only connection.
class StorageReader final : public QObject
{
    Q_OBJECT
public:
    explicit StorageReader(QObject *parent = nullptr);
    ~StorageReader() override; // waits for the job under way; the rest are dropped

    // job() in the reader thread, then done(result) in context's thread
    // (dropped if context is gone by then).
    template<typename Result>
    void run(std::function<Result()> job, QObject *context, std::function<void(Result)> done)
    {
        ++m_pending;
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            m_worker,
            [this, job = std::move(job), guard, done = std::move(done)]() mutable {
                Result result = job();
                --m_pending;
                if (guard)
                    QMetaObject::invokeMethod(
                        guard.data(), [done = std::move(done), result = std::move(result)] { done(result); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // Jobs given and not finished.
    int pending() const noexcept { return m_pending.load(); }

private:
    QThread m_thread;
    QObject *m_worker;
    std::atomic<int> m_pending{0};
};

} // namespace polymon
