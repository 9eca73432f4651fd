#pragma once

#include <QByteArray>
#include <QString>

namespace polymon {

// A secret in the system keychain through QtKeychain (Secret Service or
// KWallet on Linux, the macOS Keychain, the Windows Credential Manager),
// under the service "polymon". Never falls back to plain text: where no
// keychain answers, the call fails with the keychain's reason and the
// caller seals the secret in a passphrase file instead (SecretFile).
// Each call waits for the keychain (it may ask the user to unlock it).
namespace KeychainSecret {

bool write(const QString &name, const QByteArray &secret, QString &error);
bool read(const QString &name, QByteArray &secret, QString &error);
bool remove(const QString &name, QString &error);

} // namespace KeychainSecret
} // namespace polymon
