#include "storagewriter.h"

#include "schema.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

Q_LOGGING_CATEGORY(lcStorage, "polymon.storage", QtInfoMsg)

namespace polymon {

namespace {

constexpr int kFlushMs = 250;
constexpr int kRetryMs = 2000;

QVariant price(bool present, Fixed v)
{
    return present ? QVariant(qint64(v)) : QVariant(QMetaType::fromType<qint64>());
}

QString signalKey(const Signal &s)
{
    return QStringLiteral("%1|%2|%3").arg(QString::fromStdString(s.assetId), QLatin1String(signalTypeName(s.type))).arg(s.timestampMs);
}

} // namespace

StorageWriter::StorageWriter(const QString &path, qsizetype maxQueue, QObject *parent)
    : QThread(parent)
    , m_path(path)
    , m_connection(QStringLiteral("polymon-writer-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_maxQueue(maxQueue)
{
}

StorageWriter::~StorageWriter()
{
    stop();
}

QString StorageWriter::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/share/polymon") : dir)
        .filePath(QStringLiteral("polymon.db"));
}

void StorageWriter::enqueue(StorageRow row)
{
    QMutexLocker lock(&m_mutex);
    // Outcomes and signals are small and precious: only snapshots and trades
    // are refused when the queue is full.
    if (m_queue.size() >= std::size_t(m_maxQueue) && !std::holds_alternative<SignalRow>(row)
        && !std::holds_alternative<MarketRow>(row)) {
        ++m_stats.dropped;
        return;
    }
    m_queue.push_back(std::move(row));
    m_stats.queued = qint64(m_queue.size());
}

StorageStats StorageWriter::stats() const
{
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void StorageWriter::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    wait();
}

bool StorageWriter::waitUntilWritten(int timeoutMs)
{
    QMutexLocker lock(&m_mutex);
    m_wake.wakeAll();
    QDeadlineTimer deadline(timeoutMs);
    while ((!m_queue.empty() || m_busy) && m_stats.lastError.isEmpty()) {
        if (!m_drained.wait(&m_mutex, deadline))
            return false;
    }
    return m_queue.empty() && !m_busy && m_stats.lastError.isEmpty();
}

void StorageWriter::run()
{
    bool open = false;
    bool failing = false;
    auto report = [&](const QString &message) {
        qCWarning(lcStorage) << message;
        {
            QMutexLocker lock(&m_mutex);
            m_stats.lastError = message;
            ++m_stats.failedBatches;
            m_drained.wakeAll();
        }
        if (!failing)
            Q_EMIT errorOccurred(message);
        failing = true;
    };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(m_path);
    }
    for (;;) {
        std::deque<StorageRow> batch;
        bool stopping;
        {
            QMutexLocker lock(&m_mutex);
            if (!m_stopping && (m_queue.empty() || !open))
                m_wake.wait(&m_mutex, open && !failing ? kFlushMs : kRetryMs);
            stopping = m_stopping;
            if (open)
                batch.swap(m_queue);
            m_busy = !batch.empty();
        }
        if (!open) {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            QDir().mkpath(QFileInfo(m_path).absolutePath());
            QString error;
            if (!db.open()) {
                report(QStringLiteral("cannot open %1: %2").arg(m_path, db.lastError().text()));
            } else if (!Schema::configure(db, error) || !Schema::migrate(db, error)) {
                report(QStringLiteral("cannot use %1: %2").arg(m_path, error));
                db.close();
            } else {
                open = true;
                failing = false;
                {
                    QMutexLocker lock(&m_mutex);
                    m_stats.lastError.clear();
                }
                qCInfo(lcStorage) << "recording to" << m_path;
                Q_EMIT opened(m_path);
                continue;
            }
            if (stopping)
                break;
            continue;
        }
        QString error;
        const qint64 rows = qint64(batch.size());
        if (!batch.empty() && !writeBatch(batch, error)) {
            report(QStringLiteral("cannot write to %1: %2").arg(m_path, error));
            // Keep the rows for the next attempt, ahead of newer ones.
            QMutexLocker lock(&m_mutex);
            while (!batch.empty()) {
                m_queue.push_front(std::move(batch.back()));
                batch.pop_back();
            }
            m_stats.queued = qint64(m_queue.size());
            m_busy = false;
            if (stopping)
                break;
            lock.unlock();
            QThread::msleep(kRetryMs / 4);
            continue;
        }
        {
            QMutexLocker lock(&m_mutex);
            m_stats.written += rows;
            m_stats.queued = qint64(m_queue.size());
            m_busy = false;
            if (failing)
                m_stats.lastError.clear();
            m_drained.wakeAll();
        }
        if (failing) {
            failing = false;
            Q_EMIT recovered();
        }
        if (stopping) {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty())
                break;
        }
    }
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    QMutexLocker lock(&m_mutex);
    m_drained.wakeAll();
}

