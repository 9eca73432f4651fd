#pragma once

#include "events/marketevent.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace polymon {

// The loaded events, one row each: time, type, market (its question when
// known), text. Sorted by time.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Type, Market, Text, ColumnCount };
    enum Role { TimestampRole = Qt::UserRole + 1 };

    explicit EventLogModel(QObject *parent = nullptr);

    void setEvents(std::vector<MarketEvent> events);
    // Live events, newer than those held.
    void append(const std::vector<MarketEvent> &events);
    const std::vector<MarketEvent> &events() const noexcept { return m_events; }
    QStringList types() const;
    // Names a market or token for the Market column ("" when not known).
    void setLabeler(std::function<QString(const MarketEvent &)> labeler) { m_label = std::move(labeler); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<MarketEvent> m_events;
    std::function<QString(const MarketEvent &)> m_label;
};

} // namespace polymon
