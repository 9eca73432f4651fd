#pragma once

#include <QByteArray>
#include <QString>

namespace polymon {

// A small secret (the account's private key and API credentials) in a file
// encrypted with a passphrase, for machines without a system keychain:
// scrypt (N 2^15, r 8, p 1) derives the key, AES-256-GCM seals the bytes
// and authenticates the header, so a wrong passphrase or a damaged file is
// refused rather than misread. Written atomically, readable by the owner
// only. The plaintext is never written anywhere else.
class SecretFile final
{
public:
    static bool write(const QString &path, const QString &passphrase, const QByteArray &plaintext, QString &error);
    static bool read(const QString &path, const QString &passphrase, QByteArray &plaintext, QString &error);

    // Scrypt's cost; tests may lower it (the file records what it used).
    static constexpr quint32 kDefaultCostLog2 = 15;
    static void setCostLog2ForTests(quint32 log2);
};

} // namespace polymon