bool StorageWriter::writeBatch(std::deque<StorageRow> &batch, QString &error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        error = db.lastError().text();
        return false;
    }
    QSqlQuery snapshot(db), trade(db), market(db), asset(db), signal(db), outcome(db);
    snapshot.prepare(QStringLiteral(
        "INSERT INTO order_book_snapshot (asset_id, ts, best_bid, best_ask, spread, mid, bid_depth, ask_depth, "
        "band_bid_depth, band_ask_depth, imbalance, bids, asks) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    trade.prepare(QStringLiteral("INSERT INTO trade (asset_id, ts, price, size, side) VALUES (?,?,?,?,?)"));
    market.prepare(QStringLiteral("INSERT INTO market (condition_id, question, slug, end_date, updated_ms) VALUES (?,?,?,?,?) "
                                  "ON CONFLICT(condition_id) DO UPDATE SET question=excluded.question, slug=excluded.slug, "
                                  "end_date=excluded.end_date, updated_ms=excluded.updated_ms"));
    asset.prepare(QStringLiteral("INSERT OR REPLACE INTO asset (asset_id, condition_id, outcome) VALUES (?,?,?)"));
    signal.prepare(QStringLiteral(
        "INSERT OR IGNORE INTO psychology_signal (signal_key, signal_type, asset_id, market, ts, side, score, depth_ratio, "
        "spread_ratio, imbalance, price_change, expected_reversion, best_bid, best_ask, mid, description) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    outcome.prepare(QStringLiteral("UPDATE psychology_signal SET resolved=1, reverted=?, reversion_time=?, max_profit=?, "
                                   "max_adverse=? WHERE signal_key=?"));
    auto run = [&](QSqlQuery &q) {
        if (q.exec())
            return true;
        error = q.lastError().text();
        return false;
    };
    for (const StorageRow &row : batch) {
        bool ok = true;
        if (const auto *s = std::get_if<SnapshotRow>(&row)) {
            const BookMetrics &m = s->metrics;
            for (const QVariant &v : {QVariant(s->assetId), QVariant(s->timestampMs), price(m.hasBid, m.bestBid),
                                      price(m.hasAsk, m.bestAsk), price(m.twoSided(), m.spread),
                                      price(m.twoSided(), m.mid), QVariant(qint64(m.bidDepth)),
                                      QVariant(qint64(m.askDepth)), QVariant(qint64(m.bandBidDepth)),
                                      QVariant(qint64(m.bandAskDepth)), QVariant(m.imbalance),
                                      QVariant(QString::fromUtf8(s->bids)), QVariant(QString::fromUtf8(s->asks))})
                snapshot.addBindValue(v);
            ok = run(snapshot);
        } else if (const auto *t = std::get_if<TradeRow>(&row)) {
            for (const QVariant &v : {QVariant(t->assetId), QVariant(t->timestampMs), QVariant(qint64(t->price)),
                                      QVariant(qint64(t->size)),
                                      QVariant(t->side == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL"))})
                trade.addBindValue(v);
            ok = run(trade);
        } else if (const auto *mk = std::get_if<MarketRow>(&row)) {
            for (const QVariant &v : {QVariant(mk->conditionId), QVariant(mk->question), QVariant(mk->slug),
                                      QVariant(mk->endDate), QVariant(QDateTime::currentMSecsSinceEpoch())})
                market.addBindValue(v);
            ok = run(market);
            for (qsizetype i = 0; ok && i < mk->tokenIds.size(); ++i) {
                asset.addBindValue(mk->tokenIds[i]);
                asset.addBindValue(mk->conditionId);
                asset.addBindValue(mk->outcomes.value(i));
                ok = run(asset);
            }
        } else if (const auto *sg = std::get_if<SignalRow>(&row)) {
            const Signal &s = sg->signal;
            if (!sg->outcomeOnly) {
                for (const QVariant &v :
                     {QVariant(signalKey(s)), QVariant(QLatin1String(signalTypeName(s.type))),
                      QVariant(QString::fromStdString(s.assetId)), QVariant(QString::fromStdString(s.market)),
                      QVariant(qint64(s.timestampMs)), QVariant(QLatin1String(signalSideName(s.side))),
                      QVariant(s.confidence), QVariant(s.depthRatio), QVariant(s.spreadRatio), QVariant(s.imbalance),
                      QVariant(qint64(s.priceChange)), QVariant(qint64(s.expectedReversion)), QVariant(qint64(s.bestBid)),
                      QVariant(qint64(s.bestAsk)), QVariant(qint64(s.mid)), QVariant(QString::fromStdString(s.description))})
                    signal.addBindValue(v);
                ok = run(signal);
            }
            if (ok && s.resolved) {
                outcome.addBindValue(s.reverted ? 1 : 0);
                outcome.addBindValue(s.reverted ? QVariant(s.reversionTimeS) : QVariant(QMetaType::fromType<double>()));
                outcome.addBindValue(qint64(s.maxProfit));
                outcome.addBindValue(qint64(s.maxAdverse));
                outcome.addBindValue(signalKey(s));
                ok = run(outcome);
            }
        }
        if (!ok) {
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

} // namespace polymon
