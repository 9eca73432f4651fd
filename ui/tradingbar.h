#pragma once

#include "protocol/fixedpoint.h"

#include <QToolBar>

class QAction;
class QButtonGroup;
class QDoubleSpinBox;
class QLabel;
class QToolButton;

namespace polymon {

// The trading toolbar: which account trades (PAPER, practice on a replay,
// or LIVE in red, with the switch between paper and live and the live
// link's health), the lock (trading starts locked), the order size with
// presets, and cancel all, flatten and the kill switch.
class TradingBar final : public QToolBar
{
    Q_OBJECT
public:
    explicit TradingBar(QWidget *parent = nullptr);

    void setLocked(bool locked);
    bool isLocked() const;
    enum class Account { Paper, Practice, Live };
    void setAccount(Account account);
    Account account() const noexcept { return m_account; }
    // The live link in a few words ("heartbeat ✓ · user channel ✓"); ok false paints it red.
    void setLiveStatus(const QString &text, const QString &tooltip, bool ok);
    QToolButton *liveButton() const noexcept { return m_live; }
    Fixed orderSize() const;
    bool killAlsoFlattens() const;
    QToolButton *lockButton() const noexcept { return m_lock; }
    QLabel *badge() const noexcept { return m_badge; }

Q_SIGNALS:
    void lockToggled(bool locked);
    void cancelAllRequested();
    void flattenRequested();
    void killRequested();
    // The LIVE button: to live (true) or back to paper (false).
    void liveRequested(bool live);

private:
    QLabel *m_badge;
    QToolButton *m_live;
    QLabel *m_liveStatus;
    Account m_account = Account::Paper;
    QToolButton *m_lock;
    QButtonGroup *m_presets;
    QDoubleSpinBox *m_size;
    QAction *m_killFlattens;
};

} // namespace polymon
