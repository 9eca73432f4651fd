#pragma once

#include "trading/order.h"

#include <QAbstractTableModel>
#include <QVector>

#include <functional>

namespace polymon {

// Your orders: the working ones first (newest on top), then the last
// finished ones with their status and reason.
class OrdersModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Outcome, Side, Type, Price, Size, Filled, Queue, Status, NUM_COLUMNS };
    enum Role { OrderIdRole = Qt::UserRole, WorkingRole };
    static constexpr int kFinishedKept = 200;

    explicit OrdersModel(QObject *parent = nullptr);
    void setLabeler(std::function<QString(const QString &)> labeler) { m_label = std::move(labeler); }

    void update(const Order &order);
    void clear();
    // Working orders of one token (for its ladder).
    QVector<Order> working(const QString &assetId) const;
    int workingCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVector<Order> m_orders; // working (newest first), then finished (newest first)
    std::function<QString(const QString &)> m_label;
};

} // namespace polymon
