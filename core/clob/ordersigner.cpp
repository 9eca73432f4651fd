#include "ordersigner.h"

#include "abiword.h"
#include "ethkey.h"
#include "keccak.h"

namespace polymon::OrderSigner {

namespace {

// ERC-7739 TypedDataSign around the order, in the deposit wallet's domain
// (name "DepositWallet", version "1", salt zero; its verifyingContract is
// the wallet, which is the order's signer).
bool poly1271Signature(const QByteArray &appDomainSeparator, const ClobOrder &order, quint64 chainId, const EthKey &key,
                       QByteArray &signature, QString &error)
{
    QByteArray contents;
    if (!order.structHash(contents, error))
        return false;
    QByteArray wallet;
    if (!AbiWord::fromAddress(order.signer, wallet, error))
        return false;
    const QByteArray orderType(ClobOrder::typeString(order.version));
    QByteArray encoded = keccak256(QByteArrayLiteral("TypedDataSign(Order contents,string name,string version,uint256 chainId,"
                                                     "address verifyingContract,bytes32 salt)")
                                   + orderType);
    encoded += contents;
    encoded += keccak256(QByteArrayLiteral("DepositWallet"));
    encoded += keccak256(QByteArrayLiteral("1"));
    encoded += AbiWord::fromUnsigned(chainId);
    encoded += wallet;
    encoded += QByteArray(32, '\0');
    const QByteArray digest = Eip712::digest(appDomainSeparator, keccak256(encoded));
    const QByteArray inner = key.sign(digest);
    if (inner.isEmpty()) {
        error = QStringLiteral("the key could not sign");
        return false;
    }
    const quint16 length = quint16(orderType.size());
    signature = inner + appDomainSeparator + contents + orderType;
    signature.append(char(length >> 8));
    signature.append(char(length & 0xff));
    return true;
}

} // namespace

bool orderHash(const Eip712Domain &domain, const ClobOrder &order, QByteArray &hash, QString &error)
{
    QByteArray separator, structHash;
    if (!Eip712::domainSeparator(domain, separator, error) || !order.structHash(structHash, error))
        return false;
    hash = Eip712::digest(separator, structHash);
    return true;
}

bool sign(const Eip712Domain &domain, const ClobOrder &order, const EthKey &key, SignedOrder &out, QString &error)
{
    if (!key.isValid()) {
        error = QStringLiteral("no valid key to sign with");
        return false;
    }
    QByteArray separator;
    if (!Eip712::domainSeparator(domain, separator, error) || !orderHash(domain, order, out.orderHash, error))
        return false;
    if (order.signatureType == 3)
        return poly1271Signature(separator, order, domain.chainId, key, out.signature, error);
    // EOA, proxy and Safe: the key's EOA is the order's signer.
    if (order.signer.compare(key.address(), Qt::CaseInsensitive) != 0) {
        error = QStringLiteral("the order's signer %1 is not this key's address %2").arg(order.signer, key.address());
        return false;
    }
    out.signature = key.sign(out.orderHash);
    if (out.signature.isEmpty()) {
        error = QStringLiteral("the key could not sign");
        return false;
    }
    return true;
}

} // namespace polymon::OrderSigner
