#include "livesetuptestpage.h"

#include "clob/clobrestclient.h"
#include "clob/ordersigner.h"
#include "livesetupwizard.h"
#include "trading/orderamounts.h"

#include <QDateTime>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

namespace polymon {

namespace {
constexpr Fixed kTestPrice = 10'000; // 1¢: on every tick the exchange uses but 0.1
constexpr Fixed kMinSize = 5'000'000;
} // namespace

LiveSetupTestPage::LiveSetupTestPage(std::shared_ptr<LiveSetupState> state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(std::move(state))
    , m_what(new QLabel(this))
    , m_place(new QPushButton(tr("Place and cancel the test order"), this))
    , m_result(new QLabel(this))
{
    setTitle(tr("A test order"));
    setSubTitle(tr("The last check: an order that cannot fill is placed and cancelled, proving the key, the "
                   "account type, the funder and the credentials work together."));
    m_what->setWordWrap(true);
    m_result->setObjectName(QStringLiteral("testOrderResult"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_place->setObjectName(QStringLiteral("placeTestOrder"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_what);
    layout->addWidget(m_place, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    layout->addStretch();
    connect(m_place, &QPushButton::clicked, this, &LiveSetupTestPage::placeTestOrder);
}

void LiveSetupTestPage::initializePage()
{
    const MarketInfo &m = m_state->testMarket;
    m_what->setText(tr("BUY %1 shares of \"%2\" (%3) at 1¢, post-only: it rests below everyone and is cancelled "
                       "at once. It would cost $0.05 if it ever filled.")
                        .arg(QString::fromStdString(formatFixed(m.minOrderSize > 0 ? m.minOrderSize : kMinSize)),
                             m.question, m.outcomes.value(0, tr("Yes"))));
    m_place->setEnabled(!m.tokenIds.isEmpty());
    if (m.tokenIds.isEmpty())
        say(false, tr("Open a market first: the test order needs one."));
}

void LiveSetupTestPage::say(bool ok, const QString &text)
{
    m_result->setText(LiveSetupWizard::resultLine(ok, text));
}

void LiveSetupTestPage::placeTestOrder()
{
    m_passed = false;
    Q_EMIT completeChanged();
    delete m_client;
    m_client = new ClobRestClient(m_state->restUrl, 137, this);
    const MarketInfo &m = m_state->testMarket;
    const Fixed size = m.minOrderSize > 0 ? m.minOrderSize : kMinSize;
    const std::optional<OrderAmounts> amounts = OrderAmounts::limit(Side::Buy, kTestPrice, size, 10'000);
    ClobOrder order;
    order.salt = QString::number(QRandomGenerator::global()->bounded(quint64(1) << 52) + 1);
    order.signer = m_state->key.address();
    order.maker = m_state->funder.isEmpty() ? order.signer : m_state->funder;
    order.tokenId = m.tokenIds.value(0);
    order.makerAmount = QString::number(amounts->maker);
    order.takerAmount = QString::number(amounts->taker);
    order.side = 0;
    order.signatureType = m_state->signatureType;
    order.timestamp = QString::number(QDateTime::currentMSecsSinceEpoch());
    const Eip712Domain domain{QStringLiteral("Polymarket CTF Exchange"), QStringLiteral("2"), 137,
                              m.negRisk ? Eip712Domain::negRiskExchangeV2() : Eip712Domain::standardExchangeV2()};
    SignedOrder signedOrder;
    QString error;
    if (!OrderSigner::sign(domain, order, m_state->key, signedOrder, error)) {
        say(false, tr("The order cannot be signed: %1").arg(error));
        return;
    }
    const QString address = m_state->key.address();
    connect(m_client, &ClobRestClient::orderPlaced, this, [this, address](const QString &id, const QString &status) {
        m_orderId = id;
        say(true, tr("Placed (%1), cancelling…").arg(status));
        m_client->cancelOrder(address, m_state->creds, id);
    });
    connect(m_client, &ClobRestClient::orderRefused, this, [this](const QString &, const QString &reason) {
        say(false, tr("The exchange refused the test order: %1").arg(reason));
    });
    connect(m_client, &ClobRestClient::cancelAnswered, this, [this](const QStringList &canceled, const QVariantMap &notCanceled) {
        m_passed = canceled.contains(m_orderId);
        say(m_passed, m_passed ? tr("Placed and cancelled: the setup works. Finish to trade LIVE.")
                               : tr("Placed but not cancelled (%1): cancel it on polymarket.com.")
                                     .arg(notCanceled.value(m_orderId).toString()));
        Q_EMIT completeChanged();
    });
    connect(m_client, &ClobRestClient::failed, this,
            [this](const QString &call, const QString &why) { say(false, tr("%1 failed: %2").arg(call, why)); });
    say(true, tr("Sending…"));
    m_client->postOrder(address, m_state->creds, order, signedOrder, QStringLiteral("GTC"), true);
}

} // namespace polymon
