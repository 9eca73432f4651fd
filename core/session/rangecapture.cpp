#include "rangecapture.h"

#include "book/bookstore.h"
#include "capture/capturewriter.h"
#include "catalog/marketinfo.h"
#include "protocol/frameparser.h"
#include "recordingservice.h"
#include "storage/coveragereader.h"
#include "storage/readonlyconnection.h"
#include "storage/schema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace polymon {

namespace {

constexpr qint64 kCheckpointEveryMs = 60'000;

QByteArray fixedText(qint64 value)
{
    return QByteArray::fromStdString(formatFixed(Fixed(value)));
}

// Stored levels ([["price","size"],...], best first) as the wire's objects.
QByteArray levelsFrame(const QString &stored)
{
    QByteArray out = "[";
    const QJsonArray levels = QJsonDocument::fromJson(stored.toUtf8()).array();
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QJsonArray l = levels.at(i).toArray();
        if (i)
            out += ',';
        out += "{\"price\":\"" + l.at(0).toString().toUtf8() + "\",\"size\":\"" + l.at(1).toString().toUtf8() + "\"}";
    }
    return out + ']';
}

// The markets recorded, by condition id, with their tokens in stored order.
QMap<QString, MarketInfo> readMarkets(QSqlDatabase &db, const QStringList &only)
{
    QMap<QString, MarketInfo> markets;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Tokens in their market's order: SQLite's rowid is the order they were
    // stored in (files older than schema 8 have no token_index); PostgreSQL has no rowid.
    const bool postgres = Schema::isPostgres(db);
    q.exec(QStringLiteral("SELECT a.asset_id, a.condition_id, a.outcome, m.question, m.slug FROM asset a "
                          "LEFT JOIN market m ON m.condition_id = a.condition_id ORDER BY %1")
               .arg(postgres ? QStringLiteral("a.condition_id, a.token_index, a.asset_id") : QStringLiteral("a.rowid")));
    while (q.next()) {
        const QString condition = q.value(1).toString();
        if (condition.isEmpty() || (!only.isEmpty() && !only.contains(condition)))
            continue;
        MarketInfo &m = markets[condition];
        m.conditionId = condition;
        m.question = q.value(3).toString().isEmpty() ? condition : q.value(3).toString();
        m.slug = q.value(4).toString();
        m.tokenIds << q.value(0).toString();
        m.outcomes << q.value(2).toString();
    }
    return markets;
}

// The ledger's gaps of the assets recorded in the range, oldest first. A
// gap where snapshots were stored all the same (written by something that
// keeps no ledger: a replay recorded with --db, an old copy) is not one.
bool readGaps(const QString &dbPath, QSqlDatabase &db, const RangeCapture::Range &range,
              std::vector<CoverageGapNote> &gaps, bool &ledgerKept, QString &error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT DISTINCT asset_id FROM order_book_snapshot WHERE ts >= ? AND ts < ?"));
    q.addBindValue(range.fromMs);
    q.addBindValue(range.toMs);
    if (!q.exec()) {
        error = QStringLiteral("cannot read %1: %2").arg(dbPath, q.lastError().text());
        return false;
    }
    QStringList assets;
    while (q.next())
        assets << q.value(0).toString();
    CoverageReader::Result coverage;
    if (!CoverageReader::read(dbPath, assets, range.fromMs, range.toMs, coverage, error))
        return false;
    ledgerKept = coverage.ledgerKept;
    QSqlQuery stored(db);
    stored.setForwardOnly(true);
    stored.prepare(QStringLiteral("SELECT 1 FROM order_book_snapshot WHERE asset_id = ? AND ts > ? AND ts < ? LIMIT 1"));
    for (const CoverageReader::Gap &g : std::as_const(coverage.gaps)) {
        stored.addBindValue(g.assetId);
        stored.addBindValue(g.fromMs);
        stored.addBindValue(g.toMs);
        if (!stored.exec()) {
            error = QStringLiteral("cannot read %1: %2").arg(dbPath, stored.lastError().text());
            return false;
        }
        if (!stored.next()) // nothing stored inside: a gap indeed
            gaps.push_back(CoverageGapNote{{g.assetId.toStdString()}, g.fromMs, g.toMs});
        stored.finish();
    }
    std::sort(gaps.begin(), gaps.end(), [](const CoverageGapNote &a, const CoverageGapNote &b) { return a.fromMs < b.fromMs; });
    return true;
}

} // namespace

