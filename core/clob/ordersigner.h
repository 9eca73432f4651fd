#pragma once

#include "cloborder.h"
#include "eip712.h"

#include <QByteArray>
#include <QString>

namespace polymon {

class EthKey;

// Signs exchange orders. `orderHash` is the order's EIP-712 digest: how the
// exchange names the order, so a submit whose answer was lost can be found
// again without sending it twice. EOA, POLY_PROXY and POLY_GNOSIS_SAFE sign
// the digest; POLY_1271 (the deposit wallet) signs an ERC-7739
// TypedDataSign over it and sends the wrapped form (317 bytes for v2).
struct SignedOrder
{
    QByteArray orderHash; // 32 bytes
    QByteArray signature; // 65 bytes, or the POLY_1271 wrapper
};

namespace OrderSigner {

bool sign(const Eip712Domain &domain, const ClobOrder &order, const EthKey &key, SignedOrder &out, QString &error);
// The order's EIP-712 digest alone (no key needed).
bool orderHash(const Eip712Domain &domain, const ClobOrder &order, QByteArray &hash, QString &error);

} // namespace OrderSigner
} // namespace polymon
