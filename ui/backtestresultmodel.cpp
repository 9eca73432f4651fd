#include "backtestresultmodel.h"

#include "storage/signalcsv.h"

#include <QFont>

namespace polymon {

namespace {

QString money(Fixed value, bool exact)
{
    return QString::fromStdString(exact ? formatFixed(value) : formatFixedRounded(value, 2));
}

} // namespace

void BacktestResultModel::setResult(const StrategyBacktestResult &result, const std::optional<WalkForwardResult> &walkForward)
{
    beginResetModel();
    m_rows.clear();
    m_outOfSampleRow = -1;
    for (std::size_t i = 0; i < result.points.size(); ++i) {
        const QString label = result.points[i].label.isEmpty() ? tr("Current settings") : result.points[i].label;
        m_rows.append(Row{label, StrategyStats::of(result.trades[i]), false});
    }
    if (walkForward) {
        m_rows.append(Row{tr("Walk-forward in-sample (tuned on)"), walkForward->inSample, true});
        m_outOfSampleRow = int(m_rows.size());
        m_rows.append(Row{tr("Walk-forward out-of-sample (unseen)"), walkForward->outOfSample, true});
        int n = 1;
        for (const WalkForwardFold &f : walkForward->folds) {
            const QString chosen = result.points[std::size_t(f.chosen)].label;
            m_rows.append(Row{tr("Fold %1 unseen %2: %3").arg(n++).arg(WalkForward::windowText(f.testFromMs, f.testToMs), chosen),
                              f.outOfSample, false});
        }
    }
    endResetModel();
}

void BacktestResultModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_outOfSampleRow = -1;
    endResetModel();
}

int BacktestResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BacktestResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QString BacktestResultModel::cell(const Row &row, int column, bool exact) const
{
    const StrategyStats &s = row.stats;
    switch (column) {
    case Settings: return row.name;
    case Trades: return QString::number(s.trades);
    case HitRate: return s.trades ? QStringLiteral("%1%").arg(100.0 * s.hitRate, 0, 'f', exact ? 2 : 0) : QStringLiteral("–");
    case Pnl: return money(s.pnl, exact);
    case AverageWin: return money(s.averageWin, exact);
    case AverageLoss: return money(s.averageLoss, exact);
    case MaxDrawdown: return money(s.maxDrawdown, exact);
    case Fees: return money(s.fees, exact);
    case Turnover: return money(s.turnover, exact);
    case Sharpe: return QString::number(s.sharpePerTrade, 'f', exact ? 4 : 2);
    }
    return {};
}

QVariant BacktestResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return cell(row, index.column(), false);
    case Qt::TextAlignmentRole:
        return index.column() == Settings ? QVariant(Qt::AlignLeft | Qt::AlignVCenter) : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (row.summary) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == Settings ? row.name : QVariant();
    case SortRole:
        switch (index.column()) {
        case Settings: return row.name;
        case Trades: return row.stats.trades;
        case HitRate: return row.stats.hitRate;
        case Pnl: return qlonglong(row.stats.pnl);
        case AverageWin: return qlonglong(row.stats.averageWin);
        case AverageLoss: return qlonglong(row.stats.averageLoss);
        case MaxDrawdown: return qlonglong(row.stats.maxDrawdown);
        case Fees: return qlonglong(row.stats.fees);
        case Turnover: return qlonglong(row.stats.turnover);
        case Sharpe: return row.stats.sharpePerTrade;
        }
        return {};
    }
    return {};
}

QVariant BacktestResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Settings: return tr("Settings");
    case Trades: return tr("Trades");
    case HitRate: return tr("Hit rate");
    case Pnl: return tr("PnL $");
    case AverageWin: return tr("Avg win $");
    case AverageLoss: return tr("Avg loss $");
    case MaxDrawdown: return tr("Max drawdown $");
    case Fees: return tr("Fees $");
    case Turnover: return tr("Turnover $");
    case Sharpe: return tr("Sharpe / trade");
    }
    return {};
}

const std::vector<EquityPoint> &BacktestResultModel::equity(int row) const
{
    static const std::vector<EquityPoint> none;
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).stats.equity : none;
}

QString BacktestResultModel::rowName(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

bool BacktestResultModel::writeCsv(QIODevice &out, QString &error) const
{
    QStringList header;
    for (int c = 0; c < NUM_COLUMNS; ++c)
        header << SignalCsv::field(headerData(c, Qt::Horizontal, Qt::DisplayRole).toString(), true);
    QByteArray text = header.join(QLatin1Char(',')).toUtf8() + "\r\n";
    for (const Row &row : m_rows) {
        QStringList cells;
        for (int c = 0; c < NUM_COLUMNS; ++c)
            cells << SignalCsv::field(cell(row, c, true), c == Settings);
        text += cells.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    if (out.write(text) != text.size()) {
        error = out.errorString();
        return false;
    }
    return true;
}

} // namespace polymon
