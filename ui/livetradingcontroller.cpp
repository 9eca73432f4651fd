#include "livetradingcontroller.h"

#include "livesetupwizard.h"
#include "monitor/monitorservice.h"
#include "sim/simclob.h"
#include "sim/simuserchannel.h"
#include "trading/tradingservice.h"
#include "tradingbar.h"

#include <QWidget>

namespace polymon {

namespace {
constexpr Fixed kTestKeyCash = 10'000 * kFixedScale;
}

LiveTradingController::LiveTradingController(MonitorService *service, TradingBar *bar, QWidget *window)
    : QObject(window)
    , m_service(service)
    , m_bar(bar)
    , m_window(window)
{
    m_runSetup = [this] { runWizard(); };
    connect(bar, &TradingBar::liveRequested, this, [this](bool live) { live ? goLive() : backToPaper(); });
    TradingService *trading = service->trading();
    connect(trading, &TradingService::liveStatusChanged, this, &LiveTradingController::onStatus);
    connect(trading, &TradingService::liveClosed, this, [this] { m_setUp = false; });
}

void LiveTradingController::goLive()
{
    if (!m_setUp) {
        m_runSetup();
        return;
    }
    TradingService *trading = m_service->trading();
    QMetaObject::invokeMethod(trading, [trading] { trading->useLiveAccount(); }, Qt::QueuedConnection);
}

void LiveTradingController::backToPaper()
{
    TradingService *trading = m_service->trading();
    QMetaObject::invokeMethod(trading, [trading] { trading->leaveLive(QObject::tr("back to paper")); }, Qt::QueuedConnection);
}

void LiveTradingController::runWizard()
{
    auto state = std::make_shared<LiveSetupState>();
    state->simulated = m_service->simulated();
    state->keyFile = LiveSetupWizard::defaultKeyFile();
    state->testMarket = m_testMarket ? m_testMarket() : MarketInfo{};
    if (state->simulated) {
        SimClob *clob = m_service->simClob();
        if (!clob) {
            Q_EMIT message(tr("The simulated exchange has no order endpoint running: LIVE is not available."));
            return;
        }
        QMetaObject::invokeMethod(
            clob,
            [clob, state] {
                state->restUrl = clob->url();
                state->userChannelUrl = clob->userChannel().url();
            },
            Qt::BlockingQueuedConnection);
        state->fundTestKey = [clob](const QString &address) {
            QMetaObject::invokeMethod(clob, [clob, address] { clob->setBalance(address, kTestKeyCash); }, Qt::BlockingQueuedConnection);
        };
    } else {
        state->restUrl = LiveSetupWizard::polymarketRest();
        state->userChannelUrl = LiveSetupWizard::polymarketUserChannel();
    }
    auto *wizard = new LiveSetupWizard(state, m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &QWizard::accepted, this, [this, wizard] {
        const LiveAccount account = wizard->account();
        auto key = std::make_shared<EthKey>(wizard->takeKey());
        TradingService *trading = m_service->trading();
        QMetaObject::invokeMethod(
            trading, [trading, account, key] { trading->startLive(account, std::move(*key)); }, Qt::QueuedConnection);
        m_setUp = true;
        Q_EMIT message(tr("LIVE: orders now go to the %1 exchange. Trading starts locked.")
                           .arg(m_service->simulated() ? tr("SIMULATED") : tr("Polymarket")));
    });
    wizard->open();
}

void LiveTradingController::onStatus(const LiveStatus &s)
{
    QStringList parts;
    bool ok = s.ready && s.userChannel && s.heartbeatProblem.isEmpty();
    if (!s.ready)
        parts << s.state;
    else {
        parts << (s.heartbeatProblem.isEmpty() ? tr("heartbeat ✓ %1").arg(s.heartbeats) : tr("heartbeat ✗"));
        parts << (s.userChannel ? tr("user channel ✓") : tr("user channel ✗"));
        if (s.rateRemaining >= 0)
            parts << tr("%1 calls left (%2)").arg(s.rateRemaining).arg(s.rateTier);
        if (s.pendingMatches > 0)
            parts << tr("%n match(es) pending", nullptr, s.pendingMatches);
    }
    const QString tooltip =
        tr("Heartbeats keep your resting orders alive: when they stop, the exchange cancels them all (dead-man "
           "switch). The user channel brings fills; after a drop, orders and trades are read again. Matches show as "
           "pending until confirmed on chain. Exchange clock offset: %1 s.%2")
            .arg(s.clockOffsetS)
            .arg(s.heartbeatProblem.isEmpty() ? QString() : tr("\nLast heartbeat problem: %1").arg(s.heartbeatProblem));
    m_bar->setLiveStatus(QStringLiteral(" ") + parts.join(QStringLiteral(" · ")) + QStringLiteral(" "), tooltip, ok);
}

} // namespace polymon
