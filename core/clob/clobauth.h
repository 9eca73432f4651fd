#pragma once

#include "eip712.h"

#include <QByteArray>
#include <QString>

namespace polymon {

class EthKey;

// L1 authentication: the wallet signs EIP-712 ClobAuth(address, timestamp
// as a string, nonce, the fixed message) in the "ClobAuthDomain" domain;
// the answer's headers create or derive the API credentials.
namespace ClobAuth {

inline const char *message() { return "This message attests that I control the given wallet"; }
QByteArray digest(const QString &address, qint64 timestampS, quint64 nonce, quint64 chainId, QString &error);
// The signature as the POLY_SIGNATURE header wants it ("0x" + 130 hex), or empty with a reason.
QString signature(const EthKey &key, qint64 timestampS, quint64 nonce, quint64 chainId, QString &error);

} // namespace ClobAuth
} // namespace polymon
