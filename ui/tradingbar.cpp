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
    setAccount(false);

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

void TradingBar::setAccount(bool practice)
{
    m_badge->setText(practice ? tr(" PRACTICE ") : tr(" PAPER "));
    m_badge->setToolTip(practice ? tr("A practice account on this replay: it starts empty and is not stored. Paper "
                                      "orders fill against the recorded books and never change them.")
                                 : tr("Paper trading: orders fill against the real books with the exchange's rules and "
                                      "fees, but never change the books and never reach Polymarket."));
    m_badge->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; border-radius: 3px; font-weight: bold; }")
                               .arg(practice ? QStringLiteral("#7a5cc4") : QStringLiteral("#c47a1a")));
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
