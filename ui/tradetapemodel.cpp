#include "tradetapemodel.h"

#include "themes.h"

#include <QDateTime>
#include <QLocale>

namespace polymon {

TradeTapeModel::TradeTapeModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TradeTapeModel::setOutcomeName(const QString &assetId, const QString &name)
{
    m_outcomes.insert(assetId, name);
}

void TradeTapeModel::addTrade(const TradePrint &trade)
{
    addTrades({trade});
}

void TradeTapeModel::addTrades(const QList<TradePrint> &trades)
{
    if (trades.isEmpty())
        return;
    // Only what the tape can hold of the batch: its newest rows.
    const qsizetype first = std::max<qsizetype>(0, trades.size() - kMaxRows);
    beginInsertRows({}, 0, int(trades.size() - first) - 1);
    for (qsizetype i = first; i < trades.size(); ++i)
        m_trades.push_front(trades[i]);
    endInsertRows();
    if (m_trades.size() > std::size_t(kMaxRows)) {
        beginRemoveRows({}, kMaxRows, int(m_trades.size()) - 1);
        m_trades.resize(kMaxRows);
        endRemoveRows();
    }
}

int TradeTapeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_trades.size());
}

int TradeTapeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant TradeTapeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || std::size_t(index.row()) >= m_trades.size())
        return {};
    const TradePrint &t = m_trades[std::size_t(index.row())];
    const bool buy = t.side == polymon::Side::Buy;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return QDateTime::fromMSecsSinceEpoch(t.timestampMs).toString(QStringLiteral("HH:mm:ss"));
        case Outcome: return m_outcomes.value(t.assetId);
        case Side: return buy ? tr("BUY") : tr("SELL");
        case Price: return QString::fromStdString(formatFixed(t.price, 2));
        case Size: return QLocale().toString(double(t.size) / double(kFixedScale), 'f', 2);
        default: return {};
        }
    case Qt::ForegroundRole:
        return index.column() == Time || index.column() == Outcome ? QVariant() : QVariant(buy ? Themes::bid() : Themes::ask());
    case Qt::TextAlignmentRole:
        return int((index.column() >= Price ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TradeTapeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Outcome: return tr("Outcome");
    case Side: return tr("Side");
    case Price: return tr("Price");
    case Size: return tr("Size");
    default: return {};
    }
}

} // namespace polymon
