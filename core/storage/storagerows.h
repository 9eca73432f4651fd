#pragma once

#include "analysis/signal.h"
#include "book/bookmetrics.h"
#include "monitor/tradeprint.h"
#include "protocol/events.h"

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

struct SignalRow
{
    Signal signal;
    bool outcomeOnly = false; // update the stored row with the outcome
};

using StorageRow = std::variant<SnapshotRow, TradeRow, MarketRow, SignalRow>;

} // namespace polymon
