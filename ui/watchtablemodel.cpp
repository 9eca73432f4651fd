#include "watchtablemodel.h"
#include "priceformat.h"

#include "themes.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace polymon {

namespace {

QString contracts(Fixed size)
{
    return QLocale().toString(double(size) / double(kFixedScale), 'f', 0);
}

} // namespace

void WatchTableModel::addAsset(const QString &assetId, const QString &label)
{
    if (m_index.contains(assetId))
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{assetId, label, {}, false, {}});
    m_index.insert(assetId, row);
    endInsertRows();
}

void WatchTableModel::removeAsset(const QString &assetId)
{
    const int row = m_index.value(assetId, -1);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    reindex();
    endRemoveRows();
}

void WatchTableModel::reindex()
{
    m_index.clear();
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows[i].assetId, i);
}

QString WatchTableModel::labelOf(const QString &assetId) const
{
    const int row = m_index.value(assetId, -1);
    return row < 0 ? QString() : m_rows[row].label;
}

void WatchTableModel::applySnapshots(const QList<TopSnapshot> &tops)
{
    int first = -1, last = -1;
    for (const TopSnapshot &t : tops) {
        const int row = m_index.value(t.assetId, -1);
        if (row < 0)
            continue;
        Row &r = m_rows[row];
        if (!r.closed.isEmpty() || (r.seen && r.top.updates == t.updates && r.top.state == t.state))
            continue;
        r.top = t;
        r.seen = true;
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    // One ranged signal for the rows that changed in this batch.
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, NUM_COLUMNS - 1));
}

void WatchTableModel::setClosed(const QString &assetId, const QString &reason)
{
    const int row = m_index.value(assetId, -1);
    if (row < 0)
        return;
    m_rows[row].closed = reason;
    Q_EMIT dataChanged(index(row, 0), index(row, NUM_COLUMNS - 1));
}

int WatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant WatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const BookMetrics &m = r.top.metrics;
    const bool synced = r.seen && r.top.state == SyncState::Synced;
    if (role == AssetIdRole)
        return r.assetId;
    if (role == ImbalanceRole)
        return m.imbalance;
    if (role == Qt::TextAlignmentRole && index.column() != Market && index.column() != Status)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole) {
        if (index.column() == Bid)
            return QBrush(Themes::bid());
        if (index.column() == Ask)
            return QBrush(Themes::ask());
        if (index.column() == Status && (!synced || !r.closed.isEmpty()))
            return QBrush(Themes::warningText().darker(Themes::isDark() ? 100 : 80));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Market)
        return r.label + QStringLiteral("\n") + r.assetId;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Market: return r.label;
    case Status:
        if (!r.closed.isEmpty())
            return r.closed;
        if (!r.seen)
            return tr("waiting for book");
        if (!synced)
            return QString::fromLatin1(syncStateName(r.top.state));
        return r.top.crossed ? tr("crossed (exchange)") : tr("live");
    default: break;
    }
    if (!synced || (!r.closed.isEmpty() && !r.seen))
        return QStringLiteral("–");
    switch (index.column()) {
    case Bid: return m.hasBid ? PriceFormat::price(m.bestBid) : QStringLiteral("–");
    case Ask: return m.hasAsk ? PriceFormat::price(m.bestAsk) : QStringLiteral("–");
    case SpreadCents: return m.twoSided() ? PriceFormat::difference(m.spread) : QStringLiteral("–");
    case SpreadBps: return m.twoSided() && m.mid > 0 ? QString::number(double(m.spread) / double(m.mid) * 1e4, 'f', 0) : QStringLiteral("–");
    case Mid: return m.twoSided() ? PriceFormat::price(m.mid) : QStringLiteral("–");
    case BidDepth: return contracts(m.bidDepth);
    case AskDepth: return contracts(m.askDepth);
    case Imbalance: return m.twoSided() ? QString::number(m.imbalance, 'f', 2) : QStringLiteral("–");
    default: return {};
    }
}

QVariant WatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Imbalance)
        return tr("(bid − ask) / (bid + ask) depth within 10¢ of mid");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Market: return tr("Outcome");
    case Bid: return tr("Bid");
    case Ask: return tr("Ask");
    case SpreadCents: return tr("Spread");
    case SpreadBps: return tr("bps");
    case Mid: return tr("Mid");
    case BidDepth: return tr("Bid depth");
    case AskDepth: return tr("Ask depth");
    case Imbalance: return tr("Imbalance");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace polymon
