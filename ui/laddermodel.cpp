#include "laddermodel.h"
#include "priceformat.h"

#include <QLocale>

#include <algorithm>

namespace polymon {

void LadderModel::setTick(Fixed tick)
{
    if (tick <= 0)
        tick = kDefaultTick;
    if (tick == m_tick)
        return;
    beginResetModel();
    m_tick = tick;
    m_rows = int((kFixedScale - 2 * tick) / tick) + 1; // tick .. 1 - tick
    m_bidDelta.clear();
    m_askDelta.clear();
    endResetModel();
}

Fixed LadderModel::priceAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return 0;
    return kFixedScale - m_tick - Fixed(row) * m_tick;
}

int LadderModel::rowOf(Fixed price) const
{
    if (m_tick <= 0 || price < m_tick || price > kFixedScale - m_tick)
        return -1;
    // A price between ticks (a stale level after a tick change) sits on the row below.
    const Fixed onGrid = price - price % m_tick;
    return int((kFixedScale - m_tick - onGrid) / m_tick);
}

int LadderModel::centreRow() const
{
    const int bid = bestBidRow();
    const int ask = bestAskRow();
    if (bid >= 0 && ask >= 0)
        return (bid + ask) / 2;
    if (bid >= 0 || ask >= 0)
        return std::max(bid, ask);
    return m_rows / 2;
}

void LadderModel::setLevels(const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst, qint64 nowMs)
{
    if (m_tick <= 0)
        setTick(kDefaultTick);
    m_nowMs = std::max(m_nowMs, nowMs);
    // Size changes within the depth both snapshots carry: stacking or pulling.
    auto track = [this](const QHash<Fixed, Fixed> &before, const QVector<PriceLevel> &after, QHash<Fixed, Delta> &deltas,
                        bool bid, Fixed edgeBefore) {
        QHash<Fixed, Fixed> now;
        for (const PriceLevel &l : after)
            now.insert(l.price, l.size);
        const Fixed edgeAfter = after.isEmpty() ? 0 : after.back().price;
        auto within = [&](Fixed p) {
            return bid ? p >= std::max(edgeBefore, edgeAfter) : p <= std::min(edgeBefore, edgeAfter);
        };
        auto note = [&](Fixed price, Fixed change) {
            if (change == 0 || !within(price))
                return;
            Delta &d = deltas[price];
            if (m_nowMs - d.atMs > kDeltaShowMs)
                d.change = 0;
            d.change += change;
            d.atMs = m_nowMs;
        };
        if (!before.isEmpty() && edgeBefore > 0) {
            for (auto it = now.cbegin(); it != now.cend(); ++it)
                note(it.key(), it.value() - before.value(it.key()));
            for (auto it = before.cbegin(); it != before.cend(); ++it)
                if (!now.contains(it.key()))
                    note(it.key(), -it.value());
        }
        return now;
    };
    m_bids = track(m_bids, bidsBestFirst, m_bidDelta, true, m_bidDepthFloor);
    m_asks = track(m_asks, asksBestFirst, m_askDelta, false, m_askDepthCeil);
    m_bidDepthFloor = bidsBestFirst.isEmpty() ? 0 : bidsBestFirst.back().price;
    m_askDepthCeil = asksBestFirst.isEmpty() ? 0 : asksBestFirst.back().price;
    m_bestBid = bidsBestFirst.isEmpty() ? 0 : bidsBestFirst.front().price;
    m_bestAsk = asksBestFirst.isEmpty() ? 0 : asksBestFirst.front().price;
    Fixed maxSize = 1;
    for (const PriceLevel &l : bidsBestFirst)
        maxSize = std::max(maxSize, l.size);
    for (const PriceLevel &l : asksBestFirst)
        maxSize = std::max(maxSize, l.size);
    m_maxSize = maxSize;
    pruneTrades();
    notifyAll();
}

void LadderModel::setOrders(const QVector<LadderOrder> &orders)
{
    m_orders = orders;
    notifyAll();
}

void LadderModel::addTrades(const QList<TradePrint> &trades)
{
    for (const TradePrint &t : trades) {
        m_trades.push_back(t);
        m_volume[t.price] += t.size;
        m_nowMs = std::max(m_nowMs, t.timestampMs);
    }
    pruneTrades();
    notifyAll();
}

void LadderModel::setTradedWindowMs(qint64 windowMs)
{
    m_windowMs = windowMs;
    // Recount what the new window holds (those older than the old one are gone).
    m_volume.clear();
    for (const TradePrint &t : m_trades)
        m_volume[t.price] += t.size;
    pruneTrades();
    notifyAll();
}

void LadderModel::pruneTrades()
{
    constexpr std::size_t kMaxTrades = 200'000; // bounded, whatever the window
    while (!m_trades.empty()
           && ((m_windowMs > 0 && m_trades.front().timestampMs < m_nowMs - m_windowMs) || m_trades.size() > kMaxTrades)) {
        Fixed &v = m_volume[m_trades.front().price];
        v -= m_trades.front().size;
        if (v <= 0)
            m_volume.remove(m_trades.front().price);
        m_trades.pop_front();
    }
    Fixed maxVolume = 1;
    for (Fixed v : std::as_const(m_volume))
        maxVolume = std::max(maxVolume, v);
    m_maxVolume = maxVolume;
}

Fixed LadderModel::traded(Fixed price) const
{
    return m_volume.value(price, 0);
}

