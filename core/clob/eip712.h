#pragma once

#include <QByteArray>
#include <QString>

namespace polymon {

// An EIP-712 domain: name, version, chain id and, for the exchange's
// orders, the verifying contract (ClobAuth has none).
struct Eip712Domain
{
    QString name;
    QString version;
    quint64 chainId = 137;
    QString verifyingContract; // empty: not part of the domain

    // The exchanges Polymarket's v2 orders are signed for (chains 137 and 80002).
    static QString standardExchangeV2() { return QStringLiteral("0xE111180000d2663C0091e4f400237545B87B996B"); }
    static QString negRiskExchangeV2() { return QStringLiteral("0xe2222d279d744050d28e00520010520000310F59"); }
};

namespace Eip712 {

// keccak256 of the domain's encoding; false with a reason on a bad contract.
bool domainSeparator(const Eip712Domain &domain, QByteArray &separator, QString &error);
// keccak256("\x19\x01" || domainSeparator || structHash): what is signed.
QByteArray digest(const QByteArray &domainSeparator, const QByteArray &structHash);
// keccak256 of a type string ("Order(uint256 salt,...)").
QByteArray typeHash(const char *typeString);

} // namespace Eip712
} // namespace polymon
