#include "livesetupcheckspage.h"

#include "clob/clobrestclient.h"
#include "livesetupwizard.h"
#include "tradingformat.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace polymon {

namespace {
enum Step { Clock, Version, Credentials, Balance, NegRisk, StepCount };
constexpr Fixed kTestOrderCost = 50'000; // 5 shares at 1¢
} // namespace

LiveSetupChecksPage::LiveSetupChecksPage(std::shared_ptr<LiveSetupState> state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(std::move(state))
    , m_retry(new QPushButton(tr("Check again"), this))
{
    setTitle(tr("Checks with the exchange"));
    setSubTitle(tr("Nothing is traded here: polymon asks the exchange for its clock, its version, your API "
                   "credentials and your balance."));
    auto *layout = new QVBoxLayout(this);
    for (int i = 0; i < StepCount; ++i) {
        auto *label = new QLabel(this);
        label->setObjectName(QStringLiteral("check%1").arg(i));
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        m_lines << label;
        layout->addWidget(label);
    }
    layout->addStretch();
    layout->addWidget(m_retry, 0, Qt::AlignLeft);
    connect(m_retry, &QPushButton::clicked, this, &LiveSetupChecksPage::run);
}

void LiveSetupChecksPage::initializePage()
{
    run();
}

void LiveSetupChecksPage::line(int step, bool ok, const QString &text)
{
    m_lines[step]->setText(LiveSetupWizard::resultLine(ok, text));
}

void LiveSetupChecksPage::run()
{
    m_passed = false;
    Q_EMIT completeChanged();
    for (QLabel *l : std::as_const(m_lines))
        l->setText(tr("…"));
    delete m_client; // a fresh client: answers of an earlier run are not this run's
    m_client = new ClobRestClient(m_state->restUrl, 137, this);
    m_client->setTimeoutMs(10'000);
    ClobRestClient *c = m_client;
    const QString address = m_state->key.address();
    connect(c, &ClobRestClient::timeSynced, this, [this, c](qint64 offsetS) {
        line(Clock, true, offsetS == 0 ? tr("Clock: this computer agrees with the exchange.")
                                       : tr("Clock: the exchange is %1 s %2; orders are timed by its clock.")
                                             .arg(std::abs(offsetS))
                                             .arg(offsetS > 0 ? tr("ahead") : tr("behind")));
        c->checkVersion();
    });
    connect(c, &ClobRestClient::versionChecked, this, [this, c](bool ok, int version, const QString &reason) {
        line(Version, ok, ok ? tr("Exchange version %1: polymon signs for it.").arg(version) : reason);
        if (ok)
            c->createOrDeriveApiKey(m_state->key);
    });
    connect(c, &ClobRestClient::credentialsReady, this, [this, c, address](const ApiCredentials &creds) {
        m_state->creds = creds;
        line(Credentials, true, tr("API credentials ready for %1 (derived from the key; not stored).").arg(address));
        c->fetchBalance(address, creds);
    });
    connect(c, &ClobRestClient::balanceLoaded, this, [this](Fixed micro) {
        const bool enough = micro >= kTestOrderCost;
        line(Balance, enough,
             enough ? tr("Balance: %1 pUSD available to trade.").arg(TradingFormat::dollars(micro))
                    : tr("Balance: %1 pUSD. Deposit pUSD on polymarket.com (or send it on Polygon to the funder "
                         "address). BUY orders also need pUSD approved for the exchanges and SELL orders the outcome "
                         "tokens approved (setApprovalForAll); Polymarket's site sets both on your first trade there.")
                          .arg(TradingFormat::dollars(micro)));
        line(NegRisk, true, tr("Neg-risk markets (one winner among many outcomes) are signed for the neg-risk exchange: "
                               "polymon picks the exchange per market from its negRisk flag."));
        m_passed = enough;
        Q_EMIT completeChanged();
    });
    connect(c, &ClobRestClient::failed, this, [this](const QString &call, const QString &error) {
        const int step = call == QLatin1String("time") ? Clock
                         : call.contains(QLatin1String("api key")) ? Credentials
                         : call == QLatin1String("balance")        ? Balance
                                                                   : Version;
        line(step, false, tr("%1 failed: %2").arg(call, error));
    });
    c->syncTime();
}

} // namespace polymon
