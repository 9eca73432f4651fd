#pragma once

#include "databaselocation.h"
#include "daypartitions.h"
#include "storagerows.h"

#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSqlError>
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
    qint64 rejected = 0; // rows that failed on their own, set aside (logged once per reason)
    qint64 failedBatches = 0;
    QString lastError;   // empty while writes succeed
    int retryInMs = 0;   // while failing: the current backoff
    qint64 expired = 0;  // removed by retention: days dropped (PostgreSQL) or rows deleted (SQLite)
};

// The one writer of a store (a SQLite file, or a postgresql:// URL for the
// shared PostgreSQL): its own thread and connection, a bounded queue,
// batched transactions every 250 ms. A full disk, a read-only file or a
// locked database is reported (errorOccurred, once per streak) and retried
// with a growing backoff, keeping the rows; callers never block, and rows
// beyond the queue bound are dropped and counted. A row that fails on its
// own (a constraint) is set aside and counted, and the rest is written.
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

    // A size the database file may not grow past (0: none); writes beyond it
    // fail as on a full disk. Applied before the next batch.
    void setMaxSizeBytes(qint64 bytes);
    // The wait after a failed write, doubling from initialMs to maxMs.
    void setRetryBackoff(int initialMs, int maxMs);
    // Snapshots and trades older than this many days (the current UTC day
    // counts as one) are removed at open and every hour; 0 keeps everything.
    void setRetentionDays(int days);

Q_SIGNALS:
    void opened(const QString &path);
    void errorOccurred(const QString &message);
    void recovered();

protected:
    void run() override;

private:
    struct Statements;
    enum class BatchResult { Written, DiskFull, Failed };
    // Written: `batch` holds the rows written (any set aside are gone).
    BatchResult writeBatch(std::deque<StorageRow> &batch, QString &error);
    static bool writeRow(const StorageRow &row, Statements &statements, QSqlError &error);
    void setAside(const QString &reason);
    void applySizeLimit();
    // Retention and tomorrow's day tables, when due (again at once while more is to remove).
    void keepUp(qint64 &nextDueMs);

    QString m_path;
    DatabaseLocation m_location;
    QString m_locationError;
    bool m_readOnlyRole = false; // the last write was refused for want of rights
    QString m_connection;
    qsizetype m_maxQueue;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_drained;
    std::deque<StorageRow> m_queue;
    QSet<QString> m_rejectReasons;
    qint64 m_maxSizeBytes = 0;
    bool m_limitChanged = false;
    int m_retryInitialMs = 250;
    int m_retryMaxMs = 30'000;
    int m_retentionDays = 0;
    DayPartitions m_partitions; // the writer thread's
    bool m_retentionWarned = false;
    bool m_stopping = false;
    bool m_busy = false;
    StorageStats m_stats;
};

} // namespace polymon
