#include "livesetupaccountpage.h"

#include "livesetupwizard.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace polymon {

namespace {

bool isAddress(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^0x[0-9a-fA-F]{40}$"));
    return re.match(text.trimmed()).hasMatch();
}

} // namespace

LiveSetupAccountPage::LiveSetupAccountPage(std::shared_ptr<LiveSetupState> state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(std::move(state))
    , m_type(new QComboBox(this))
    , m_explanation(new QLabel(this))
    , m_funder(new QLineEdit(this))
    , m_funderHint(new QLabel(this))
{
    setTitle(tr("Your Polymarket account"));
    setSubTitle(m_state->simulated
                    ? tr("Orders go to the SIMULATED exchange on this machine: it checks them as Polymarket does, "
                         "matches them in the simulated books, and no real money moves.")
                    : tr("Orders go to Polymarket (clob.polymarket.com) and spend real money."));
    m_type->setObjectName(QStringLiteral("signatureType"));
    m_type->addItem(tr("0 · A wallet whose key I hold (EOA)"));
    m_type->addItem(tr("1 · Polymarket email or Magic login (proxy wallet)"));
    m_type->addItem(tr("2 · Browser wallet through Polymarket's Safe"));
    m_type->addItem(tr("3 · Deposit wallet (new accounts)"));
    m_explanation->setWordWrap(true);
    m_funder->setObjectName(QStringLiteral("funderAddress"));
    m_funder->setPlaceholderText(QStringLiteral("0x…"));
    m_funderHint->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Account type"), m_type);
    form->addRow(QString(), m_explanation);
    form->addRow(tr("Funds held by"), m_funder);
    form->addRow(QString(), m_funderHint);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    connect(m_type, &QComboBox::currentIndexChanged, this, &LiveSetupAccountPage::explain);
    connect(m_funder, &QLineEdit::textChanged, this, [this] {
        explain();
        Q_EMIT completeChanged();
    });
    explain();
}

void LiveSetupAccountPage::explain()
{
    const int type = m_type->currentIndex();
    static const char *const kWords[] = {
        QT_TR_NOOP("You sign with the key of the wallet that holds the pUSD and the shares (MetaMask, a hardware "
                   "wallet's exported key). Orders are made and signed by the same address."),
        QT_TR_NOOP("You log in to Polymarket with an email: Polymarket made a proxy wallet that holds your funds, and "
                   "an exported key signs for it. Enter the proxy wallet's address (your deposit address on "
                   "polymarket.com)."),
        QT_TR_NOOP("You log in with a browser wallet: your funds sit in a Safe Polymarket made for it, and the "
                   "browser wallet's key signs. Enter the Safe's address (your deposit address on polymarket.com)."),
        QT_TR_NOOP("New accounts trade from a deposit wallet that signs with ERC-1271. polymon cannot sign for it "
                   "yet: use an account of type 0, 1 or 2."),
    };
    m_explanation->setText(tr(kWords[type]));
    const bool needsFunder = type == 1 || type == 2;
    m_funder->setEnabled(needsFunder);
    if (!needsFunder)
        m_funderHint->setText(type == 0 ? tr("Type 0 needs no other address: the key's wallet holds the funds.") : QString());
    else if (m_funder->text().isEmpty())
        m_funderHint->setText(tr("Required: the address that holds the funds."));
    else
        m_funderHint->setText(isAddress(m_funder->text()) ? tr("Looks like an address.")
                                                          : tr("Not an address: 0x and 40 hexadecimal digits."));
    Q_EMIT completeChanged();
}

bool LiveSetupAccountPage::isComplete() const
{
    const int type = m_type->currentIndex();
    if (type == 3)
        return false;
    return type == 0 || isAddress(m_funder->text());
}

bool LiveSetupAccountPage::validatePage()
{
    m_state->signatureType = m_type->currentIndex();
    m_state->funder = m_state->signatureType == 0 ? QString() : m_funder->text().trimmed();
    return true;
}

} // namespace polymon
