#pragma once

#include <QByteArray>
#include <QString>

namespace polymon {

// A secp256k1 private key (libsecp256k1): signs 32-byte digests the way
// Ethereum does (RFC 6979 nonces, low s, 65 bytes r || s || v with v 27/28)
// and knows its address. The key bytes are wiped when it goes; it is never
// printed, logged or stored by this class.
class EthKey final
{
public:
    EthKey() = default;
    ~EthKey();
    EthKey(const EthKey &) = delete;
    EthKey &operator=(const EthKey &) = delete;
    EthKey(EthKey &&other) noexcept;
    EthKey &operator=(EthKey &&other) noexcept;

    // From "0x" and 64 hex digits; false with a reason (never echoing the key).
    static bool fromHex(const QString &hex, EthKey &out, QString &error);
    bool isValid() const noexcept { return m_valid; }
    // The EIP-55 checksummed address ("0xf39Fd6e5...").
    QString address() const;
    // 65 bytes; empty if the key is not valid or the digest is not 32 bytes.
    QByteArray sign(const QByteArray &digest32) const;

    // The address that signed `digest32` (EIP-55), or empty with a reason:
    // what the local exchange uses to check an order's signer.
    static QString recoverAddress(const QByteArray &digest32, const QByteArray &signature65, QString &error);
    // "0x" + 40 lower-case hex -> EIP-55 mixed case.
    static QString checksumAddress(const QByteArray &address20);

private:
    unsigned char m_secret[32] = {};
    bool m_valid = false;
};

} // namespace polymon
