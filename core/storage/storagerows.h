#pragma once

#include "analysis/signal.h"
#include "book/bookmetrics.h"
#include "book/tradeprint.h"
#include "events/marketevent.h"
#include "protocol/events.h"
#include "trading/order.h"
#include "trading/position.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <variant>

namespace polymon {

struct SnapshotRow
{
    QString assetId;
    qint64 timestampMs = 0;
    BookMetrics metrics;
    QByteArray bids; // JSON [["price","size"],...], best first
    QByteArray asks;
    Fixed tickSize = 0; // the asset's tick then (0: not known)
};

using TradeRow = TradePrint;

struct MarketRow
{
    QString conditionId;
    QString question;
    QString slug;
    QString endDate;
    QStringList tokenIds;
    QStringList outcomes;
};

// A stored signal's key: asset, type and time, the same in every session.
inline QString signalKey(const Signal &s)
{
    return QStringLiteral("%1|%2|%3")
        .arg(QString::fromStdString(s.assetId), QLatin1String(signalTypeName(s.type)))
        .arg(s.timestampMs);
}

struct SignalRow
{
    Signal signal;
    bool outcomeOnly = false; // update the stored row with the outcome
};

// A recorder is running: its session from startedMs, alive at lastMs.
struct SpanRow
{
    QString sessionId;
    qint64 startedMs = 0;
    qint64 lastMs = 0;
    QString host; // the machine recording (several share a store)
};

// The coverage ledger: this session held the asset's book in sync from
// fromMs to toMs (a stretch; a desync or a lost link ends it).
struct CoverageRow
{
    QString sessionId;
    QString assetId;
    qint64 fromMs = 0;
    qint64 toMs = 0;
};

// Trading rows carry their account ("paper"; "live" later) so the two never mix.
struct OrderRow
{
    QString account;
    Order order;
};

struct FillRow
{
    QString account;
    Fill fill;
};

struct PositionRow
{
    QString account;
    Position position;
    qint64 timestampMs = 0;
};

// An event on the market's clock and where it came from ("sports", a file name).
struct EventRow
{
    MarketEvent event;
    QString source;
};

using StorageRow = std::variant<SnapshotRow, TradeRow, MarketRow, SignalRow, SpanRow, OrderRow, FillRow, PositionRow, EventRow,
                                CoverageRow>;

} // namespace polymon
