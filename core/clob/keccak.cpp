#include "keccak.h"

#include <cryptopp/keccak.h>

namespace polymon {

QByteArray keccak256(QByteArrayView data)
{
    CryptoPP::Keccak_256 hash;
    hash.Update(reinterpret_cast<const CryptoPP::byte *>(data.data()), std::size_t(data.size()));
    QByteArray digest(CryptoPP::Keccak_256::DIGESTSIZE, Qt::Uninitialized);
    hash.Final(reinterpret_cast<CryptoPP::byte *>(digest.data()));
    return digest;
}

} // namespace polymon
