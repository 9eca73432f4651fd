#include "laddermodel.h"

#include <QLocale>

#include <algorithm>

namespace polymon {

void LadderModel::setLevels(const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst)
{
    m_bids = bidsBestFirst;
    m_asks = asksBestFirst;
    rebuild();
}

void LadderModel::setOrders(const QVector<LadderOrder> &orders)
{
    m_orders = orders;
    rebuild();
}

void LadderModel::clear()
{
    m_orders.clear();
    setLevels({}, {});
}

Fixed LadderModel::priceAt(int row) const
{
    if (row < 0 || row >= m_lines.size() || m_lines.at(row).spread)
        return 0;
    return m_lines.at(row).level.price;
}

void LadderModel::rebuild()
{
    // Asks from the worst down to the best, the spread, then bids from the
    // best down. A price where only your order rests joins its side's list
    // as an empty level, so the order shows where it is.
    QVector<PriceLevel> asks = m_asks; // best first: ascending
    QVector<PriceLevel> bids = m_bids; // best first: descending
    auto has = [](const QVector<PriceLevel> &levels, Fixed price) {
        return std::any_of(levels.begin(), levels.end(), [price](const PriceLevel &l) { return l.price == price; });
    };
    for (const LadderOrder &o : std::as_const(m_orders)) {
        if (!has(asks, o.price) && !has(bids, o.price))
            (o.side == Side::Sell ? asks : bids).append(PriceLevel{o.price, 0});
    }
    std::sort(asks.begin(), asks.end(), [](const PriceLevel &a, const PriceLevel &b) { return a.price < b.price; });
    std::sort(bids.begin(), bids.end(), [](const PriceLevel &a, const PriceLevel &b) { return a.price > b.price; });

    QVector<Line> lines;
    lines.reserve(bids.size() + asks.size() + 1);
    const Fixed bestBidPrice = m_bids.isEmpty() ? -1 : m_bids.front().price;
    const Fixed bestAskPrice = m_asks.isEmpty() ? -1 : m_asks.front().price;
    for (qsizetype i = asks.size() - 1; i >= 0; --i)
        lines.append(Line{asks[i], false, asks[i].price == bestAskPrice});
    const bool hasSpread = !m_asks.isEmpty() && !m_bids.isEmpty();
    if (hasSpread)
        lines.append(Line{PriceLevel{m_asks.front().price - m_bids.front().price, 0}, false, false, true});
    for (qsizetype i = 0; i < bids.size(); ++i)
        lines.append(Line{bids[i], true, bids[i].price == bestBidPrice});
    Fixed maxSize = 1;
    for (const Line &l : lines)
        if (!l.spread)
            maxSize = std::max(maxSize, l.level.size);
    m_maxSize = maxSize;
    m_askCount = int(asks.size());
    m_bidCount = int(bids.size());
    m_hasSpread = hasSpread;
    if (lines.size() == m_lines.size()) {
        m_lines = lines;
        if (!m_lines.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, NUM_COLUMNS - 1));
        return;
    }
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

QString LadderModel::ordersText(Fixed price, Side side, QString *tip) const
{
    Fixed size = 0;
    Fixed ahead = -1;
    int count = 0;
    for (const LadderOrder &o : m_orders) {
        if (o.price != price || o.side != side)
            continue;
        size += o.remaining;
        ahead = ahead < 0 ? o.queueAhead : std::min(ahead, o.queueAhead);
        ++count;
    }
    if (count == 0)
        return {};
    // Compact: whole shares without decimals, so "10 · q324" fits the column.
    const QString sizeText = QLocale().toString(double(size) / double(kFixedScale), 'g', 10);
    const QString aheadText = QLocale().toString(double(ahead) / double(kFixedScale), 'f', 0);
    if (tip)
        *tip = tr("%n working order(s) to %1 %2 shares at %3; %4 shares ahead in the queue. "
                  "Drag to move, right-click to cancel.", nullptr, count)
                   .arg(side == Side::Buy ? tr("buy") : tr("sell"), sizeText,
                        QString::fromStdString(formatFixed(price, 2)), aheadText);
    return ahead > 0 ? tr("%1 · q%2").arg(sizeText, aheadText) : sizeText;
}

int LadderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int LadderModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant LadderModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const Line &l = m_lines.at(index.row());
    if (l.spread) {
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() != Price)
                return {};
            return tr("spread %1¢").arg(QLocale().toString(double(l.level.price) / 10'000.0, 'f', 1));
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        case IsSpreadRole:
            return true;
        case BarFractionRole:
            return 0.0;
        case IsBestRole:
            return false;
        case SideRole:
            return 0;
        case PriceRole:
            return QVariant::fromValue(qint64(0));
        default:
            return {};
        }
    }
    if (index.column() == MyBids || index.column() == MyAsks) {
        const Side side = index.column() == MyBids ? Side::Buy : Side::Sell;
        switch (role) {
        case Qt::DisplayRole:
            return ordersText(l.level.price, side, nullptr);
        case Qt::ToolTipRole: {
            QString tip;
            ordersText(l.level.price, side, &tip);
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        case HasOrdersRole:
            return !ordersText(l.level.price, side, nullptr).isEmpty();
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        case PriceRole:
            return QVariant::fromValue(qint64(l.level.price));
        case SideRole:
            return side == Side::Buy ? 1 : -1;
        case BarFractionRole:
            return 0.0;
        case IsBestRole:
        case IsSpreadRole:
            return false;
        default:
            return {};
        }
    }
    const bool sizeColumn = (index.column() == BidSize && l.bid) || (index.column() == AskSize && !l.bid);
    switch (role) {
    case PriceRole:
        return QVariant::fromValue(qint64(l.level.price));
    case HasOrdersRole:
        return false;
    case Qt::DisplayRole:
        if (index.column() == Price) {
            // At least cents, more where the tick is finer, so the column lines up.
            return QString::fromStdString(formatFixed(l.level.price, 2));
        }
        return sizeColumn && l.level.size > 0 ? QLocale().toString(double(l.level.size) / double(kFixedScale), 'f', 2) : QVariant();
    case Qt::TextAlignmentRole:
        return int((index.column() == Price ? Qt::AlignHCenter : index.column() == BidSize ? Qt::AlignRight : Qt::AlignLeft)
                   | Qt::AlignVCenter);
    case BarFractionRole:
        return sizeColumn ? double(l.level.size) / double(m_maxSize) : 0.0;
    case IsBestRole:
        return l.best;
    case SideRole:
        return l.bid ? 1 : -1;
    case IsSpreadRole:
        return false;
    default:
        return {};
    }
}

QVariant LadderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MyBids: return tr("My buys");
    case MyAsks: return tr("My sells");
    case BidSize: return tr("Bid size");
    case Price: return tr("Price");
    case AskSize: return tr("Ask size");
    default: return {};
    }
}

} // namespace polymon
