#include "clobheaders.h"

#include "clobauth.h"
#include "ethkey.h"
#include "l2hmac.h"

namespace polymon::ClobHeaders {

bool l1(const EthKey &key, qint64 timestampS, quint64 nonce, quint64 chainId, Headers &out, QString &error)
{
    const QString signature = ClobAuth::signature(key, timestampS, nonce, chainId, error);
    if (signature.isEmpty())
        return false;
    out = {{"POLY_ADDRESS", key.address().toLatin1()},
           {"POLY_SIGNATURE", signature.toLatin1()},
           {"POLY_TIMESTAMP", QByteArray::number(timestampS)},
           {"POLY_NONCE", QByteArray::number(nonce)}};
    return true;
}

Headers l2(const QString &address, const ApiCredentials &creds, qint64 timestampS, const QString &method,
           const QString &requestPath, const QByteArray &body)
{
    const QString ts = QString::number(timestampS);
    return {{"POLY_ADDRESS", address.toLatin1()},
            {"POLY_SIGNATURE", L2Hmac::signature(creds.secret, ts, method, requestPath, body).toLatin1()},
            {"POLY_TIMESTAMP", ts.toLatin1()},
            {"POLY_API_KEY", creds.apiKey.toLatin1()},
            {"POLY_PASSPHRASE", creds.passphrase.toLatin1()}};
}

} // namespace polymon::ClobHeaders
