#pragma once

#include "strategy/strategybacktest.h"
#include "strategy/walkforward.h"

#include <QAbstractTableModel>
#include <QIODevice>

#include <optional>

namespace polymon {

// A strategy backtest as a table: one row per grid point over the whole
// recording, then, after a walk-forward, its in-sample and out-of-sample
// totals and one row per fold. Money in dollars to the cent (the CSV keeps
// every micro-dollar).
class BacktestResultModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Settings, Trades, HitRate, Pnl, AverageWin, AverageLoss, MaxDrawdown, Fees, Turnover, Sharpe, NUM_COLUMNS };
    enum Role { SortRole = Qt::UserRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setResult(const StrategyBacktestResult &result, const std::optional<WalkForwardResult> &walkForward);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The equity curve of a row (cumulative PnL after each trade).
    const std::vector<EquityPoint> &equity(int row) const;
    QString rowName(int row) const;
    // The walk-forward's out-of-sample row, or -1.
    int outOfSampleRow() const noexcept { return m_outOfSampleRow; }
    // RFC 4180 CSV of every row, money exact; false with the device's error.
    bool writeCsv(QIODevice &out, QString &error) const;

private:
    struct Row
    {
        QString name;
        StrategyStats stats;
        bool summary = false; // a walk-forward total (shown bold)
    };
    QString cell(const Row &row, int column, bool exact) const;

    QList<Row> m_rows;
    int m_outOfSampleRow = -1;
};

} // namespace polymon
