#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace polymon {

// Keccak-256 as Ethereum uses it (the original padding, not SHA3-256), from
// Crypto++.
QByteArray keccak256(QByteArrayView data);

} // namespace polymon
