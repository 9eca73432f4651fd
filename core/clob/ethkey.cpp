#include "ethkey.h"

#include "abiword.h"
#include "keccak.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>

namespace polymon {

namespace {

// One context for the process: created on first use, read-only afterwards.
const secp256k1_context *context()
{
#ifdef SECP256K1_CONTEXT_NONE
    static secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
#else
    static secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
#endif
    return ctx;
}

void wipe(unsigned char *p, std::size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

QByteArray addressOf(const secp256k1_pubkey &pubkey)
{
    unsigned char out[65];
    std::size_t len = sizeof out;
    secp256k1_ec_pubkey_serialize(context(), out, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    // The address is the last 20 bytes of keccak256 of the 64-byte point.
    return keccak256(QByteArrayView(reinterpret_cast<const char *>(out + 1), 64)).right(20);
}

} // namespace

EthKey::~EthKey()
{
    wipe(m_secret, sizeof m_secret);
}

EthKey::EthKey(EthKey &&other) noexcept
{
    *this = std::move(other);
}

EthKey &EthKey::operator=(EthKey &&other) noexcept
{
    if (this != &other) {
        std::memcpy(m_secret, other.m_secret, sizeof m_secret);
        m_valid = other.m_valid;
        wipe(other.m_secret, sizeof other.m_secret);
        other.m_valid = false;
    }
    return *this;
}

bool EthKey::fromHex(const QString &hex, EthKey &out, QString &error)
{
    QByteArray bytes;
    QString ignored; // AbiWord's reason quotes the text: never a key's
    if (!AbiWord::fromHex(hex, 32, bytes, ignored)) {
        error = QStringLiteral("a private key is 64 hex digits (with or without 0x)");
        return false;
    }
    EthKey key;
    std::memcpy(key.m_secret, bytes.constData(), 32);
    bytes.fill('\0');
    if (!secp256k1_ec_seckey_verify(context(), key.m_secret)) {
        error = QStringLiteral("not a valid secp256k1 private key");
        return false;
    }
    key.m_valid = true;
    out = std::move(key);
    return true;
}

QString EthKey::address() const
{
    if (!m_valid)
        return {};
    secp256k1_pubkey pubkey;
    if (!secp256k1_ec_pubkey_create(context(), &pubkey, m_secret))
        return {};
    return checksumAddress(addressOf(pubkey));
}

QByteArray EthKey::sign(const QByteArray &digest32) const
{
    if (!m_valid || digest32.size() != 32)
        return {};
    secp256k1_ecdsa_recoverable_signature sig;
    // Null nonce function: RFC 6979, as every Ethereum client signs.
    if (!secp256k1_ecdsa_sign_recoverable(context(), &sig, reinterpret_cast<const unsigned char *>(digest32.constData()),
                                          m_secret, nullptr, nullptr))
        return {};
    unsigned char compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact, &recid, &sig);
    QByteArray out(reinterpret_cast<const char *>(compact), 64);
    out.append(char(27 + recid));
    return out;
}

QString EthKey::recoverAddress(const QByteArray &digest32, const QByteArray &signature65, QString &error)
{
    if (digest32.size() != 32 || signature65.size() != 65) {
        error = QStringLiteral("a signature is 65 bytes over a 32-byte digest");
        return {};
    }
    const int v = quint8(signature65[64]);
    const int recid = v >= 27 ? v - 27 : v;
    if (recid < 0 || recid > 1) {
        error = QStringLiteral("the signature's v is neither 27 nor 28");
        return {};
    }
    const auto *compact = reinterpret_cast<const unsigned char *>(signature65.constData());
    // High-s signatures are malleable copies: the exchange refuses them, so do we.
    secp256k1_ecdsa_signature plain;
    if (!secp256k1_ecdsa_signature_parse_compact(context(), &plain, compact)
        || secp256k1_ecdsa_signature_normalize(context(), nullptr, &plain)) {
        error = QStringLiteral("the signature is malformed or not in low-s form");
        return {};
    }
    secp256k1_ecdsa_recoverable_signature sig;
    secp256k1_pubkey pubkey;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &sig, compact, recid)
        || !secp256k1_ecdsa_recover(context(), &pubkey, &sig, reinterpret_cast<const unsigned char *>(digest32.constData()))) {
        error = QStringLiteral("no public key recovers from this signature");
        return {};
    }
    return checksumAddress(addressOf(pubkey));
}

QString EthKey::checksumAddress(const QByteArray &address20)
{
    const QByteArray lower = address20.toHex();
    const QByteArray hash = keccak256(lower).toHex();
    QString out = QStringLiteral("0x");
    for (int i = 0; i < lower.size(); ++i) {
        const char c = lower[i];
        // EIP-55: a letter is upper case where the hash's nibble is 8 or more.
        out += QLatin1Char(c >= 'a' && c <= 'f' && hash[i] >= '8' ? char(c - 32) : c);
    }
    return out;
}

} // namespace polymon
