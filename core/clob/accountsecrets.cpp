#include "accountsecrets.h"

#include "ethkey.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace polymon {

namespace {

void clear(QString &s)
{
    s.fill(QLatin1Char('\0'));
    s.clear();
}

} // namespace

QByteArray AccountSecrets::toBytes() const
{
    QJsonObject o;
    o.insert(QStringLiteral("privateKey"), privateKey);
    o.insert(QStringLiteral("apiKey"), apiKey);
    o.insert(QStringLiteral("apiSecret"), apiSecret);
    o.insert(QStringLiteral("apiPassphrase"), apiPassphrase);
    o.insert(QStringLiteral("signatureType"), signatureType);
    o.insert(QStringLiteral("funder"), funder);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool AccountSecrets::fromBytes(const QByteArray &bytes, AccountSecrets &out, QString &error)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject()) {
        error = QStringLiteral("the stored account is not readable");
        return false;
    }
    const QJsonObject o = doc.object();
    AccountSecrets s;
    s.privateKey = o.value(QStringLiteral("privateKey")).toString();
    s.apiKey = o.value(QStringLiteral("apiKey")).toString();
    s.apiSecret = o.value(QStringLiteral("apiSecret")).toString();
    s.apiPassphrase = o.value(QStringLiteral("apiPassphrase")).toString();
    s.signatureType = o.value(QStringLiteral("signatureType")).toInt(-1);
    s.funder = o.value(QStringLiteral("funder")).toString();
    EthKey key;
    if (!EthKey::fromHex(s.privateKey, key, error)) {
        s.wipe();
        error = QStringLiteral("the stored account's key: %1").arg(error);
        return false;
    }
    if (s.signatureType < 0 || s.signatureType > 3) {
        s.wipe();
        error = QStringLiteral("the stored account's signature type is not 0 to 3");
        return false;
    }
    out = s;
    s.wipe();
    return true;
}

void AccountSecrets::wipe()
{
    clear(privateKey);
    clear(apiKey);
    clear(apiSecret);
    clear(apiPassphrase);
}

} // namespace polymon
