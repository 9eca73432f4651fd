#pragma once

#include <QByteArray>
#include <QString>

namespace polymon::L2Hmac {

// POLY_SIGNATURE of a trading call: base64url(HMAC-SHA256(base64url-decoded
// secret, timestamp + METHOD + requestPath + body)), '=' padding kept. The
// body is signed byte for byte as sent.
QString signature(const QString &secret, const QString &timestamp, const QString &method, const QString &requestPath,
                  const QByteArray &body);
// The secret as the clients decode it: base64url or base64, padding optional,
// characters outside the alphabet ignored.
QByteArray decodeSecret(const QString &secret);

} // namespace polymon::L2Hmac
