#include "storagewriter.h"

#include "daypartitions.h"
#include "multirowinsert.h"
#include "schema.h"
#include "upserts.h"

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
constexpr qint64 kRetentionEveryMs = 3'600'000;
constexpr qint64 kRetentionRowsPerPass = 200'000; // SQLite: about a second of deleting, then back to writing

QVariant price(bool present, Fixed v)
{
    return present ? QVariant(qint64(v)) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

StorageWriter::StorageWriter(const QString &path, qsizetype maxQueue, QObject *parent)
    : QThread(parent)
    , m_path(path)
    , m_connection(QStringLiteral("polymon-writer-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_maxQueue(maxQueue)
{
    if (!DatabaseLocation::parse(path, m_location, m_locationError))
        m_location.path = path; // the writer reports the error when it runs
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
    const bool bulk = std::holds_alternative<SnapshotRow>(row) || std::holds_alternative<TradeRow>(row);
    if (m_queue.size() >= std::size_t(m_maxQueue) && bulk) {
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

void StorageWriter::setMaxSizeBytes(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_maxSizeBytes = bytes;
    m_limitChanged = true;
    m_wake.wakeAll(); // a raised limit is tried at once
}

void StorageWriter::setRetryBackoff(int initialMs, int maxMs)
{
    QMutexLocker lock(&m_mutex);
    m_retryInitialMs = std::max(1, initialMs);
    m_retryMaxMs = std::max(m_retryInitialMs, maxMs);
}

void StorageWriter::setRetentionDays(int days)
{
    QMutexLocker lock(&m_mutex);
    m_retentionDays = std::max(0, days);
    m_wake.wakeAll();
}

void StorageWriter::keepUp(qint64 &nextDueMs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < nextDueMs)
        return;
    int days;
    {
        QMutexLocker lock(&m_mutex);
        days = m_retentionDays;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QString error;
    // Today's and tomorrow's tables before they are needed: midnight never waits on a new table.
    const qint64 today = DayPartitions::dayOf(now);
    bool ok = m_partitions.ensure(db, {today, today + 1}, error);
    qint64 removed = 0;
    bool more = false;
    ok = ok && DayPartitions::dropBefore(db, now, days, kRetentionRowsPerPass, removed, more, error);
    if (!ok) {
        if (!m_retentionWarned) // retried next hour; recording goes on
            qCWarning(lcStorage) << "retention in" << m_location.display() << "failed:" << error;
        m_retentionWarned = true;
        nextDueMs = now + kRetentionEveryMs;
        return;
    }
    m_retentionWarned = false;
    if (removed > 0) {
        qCInfo(lcStorage) << "retention:" << removed << (m_location.isPostgres() ? "day table(s) dropped" : "rows deleted")
                          << "older than" << days << "day(s)";
        QMutexLocker lock(&m_mutex);
        m_stats.expired += removed;
    }
    nextDueMs = more ? now : now + kRetentionEveryMs;
}

void StorageWriter::applySizeLimit()
{
    qint64 bytes;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_limitChanged)
            return;
        m_limitChanged = false;
        bytes = m_maxSizeBytes;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    qint64 pageSize = 4096;
    if (q.exec(QStringLiteral("PRAGMA page_size")) && q.next())
        pageSize = std::max<qint64>(512, q.value(0).toLongLong());
    // SQLite's own ceiling when no limit is set.
    const qint64 pages = bytes > 0 ? std::max<qint64>(1, bytes / pageSize) : 4'294'967'294LL;
    q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
}

void StorageWriter::run()
{
    bool open = false;
    bool reconnecting = false;
    bool failing = false;
    int retryMs = 0;
    qint64 retentionDueMs = 0; // at open, then hourly
    int retentionDaysSeen = -1;
    auto report = [&](const QString &message) {
        {
            QMutexLocker lock(&m_mutex);
            retryMs = failing ? std::min(retryMs * 2, m_retryMaxMs) : m_retryInitialMs;
            m_stats.lastError = message;
            m_stats.retryInMs = retryMs;
            ++m_stats.failedBatches;
            m_drained.wakeAll();
        }
        // Once per failure streak, not once per retry.
        if (!failing) {
            qCWarning(lcStorage) << message;
            Q_EMIT errorOccurred(message);
        }
        failing = true;
    };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(m_location.driver(), m_connection);
        m_location.apply(db);
    }
    for (;;) {
        std::deque<StorageRow> batch;
        bool stopping;
        {
            QMutexLocker lock(&m_mutex);
            if (!m_stopping && failing)
                m_wake.wait(&m_mutex, retryMs); // growing backoff; a stop or a raised limit wakes it
            else if (!m_stopping && (m_queue.empty() || !open))
                m_wake.wait(&m_mutex, open ? kFlushMs : m_retryInitialMs);
            stopping = m_stopping;
            if (open)
                batch.swap(m_queue);
            m_busy = !batch.empty();
        }
        if (!open) {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            if (!m_location.isPostgres())
                QDir().mkpath(QFileInfo(m_path).absolutePath());
            QString error;
            if (!m_locationError.isEmpty()) {
                report(QStringLiteral("cannot use %1: %2").arg(m_path, m_locationError));
            } else if (!db.open()) {
                report(QStringLiteral("cannot open %1: %2").arg(m_location.display(), db.lastError().text()));
            } else if (!Schema::configure(db, error) || !Schema::migrate(db, error)) {
                report(QStringLiteral("cannot use %1: %2").arg(m_location.display(), error));
                db.close();
            } else {
                open = true;
                if (!reconnecting) {
                    failing = false;
                    QMutexLocker lock(&m_mutex);
                    m_stats.lastError.clear();
                    m_stats.retryInMs = 0;
                } // reconnected: the first batch written says it has recovered
                reconnecting = false;
                m_partitions.forget();
                retentionDueMs = 0;
                qCInfo(lcStorage) << "recording to" << m_location.display();
                Q_EMIT opened(m_path);
                continue;
            }
            if (stopping)
                break;
            continue;
        }
        if (!m_location.isPostgres())
            applySizeLimit(); // a SQLite file's own ceiling
        QString error;
        const BatchResult result = batch.empty() ? BatchResult::Written : writeBatch(batch, error);
        if (result != BatchResult::Written) {
            {
                // Keep the rows for the next attempt, ahead of newer ones.
                QMutexLocker lock(&m_mutex);
                while (!batch.empty()) {
                    m_queue.push_front(std::move(batch.back()));
                    batch.pop_back();
                }
                m_stats.queued = qint64(m_queue.size());
                m_busy = false;
            }
            if (result == BatchResult::DiskFull)
                report(tr("database full: %1 (%2 rows wait; writing resumes when there is space): %3")
                           .arg(m_path)
                           .arg(stats().queued)
                           .arg(error));
            else if (m_readOnlyRole)
                report(tr("%1 is read-only for this role: nothing is recorded (reading, charts and replays work): %2")
                           .arg(m_location.display(), error));
            else
                report(QStringLiteral("cannot write to %1: %2").arg(m_location.display(), error));
            if (m_location.isPostgres() && result == BatchResult::Failed) {
                // A server that went away leaves a dead connection: open a new one next time.
                QSqlDatabase db = QSqlDatabase::database(m_connection, false);
                db.close();
                open = false;
                reconnecting = true;
            }
            if (stopping)
                break;
            continue;
        }
        {
            QMutexLocker lock(&m_mutex);
            m_stats.written += qint64(batch.size());
            m_stats.queued = qint64(m_queue.size());
            m_busy = false;
            if (failing) {
                m_stats.lastError.clear();
                m_stats.retryInMs = 0;
            }
            m_drained.wakeAll();
        }
        if (failing) {
            failing = false;
            qCInfo(lcStorage) << "writing to" << m_path << "again";
            Q_EMIT recovered();
        }
        if (stopping) {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty())
                break;
        } else {
            {
                QMutexLocker lock(&m_mutex);
                if (m_retentionDays != retentionDaysSeen) { // a changed setting applies now
                    retentionDaysSeen = m_retentionDays;
                    retentionDueMs = 0;
                }
            }
            keepUp(retentionDueMs);
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

namespace {

// Failures that say something about one row (a constraint, a type, a
// size): that row is set aside. Every other failure (full disk, locked or
// read-only file, a lost server, I/O) concerns the database: the rows wait.
// SQLite gives its primary result code; PostgreSQL its SQLSTATE.
bool rowSpecific(const QSqlError &error, bool postgres)
{
    const QString native = error.nativeErrorCode();
    if (postgres) // class 22: data exception; 23: integrity constraint violation
        return native.startsWith(QLatin1String("22")) || native.startsWith(QLatin1String("23"));
    bool ok = false;
    const int code = native.toInt(&ok) & 0xff;
    return ok && (code == 18 /*TOOBIG*/ || code == 19 /*CONSTRAINT*/ || code == 20 /*MISMATCH*/ || code == 25 /*RANGE*/);
}

bool diskFull(const QSqlError &error, bool postgres)
{
    const QString native = error.nativeErrorCode();
    if (postgres) // 53100 disk_full, 53200 out of memory... class 53: insufficient resources
        return native == QLatin1String("53100");
    bool ok = false;
    return (native.toInt(&ok) & 0xff) == 13 /*FULL*/ && ok;
}

// NOT NULL text columns get "" for a null string (Qt binds a null QString as NULL).
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

constexpr char kSnapshotInsert[] = "INSERT INTO order_book_snapshot (asset_id, ts, best_bid, best_ask, spread, mid, "
                                   "bid_depth, ask_depth, band_bid_depth, band_ask_depth, imbalance, bids, asks, tick)";
constexpr int kSnapshotColumns = 14;
constexpr char kTradeInsert[] = "INSERT INTO trade (asset_id, ts, price, size, side)";
constexpr int kTradeColumns = 5;

QVariantList snapshotValues(const SnapshotRow &s)
{
    const BookMetrics &m = s.metrics;
    return {text(s.assetId), QVariant(s.timestampMs), price(m.hasBid, m.bestBid), price(m.hasAsk, m.bestAsk),
            price(m.twoSided(), m.spread), price(m.twoSided(), m.mid), QVariant(qint64(m.bidDepth)),
            QVariant(qint64(m.askDepth)), QVariant(qint64(m.bandBidDepth)), QVariant(qint64(m.bandAskDepth)),
            QVariant(m.imbalance), text(QString::fromUtf8(s.bids)), text(QString::fromUtf8(s.asks)),
            price(s.tickSize > 0, s.tickSize)};
}

QVariantList tradeValues(const TradeRow &t)
{
    return {text(t.assetId), QVariant(t.timestampMs), QVariant(qint64(t.price)), QVariant(qint64(t.size)),
            QVariant(t.side == Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL"))};
}

} // namespace

struct StorageWriter::Statements
{
    explicit Statements(const QSqlDatabase &db)
        : snapshot(db), trade(db), market(db), asset(db), signal(db), outcome(db), span(db), order(db), fill(db),
          position(db), event(db), coverage(db)
    {
        using namespace Upserts;
        auto insert = [](QSqlQuery &q, const char *sql, const char *onConflict) {
            q.prepare(QLatin1String(sql) + QLatin1Char(' ') + QLatin1String(onConflict));
        };
        insert(event, "INSERT INTO market_event (ts, type, market, asset_id, slug, text, source) VALUES (?,?,?,?,?,?,?)",
               kKeepFirst);
        insert(order,
               "INSERT INTO trading_order (account, id, asset_id, side, order_type, price, size, filled, status, reason, "
               "post_only, expires_ms, created_ms, updated_ms, queue_ahead) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
               kOrder);
        insert(fill,
               "INSERT INTO trading_fill (account, order_id, asset_id, ts, side, price, size, fee, notional, maker) "
               "VALUES (?,?,?,?,?,?,?,?,?,?)",
               kKeepFirst);
        insert(position,
               "INSERT INTO trading_position (account, asset_id, size, cost, realized, fees, bought, sold, updated_ms) "
               "VALUES (?,?,?,?,?,?,?,?,?)",
               kPosition);
        insert(span, "INSERT INTO recording_span (session_id, started_ms, last_ms, host) VALUES (?,?,?,?)", kSpan);
        insert(coverage, "INSERT INTO coverage (session_id, asset_id, from_ms, to_ms) VALUES (?,?,?,?)", kCoverage);
        // One row at a time: a batch the multi-row statements could not write, again row by row.
        snapshot.prepare(MultiRowInsert::statement(QLatin1String(kSnapshotInsert), kSnapshotColumns, 1, QLatin1String(kKeepFirst)));
        trade.prepare(MultiRowInsert::statement(QLatin1String(kTradeInsert), kTradeColumns, 1, QLatin1String(kKeepFirst)));
        insert(market, "INSERT INTO market (condition_id, question, slug, end_date, updated_ms) VALUES (?,?,?,?,?)", kMarket);
        insert(asset, "INSERT INTO asset (asset_id, condition_id, outcome, token_index) VALUES (?,?,?,?)", kAsset);
        insert(signal,
               "INSERT INTO psychology_signal (signal_key, signal_type, asset_id, market, ts, side, score, depth_ratio, "
               "spread_ratio, imbalance, price_change, expected_reversion, best_bid, best_ask, mid, description) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
               kKeepFirst);
        outcome.prepare(QStringLiteral("UPDATE psychology_signal SET resolved=1, reverted=?, reversion_time=?, max_profit=?, "
                                       "max_adverse=?, tracked=? WHERE signal_key=?"));
    }
    QSqlQuery snapshot, trade, market, asset, signal, outcome, span, order, fill, position, event, coverage;
};

bool StorageWriter::writeRow(const StorageRow &row, Statements &st, QSqlError &error)
{
    auto run = [&error](QSqlQuery &q, const QVariantList &values) {
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (q.exec())
            return true;
        error = q.lastError();
        return false;
    };
    if (const auto *s = std::get_if<SnapshotRow>(&row))
        return run(st.snapshot, snapshotValues(*s));
    if (const auto *t = std::get_if<TradeRow>(&row))
        return run(st.trade, tradeValues(*t));
    if (const auto *mk = std::get_if<MarketRow>(&row)) {
        bool ok = run(st.market, {text(mk->conditionId), text(mk->question), QVariant(mk->slug), QVariant(mk->endDate),
                                  QVariant(QDateTime::currentMSecsSinceEpoch())});
        for (qsizetype i = 0; ok && i < mk->tokenIds.size(); ++i)
            ok = run(st.asset, {text(mk->tokenIds[i]), QVariant(mk->conditionId), QVariant(mk->outcomes.value(i)),
                                QVariant(qint64(i))});
        return ok;
    }
    if (const auto *sp = std::get_if<SpanRow>(&row))
        return run(st.span, {text(sp->sessionId), QVariant(sp->startedMs), QVariant(sp->lastMs), QVariant(sp->host)});
    if (const auto *c = std::get_if<CoverageRow>(&row))
        return run(st.coverage, {text(c->sessionId), text(c->assetId), QVariant(c->fromMs), QVariant(c->toMs)});
    if (const auto *o = std::get_if<OrderRow>(&row)) {
        const OrderRequest &r = o->order.request;
        return run(st.order, {text(o->account), QVariant(o->order.id), text(r.assetId), QVariant(QLatin1String(sideName(r.side))),
                              QVariant(QLatin1String(orderTypeName(r.type))), QVariant(qint64(r.price)),
                              QVariant(qint64(r.size)), QVariant(qint64(o->order.filled)),
                              QVariant(QLatin1String(orderStatusName(o->order.status))), QVariant(o->order.reason),
                              QVariant(r.postOnly ? 1 : 0), price(r.expiresMs > 0, r.expiresMs),
                              QVariant(qint64(o->order.createdMs)), QVariant(qint64(o->order.updatedMs)),
                              QVariant(qint64(o->order.queueAhead))});
    }
    if (const auto *f = std::get_if<FillRow>(&row)) {
        const Fill &x = f->fill;
        return run(st.fill, {text(f->account), QVariant(x.orderId), text(x.assetId), QVariant(qint64(x.timestampMs)),
                             QVariant(QLatin1String(sideName(x.side))), QVariant(qint64(x.price)), QVariant(qint64(x.size)),
                             QVariant(qint64(x.fee)), QVariant(qint64(x.notional)), QVariant(x.maker ? 1 : 0)});
    }
    if (const auto *p = std::get_if<PositionRow>(&row)) {
        const Position &x = p->position;
        return run(st.position, {text(p->account), text(x.assetId), QVariant(qint64(x.size)), QVariant(qint64(x.cost)),
                                 QVariant(qint64(x.realized)), QVariant(qint64(x.fees)), QVariant(qint64(x.bought)),
                                 QVariant(qint64(x.sold)), QVariant(p->timestampMs)});
    }
    if (const auto *e = std::get_if<EventRow>(&row)) {
        const MarketEvent &x = e->event;
        return run(st.event, {QVariant(qint64(x.tsMs)), text(x.type), text(x.market), text(x.assetId), text(x.slug),
                              text(x.text), text(e->source)});
    }
    const SignalRow &sg = std::get<SignalRow>(row);
    const Signal &s = sg.signal;
    if (!sg.outcomeOnly) {
        const bool ok = run(st.signal,
                            {QVariant(signalKey(s)), QVariant(QLatin1String(signalTypeName(s.type))),
                             text(QString::fromStdString(s.assetId)), QVariant(QString::fromStdString(s.market)),
                             QVariant(qint64(s.timestampMs)), QVariant(QLatin1String(signalSideName(s.side))),
                             QVariant(s.confidence), QVariant(s.depthRatio), QVariant(s.spreadRatio), QVariant(s.imbalance),
                             QVariant(qint64(s.priceChange)), QVariant(qint64(s.expectedReversion)),
                             QVariant(qint64(s.bestBid)), QVariant(qint64(s.bestAsk)), QVariant(qint64(s.mid)),
                             QVariant(QString::fromStdString(s.description))});
        if (!ok)
            return false;
    }
    if (!s.resolved)
        return true;
    return run(st.outcome, {QVariant(s.reverted ? 1 : 0),
                            s.reverted ? QVariant(s.reversionTimeS) : QVariant(QMetaType::fromType<double>()),
                            QVariant(qint64(s.maxProfit)), QVariant(qint64(s.maxAdverse)), QVariant(s.tracked ? 1 : 0),
                            QVariant(signalKey(s))});
}

StorageWriter::BatchResult StorageWriter::writeBatch(std::deque<StorageRow> &batch, QString &error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    auto fail = [&](const QSqlError &e) {
        error = e.text();
        // PostgreSQL's insufficient_privilege: a role that may read the shared store, not write it.
        m_readOnlyRole = m_location.isPostgres() && e.nativeErrorCode() == QLatin1String("42501");
        db.rollback();
        return diskFull(e, m_location.isPostgres()) ? BatchResult::DiskFull : BatchResult::Failed;
    };
    if (m_location.isPostgres()) {
        // The days' tables, each in its own short transaction before the batch's.
        QSet<qint64> days;
        for (const StorageRow &row : batch) {
            if (const auto *s = std::get_if<SnapshotRow>(&row))
                days.insert(DayPartitions::dayOf(s->timestampMs));
            else if (const auto *t = std::get_if<TradeRow>(&row))
                days.insert(DayPartitions::dayOf(t->timestampMs));
        }
        if (!m_partitions.ensure(db, days, error))
            return BatchResult::Failed;
    }
    if (!db.transaction())
        return fail(db.lastError());
    Statements st(db);
    QSqlError rowError;
    bool rowFailed = false;
    {
        // The bulk (snapshots, trades) many rows to a statement; the rest one by one.
        using Upserts::kKeepFirst;
        MultiRowInsert snapshots(db, QLatin1String(kSnapshotInsert), kSnapshotColumns, QLatin1String(kKeepFirst), 100);
        MultiRowInsert trades(db, QLatin1String(kTradeInsert), kTradeColumns, QLatin1String(kKeepFirst), 200);
        for (const StorageRow &row : batch) {
            bool ok;
            if (const auto *s = std::get_if<SnapshotRow>(&row))
                ok = snapshots.add(snapshotValues(*s), rowError);
            else if (const auto *t = std::get_if<TradeRow>(&row))
                ok = trades.add(tradeValues(*t), rowError);
            else
                ok = writeRow(row, st, rowError);
            if (!ok) {
                rowFailed = true;
                break;
            }
        }
        rowFailed = rowFailed || !snapshots.flush(rowError) || !trades.flush(rowError);
    }
    if (!rowFailed)
        return db.commit() ? BatchResult::Written : fail(db.lastError());
    if (!rowSpecific(rowError, m_location.isPostgres()))
        return fail(rowError);
    db.rollback();
    // One row is bad: again row by row, each in a savepoint, setting aside the
    // rows that fail on their own so that everything behind them is written.
    if (!db.transaction())
        return fail(db.lastError());
    QSqlQuery control(db);
    std::deque<StorageRow> kept;
    for (StorageRow &row : batch) {
        control.exec(QStringLiteral("SAVEPOINT row"));
        if (writeRow(row, st, rowError)) {
            control.exec(QStringLiteral("RELEASE row"));
            kept.push_back(std::move(row));
            continue;
        }
        if (!rowSpecific(rowError, m_location.isPostgres()))
            return fail(rowError);
        control.exec(QStringLiteral("ROLLBACK TO row"));
        control.exec(QStringLiteral("RELEASE row"));
        setAside(rowError.text());
    }
    if (!db.commit())
        return fail(db.lastError());
    batch.swap(kept);
    return BatchResult::Written;
}

void StorageWriter::setAside(const QString &reason)
{
    bool first;
    {
        QMutexLocker lock(&m_mutex);
        ++m_stats.rejected;
        first = !m_rejectReasons.contains(reason);
        m_rejectReasons.insert(reason);
    }
    if (first) // logged once per reason, counted always
        qCWarning(lcStorage) << "row set aside:" << reason;
}

} // namespace polymon
