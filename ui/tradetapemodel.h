#pragma once

#include "book/tradeprint.h"

#include <QAbstractTableModel>
#include <QHash>
#include <deque>

namespace polymon {

// The latest trades of one market, newest first, bounded: time, outcome,
// side, price and size; rows coloured by side. A binary market's trade is
// printed on both tokens (a YES sale at p is a NO purchase at 1 - p): it is
// shown once, on the first outcome's terms, naming both.
class TradeTapeModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Outcome, Side, Price, Size, NUM_COLUMNS };

    explicit TradeTapeModel(QObject *parent = nullptr);

    void setOutcomeName(const QString &assetId, const QString &name);
    void addTrade(const TradePrint &trade);
    // Several at once, oldest first: one insertion for the batch.
    void addTrades(const QList<TradePrint> &trades);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static constexpr int kMaxRows = 300;

private:
    struct Row
    {
        TradePrint trade;
        bool mirrored = false; // the other token's print of it was folded in
    };
    // The row `t` mirrors (the other token's print of the same trade), or -1.
    int mirrorOf(const TradePrint &t, const std::deque<Row> &rows, std::size_t within) const;

    std::deque<Row> m_trades; // newest first
    QHash<QString, QString> m_outcomes;
    QStringList m_order; // outcomes in the market's order
};

} // namespace polymon
