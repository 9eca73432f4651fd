#include "abiword.h"

namespace polymon::AbiWord {

namespace {

QString stripPrefix(const QString &text)
{
    const QString t = text.trimmed();
    return t.startsWith(QLatin1String("0x")) || t.startsWith(QLatin1String("0X")) ? t.mid(2) : t;
}

bool isHex(const QString &digits)
{
    for (QChar c : digits)
        if (!c.isDigit() && !(c >= QLatin1Char('a') && c <= QLatin1Char('f')) && !(c >= QLatin1Char('A') && c <= QLatin1Char('F')))
            return false;
    return true;
}

} // namespace

bool fromDecimal(const QString &text, QByteArray &word, QString &error)
{
    const QString digits = text.trimmed();
    if (digits.isEmpty()) {
        error = QStringLiteral("empty number");
        return false;
    }
    QByteArray w(32, '\0');
    for (QChar c : digits) {
        if (!c.isDigit() || c.unicode() > 127) {
            error = QStringLiteral("not a decimal integer: %1").arg(text);
            return false;
        }
        // w = w * 10 + digit, checking for overflow past 2^256 - 1.
        unsigned carry = unsigned(c.unicode() - '0');
        for (int i = 31; i >= 0; --i) {
            const unsigned v = unsigned(quint8(w[i])) * 10u + carry;
            w[i] = char(v & 0xffu);
            carry = v >> 8;
        }
        if (carry != 0) {
            error = QStringLiteral("does not fit in 256 bits: %1").arg(text);
            return false;
        }
    }
    word = w;
    return true;
}

QByteArray fromUnsigned(quint64 value)
{
    QByteArray w(32, '\0');
    for (int i = 31; i >= 24; --i) {
        w[i] = char(value & 0xffu);
        value >>= 8;
    }
    return w;
}

bool fromHex(const QString &text, int bytes, QByteArray &out, QString &error)
{
    const QString digits = stripPrefix(text);
    if (digits.size() != bytes * 2 || !isHex(digits)) {
        error = QStringLiteral("expected 0x and %1 hex digits: %2").arg(bytes * 2).arg(text.left(80));
        return false;
    }
    out = QByteArray::fromHex(digits.toLatin1());
    return true;
}

bool fromAddress(const QString &text, QByteArray &word, QString &error, QByteArray *raw)
{
    QByteArray address;
    if (!fromHex(text, 20, address, error)) {
        error = QStringLiteral("not an address (0x and 40 hex digits): %1").arg(text.left(80));
        return false;
    }
    word = QByteArray(12, '\0') + address;
    if (raw)
        *raw = address;
    return true;
}

bool fromBytes32(const QString &text, QByteArray &word, QString &error)
{
    const QString digits = stripPrefix(text);
    if (digits.isEmpty() || digits.size() > 64 || !isHex(digits)) {
        error = QStringLiteral("not a bytes32 (0x and up to 64 hex digits): %1").arg(text.left(80));
        return false;
    }
    word = QByteArray::fromHex(digits.rightJustified(64, QLatin1Char('0')).toLatin1());
    return true;
}

} // namespace polymon::AbiWord
