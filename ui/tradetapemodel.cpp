#include "tradetapemodel.h"
#include "priceformat.h"

#include "themes.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace polymon {

TradeTapeModel::TradeTapeModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TradeTapeModel::setOutcomeName(const QString &assetId, const QString &name)
{
    if (!m_outcomes.contains(assetId))
        m_order.append(assetId);
    m_outcomes.insert(assetId, name);
}

int TradeTapeModel::mirrorOf(const TradePrint &t, const std::deque<Row> &rows, std::size_t within) const
{
    if (m_order.size() != 2 || !m_outcomes.contains(t.assetId))
        return -1;
    for (std::size_t i = 0; i < std::min(within, rows.size()); ++i) {
        const Row &r = rows[i];
        const TradePrint &o = r.trade;
        if (!r.mirrored && o.assetId != t.assetId && m_outcomes.contains(o.assetId) && o.timestampMs == t.timestampMs
            && o.size == t.size && o.price + t.price == kFixedScale && o.side != t.side)
            return int(i);
    }
    return -1;
}

void TradeTapeModel::addTrade(const TradePrint &trade)
{
    addTrades({trade});
}

void TradeTapeModel::addTrades(const QList<TradePrint> &trades)
{
    if (trades.isEmpty())
        return;
    // Fold each token's print of the same trade into one row (the first
    // outcome's), looking among the newest rows where its twin would be.
    constexpr std::size_t kTwinWindow = 8;
    std::deque<Row> fresh; // newest first
    for (const TradePrint &t : trades) {
        int twin = mirrorOf(t, fresh, kTwinWindow);
        std::deque<Row> *in = &fresh;
        if (twin < 0 && fresh.size() < kTwinWindow) {
            twin = mirrorOf(t, m_trades, kTwinWindow - fresh.size());
            in = &m_trades;
        }
        if (twin < 0) {
            fresh.push_front(Row{t, false});
            continue;
        }
        Row &r = (*in)[std::size_t(twin)];
        r.mirrored = true;
        if (t.assetId == m_order.value(0))
            r.trade = t; // shown on the first outcome's terms
        if (in == &m_trades)
            Q_EMIT dataChanged(index(twin, 0), index(twin, NUM_COLUMNS - 1));
    }
    if (fresh.empty())
        return;
    // Only what the tape can hold of the batch: its newest rows.
    const std::size_t keep = std::min<std::size_t>(fresh.size(), kMaxRows);
    beginInsertRows({}, 0, int(keep) - 1);
    for (std::size_t i = keep; i-- > 0;)
        m_trades.push_front(fresh[i]);
    endInsertRows();
    if (m_trades.size() > std::size_t(kMaxRows)) {
        beginRemoveRows({}, kMaxRows, int(m_trades.size()) - 1);
        m_trades.resize(kMaxRows);
        endRemoveRows();
    }
}

int TradeTapeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_trades.size());
}

int TradeTapeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant TradeTapeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || std::size_t(index.row()) >= m_trades.size())
        return {};
    const Row &row = m_trades[std::size_t(index.row())];
    const TradePrint &t = row.trade;
    const bool buy = t.side == polymon::Side::Buy;
    const QString other = m_order.value(m_order.value(0) == t.assetId ? 1 : 0);
    switch (role) {
    case Qt::ToolTipRole:
        if (!row.mirrored)
            return {};
        return tr("One trade, printed on both tokens: %1 %2 at %3 is %4 %5 at %6")
            .arg(m_outcomes.value(t.assetId), buy ? tr("bought") : tr("sold"), PriceFormat::price(t.price),
                 m_outcomes.value(other), buy ? tr("sold") : tr("bought"),
                 PriceFormat::price(kFixedScale - t.price));
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return QDateTime::fromMSecsSinceEpoch(t.timestampMs).toString(QStringLiteral("HH:mm:ss"));
        case Outcome:
            // Both tokens named; side and price are the first one's (the tooltip has the other's).
            return row.mirrored ? tr("%1/%2").arg(m_outcomes.value(t.assetId), m_outcomes.value(other))
                                : m_outcomes.value(t.assetId);
        case Side: return buy ? tr("BUY") : tr("SELL");
        case Price: return PriceFormat::price(t.price);
        case Size: return QLocale().toString(double(t.size) / double(kFixedScale), 'f', 2);
        default: return {};
        }
    case Qt::ForegroundRole:
        return index.column() == Time || index.column() == Outcome ? QVariant() : QVariant(buy ? Themes::bid() : Themes::ask());
    case Qt::TextAlignmentRole:
        return int((index.column() >= Price ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TradeTapeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Outcome: return tr("Outcome");
    case Side: return tr("Side");
    case Price: return tr("Price");
    case Size: return tr("Size");
    default: return {};
    }
}

} // namespace polymon
