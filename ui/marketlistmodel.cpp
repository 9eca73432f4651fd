#include "marketlistmodel.h"
#include "priceformat.h"

#include <QFont>
#include <QLocale>

namespace polymon {

void MarketListModel::setMarkets(const QList<MarketInfo> &markets)
{
    beginResetModel();
    m_markets = markets;
    m_foundBy.clear();
    endResetModel();
}

void MarketListModel::appendMarkets(const QList<MarketInfo> &markets, const QString &foundBy)
{
    if (!foundBy.isEmpty()) {
        for (const MarketInfo &m : markets)
            m_foundBy[m.conditionId] += QLatin1Char(' ') + foundBy;
    }
    QHash<QString, int> rowOf;
    for (int i = 0; i < m_markets.size(); ++i)
        rowOf.insert(m_markets[i].conditionId, i);
    QList<MarketInfo> fresh;
    for (const MarketInfo &m : markets) {
        const int row = rowOf.value(m.conditionId, -1);
        if (row < 0) {
            fresh << m;
            rowOf.insert(m.conditionId, -2); // listed twice in one answer
            continue;
        }
        if (row == -2)
            continue;
        MarketInfo &known = m_markets[row];
        known.yesPrice = m.yesPrice;
        known.volume24h = m.volume24h;
        known.liquidity = m.liquidity;
        Q_EMIT dataChanged(index(row, YesPrice), index(row, Liquidity));
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, int(m_markets.size()), int(m_markets.size() + fresh.size() - 1));
    m_markets << fresh;
    endInsertRows();
}

void MarketListModel::setWatched(const QSet<QString> &conditionIds)
{
    m_watched = conditionIds;
    if (!m_markets.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, NUM_COLUMNS - 1), {Qt::FontRole, WatchedRole});
}

int MarketListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_markets.size());
}

int MarketListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant MarketListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_markets.size())
        return {};
    const MarketInfo &m = m_markets.at(index.row());
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Question: return m.question;
        case YesPrice: {
            Fixed price = 0;
            if (m.yesPrice.isEmpty())
                return QStringLiteral("–");
            return parseFixed(m.yesPrice.toStdString(), price) == FixedError::None ? PriceFormat::price(price) : m.yesPrice;
        }
        case Volume24h: return QStringLiteral("$") + locale.toString(m.volume24h, 'f', 0);
        case Liquidity: return QStringLiteral("$") + locale.toString(m.liquidity, 'f', 0);
        case EndDate: return m.endDate.isValid() ? locale.toString(m.endDate.date(), QLocale::ShortFormat) : QString();
        default: return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Question: return m.question;
        case YesPrice: return m.yesPrice.toDouble();
        case Volume24h: return m.volume24h;
        case Liquidity: return m.liquidity;
        case EndDate: return m.endDate;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Question)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && m_watched.contains(m.conditionId)) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == WatchedRole)
        return m_watched.contains(m.conditionId);
    if (role == SearchTextRole)
        return m.question + QLatin1Char(' ') + m.slug + m_foundBy.value(m.conditionId);
    if (role == Qt::ToolTipRole && index.column() == Question)
        return tr("%1\nDouble-click to watch both outcomes").arg(m.question);
    return {};
}

QVariant MarketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Question: return tr("Market");
    case YesPrice: return tr("Yes");
    case Volume24h: return tr("24h volume");
    case Liquidity: return tr("Liquidity");
    case EndDate: return tr("Ends");
    default: return {};
    }
}

} // namespace polymon
