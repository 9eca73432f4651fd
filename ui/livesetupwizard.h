#pragma once

#include "catalog/marketinfo.h"
#include "clob/apicredentials.h"
#include "clob/ethkey.h"
#include "clob/livebroker.h"

#include <QUrl>
#include <QWizard>

#include <functional>
#include <memory>

namespace polymon {

// What the setup pages decide and prove, shared between them.
struct LiveSetupState
{
    bool simulated = false; // the SIMULATED exchange on this machine
    QUrl restUrl;
    QUrl userChannelUrl;
    int signatureType = 0;
    QString funder; // empty: the key's own address
    EthKey key;
    ApiCredentials creds;
    // Where the sealed key lives. The API credentials are not stored: they
    // are derived again with the key (L1) at each setup.
    QString keyFile;
    MarketInfo testMarket;
    // Gives a generated key test money on the simulated exchange.
    std::function<void(const QString &address)> fundTestKey;
};

// The account setup before LIVE trading: what kind of account (signature
// type and funder, in plain words), the key (generated for the simulated
// exchange, imported and sealed with a passphrase, or the stored one
// unlocked), the exchange checks (clock, version, API credentials, balance
// and allowances) and a test order that cannot fill, placed and cancelled.
// Finish is only possible once all of that passed.
class LiveSetupWizard final : public QWizard
{
    Q_OBJECT
public:
    LiveSetupWizard(std::shared_ptr<LiveSetupState> state, QWidget *parent = nullptr);
    ~LiveSetupWizard() override;

    // The account the broker trades as (after Finish).
    LiveAccount account() const;
    // Hands the key over (after Finish); the wizard keeps none.
    EthKey takeKey();

    // The sealed key's usual place (the application's data folder).
    static QString defaultKeyFile();
    // The real exchange's endpoints.
    static QUrl polymarketRest();
    static QUrl polymarketUserChannel();

    enum PageId { AccountPage, KeyPage, ChecksPage, TestOrderPage };
    // A check's line: a green tick or a red cross, then the words.
    static QString resultLine(bool ok, const QString &text);

private:
    std::shared_ptr<LiveSetupState> m_state;
};

} // namespace polymon
