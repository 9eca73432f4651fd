#include "livesetupkeypage.h"

#include "clob/accountsecrets.h"
#include "clob/keychainsecret.h"
#include "clob/secretfile.h"
#include "livesetupwizard.h"

#include <QCheckBox>
#include <QDir>
#include <QSettings>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QVBoxLayout>

namespace polymon {

namespace {
constexpr int kMinPassphrase = 8;
const QString kKeychainName = QStringLiteral("live-account");
const QString kStoredIn = QStringLiteral("live/keyStoredIn"); // where, never what
} // namespace

QString LiveSetupKeyPage::storedIn()
{
    return QSettings().value(kStoredIn).toString();
}

LiveSetupKeyPage::LiveSetupKeyPage(std::shared_ptr<LiveSetupState> state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(std::move(state))
    , m_generate(new QRadioButton(tr("Generate a test key for the SIMULATED exchange (funded with $10,000 there)"), this))
    , m_stored(new QRadioButton(tr("Unlock the key stored on this computer"), this))
    , m_import(new QRadioButton(tr("Import a private key"), this))
    , m_keychain(new QCheckBox(tr("Keep it in the system keychain (else sealed in a file with the passphrase)"), this))
    , m_key(new QLineEdit(this))
    , m_passphrase(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setTitle(tr("The signing key"));
    setSubTitle(tr("Orders are signed on this computer. The key is kept sealed with your passphrase and never "
                   "appears in settings, logs or the database."));
    m_generate->setObjectName(QStringLiteral("generateKey"));
    m_stored->setObjectName(QStringLiteral("storedKey"));
    m_import->setObjectName(QStringLiteral("importKey"));
    m_keychain->setObjectName(QStringLiteral("useKeychain"));
    m_keychain->setChecked(true);
    connect(m_keychain, &QCheckBox::toggled, this, &LiveSetupKeyPage::completeChanged);
    m_key->setObjectName(QStringLiteral("privateKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("0x and 64 hexadecimal digits"));
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_repeat->setObjectName(QStringLiteral("passphraseRepeat"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_error->setObjectName(QStringLiteral("keyError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d0443e;"));
    auto *form = new QFormLayout;
    form->addRow(tr("Private key"), m_key);
    form->addRow(QString(), m_keychain);
    form->addRow(tr("Passphrase"), m_passphrase);
    form->addRow(tr("Repeat it"), m_repeat);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_generate);
    layout->addWidget(m_stored);
    layout->addWidget(m_import);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    for (QRadioButton *b : {m_generate, m_stored, m_import})
        connect(b, &QRadioButton::toggled, this, &LiveSetupKeyPage::update);
    for (QLineEdit *e : {m_key, m_passphrase, m_repeat})
        connect(e, &QLineEdit::textChanged, this, &LiveSetupKeyPage::completeChanged);
}

void LiveSetupKeyPage::initializePage()
{
    const bool inKeychain = storedIn() == QLatin1String("keychain");
    const bool stored = inKeychain || QFileInfo::exists(m_state->keyFile);
    m_generate->setEnabled(m_state->simulated);
    m_stored->setEnabled(stored);
    m_stored->setText(inKeychain ? tr("Use the key kept in the system keychain")
                      : stored   ? tr("Unlock the key stored in %1").arg(QDir::toNativeSeparators(m_state->keyFile))
                                 : tr("Unlock the stored key (none is stored yet)"));
    if (m_state->simulated)
        m_generate->setChecked(true);
    else if (stored)
        m_stored->setChecked(true);
    else
        m_import->setChecked(true);
    update();
}

void LiveSetupKeyPage::update()
{
    const bool importing = m_import->isChecked();
    const bool storedInFile = m_stored->isChecked() && storedIn() != QLatin1String("keychain");
    m_key->setEnabled(importing);
    m_keychain->setEnabled(importing);
    m_passphrase->setEnabled(importing || storedInFile);
    m_repeat->setEnabled(importing);
    m_error->clear();
    Q_EMIT completeChanged();
}

bool LiveSetupKeyPage::isComplete() const
{
    if (m_generate->isChecked())
        return true;
    if (m_stored->isChecked())
        return storedIn() == QLatin1String("keychain") || !m_passphrase->text().isEmpty();
    // With the keychain the passphrase is only the fallback; without it, required.
    const bool passphraseOk = m_passphrase->text().size() >= kMinPassphrase && m_passphrase->text() == m_repeat->text();
    return !m_key->text().isEmpty() && (passphraseOk || (m_keychain->isChecked() && m_passphrase->text().isEmpty()));
}

bool LiveSetupKeyPage::validatePage()
{
    QString error;
    const bool ok = m_generate->isChecked() ? generate(error) : m_stored->isChecked() ? unlock(error) : import(error);
    m_error->setText(ok ? QString() : error);
    if (ok) {
        m_key->clear();
        m_passphrase->clear();
        m_repeat->clear();
    }
    return ok;
}

bool LiveSetupKeyPage::generate(QString &error)
{
    QByteArray secret(32, 0);
    for (char &c : secret)
        c = char(QRandomGenerator::system()->bounded(256));
    QString hex = QStringLiteral("0x") + QString::fromLatin1(secret.toHex());
    const bool ok = EthKey::fromHex(hex, m_state->key, error);
    hex.fill(QLatin1Char('0'));
    secret.fill(0);
    if (ok && m_state->fundTestKey)
        m_state->fundTestKey(m_state->key.address());
    m_state->keyFile.clear(); // nothing to store: a new one each time
    return ok;
}

bool LiveSetupKeyPage::unlock(QString &error)
{
    QByteArray bytes;
    if (storedIn() == QLatin1String("keychain")) {
        if (!KeychainSecret::read(kKeychainName, bytes, error)) {
            error = tr("The system keychain did not give the key: %1").arg(error);
            return false;
        }
    } else if (!SecretFile::read(m_state->keyFile, m_passphrase->text(), bytes, error)) {
        return false;
    }
    AccountSecrets secrets;
    const bool ok = AccountSecrets::fromBytes(bytes, secrets, error) && EthKey::fromHex(secrets.privateKey, m_state->key, error);
    bytes.fill(0);
    secrets.wipe();
    return ok;
}

bool LiveSetupKeyPage::import(QString &error)
{
    if (!EthKey::fromHex(m_key->text().trimmed(), m_state->key, error))
        return false;
    AccountSecrets secrets;
    secrets.privateKey = m_key->text().trimmed();
    secrets.signatureType = m_state->signatureType;
    secrets.funder = m_state->funder;
    QByteArray bytes = secrets.toBytes();
    secrets.wipe();
    QString keychainError;
    if (m_keychain->isChecked() && KeychainSecret::write(kKeychainName, bytes, keychainError)) {
        bytes.fill(0);
        QSettings().setValue(kStoredIn, QStringLiteral("keychain"));
        return true;
    }
    if (m_passphrase->text().isEmpty()) {
        bytes.fill(0);
        error = tr("No system keychain took the key (%1). Enter a passphrase to keep it sealed in a file instead.")
                    .arg(keychainError);
        return false;
    }
    QDir().mkpath(QFileInfo(m_state->keyFile).absolutePath());
    const bool ok = SecretFile::write(m_state->keyFile, m_passphrase->text(), bytes, error);
    bytes.fill(0);
    if (ok)
        QSettings().setValue(kStoredIn, QStringLiteral("file"));
    return ok;
}

} // namespace polymon
