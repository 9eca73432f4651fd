#include "ordersmodel.h"
#include "priceformat.h"

#include "themes.h"
#include "tradingformat.h"

#include <QDateTime>

namespace polymon {

OrdersModel::OrdersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void OrdersModel::update(const Order &order)
{
    if (order.id <= 0 && order.status != OrderStatus::Invalid)
        return;
    beginResetModel();
    if (order.id > 0) {
        m_orders.erase(std::remove_if(m_orders.begin(), m_orders.end(), [&](const Order &o) { return o.id == order.id; }),
                       m_orders.end());
    }
    // Working first, newest first within each group.
    const auto firstFinished = std::find_if(m_orders.begin(), m_orders.end(), [](const Order &o) { return !o.working(); });
    m_orders.insert(order.working() ? m_orders.begin() : firstFinished, order);
    int finished = 0;
    m_orders.erase(std::remove_if(m_orders.begin(), m_orders.end(),
                                  [&finished](const Order &o) { return !o.working() && ++finished > kFinishedKept; }),
                   m_orders.end());
    endResetModel();
}

void OrdersModel::clear()
{
    beginResetModel();
    m_orders.clear();
    endResetModel();
}

QVector<Order> OrdersModel::working(const QString &assetId) const
{
    QVector<Order> out;
    for (const Order &o : m_orders) {
        if (o.working() && o.request.assetId == assetId)
            out.append(o);
    }
    return out;
}

int OrdersModel::workingCount() const
{
    return int(std::count_if(m_orders.begin(), m_orders.end(), [](const Order &o) { return o.working(); }));
}

int OrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

int OrdersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant OrdersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_orders.size())
        return {};
    const Order &o = m_orders.at(index.row());
    if (role == OrderIdRole)
        return o.id;
    if (role == WorkingRole)
        return o.working();
    if (role == Qt::ForegroundRole && index.column() == Side)
        return o.request.side == polymon::Side::Buy ? Themes::bid() : Themes::ask();
    if (role == Qt::ToolTipRole && index.column() == Status && !o.reason.isEmpty())
        return o.reason;
    if (role == Qt::TextAlignmentRole)
        return int((index.column() >= Price && index.column() <= Queue ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(o.updatedMs).toString(QStringLiteral("HH:mm:ss"));
    case Outcome:
        return m_label ? m_label(o.request.assetId) : o.request.assetId;
    case Side:
        return QLatin1String(sideName(o.request.side));
    case Type:
        return QLatin1String(orderTypeName(o.request.type));
    case Price:
        return PriceFormat::price(o.request.price);
    case Size:
        return TradingFormat::shares(o.request.size);
    case Filled:
        return TradingFormat::shares(o.filled);
    case Queue:
        return o.working() ? TradingFormat::shares(o.queueAhead) : QString();
    case Status:
        return o.reason.isEmpty() ? QString::fromLatin1(orderStatusName(o.status))
                                  : QStringLiteral("%1: %2").arg(QLatin1String(orderStatusName(o.status)), o.reason);
    default:
        return {};
    }
}

QVariant OrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Outcome: return tr("Outcome");
    case Side: return tr("Side");
    case Type: return tr("Type");
    case Price: return tr("Price");
    case Size: return tr("Size");
    case Filled: return tr("Filled");
    case Queue: return tr("Ahead");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace polymon
