#include "livesetupwizard.h"

#include "livesetupaccountpage.h"
#include "livesetupcheckspage.h"
#include "livesetupkeypage.h"
#include "livesetuptestpage.h"

#include <QStandardPaths>

namespace polymon {

LiveSetupWizard::LiveSetupWizard(std::shared_ptr<LiveSetupState> state, QWidget *parent)
    : QWizard(parent)
    , m_state(std::move(state))
{
    setObjectName(QStringLiteral("liveSetupWizard"));
    setWindowTitle(m_state->simulated ? tr("Set up LIVE trading (SIMULATED exchange)") : tr("Set up LIVE trading on Polymarket"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, false);
    setPage(AccountPage, new LiveSetupAccountPage(m_state, this));
    setPage(KeyPage, new LiveSetupKeyPage(m_state, this));
    setPage(ChecksPage, new LiveSetupChecksPage(m_state, this));
    setPage(TestOrderPage, new LiveSetupTestPage(m_state, this));
    resize(640, 520);
}

LiveSetupWizard::~LiveSetupWizard() = default;

LiveAccount LiveSetupWizard::account() const
{
    LiveAccount a;
    a.restUrl = m_state->restUrl;
    a.userChannelUrl = m_state->userChannelUrl;
    a.signatureType = m_state->signatureType;
    a.funder = m_state->funder;
    a.creds = m_state->creds;
    return a;
}

EthKey LiveSetupWizard::takeKey()
{
    return std::move(m_state->key);
}

QString LiveSetupWizard::defaultKeyFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/live-account.sealed");
}

QString LiveSetupWizard::resultLine(bool ok, const QString &text)
{
    return QStringLiteral("<span style='color:%1'><b>%2</b></span> %3")
        .arg(ok ? QStringLiteral("#2e9e5b") : QStringLiteral("#d0443e"), ok ? QStringLiteral("✓") : QStringLiteral("✗"),
             text.toHtmlEscaped());
}

QUrl LiveSetupWizard::polymarketRest()
{
    return QUrl(QStringLiteral("https://clob.polymarket.com"));
}

QUrl LiveSetupWizard::polymarketUserChannel()
{
    return QUrl(QStringLiteral("wss://ws-subscriptions-clob.polymarket.com/ws/user"));
}

} // namespace polymon
