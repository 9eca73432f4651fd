#include "tradingbar.h"

#include "themes.h"

#include <QAction>
#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace polymon {

namespace {
constexpr int kPresets[] = {5, 10, 25, 100};
}

TradingBar::TradingBar(QWidget *parent)
    : QToolBar(tr("Trading"), parent)
{
    setObjectName(QStringLiteral("tradingBar"));
    setMovable(false);

    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("paperBadge"));
    m_badge->setMargin(3);
    addWidget(m_badge);
    m_live = new QToolButton(this);
    m_live->setObjectName(QStringLiteral("liveButton"));
    m_live->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_live, &QToolButton::clicked, this, [this] { Q_EMIT liveRequested(m_account != Account::Live); });
    addWidget(m_live);
    m_liveStatus = new QLabel(this);
    m_liveStatus->setObjectName(QStringLiteral("liveStatus"));
    m_liveStatus->setMargin(3);
    addWidget(m_liveStatus);
    setAccount(Account::Paper);

    m_lock = new QToolButton(this);
    m_lock->setObjectName(QStringLiteral("lockButton"));
    m_lock->setCheckable(true);
    m_lock->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_lock, &QToolButton::toggled, this, [this](bool unlocked) {
        setLocked(!unlocked);
        Q_EMIT lockToggled(!unlocked);
    });
    addWidget(m_lock);
    setLocked(true);
    addSeparator();

    addWidget(new QLabel(tr(" Size "), this));
    m_presets = new QButtonGroup(this);
    m_size = new QDoubleSpinBox(this);
    m_size->setObjectName(QStringLiteral("orderSize"));
    m_size->setDecimals(2);
    m_size->setRange(0.01, 1'000'000);
    m_size->setValue(10);
    m_size->setSuffix(tr(" sh"));
    m_size->setToolTip(tr("Shares per click and per hotkey order (the market's minimum is usually 5)"));
    for (int preset : kPresets) {
        auto *b = new QToolButton(this);
        b->setText(QString::number(preset));
        b->setCheckable(true);
        b->setChecked(preset == 10);
        m_presets->addButton(b, preset);
        addWidget(b);
    }
    connect(m_presets, &QButtonGroup::idClicked, this, [this](int preset) { m_size->setValue(preset); });
    connect(m_size, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        for (QAbstractButton *b : m_presets->buttons())
            b->setChecked(m_presets->id(b) == int(v) && double(int(v)) == v);
    });
    addWidget(m_size);
    addSeparator();

    QAction *cancelAll = addAction(tr("Cancel all"));
    cancelAll->setToolTip(tr("Cancel every working order (Ctrl+Shift+C)"));
    connect(cancelAll, &QAction::triggered, this, &TradingBar::cancelAllRequested);
    QAction *flatten = addAction(tr("Flatten"));
    flatten->setToolTip(tr("Sell the shown outcome's position into the bids now (Ctrl+Shift+F)"));
    connect(flatten, &QAction::triggered, this, &TradingBar::flattenRequested);

    auto *kill = new QToolButton(this);
    kill->setObjectName(QStringLiteral("killButton"));
    kill->setText(tr("Kill switch"));
    kill->setToolTip(tr("Cancel all orders and lock trading (F12); from its menu, also flatten every position"));
    kill->setStyleSheet(QStringLiteral("QToolButton { color: white; background: %1; border-radius: 3px; padding: 2px 8px; font-weight: bold; }")
                            .arg(Themes::ask().name()));
    kill->setPopupMode(QToolButton::MenuButtonPopup);
    auto *menu = new QMenu(kill);
    m_killFlattens = menu->addAction(tr("Also flatten every position"));
    m_killFlattens->setCheckable(true);
    kill->setMenu(menu);
    connect(kill, &QToolButton::clicked, this, &TradingBar::killRequested);
    addWidget(kill);
}

void TradingBar::setLocked(bool locked)
{
    const QSignalBlocker block(m_lock);
    m_lock->setChecked(!locked);
    m_lock->setText(locked ? tr("Locked: click to trade") : tr("Trading unlocked"));
    m_lock->setToolTip(locked ? tr("Trading is locked: clicks on the ladder and trading keys do nothing until you unlock")
                              : tr("Click to lock trading again"));
    m_lock->setStyleSheet(locked ? QString()
                                 : QStringLiteral("QToolButton { color: white; background: %1; border-radius: 3px; padding: 2px 8px; }")
                                       .arg(Themes::bid().name()));
}

bool TradingBar::isLocked() const
{
    return !m_lock->isChecked();
}

void TradingBar::setAccount(Account account)
{
    m_account = account;
    switch (account) {
    case Account::Paper:
        m_badge->setText(tr(" PAPER "));
        m_badge->setToolTip(tr("Paper trading: orders fill against the real books with the exchange's rules and fees, "
                               "but never change the books and never reach Polymarket."));
        break;
    case Account::Practice:
        m_badge->setText(tr(" PRACTICE "));
        m_badge->setToolTip(tr("A practice account on this replay: it starts empty and is not stored. Paper orders "
                               "fill against the recorded books and never change them."));
        break;
    case Account::Live:
        m_badge->setText(tr(" LIVE "));
        m_badge->setToolTip(tr("LIVE: orders are signed with your key and sent to the exchange; they can fill and "
                               "move real money. The risk limits apply."));
        break;
    }
    static const char *const kColours[] = {"#c47a1a", "#7a5cc4", "#d0021b"};
    m_badge->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; font-weight: bold; }")
                               .arg(QLatin1String(kColours[int(account)])));
    m_live->setText(account == Account::Live ? tr("Back to paper") : tr("Go LIVE…"));
    m_live->setToolTip(account == Account::Live ? tr("Cancel the resting live orders and trade on paper again")
                                                : tr("Trade with real orders: set up the account (once per session), "
                                                     "then switch"));
    m_live->setEnabled(account != Account::Practice);
    m_liveStatus->setVisible(account == Account::Live);
}

void TradingBar::setLiveStatus(const QString &text, const QString &tooltip, bool ok)
{
    m_liveStatus->setText(text);
    m_liveStatus->setToolTip(tooltip);
    m_liveStatus->setStyleSheet(ok ? QString() : QStringLiteral("QLabel { color: #d0443e; font-weight: bold; }"));
}

Fixed TradingBar::orderSize() const
{
    return Fixed(std::llround(m_size->value() * 100)) * (kFixedScale / 100);
}

bool TradingBar::killAlsoFlattens() const
{
    return m_killFlattens->isChecked();
}

} // namespace polymon
