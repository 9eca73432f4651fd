#pragma once

#include "protocol/fixedpoint.h"

#include <QToolBar>

class QAction;
class QButtonGroup;
class QDoubleSpinBox;
class QLabel;
class QToolButton;

namespace polymon {

// The trading toolbar: which account trades (PAPER, or practice on a
// replay), the lock (trading starts locked), the order size with presets,
// and cancel all, flatten and the kill switch.
class TradingBar final : public QToolBar
{
    Q_OBJECT
public:
    explicit TradingBar(QWidget *parent = nullptr);

    void setLocked(bool locked);
    bool isLocked() const;
    void setAccount(bool practice);
    Fixed orderSize() const;
    bool killAlsoFlattens() const;
    QToolButton *lockButton() const noexcept { return m_lock; }
    QLabel *badge() const noexcept { return m_badge; }

Q_SIGNALS:
    void lockToggled(bool locked);
    void cancelAllRequested();
    void flattenRequested();
    void killRequested();

private:
    QLabel *m_badge;
    QToolButton *m_lock;
    QButtonGroup *m_presets;
    QDoubleSpinBox *m_size;
    QAction *m_killFlattens;
};

} // namespace polymon
