#include "eip712.h"

#include "abiword.h"
#include "keccak.h"

namespace polymon::Eip712 {

bool domainSeparator(const Eip712Domain &domain, QByteArray &separator, QString &error)
{
    const bool withContract = !domain.verifyingContract.isEmpty();
    QByteArray encoded = typeHash(withContract ? "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                                               : "EIP712Domain(string name,string version,uint256 chainId)");
    encoded += keccak256(domain.name.toUtf8());
    encoded += keccak256(domain.version.toUtf8());
    encoded += AbiWord::fromUnsigned(domain.chainId);
    if (withContract) {
        QByteArray contract;
        if (!AbiWord::fromAddress(domain.verifyingContract, contract, error))
            return false;
        encoded += contract;
    }
    separator = keccak256(encoded);
    return true;
}

QByteArray digest(const QByteArray &domainSeparator, const QByteArray &structHash)
{
    return keccak256(QByteArrayLiteral("\x19\x01") + domainSeparator + structHash);
}

QByteArray typeHash(const char *typeString)
{
    return keccak256(QByteArrayView(typeString));
}

} // namespace polymon::Eip712
