#include "secretfile.h"

#include <QFile>
#include <QSaveFile>

#include <cryptopp/aes.h>
#include <cryptopp/gcm.h>
#include <cryptopp/osrng.h>
#include <cryptopp/scrypt.h>
#include <cryptopp/secblock.h>

namespace polymon {

namespace {

const QByteArray kMagic = QByteArrayLiteral("POLYMON-SECRET-1");
constexpr int kSaltBytes = 16;
constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;
quint32 g_costLog2 = SecretFile::kDefaultCostLog2;

CryptoPP::SecByteBlock deriveKey(const QString &passphrase, const QByteArray &salt, quint32 costLog2)
{
    QByteArray pass = passphrase.toUtf8();
    CryptoPP::SecByteBlock key(32);
    CryptoPP::Scrypt scrypt;
    scrypt.DeriveKey(key, key.size(), reinterpret_cast<const CryptoPP::byte *>(pass.constData()), std::size_t(pass.size()),
                     reinterpret_cast<const CryptoPP::byte *>(salt.constData()), std::size_t(salt.size()),
                     CryptoPP::word64(1) << costLog2, 8, 1);
    pass.fill('\0');
    return key;
}

} // namespace

void SecretFile::setCostLog2ForTests(quint32 log2)
{
    g_costLog2 = log2;
}

bool SecretFile::write(const QString &path, const QString &passphrase, const QByteArray &plaintext, QString &error)
{
    if (passphrase.size() < 8) {
        error = QStringLiteral("the passphrase needs at least 8 characters");
        return false;
    }
    CryptoPP::AutoSeededRandomPool random;
    QByteArray salt(kSaltBytes, '\0'), nonce(kNonceBytes, '\0');
    random.GenerateBlock(reinterpret_cast<CryptoPP::byte *>(salt.data()), std::size_t(salt.size()));
    random.GenerateBlock(reinterpret_cast<CryptoPP::byte *>(nonce.data()), std::size_t(nonce.size()));
    // Header: magic, cost, salt, nonce; authenticated as associated data.
    QByteArray header = kMagic;
    header.append(char(g_costLog2));
    header += salt + nonce;
    const CryptoPP::SecByteBlock key = deriveKey(passphrase, salt, g_costLog2);
    QByteArray sealed(plaintext.size() + kTagBytes, '\0');
    try {
        CryptoPP::GCM<CryptoPP::AES>::Encryption gcm;
        gcm.SetKeyWithIV(key, key.size(), reinterpret_cast<const CryptoPP::byte *>(nonce.constData()), std::size_t(nonce.size()));
        // Ciphertext, then the 16-byte tag.
        auto *cipher = reinterpret_cast<CryptoPP::byte *>(sealed.data());
        gcm.EncryptAndAuthenticate(cipher, cipher + plaintext.size(), kTagBytes,
                                   reinterpret_cast<const CryptoPP::byte *>(nonce.constData()), int(nonce.size()),
                                   reinterpret_cast<const CryptoPP::byte *>(header.constData()), std::size_t(header.size()),
                                   reinterpret_cast<const CryptoPP::byte *>(plaintext.constData()), std::size_t(plaintext.size()));
    } catch (const CryptoPP::Exception &e) {
        error = QStringLiteral("encryption failed: %1").arg(QString::fromStdString(e.what()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(header);
    file.write(sealed);
    if (!file.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

bool SecretFile::read(const QString &path, const QString &passphrase, QByteArray &plaintext, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray all = file.readAll();
    const qsizetype headerSize = kMagic.size() + 1 + kSaltBytes + kNonceBytes;
    if (!all.startsWith(kMagic) || all.size() < headerSize + kTagBytes) {
        error = QStringLiteral("%1 is not a polymon secret file").arg(path);
        return false;
    }
    const quint32 cost = quint8(all[kMagic.size()]);
    if (cost < 10 || cost > 22) {
        error = QStringLiteral("%1 is damaged (cost %2)").arg(path).arg(cost);
        return false;
    }
    const QByteArray header = all.left(headerSize);
    const QByteArray salt = all.mid(kMagic.size() + 1, kSaltBytes);
    const QByteArray nonce = all.mid(kMagic.size() + 1 + kSaltBytes, kNonceBytes);
    const QByteArray sealed = all.mid(headerSize);
    const qsizetype textSize = sealed.size() - kTagBytes;
    const CryptoPP::SecByteBlock key = deriveKey(passphrase, salt, cost);
    QByteArray out(textSize, '\0');
    bool ok = false;
    try {
        CryptoPP::GCM<CryptoPP::AES>::Decryption gcm;
        gcm.SetKeyWithIV(key, key.size(), reinterpret_cast<const CryptoPP::byte *>(nonce.constData()), std::size_t(nonce.size()));
        ok = gcm.DecryptAndVerify(reinterpret_cast<CryptoPP::byte *>(out.data()),
                                  reinterpret_cast<const CryptoPP::byte *>(sealed.constData()) + textSize, kTagBytes,
                                  reinterpret_cast<const CryptoPP::byte *>(nonce.constData()), int(nonce.size()),
                                  reinterpret_cast<const CryptoPP::byte *>(header.constData()), std::size_t(header.size()),
                                  reinterpret_cast<const CryptoPP::byte *>(sealed.constData()), std::size_t(textSize));
    } catch (const CryptoPP::Exception &) {
        ok = false;
    }
    if (!ok) {
        out.fill('\0');
        error = QStringLiteral("wrong passphrase, or %1 is damaged").arg(path);
        return false;
    }
    plaintext = out;
    return true;
}

} // namespace polymon
