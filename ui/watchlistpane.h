#pragma once

#include <QWidget>

class QTableView;

namespace polymon {

class WatchTableModel;

// The Watchlist dock's body: every watched outcome with its top, spread and
// status; a click opens its market, Stop watching closes the selected one.
class WatchlistPane final : public QWidget
{
    Q_OBJECT
public:
    explicit WatchlistPane(QWidget *parent = nullptr);

    WatchTableModel *model() const noexcept { return m_model; }

Q_SIGNALS:
    void outcomeActivated(const QString &assetId);
    void unwatchRequested(const QString &assetId);

private:
    WatchTableModel *m_model;
    QTableView *m_view;
};

} // namespace polymon
