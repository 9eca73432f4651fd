#include "statusbarpresenter.h"

#include "themes.h"

#include <QDateTime>
#include <QLabel>
#include <QStatusBar>

namespace polymon {

namespace {

QLabel *badge(const QString &text, const char *name, const char *style, const QString &tip, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QLatin1String(name));
    label->setStyleSheet(QLatin1String(style));
    label->setToolTip(tip);
    label->hide();
    return label;
}

} // namespace

StatusBarPresenter::StatusBarPresenter(QStatusBar *bar)
    : QObject(bar)
    , m_connection(new QLabel(tr("connecting…"), bar))
    , m_rate(new QLabel(bar))
    , m_watched(new QLabel(bar))
    , m_database(new QLabel(bar))
    , m_simBadge(badge(tr(" SIMULATED "), "simBadge",
                       "background:#e0a100;color:black;font-weight:bold;border-radius:3px;padding:1px 4px;",
                       tr("Prices, markets and trades come from the local simulator, not Polymarket"), bar))
    , m_replayBadge(badge(tr(" REPLAY "), "replayBadge",
                          "background:#3b6fd8;color:white;font-weight:bold;border-radius:3px;padding:1px 4px;",
                          tr("Books, trades and signals come from a recording, not from the live exchange"), bar))
{
    // Shrinkable (clipped, full text in the tooltip) so that the status bar
    // never sets the window's minimum width: the app fits 1024 px.
    for (QLabel *l : {m_connection, m_rate, m_watched, m_database}) {
        l->setMinimumWidth(8);
        bar->addWidget(l, 1);
    }
    bar->addPermanentWidget(m_simBadge);
    bar->addPermanentWidget(m_replayBadge);
}

void StatusBarPresenter::setMode(Mode mode, const QString &detail)
{
    m_connectionStates.clear();
    m_simBadge->setVisible(mode == Mode::Simulated);
    m_replayBadge->setVisible(mode == Mode::Replay);
    if (mode == Mode::Replay)
        m_connection->setText(tr("replaying %1").arg(detail));
    else if (mode == Mode::Offline)
        m_connection->setText(tr("offline"));
}

void StatusBarPresenter::setConnectionState(int id, const QString &state, const QString &detail)
{
    m_connectionStates.insert(QString::number(id), state);
    QStringList parts;
    for (auto it = m_connectionStates.cbegin(); it != m_connectionStates.cend(); ++it)
        parts << tr("feed %1: %2").arg(it.key(), it.value());
    m_connection->setText(parts.join(QStringLiteral(" · ")));
    m_connection->setToolTip(detail);
}

void StatusBarPresenter::setStatus(const FeedStatus &status, int watchedMarkets)
{
    m_rate->setText(tr("%1 msgs/s · latency p50 %2 µs · errors %3 · desyncs %4")
                        .arg(status.framesPerSecond, 0, 'f', 0)
                        .arg(double(status.latencyP50Ns) / 1000.0, 0, 'f', 0)
                        .arg(status.parseErrors)
                        .arg(status.desyncs));
    m_watched->setText(tr("%n market(s) watched", nullptr, watchedMarkets) + tr(" · %1 signals").arg(status.signalsFired));
    m_rate->setToolTip(m_rate->text()); // the whole text when the bar clips it
    m_watched->setToolTip(m_watched->text());
    m_database->setText(databaseText(status, watchedMarkets));
    m_database->setStyleSheet(status.dbError.isEmpty() ? QString()
                                                       : QStringLiteral("color:%1;font-weight:bold;").arg(Themes::error().name()));
    m_database->setToolTip((status.dbError.isEmpty() ? status.dbPath : status.dbError)
                           + (status.capturePath.isEmpty() ? QString() : QStringLiteral("\n") + status.capturePath)
                           + (status.captureError.isEmpty() ? QString() : QStringLiteral("\n") + status.captureError));
}

QString StatusBarPresenter::databaseText(const FeedStatus &status, int watchedMarkets) const
{
    QString text;
    if (status.dbPath.isEmpty()) {
        text = tr("not recording");
    } else if (!status.dbError.isEmpty()) {
        text = (status.dbError.startsWith(QLatin1String("database full")) ? tr("database full, %1 rows waiting, retrying")
                                                                         : tr("database error, %1 rows waiting, retrying"))
                   .arg(status.dbQueued);
    } else {
        text = tr("db queue %1 · %2 rows written%3%4")
                   .arg(status.dbQueued)
                   .arg(status.dbWritten)
                   .arg(status.dbDropped ? tr(" · %1 dropped").arg(status.dbDropped) : QString())
                   .arg(status.dbRejected ? tr(" · %1 refused (see log)").arg(status.dbRejected) : QString());
    }
    if (status.capturePath.isEmpty())
        return text;
    // What a market-hour of this session costs on disk, once there is a minute to go by.
    const double hours = double(QDateTime::currentMSecsSinceEpoch() - status.captureStartedMs) / 3.6e6;
    const QString perMarketHour = hours > 1.0 / 60 && watchedMarkets > 0
                                      ? tr(", %1 MB per market-hour")
                                            .arg(double(status.captureBytes) / 1e6 / hours / double(watchedMarkets), 0, 'f', 1)
                                      : QString();
    return text + tr(" · capture %1 MB%2").arg(double(status.captureBytes) / 1e6, 0, 'f', 1).arg(perMarketHour)
         + (status.captureLost ? tr(" (%1 lost)").arg(status.captureLost) : QString());
}

} // namespace polymon
