#include "signallogmodel.h"
#include "priceformat.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace polymon {

namespace {

// The type the same event shows on the other token: an ask flood on YES is
// a bid flood on NO.
SignalType mirrorType(SignalType type)
{
    switch (type) {
    case SignalType::PanicSell: return SignalType::FomoBuy;
    case SignalType::FomoBuy: return SignalType::PanicSell;
    default: return type;
    }
}

} // namespace

void SignalLogModel::setTwins(const QString &firstAsset, const QString &secondAsset, const QString &pairLabel)
{
    m_twinOf.insert(firstAsset, secondAsset);
    m_twinOf.insert(secondAsset, firstAsset);
    m_pairLabels.insert(firstAsset, pairLabel);
    m_pairLabels.insert(secondAsset, pairLabel);
    m_first.insert(firstAsset, true);
    m_first.insert(secondAsset, false);
}

int SignalLogModel::twinRow(const Signal &signal) const
{
    const QString twin = m_twinOf.value(QString::fromStdString(signal.assetId));
    if (twin.isEmpty())
        return -1;
    const std::string twinAsset = twin.toStdString();
    constexpr int kLookBack = 32; // rows around the same moment
    for (int row = 0; row < std::min<int>(kLookBack, int(m_rows.size())); ++row) {
        const Row &r = m_rows[row];
        if (!r.hasTwin && r.signal.assetId == twinAsset && mirrorType(r.signal.type) == signal.type
            && std::llabs(r.signal.timestampMs - signal.timestampMs) <= kTwinWindowMs)
            return row;
    }
    return -1;
}

const Signal *SignalLogModel::twinAt(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows[row].hasTwin ? &m_rows[row].twin : nullptr;
}

void SignalLogModel::addSignal(const Signal &signal)
{
    const int twin = twinRow(signal);
    if (twin >= 0) {
        Row &r = m_rows[twin];
        r.hasTwin = true;
        r.twin = signal;
        if (m_first.value(QString::fromStdString(signal.assetId)))
            std::swap(r.signal, r.twin); // the columns speak for the first outcome
        Q_EMIT dataChanged(index(twin, 0), index(twin, NUM_COLUMNS - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(Row{signal, {}, false});
    endInsertRows();
    if (m_rows.size() > kMaxRows) {
        beginRemoveRows({}, kMaxRows, int(m_rows.size()) - 1);
        m_rows.resize(kMaxRows);
        endRemoveRows();
    }
}

void SignalLogModel::resolve(const Signal &signal)
{
    // The engine numbers signals; an outcome carries its signal's id.
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &r = m_rows[row];
        if (r.signal.id == signal.id || (r.hasTwin && r.twin.id == signal.id)) {
            (r.signal.id == signal.id ? r.signal : r.twin) = signal;
            Q_EMIT dataChanged(index(row, Reverted), index(row, MaxAdverse));
            return;
        }
    }
}

int SignalLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SignalLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant SignalLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const Signal &s = row.signal;
    if (role == TypeRole)
        return QLatin1String(signalTypeName(s.type));
    if (role == ConfidenceRole)
        return s.confidence;
    if (role == AssetIdRole)
        return QString::fromStdString(s.assetId);
    if (role == Qt::ToolTipRole) {
        if (!row.hasTwin)
            return QString::fromStdString(s.description);
        const Signal &t = row.twin;
        return tr("%1\n\nThe same moment on %2: %3 %4 (%5%). %6")
            .arg(QString::fromStdString(s.description), m_labels.value(QString::fromStdString(t.assetId)),
                 QLatin1String(signalTypeName(t.type)), QLatin1String(signalSideName(t.side)))
            .arg(t.confidence)
            .arg(QString::fromStdString(t.description));
    }
    if (role == Qt::ForegroundRole && index.column() == Side) {
        return QBrush(s.side == SignalSide::Buy    ? QColor(0x1f, 0x9d, 0x55)
                      : s.side == SignalSide::Sell ? QColor(0xd6, 0x45, 0x45)
                                                   : QColor(0xc0, 0x7b, 0x00));
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Confidence || index.column() == ExpectedReversion
                                          || index.column() == ReversionTime || index.column() == MaxProfit
                                          || index.column() == MaxAdverse))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (index.column()) {
        case Time: return qint64(s.timestampMs);
        case Confidence: return s.confidence;
        case ExpectedReversion: return qint64(s.expectedReversion);
        case ReversionTime: return s.reversionTimeS;
        case MaxProfit: return qint64(s.maxProfit);
        case MaxAdverse: return qint64(s.maxAdverse);
        default: break;
        }
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case Time: return QDateTime::fromMSecsSinceEpoch(s.timestampMs).toString(QStringLiteral("HH:mm:ss"));
    case Type: return QLatin1String(signalTypeName(s.type));
    case Side: return QLatin1String(signalSideName(s.side));
    case Confidence: return s.confidence;
    case Market:
        return row.hasTwin ? m_pairLabels.value(QString::fromStdString(s.assetId))
                           : m_labels.value(QString::fromStdString(s.assetId), QString::fromStdString(s.assetId).left(16));
    case ExpectedReversion: return s.side == SignalSide::Avoid ? QStringLiteral("–") : PriceFormat::difference(s.expectedReversion);
    case Reverted: return !s.resolved ? tr("open") : !s.tracked ? tr("not tracked") : s.reverted ? tr("yes") : tr("no");
    case ReversionTime: return s.resolved && s.reverted ? QStringLiteral("%1 s").arg(s.reversionTimeS, 0, 'f', 0) : QString();
    case MaxProfit: return s.resolved && s.tracked && s.side != SignalSide::Avoid ? PriceFormat::difference(s.maxProfit) : QString();
    case MaxAdverse: return s.resolved && s.tracked && s.side != SignalSide::Avoid ? PriceFormat::difference(s.maxAdverse) : QString();
    case Description: return QString::fromStdString(s.description);
    default: return {};
    }
}

QVariant SignalLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        if (section == MaxProfit)
            return tr("Best exit within the horizon, per share, touch to touch: a BUY enters at the ask and exits at the "
                      "bid (the spread is paid in and out)");
        if (section == MaxAdverse)
            return tr("Worst move against the position within the horizon, per share, touch to touch");
        if (section == Reverted)
            return tr("\"not tracked\": the app was not running for part of the horizon, so the outcome is unknown");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Type: return tr("Signal");
    case Side: return tr("Side");
    case Confidence: return tr("Conf.");
    case Market: return tr("Outcome");
    case ExpectedReversion: return tr("Expected");
    case Reverted: return tr("Reverted");
    case ReversionTime: return tr("After");
    case MaxProfit: return tr("Max profit");
    case MaxAdverse: return tr("Max adverse");
    case Description: return tr("Why");
    default: return {};
    }
}

} // namespace polymon
