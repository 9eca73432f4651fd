#pragma once

#include "storagerows.h"

#include <QMutex>
#include <QObject>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <deque>

namespace polymon {

struct StorageStats
{
    qint64 queued = 0;   // waiting to be written
    qint64 written = 0;  // rows committed
    qint64 dropped = 0;  // rows refused because the queue was full
    qint64 failedBatches = 0;
    QString lastError;   // empty while writes succeed
};

// The one SQLite writer: its own thread and connection, a bounded queue,
// batched transactions every 250 ms. A full disk, a read-only file or a
// locked database is reported (errorOccurred) and retried; callers never
// block, and rows beyond the queue bound are dropped and counted.
class StorageWriter final : public QThread
{
    Q_OBJECT
public:
    explicit StorageWriter(const QString &path, qsizetype maxQueue = 200'000, QObject *parent = nullptr);
    ~StorageWriter() override;

    const QString &path() const noexcept { return m_path; }
    // Thread-safe; never blocks on the database.
    void enqueue(StorageRow row);
    StorageStats stats() const;
    // Stops after writing what is queued (one last attempt).
    void stop();
    // Blocks until the queue is written (or a write fails); for tests and exit.
    bool waitUntilWritten(int timeoutMs);

    static QString defaultPath();

Q_SIGNALS:
    void opened(const QString &path);
    void errorOccurred(const QString &message);
    void recovered();

protected:
    void run() override;

private:
    bool writeBatch(std::deque<StorageRow> &batch, QString &error);

    QString m_path;
    QString m_connection;
    qsizetype m_maxQueue;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_drained;
    std::deque<StorageRow> m_queue;
    bool m_stopping = false;
    bool m_busy = false;
    StorageStats m_stats;
};

} // namespace polymon
