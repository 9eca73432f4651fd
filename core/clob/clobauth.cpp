#include "clobauth.h"

#include "abiword.h"
#include "ethkey.h"
#include "keccak.h"

namespace polymon::ClobAuth {

QByteArray digest(const QString &address, qint64 timestampS, quint64 nonce, quint64 chainId, QString &error)
{
    QByteArray separator;
    if (!Eip712::domainSeparator(Eip712Domain{QStringLiteral("ClobAuthDomain"), QStringLiteral("1"), chainId, QString()},
                                 separator, error))
        return {};
    QByteArray addressWord;
    if (!AbiWord::fromAddress(address, addressWord, error))
        return {};
    QByteArray encoded = Eip712::typeHash("ClobAuth(address address,string timestamp,uint256 nonce,string message)");
    encoded += addressWord;
    encoded += keccak256(QByteArray::number(timestampS));
    encoded += AbiWord::fromUnsigned(nonce);
    encoded += keccak256(QByteArrayView(message()));
    return Eip712::digest(separator, keccak256(encoded));
}

QString signature(const EthKey &key, qint64 timestampS, quint64 nonce, quint64 chainId, QString &error)
{
    const QByteArray d = digest(key.address(), timestampS, nonce, chainId, error);
    if (d.isEmpty())
        return {};
    const QByteArray sig = key.sign(d);
    if (sig.isEmpty()) {
        error = QStringLiteral("the key could not sign");
        return {};
    }
    return QStringLiteral("0x") + QString::fromLatin1(sig.toHex());
}

} // namespace polymon::ClobAuth
