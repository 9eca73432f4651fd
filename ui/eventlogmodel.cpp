#include "eventlogmodel.h"

#include <QDateTime>

#include <algorithm>

namespace polymon {

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EventLogModel::setEvents(std::vector<MarketEvent> events)
{
    std::stable_sort(events.begin(), events.end(), [](const MarketEvent &a, const MarketEvent &b) { return a.tsMs < b.tsMs; });
    beginResetModel();
    m_events = std::move(events);
    endResetModel();
}

void EventLogModel::append(const std::vector<MarketEvent> &events)
{
    if (events.empty())
        return;
    beginInsertRows({}, int(m_events.size()), int(m_events.size() + events.size()) - 1);
    m_events.insert(m_events.end(), events.begin(), events.end());
    endInsertRows();
}

QStringList EventLogModel::types() const
{
    QStringList types;
    for (const MarketEvent &e : m_events)
        if (!types.contains(e.type))
            types << e.type;
    types.sort();
    return types;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_events.size()))
        return {};
    const MarketEvent &e = m_events[std::size_t(index.row())];
    if (role == TimestampRole)
        return qint64(e.tsMs);
    if (role == Qt::ToolTipRole && index.column() == Text)
        return e.text;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(e.tsMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Type:
        return e.type;
    case Market: {
        const QString label = m_label ? m_label(e) : QString();
        if (!label.isEmpty())
            return label;
        if (!e.slug.isEmpty())
            return e.slug;
        if (e.market.isEmpty() && e.assetId.isEmpty())
            return tr("every market");
        return e.assetId.isEmpty() ? e.market.left(12) + QStringLiteral("…") : e.assetId.left(12) + QStringLiteral("…");
    }
    case Text:
        return e.text;
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Type: return tr("Type");
    case Market: return tr("Market");
    case Text: return tr("Text");
    default: return {};
    }
}

} // namespace polymon