void LadderModel::clear()
{
    beginResetModel();
    m_bids.clear();
    m_asks.clear();
    m_bidDelta.clear();
    m_askDelta.clear();
    m_bestBid = m_bestAsk = 0;
    m_bidDepthFloor = m_askDepthCeil = 0;
    m_orders.clear();
    m_trades.clear();
    m_volume.clear();
    m_maxVolume = 1;
    m_maxSize = 1;
    endResetModel();
}

void LadderModel::notifyAll()
{
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, NUM_COLUMNS - 1));
}

int LadderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int LadderModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
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
                        PriceFormat::price(price), aheadText);
    return ahead > 0 ? tr("%1 · q%2").arg(sizeText, aheadText) : sizeText;
}

QVariant LadderModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const Fixed price = priceAt(index.row());
    const Fixed bid = m_bids.value(price, 0);
    const Fixed ask = m_asks.value(price, 0);
    const int side = (m_bestAsk > 0 && price >= m_bestAsk) ? -1 : (m_bestBid > 0 && price <= m_bestBid) ? 1 : 0;
    const bool inSpread = m_bestBid > 0 && m_bestAsk > 0 && price > m_bestBid && price < m_bestAsk;
    const int column = index.column();
    if (role == PriceRole)
        return QVariant::fromValue(qint64(price));
    if (role == IsSpreadRole)
        return inSpread;
    if (column == MyBids || column == MyAsks) {
        const Side orderSide = column == MyBids ? Side::Buy : Side::Sell;
        switch (role) {
        case Qt::DisplayRole:
            return ordersText(price, orderSide, nullptr);
        case Qt::ToolTipRole: {
            QString tip;
            ordersText(price, orderSide, &tip);
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        case HasOrdersRole:
            return !ordersText(price, orderSide, nullptr).isEmpty();
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        case SideRole:
            return orderSide == Side::Buy ? 1 : -1;
        case BarFractionRole:
            return 0.0;
        case IsBestRole:
            return false;
        default:
            return {};
        }
    }
    if (column == Traded) {
        const Fixed v = traded(price);
        switch (role) {
        case Qt::DisplayRole:
            return v > 0 ? QLocale().toString(double(v) / double(kFixedScale), 'f', 0) : QVariant();
        case Qt::TextAlignmentRole:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        case BarFractionRole:
            return v > 0 ? double(v) / double(m_maxVolume) : 0.0;
        case SideRole:
            return 0;
        case IsBestRole:
        case HasOrdersRole:
            return false;
        default:
            return {};
        }
    }
    const bool bidColumn = column == BidSize;
    const Fixed size = column == BidSize ? bid : column == AskSize ? ask : 0;
    const bool best = (bidColumn || column == Price) ? price == m_bestBid : price == m_bestAsk;
    switch (role) {
    case Qt::DisplayRole:
        if (column == Price)
            return PriceFormat::price(price);
        // Cents matter on small levels; from a thousand shares whole shares
        // keep the column readable (the tooltip has the exact size).
        return size > 0 ? QLocale().toString(double(size) / double(kFixedScale), 'f', size >= 1000 * kFixedScale ? 0 : 2)
                        : QVariant();
    case Qt::TextAlignmentRole:
        return int((column == Price ? Qt::AlignHCenter : bidColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case BarFractionRole:
        return size > 0 ? double(size) / double(m_maxSize) : 0.0;
    case IsBestRole:
        return column == Price ? (price == m_bestBid || price == m_bestAsk) : (size > 0 && best);
    case SideRole:
        return column == Price ? side : bidColumn ? 1 : -1;
    case HasOrdersRole:
        return false;
    case DeltaRole: {
        if (column == Price)
            return {};
        const Delta d = (bidColumn ? m_bidDelta : m_askDelta).value(price);
        return d.change != 0 && m_nowMs - d.atMs <= kDeltaShowMs ? QVariant::fromValue(qint64(d.change)) : QVariant();
    }
    case Qt::ToolTipRole: {
        if (column == Price || size <= 0)
            return {};
        const Delta d = (bidColumn ? m_bidDelta : m_askDelta).value(price);
        QString tip = tr("%1 shares at %2").arg(QString::fromStdString(formatFixed(size)), PriceFormat::price(price));
        if (d.change != 0 && m_nowMs - d.atMs <= kDeltaShowMs)
            tip += tr("; %1 %2 in the last seconds")
                       .arg(d.change > 0 ? tr("stacked") : tr("pulled"), QString::fromStdString(formatFixed(std::abs(d.change))));
        return tip;
    }
    default:
        return {};
    }
}

QVariant LadderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && (section == MyBids || section == MyAsks))
        return section == MyBids ? tr("Your working buy orders at this price: shares, and \"q\" the shares ahead of them in the queue")
                                 : tr("Your working sell orders at this price: shares, and \"q\" the shares ahead of them in the queue");
    if (role == Qt::ToolTipRole && (section == BidSize || section == AskSize))
        return tr("Shares resting at this price; + stacked, - pulled in the last seconds");
    if (role == Qt::ToolTipRole && section == Traded)
        return m_windowMs > 0 ? tr("Shares traded at each price over the last %n minute(s)", nullptr, int(m_windowMs / 60'000))
                              : tr("Shares traded at each price since the outcome was shown");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MyBids: return tr("Buys");
    case MyAsks: return tr("Sells");
    case BidSize: return tr("Bids");
    case Price: return tr("Price");
    case AskSize: return tr("Asks");
    case Traded: return tr("Traded");
    default: return {};
    }
}

} // namespace polymon
