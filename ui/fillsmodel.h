#pragma once

#include "trading/order.h"

#include <QAbstractTableModel>
#include <QVector>

#include <functional>

namespace polymon {

// Your fills, newest on top (the last few hundred of this session).
class FillsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Outcome, Side, Price, Size, Fee, Liquidity, NUM_COLUMNS };
    static constexpr int kKept = 500;

    explicit FillsModel(QObject *parent = nullptr);
    void setLabeler(std::function<QString(const QString &)> labeler) { m_label = std::move(labeler); }
    void add(const Fill &fill);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVector<Fill> m_fills; // newest first
    std::function<QString(const QString &)> m_label;
};

} // namespace polymon
