#pragma once

#include <QByteArray>
#include <QString>

namespace polymon {

// What trading on the exchange needs kept secret: the wallet's private key
// and the API credentials derived from it (L1), plus the non-secret
// choices they go with. Serialized only to be sealed (SecretFile, the
// keychain); wipe() clears it from memory when done.
struct AccountSecrets
{
    QString privateKey;    // 0x + 64 hex
    QString apiKey;        // UUID
    QString apiSecret;     // base64url
    QString apiPassphrase;
    int signatureType = 0; // 0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE, 3 POLY_1271
    QString funder;        // the maker address (proxy, Safe, deposit wallet or the EOA)

    QByteArray toBytes() const;
    static bool fromBytes(const QByteArray &bytes, AccountSecrets &out, QString &error);
    bool hasApiCredentials() const { return !apiKey.isEmpty() && !apiSecret.isEmpty() && !apiPassphrase.isEmpty(); }
    void wipe();
};

} // namespace polymon
