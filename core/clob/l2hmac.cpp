#include "l2hmac.h"

#include <QMessageAuthenticationCode>

namespace polymon::L2Hmac {

QByteArray decodeSecret(const QString &secret)
{
    QByteArray clean;
    clean.reserve(secret.size());
    for (QChar c : secret) {
        const char l = c.toLatin1();
        if ((l >= 'A' && l <= 'Z') || (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))
            clean.append(l);
        else if (l == '-' || l == '+')
            clean.append('-');
        else if (l == '_' || l == '/')
            clean.append('_');
        // '=' and anything else: ignored (padding is restored below)
    }
    while (clean.size() % 4 != 0)
        clean.append('=');
    return QByteArray::fromBase64(clean, QByteArray::Base64UrlEncoding);
}

QString signature(const QString &secret, const QString &timestamp, const QString &method, const QString &requestPath,
                  const QByteArray &body)
{
    const QByteArray message = timestamp.toUtf8() + method.toUtf8() + requestPath.toUtf8() + body;
    const QByteArray mac = QMessageAuthenticationCode::hash(message, decodeSecret(secret), QCryptographicHash::Sha256);
    return QString::fromLatin1(mac.toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace polymon::L2Hmac
