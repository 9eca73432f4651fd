#include "positionsmodel.h"
#include "priceformat.h"

#include "themes.h"
#include "tradingformat.h"

#include <QHash>

namespace polymon {

PositionsModel::PositionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PositionsModel::setSummary(const AccountSummary &summary)
{
    QVector<Row> rows;
    struct Totals
    {
        Fixed yes = 0, no = 0, cost = 0;
    };
    QHash<QString, Totals> markets;
    for (const PositionView &v : summary.positions) {
        Row r;
        r.view = v;
        if (m_outcomeOf)
            r.ref = m_outcomeOf(v.position.assetId);
        if (!r.ref.conditionId.isEmpty() && (r.ref.index == 0 || r.ref.index == 1)) {
            Totals &t = markets[r.ref.conditionId];
            (r.ref.index == 0 ? t.yes : t.no) += v.position.size;
            t.cost += v.position.cost;
            r.paired = true;
        }
        rows.append(r);
    }
    for (Row &r : rows) {
        if (!r.paired)
            continue;
        const Totals t = markets.value(r.ref.conditionId);
        r.pnlIfYes = t.yes - t.cost; // a share pays $1
        r.pnlIfNo = t.no - t.cost;
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (a.ref.conditionId != b.ref.conditionId)
            return a.ref.conditionId < b.ref.conditionId;
        return a.ref.index < b.ref.index;
    });
    if (rows.size() == m_rows.size()) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, NUM_COLUMNS - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int PositionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PositionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant PositionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const Position &p = r.view.position;
    if (role == AssetIdRole)
        return p.assetId;
    if (role == SharesRole)
        return QVariant::fromValue(qint64(p.size));
    auto signedValue = [&]() -> Fixed {
        switch (index.column()) {
        case Unrealized: return r.view.unrealized;
        case Realized: return p.realized;
        case IfYes: return r.pnlIfYes;
        case IfNo: return r.pnlIfNo;
        default: return 0;
        }
    };
    if (role == Qt::ForegroundRole) {
        const Fixed v = signedValue();
        if ((index.column() == IfYes || index.column() == IfNo) && !r.paired)
            return {};
        return v > 0 ? QVariant(Themes::bid()) : v < 0 ? QVariant(Themes::ask()) : QVariant();
    }
    if (role == Qt::TextAlignmentRole)
        return int((index.column() == Outcome ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && (index.column() == IfYes || index.column() == IfNo))
        return tr("What this market's YES and NO holdings pay if it resolves %1, less what they cost "
                  "(realised PnL and fees not included)")
            .arg(index.column() == IfYes ? tr("YES") : tr("NO"));
    if (role == Qt::ToolTipRole && index.column() == Mark)
        return tr("The best bid: the price this position could be sold at now");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Outcome:
        return m_label ? m_label(p.assetId) : p.assetId;
    case Shares:
        return TradingFormat::shares(p.size);
    case Average:
        return p.size > 0 ? PriceFormat::price(p.averagePrice()) : QString();
    case Mark:
        return p.size > 0 && r.view.mark > 0 ? PriceFormat::price(r.view.mark) : QString();
    case Unrealized:
        return p.size > 0 ? TradingFormat::signedDollars(r.view.unrealized) : QString();
    case Realized:
        return TradingFormat::signedDollars(p.realized);
    case Fees:
        return TradingFormat::dollars(p.fees);
    case IfYes:
    case IfNo:
        return r.paired ? TradingFormat::signedDollars(signedValue()) : tr("n/a");
    case Stop:
        return r.view.stop > 0 ? PriceFormat::price(r.view.stop) : QString();
    default:
        return {};
    }
}

QVariant PositionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Outcome: return tr("Outcome");
    case Shares: return tr("Shares");
    case Average: return tr("Avg");
    case Mark: return tr("Bid");
    case Unrealized: return tr("Unrealised");
    case Realized: return tr("Realised");
    case Fees: return tr("Fees");
    case IfYes: return tr("If YES");
    case IfNo: return tr("If NO");
    case Stop: return tr("Stop");
    default: return {};
    }
}

} // namespace polymon
