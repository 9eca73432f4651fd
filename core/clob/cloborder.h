#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace polymon {

// An exchange order as it is signed, every field as the exchange and the
// published vectors write it (integers as decimal strings, addresses and
// bytes32 as hex). Version 2 is today's order; version 1 is kept for the
// published v1 vectors and for refusing old signatures with a reason.
struct ClobOrder
{
    int version = 2;
    QString salt;
    QString maker;  // the funder: EOA, proxy, Safe or deposit wallet
    QString signer; // the EOA (the wallet itself for POLY_1271)
    QString tokenId;
    QString makerAmount; // 6-decimal integers
    QString takerAmount;
    int side = 0;          // 0 BUY, 1 SELL
    int signatureType = 0; // 0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE, 3 POLY_1271
    // v2
    QString timestamp; // ms
    QString metadata = QStringLiteral("0x0");
    QString builder = QStringLiteral("0x0");
    QString expiration = QStringLiteral("0"); // v2: sent in the body, not signed
    // v1 only
    QString taker = QStringLiteral("0x0000000000000000000000000000000000000000");
    QString nonce = QStringLiteral("0");
    QString feeRateBps = QStringLiteral("0");

    static const char *typeString(int version);
    // From the `order` object of order_eip712.json (numbers as strings or JSON numbers).
    static bool fromJson(const QJsonObject &o, int version, ClobOrder &out, QString &error);
    // hashStruct(order): the ABI words of its fields under its type hash.
    bool structHash(QByteArray &hash, QString &error) const;
};

} // namespace polymon
