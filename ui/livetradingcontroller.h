#pragma once

#include "catalog/marketinfo.h"
#include "clob/livestatus.h"

#include <QObject>

#include <functional>

class QWidget;

namespace polymon {

class MonitorService;
class TradingBar;

// The desktop side of going LIVE: the toolbar's switch opens the account
// setup (once per session and exchange) and then moves trading to the live
// account; back to paper cancels the live orders first. Shows the live
// link's health (heartbeats, user channel, rate limit, pending matches) in
// the toolbar. On the SIMULATED exchange the setup can use a generated,
// funded test key, so `make run` offline trades through the live broker.
class LiveTradingController final : public QObject
{
    Q_OBJECT
public:
    LiveTradingController(MonitorService *service, TradingBar *bar, QWidget *window);

    // The market the setup's test order goes to (the one on screen).
    void setTestMarket(std::function<MarketInfo()> fn) { m_testMarket = std::move(fn); }
    // Runs the setup (a wizard by default; tests drive their own).
    void setSetupRunner(std::function<void()> fn) { m_runSetup = std::move(fn); }
    void goLive();
    void backToPaper();
    bool isSetUp() const noexcept { return m_setUp; }

Q_SIGNALS:
    void message(const QString &text);

private:
    void runWizard();
    void onStatus(const LiveStatus &status);

    MonitorService *m_service;
    TradingBar *m_bar;
    QWidget *m_window;
    std::function<MarketInfo()> m_testMarket;
    std::function<void()> m_runSetup;
    bool m_setUp = false;
};

} // namespace polymon
