#pragma once

#include "catalog/marketinfo.h"
#include "monitor/topsnapshot.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace polymon {

class EventTableModel;

// A multi-outcome event (Gamma /events): every outcome's YES mid, spread
// and depth side by side, and the sum of the YES prices against the $1 one
// winner pays. Double-click an outcome to open its market.
class EventPane final : public QWidget
{
    Q_OBJECT
public:
    explicit EventPane(QWidget *parent = nullptr);

    void setEvent(const QString &title, const QList<MarketInfo> &markets);
    void setWaiting(const QString &message);
    void applySnapshots(const QList<TopSnapshot> &tops);
    EventTableModel *model() const noexcept { return m_model; }
    QString sumText() const; // for tests

Q_SIGNALS:
    void marketActivated(const polymon::MarketInfo &market);

private:
    void showSums();

    EventTableModel *m_model;
    QTableView *m_table;
    QLabel *m_title;
    QLabel *m_sum;
};

} // namespace polymon
