#pragma once

#include "book/tradeprint.h"
#include "protocol/events.h"

#include <QVector>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;

namespace polymon {

class LadderModel;

// The tick ladder with its tools: the traded-volume window, Auto recentre
// and Recentre (C). Keeps the grid still: it centres on the first book, on
// a new tick and when asked, or by itself (Auto) when the touch leaves the
// view. Clicks in the ladder become order requests (LadderTradeInput).
class LadderPane final : public QWidget
{
    Q_OBJECT
public:
    explicit LadderPane(QWidget *parent = nullptr);

    LadderModel *model() const noexcept { return m_model; }
    QTableView *view() const noexcept { return m_view; }
    // What the ladder shows, in its caption ("Depth ladder · Yes+No").
    void setCaption(const QString &what);
    // A new book near the touch (best first) on `tick`.
    void showBook(const QVector<PriceLevel> &bids, const QVector<PriceLevel> &asks, Fixed tick, qint64 nowMs);
    // Empties the ladder; the next book centres it.
    void clear();
    void recentre();

Q_SIGNALS:
    void orderRequested(polymon::Side side, qint64 price);
    void cancelRequested(polymon::Side side, qint64 price);
    void moveRequested(polymon::Side side, qint64 fromPrice, qint64 toPrice);

private:
    bool touchVisible() const;

    LadderModel *m_model;
    QTableView *m_view;
    QLabel *m_caption;
    QCheckBox *m_autoCentre;
    QComboBox *m_window;
    bool m_needsCentre = true; // centre on the next book (first one, new outcome)
};

} // namespace polymon