bool RangeCapture::write(const QString &dbPath, const Range &range, const QString &capturePath, Summary &summary,
                         QString &error)
{
    summary = Summary{};
    ReadOnlyConnection connection(dbPath);
    if (!connection.open(error))
        return false;
    QSqlDatabase &db = connection.db();
    const QMap<QString, MarketInfo> markets = readMarkets(db, range.conditionIds);
    QHash<QString, QString> marketOf; // asset -> condition id
    for (const MarketInfo &m : markets) {
        for (const QString &t : m.tokenIds)
            marketOf.insert(t, m.conditionId);
    }

    std::vector<CoverageGapNote> gaps;
    if (!readGaps(dbPath, db, range, gaps, summary.ledgerKept, error))
        return false;
    std::size_t nextGap = 0;

    // Both are read side by side. PostgreSQL streams one forward-only query
    // per connection at a time: there the trades are fetched whole first.
    QSqlQuery snapshots(db), trades(db);
    snapshots.setForwardOnly(true);
    trades.setForwardOnly(connection.streamsSideBySide());
    snapshots.prepare(QStringLiteral("SELECT asset_id, ts, bids, asks, tick FROM order_book_snapshot "
                                     "WHERE ts >= ? AND ts < ? ORDER BY ts, id"));
    trades.prepare(QStringLiteral("SELECT asset_id, ts, price, size, side FROM trade WHERE ts >= ? AND ts < ? ORDER BY ts, id"));
    for (QSqlQuery *q : {&trades, &snapshots}) {
        q->addBindValue(range.fromMs);
        q->addBindValue(range.toMs);
        if (!q->exec()) {
            error = QStringLiteral("cannot read %1: %2").arg(dbPath, q->lastError().text());
            return false;
        }
    }

    const QString partial = capturePath + QStringLiteral(".part");
    CaptureWriter writer;
    BookStore books; // for the checkpoints
    FrameParser parser;
    bool opened = false;
    qint64 nextCheckpointMs = 0;
    QSet<QString> assetsSeen;
    QSet<QString> marketsNoted;
    auto emitFrame = [&](qint64 ts, const QByteArray &frame, const QString &asset, const QString &conditionId) -> bool {
        if (!opened) {
            std::string err;
            if (!writer.open(partial.toStdString(), ts * 1'000'000, err)) {
                error = QString::fromStdString(err);
                return false;
            }
            opened = true;
            summary.firstMs = ts;
            nextCheckpointMs = ts + kCheckpointEveryMs;
        }
        if (ts >= nextCheckpointMs) {
            writer.writeCheckpoint(ts * 1'000'000, books);
            nextCheckpointMs = ts + kCheckpointEveryMs;
        }
        if (!assetsSeen.contains(asset)) {
            // The player subscribes and lists what the notes name.
            assetsSeen.insert(asset);
            if (conditionId.isEmpty())
                writer.writeNote(ts * 1'000'000, QJsonDocument(QJsonObject{{QStringLiteral("assets"), QJsonArray{asset}}})
                                                     .toJson(QJsonDocument::Compact)
                                                     .toStdString());
            else if (!marketsNoted.contains(conditionId))
                writer.writeNote(ts * 1'000'000, RecordingService::marketNote(markets.value(conditionId)));
            marketsNoted.insert(conditionId.isEmpty() ? asset : conditionId);
        }
        // Gaps begun by now: the books they concern are dropped (here too, so
        // that no checkpoint inside a gap holds them).
        for (; nextGap < gaps.size() && gaps[nextGap].fromMs <= ts; ++nextGap) {
            const CoverageGapNote &gap = gaps[nextGap];
            if (!marketOf.contains(QString::fromStdString(gap.assets.front())) && !range.conditionIds.isEmpty())
                continue; // a market the range leaves out
            writer.writeNote(std::max<std::int64_t>(gap.fromMs, summary.firstMs) * 1'000'000, gap.toJson());
            for (const std::string &a : gap.assets)
                books.markAwaitingBook(a);
            summary.gaps.add(gap);
        }
        const std::string_view bytes(frame.constData(), std::size_t(frame.size()));
        writer.writeFrame(0, ts * 1'000'000, bytes);
        parser.parse(bytes, books);
        summary.lastMs = ts;
        return true;
    };

    bool haveSnapshot = snapshots.next(), haveTrade = trades.next();
    while (haveSnapshot || haveTrade) {
        // A snapshot before a trade of the same millisecond: the book, then the print, as the feed sends them.
        const bool snapshotFirst = haveSnapshot && (!haveTrade || snapshots.value(1).toLongLong() <= trades.value(1).toLongLong());
        QSqlQuery &q = snapshotFirst ? snapshots : trades;
        const QString asset = q.value(0).toString();
        const qint64 ts = q.value(1).toLongLong();
        const auto market = marketOf.constFind(asset);
        // A market the database does not describe (a CLI replay recorded no
        // catalog) is its token's own, unless the range names markets.
        if (market != marketOf.cend() || range.conditionIds.isEmpty()) {
            const QString conditionId = market != marketOf.cend() ? *market : QString();
            QByteArray frame;
            const QByteArray common = "\"asset_id\":\"" + asset.toUtf8() + "\",\"market\":\"" + conditionId.toUtf8()
                + "\",\"timestamp\":\"" + QByteArray::number(ts) + "\"";
            if (snapshotFirst) {
                frame = "{\"event_type\":\"book\"," + common + ",\"bids\":" + levelsFrame(q.value(2).toString())
                    + ",\"asks\":" + levelsFrame(q.value(3).toString());
                if (!q.value(4).isNull())
                    frame += ",\"tick_size\":\"" + fixedText(q.value(4).toLongLong()) + "\"";
                frame += '}';
                ++summary.snapshots;
            } else {
                frame = "{\"event_type\":\"last_trade_price\"," + common + ",\"price\":\""
                    + fixedText(q.value(2).toLongLong()) + "\",\"size\":\"" + fixedText(q.value(3).toLongLong())
                    + "\",\"side\":\"" + q.value(4).toString().toUtf8() + "\"}";
                ++summary.trades;
            }
            if (!emitFrame(ts, frame, asset, conditionId))
                return false;
        }
        if (snapshotFirst)
            haveSnapshot = snapshots.next();
        else
            haveTrade = trades.next();
    }
    if (!opened) {
        error = QStringLiteral("nothing was recorded between %1 and %2")
                    .arg(QDateTime::fromMSecsSinceEpoch(range.fromMs).toString(Qt::ISODate),
                         QDateTime::fromMSecsSinceEpoch(range.toMs).toString(Qt::ISODate));
        return false;
    }
    writer.close();
    if (writer.failedRecords() > 0) {
        error = QStringLiteral("cannot write %1: %2").arg(capturePath, QString::fromStdString(writer.lastError()));
        QFile::remove(partial);
        return false;
    }
    QFile::remove(capturePath);
    if (!QFile::rename(partial, capturePath)) {
        error = QStringLiteral("cannot write %1").arg(capturePath);
        QFile::remove(partial);
        return false;
    }
    summary.assets = int(assetsSeen.size());
    summary.markets = int(marketsNoted.size());
    return true;
}

} // namespace polymon
