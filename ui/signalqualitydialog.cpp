#include "signalqualitydialog.h"
#include "priceformat.h"

#include "analysis/signal.h"
#include "strategy/strategysettings.h"
#include "viewfactory.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace polymon {

namespace {

// "1.5¢ [1.0¢, 1.9¢]" from {"n","mean","ci95"} in dollars, in the chosen unit.
QString meanWithInterval(const QJsonObject &interval)
{
    if (interval.value(QStringLiteral("n")).toInt() == 0)
        return QStringLiteral("–");
    const QJsonArray ci = interval.value(QStringLiteral("ci95")).toArray();
    return QStringLiteral("%1 [%2, %3]")
        .arg(PriceFormat::approximate(interval.value(QStringLiteral("mean")).toDouble()),
             PriceFormat::approximate(ci.at(0).toDouble()), PriceFormat::approximate(ci.at(1).toDouble()));
}

} // namespace

SignalQualityDialog::SignalQualityDialog(QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(kSignalTypeCount, 6, this))
    , m_caption(ViewFactory::caption(QString(), this))
{
    setWindowTitle(tr("Signal quality"));
    resize(900, 300);
    m_table->setObjectName(QStringLiteral("qualityTable"));
    m_table->setHorizontalHeaderLabels({tr("Signals"), tr("Move 30 s"), tr("Move 2 min"), tr("Move 5 min"),
                                        tr("PnL 5 min, net"), tr("Reverted")});
    QStringList types;
    for (int t = 0; t < kSignalTypeCount; ++t)
        types << QLatin1String(signalTypeName(SignalType(t)));
    m_table->setVerticalHeaderLabels(types);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_caption->setWordWrap(true);
    const FeeSchedule fees = StrategySettings{}.fees;
    m_about = tr("Over every signal the database holds. Moves are in the recommended direction (positive: the "
                          "signal was right), from the stored snapshots; PnL is one share taken at the touch when the "
                          "signal fired and given back at the opposite touch 5 minutes later, less the taker fee both "
                          "ways (%1 × (p(1−p))^%2). Brackets: 95 % intervals; one that straddles 0 means the history "
                          "cannot tell yet. AVOID signals are not traded.")
                           .arg(QString::fromStdString(formatFixed(fees.rate)))
                           .arg(fees.exponent);
    m_caption->setText(m_about);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
}

void SignalQualityDialog::showResult(const QJsonObject &quality, int signals, const QString &error)
{
    if (!error.isEmpty()) {
        m_caption->setText(error);
        m_table->setEnabled(false);
    } else {
        setWindowTitle(tr("Signal quality — %n BUY/SELL signal(s) recorded", nullptr, signals));
        m_table->setEnabled(true);
        m_caption->setText(signals > 0 ? m_about
                                       : tr("<b>No BUY or SELL signal in the database yet.</b> The table fills in as "
                                            "signals fire and their 5 minutes pass; until then there is nothing to "
                                            "judge.<br>")
                                             + m_about);
        for (int t = 0; t < kSignalTypeCount; ++t) {
            const QJsonObject q = quality.value(QLatin1String(signalTypeName(SignalType(t)))).toObject();
            const QJsonArray r = q.value(QStringLiteral("reverted_ci95")).toArray();
            const int resolved = q.value(QStringLiteral("resolved")).toInt();
            const QStringList cells{
                QString::number(q.value(QStringLiteral("move_30s")).toObject().value(QStringLiteral("n")).toInt()),
                meanWithInterval(q.value(QStringLiteral("move_30s")).toObject()),
                meanWithInterval(q.value(QStringLiteral("move_2m")).toObject()),
                meanWithInterval(q.value(QStringLiteral("move_5m")).toObject()),
                meanWithInterval(q.value(QStringLiteral("pnl_per_share_5m_net")).toObject()),
                resolved ? QStringLiteral("%1 % [%2, %3] of %4")
                               .arg(q.value(QStringLiteral("reverted")).toDouble() * 100, 0, 'f', 0)
                               .arg(r.at(0).toDouble() * 100, 0, 'f', 0)
                               .arg(r.at(1).toDouble() * 100, 0, 'f', 0)
                               .arg(resolved)
                         : QStringLiteral("–")};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_table->setItem(t, c, item);
            }
        }
    }
    QDialog::show();
}

} // namespace polymon
