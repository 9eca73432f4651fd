#include "cloborder.h"

#include "abiword.h"
#include "eip712.h"
#include "keccak.h"

#include <QJsonValue>

namespace polymon {

namespace {

QString field(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return QString();
}

} // namespace

const char *ClobOrder::typeString(int version)
{
    return version == 1 ? "Order(uint256 salt,address maker,address signer,address taker,uint256 tokenId,uint256 makerAmount,"
                          "uint256 takerAmount,uint256 expiration,uint256 nonce,uint256 feeRateBps,uint8 side,uint8 signatureType)"
                        : "Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,"
                          "uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)";
}

bool ClobOrder::fromJson(const QJsonObject &o, int version, ClobOrder &out, QString &error)
{
    ClobOrder order;
    order.version = version;
    order.salt = field(o, "salt");
    order.maker = field(o, "maker");
    order.signer = field(o, "signer");
    order.tokenId = field(o, "tokenId");
    order.makerAmount = field(o, "makerAmount");
    order.takerAmount = field(o, "takerAmount");
    const QJsonValue side = o.value(QLatin1String("side"));
    order.side = side.isString() ? (side.toString() == QLatin1String("SELL") || side.toString() == QLatin1String("1") ? 1 : 0)
                                 : side.toInt(-1);
    order.signatureType = o.value(QLatin1String("signatureType")).toVariant().toInt();
    if (o.contains(QLatin1String("timestamp")))
        order.timestamp = field(o, "timestamp");
    if (o.contains(QLatin1String("metadata")))
        order.metadata = field(o, "metadata");
    if (o.contains(QLatin1String("builder")))
        order.builder = field(o, "builder");
    if (o.contains(QLatin1String("expiration")))
        order.expiration = field(o, "expiration");
    if (o.contains(QLatin1String("taker")))
        order.taker = field(o, "taker");
    if (o.contains(QLatin1String("nonce")))
        order.nonce = field(o, "nonce");
    if (o.contains(QLatin1String("feeRateBps")))
        order.feeRateBps = field(o, "feeRateBps");
    if (order.side != 0 && order.side != 1) {
        error = QStringLiteral("side must be 0 (BUY) or 1 (SELL)");
        return false;
    }
    if (order.signatureType < 0 || order.signatureType > 3) {
        error = QStringLiteral("signatureType must be 0 to 3");
        return false;
    }
    for (const auto &[name, value] : {std::pair{"salt", order.salt}, {"maker", order.maker}, {"signer", order.signer},
                                      {"tokenId", order.tokenId}, {"makerAmount", order.makerAmount},
                                      {"takerAmount", order.takerAmount}}) {
        if (value.isEmpty()) {
            error = QStringLiteral("the order has no %1").arg(QLatin1String(name));
            return false;
        }
    }
    if (version == 2 && order.timestamp.isEmpty()) {
        error = QStringLiteral("a v2 order needs its timestamp (ms)");
        return false;
    }
    QByteArray check;
    if (!order.structHash(check, error))
        return false;
    out = order;
    return true;
}

bool ClobOrder::structHash(QByteArray &hash, QString &error) const
{
    QByteArray encoded = Eip712::typeHash(typeString(version));
    // Each field parsed strictly into its word; a failure names the field.
    using Parser = bool (*)(const QString &, QByteArray &, QString &);
    auto append = [&](Parser parse, const QString &text, const char *name) {
        QByteArray w;
        if (!parse(text, w, error)) {
            error = QStringLiteral("%1: %2").arg(QLatin1String(name), error);
            return false;
        }
        encoded += w;
        return true;
    };
    const Parser decimal = &AbiWord::fromDecimal;
    const Parser addressWord = [](const QString &t, QByteArray &w, QString &e) { return AbiWord::fromAddress(t, w, e); };
    const Parser bytes32Word = &AbiWord::fromBytes32;
    auto number = [&](const QString &text, const char *name) { return append(decimal, text, name); };
    auto address = [&](const QString &text, const char *name) { return append(addressWord, text, name); };
    auto bytes32 = [&](const QString &text, const char *name) { return append(bytes32Word, text, name); };
    if (!number(salt, "salt") || !address(maker, "maker") || !address(signer, "signer"))
        return false;
    if (version == 1 && !address(taker, "taker"))
        return false;
    if (!number(tokenId, "tokenId") || !number(makerAmount, "makerAmount") || !number(takerAmount, "takerAmount"))
        return false;
    if (version == 1) {
        if (!number(expiration, "expiration") || !number(nonce, "nonce") || !number(feeRateBps, "feeRateBps"))
            return false;
        encoded += AbiWord::fromUnsigned(quint64(side));
        encoded += AbiWord::fromUnsigned(quint64(signatureType));
    } else {
        encoded += AbiWord::fromUnsigned(quint64(side));
        encoded += AbiWord::fromUnsigned(quint64(signatureType));
        if (!number(timestamp, "timestamp") || !bytes32(metadata, "metadata") || !bytes32(builder, "builder"))
            return false;
    }
    hash = keccak256(encoded);
    return true;
}

} // namespace polymon
