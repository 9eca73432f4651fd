#pragma once

#include "storage/signalcsv.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace polymon {

class SignalFilterProxy;
class SignalLogModel;

// The Signals dock's body: the log across markets with its filters (type,
// minimum confidence, market text), a hint about where the signals come
// from, and Export CSV. Double-clicking a signal asks for its market.
class SignalLogPane final : public QWidget
{
    Q_OBJECT
public:
    explicit SignalLogPane(QWidget *parent = nullptr);

    SignalLogModel *model() const noexcept { return m_model; }
    // The log's filters as an export filter; narrowed() is false when none is set.
    SignalCsv::Filter filter() const;
    int shownRows() const;
    void setHint(const QString &text);

Q_SIGNALS:
    void exportRequested();
    void qualityRequested();
    void outcomeActivated(const QString &assetId);

private:
    SignalLogModel *m_model;
    SignalFilterProxy *m_proxy;
    QTableView *m_view;
    QLabel *m_hint;
};

} // namespace polymon
