#pragma once

#include <QMetaType>
#include <QString>

namespace polymon {

// L2 API credentials, as /auth/api-key and /auth/derive-api-key answer them.
struct ApiCredentials
{
    QString apiKey;     // UUID
    QString secret;     // base64url
    QString passphrase;

    bool isValid() const { return !apiKey.isEmpty() && !secret.isEmpty() && !passphrase.isEmpty(); }
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::ApiCredentials)
