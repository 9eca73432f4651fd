#pragma once

#include <QSortFilterProxyModel>

namespace polymon {

// Filters the signal log by type, minimum confidence and market text.
class SignalFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString type() const { return m_type; }
    int minConfidence() const noexcept { return m_minConfidence; }
    QString marketText() const { return m_market; }

    void setType(const QString &type);       // empty: all
    void setMinConfidence(int confidence);
    void setMarketText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_type;
    int m_minConfidence = 0;
    QString m_market;
};

} // namespace polymon
