#include "fillsmodel.h"
#include "priceformat.h"

#include "themes.h"
#include "tradingformat.h"

#include <QDateTime>

namespace polymon {

FillsModel::FillsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FillsModel::add(const Fill &fill)
{
    beginInsertRows({}, 0, 0);
    m_fills.prepend(fill);
    endInsertRows();
    if (m_fills.size() > kKept) {
        beginRemoveRows({}, kKept, int(m_fills.size()) - 1);
        m_fills.resize(kKept);
        endRemoveRows();
    }
}

void FillsModel::clear()
{
    beginResetModel();
    m_fills.clear();
    endResetModel();
}

int FillsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fills.size());
}

int FillsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant FillsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_fills.size())
        return {};
    const Fill &f = m_fills.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == Side)
        return f.side == polymon::Side::Buy ? Themes::bid() : Themes::ask();
    if (role == Qt::TextAlignmentRole)
        return int((index.column() >= Price && index.column() <= Fee ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(f.timestampMs).toString(QStringLiteral("HH:mm:ss"));
    case Outcome:
        return m_label ? m_label(f.assetId) : f.assetId;
    case Side:
        return QLatin1String(sideName(f.side));
    case Price:
        return PriceFormat::price(f.price);
    case Size:
        return TradingFormat::shares(f.size);
    case Fee:
        return TradingFormat::dollars(f.fee);
    case Liquidity:
        return f.orderId == 0 ? tr("settled") : f.maker ? tr("maker") : tr("taker");
    default:
        return {};
    }
}

QVariant FillsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Outcome: return tr("Outcome");
    case Side: return tr("Side");
    case Price: return tr("Price");
    case Size: return tr("Shares");
    case Fee: return tr("Fee");
    case Liquidity: return tr("Liquidity");
    default: return {};
    }
}

} // namespace polymon
