#pragma once

#include <QByteArray>
#include <QString>

namespace polymon::AbiWord {

// 32-byte words as EIP-712 and the ABI encode static values, big-endian.
// The parsers are strict: a value that does not fit, or any stray
// character, is refused with a reason (nothing is signed from a guess).

// A decimal string ("479249096354", a 77-digit token id) as a uint256.
bool fromDecimal(const QString &text, QByteArray &word, QString &error);
QByteArray fromUnsigned(quint64 value);
// "0x" and 40 hex digits (any case) as a left-padded word; `raw` gets the 20 bytes.
bool fromAddress(const QString &text, QByteArray &word, QString &error, QByteArray *raw = nullptr);
// "0x" and up to 64 hex digits as a bytes32 (left-padded, as the clients do).
bool fromBytes32(const QString &text, QByteArray &word, QString &error);
// Exactly `bytes` bytes of "0x"-prefixed hex.
bool fromHex(const QString &text, int bytes, QByteArray &out, QString &error);

} // namespace polymon::AbiWord
