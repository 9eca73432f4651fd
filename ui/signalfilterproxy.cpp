#include "signalfilterproxy.h"

#include "signallogmodel.h"

namespace polymon {

void SignalFilterProxy::setType(const QString &type)
{
    m_type = type;
    invalidateFilter();
}

void SignalFilterProxy::setMinConfidence(int confidence)
{
    m_minConfidence = confidence;
    invalidateFilter();
}

void SignalFilterProxy::setMarketText(const QString &text)
{
    m_market = text;
    invalidateFilter();
}

bool SignalFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    if (!m_type.isEmpty() && m->data(first, SignalLogModel::TypeRole).toString() != m_type)
        return false;
    if (m->data(first, SignalLogModel::ConfidenceRole).toInt() < m_minConfidence)
        return false;
    if (!m_market.isEmpty()) {
        const QString market = m->data(m->index(sourceRow, SignalLogModel::Market, sourceParent), Qt::DisplayRole).toString();
        if (!market.contains(m_market, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace polymon
