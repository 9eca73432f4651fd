#pragma once

#include "apicredentials.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace polymon {

class EthKey;

// The authentication headers of the CLOB's REST calls: L1 (the wallet's
// ClobAuth signature) to create or derive API credentials, L2 (HMAC with
// the API secret) on every trading call. Timestamps are the server's
// seconds (local time corrected by /time).
namespace ClobHeaders {

using Headers = QList<QPair<QByteArray, QByteArray>>;

bool l1(const EthKey &key, qint64 timestampS, quint64 nonce, quint64 chainId, Headers &out, QString &error);
Headers l2(const QString &address, const ApiCredentials &creds, qint64 timestampS, const QString &method,
           const QString &requestPath, const QByteArray &body);

} // namespace ClobHeaders
} // namespace polymon
