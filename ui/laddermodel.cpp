#include "laddermodel.h"

#include <QLocale>

namespace polymon {

void LadderModel::setLevels(const QVector<PriceLevel> &bidsBestFirst, const QVector<PriceLevel> &asksBestFirst)
{
    QVector<Line> lines;
    lines.reserve(bidsBestFirst.size() + asksBestFirst.size());
    for (qsizetype i = asksBestFirst.size() - 1; i >= 0; --i)
        lines.append(Line{asksBestFirst[i], false, i == 0});
    const bool hasSpread = !asksBestFirst.isEmpty() && !bidsBestFirst.isEmpty();
    if (hasSpread)
        lines.append(Line{PriceLevel{asksBestFirst.front().price - bidsBestFirst.front().price, 0}, false, false, true});
    for (qsizetype i = 0; i < bidsBestFirst.size(); ++i)
        lines.append(Line{bidsBestFirst[i], true, i == 0});
    Fixed maxSize = 1;
    for (const Line &l : lines)
        if (!l.spread)
            maxSize = std::max(maxSize, l.level.size);
    m_maxSize = maxSize;
    m_askCount = int(asksBestFirst.size());
    m_bidCount = int(bidsBestFirst.size());
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

void LadderModel::clear()
{
    setLevels({}, {});
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
        default:
            return {};
        }
    }
    const bool sizeColumn = (index.column() == BidSize && l.bid) || (index.column() == AskSize && !l.bid);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Price) {
            // At least cents, more where the tick is finer, so the column lines up.
            return QString::fromStdString(formatFixed(l.level.price, 2));
        }
        return sizeColumn ? QLocale().toString(double(l.level.size) / double(kFixedScale), 'f', 2) : QVariant();
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
    case BidSize: return tr("Bid size");
    case Price: return tr("Price");
    case AskSize: return tr("Ask size");
    default: return {};
    }
}

} // namespace polymon
