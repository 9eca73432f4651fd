#include "snapshotrows.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace polymon {

namespace {

QByteArray levelsJson(std::span<const PriceLevel> bestLast, int limit)
{
    QByteArray out = "[";
    int n = 0;
    for (auto it = bestLast.rbegin(); it != bestLast.rend() && n < limit; ++it, ++n) {
        if (n)
            out += ',';
        out += "[\"";
        out += formatFixed(it->price).c_str();
        out += "\",\"";
        out += formatFixed(it->size).c_str();
        out += "\"]";
    }
    out += ']';
    return out;
}

} // namespace

SnapshotRow SnapshotRows::make(const AssetBook &a, Fixed band)
{
    return SnapshotRow{QString::fromStdString(a.assetId), a.lastUpdateMs, a.book.metrics(band),
                       levelsJson(a.book.bids(), kLevelsPerSide), levelsJson(a.book.asks(), kLevelsPerSide), a.tickSize};
}

QVector<PriceLevel> SnapshotRows::parseLevels(const QString &stored)
{
    QVector<PriceLevel> out;
    const QJsonArray levels = QJsonDocument::fromJson(stored.toUtf8()).array();
    out.reserve(levels.size());
    for (const QJsonValue &v : levels) {
        const QJsonArray l = v.toArray();
        PriceLevel level;
        if (parseFixed(l.at(0).toString().toStdString(), level.price) == FixedError::None
            && parseFixed(l.at(1).toString().toStdString(), level.size) == FixedError::None)
            out.append(level);
    }
    return out;
}

} // namespace polymon
