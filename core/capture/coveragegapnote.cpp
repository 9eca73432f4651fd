#include "coveragegapnote.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace polymon {

namespace {
constexpr std::string_view kKey = "\"coverage_gap\"";
}

std::string CoverageGapNote::toJson() const
{
    const QJsonObject gap{{QStringLiteral("assets"), QJsonArray::fromStringList(assets)},
                          {QStringLiteral("from_ms"), fromMs},
                          {QStringLiteral("to_ms"), toMs}};
    return QJsonDocument(QJsonObject{{QStringLiteral("coverage_gap"), gap}}).toJson(QJsonDocument::Compact).toStdString();
}

bool CoverageGapNote::fromJson(std::string_view note, CoverageGapNote &out)
{
    if (note.find(kKey) == std::string_view::npos)
        return false;
    const QJsonObject gap = QJsonDocument::fromJson(QByteArray(note.data(), qsizetype(note.size())))
                                .object()
                                .value(QStringLiteral("coverage_gap"))
                                .toObject();
    if (gap.isEmpty())
        return false;
    out = CoverageGapNote{};
    for (const QJsonValue &v : gap.value(QStringLiteral("assets")).toArray())
        out.assets << v.toString();
    out.fromMs = qint64(gap.value(QStringLiteral("from_ms")).toDouble());
    out.toMs = qint64(gap.value(QStringLiteral("to_ms")).toDouble());
    return !out.assets.isEmpty() && out.toMs > out.fromMs;
}

QString CoverageGapTally::describe() const
{
    if (gaps == 0)
        return {};
    auto minutes = [](qint64 ms) { return QString::number(std::max<qint64>(1, (ms + 30'000) / 60'000)); };
    return QStringLiteral("%1 stretch%2 when no recorder held a book (%3 min in all, the longest %4 min from %5 UTC): "
                          "no book and no trading there")
        .arg(gaps)
        .arg(gaps == 1 ? QString() : QStringLiteral("es"))
        .arg(minutes(totalMs), minutes(longestMs),
             QDateTime::fromMSecsSinceEpoch(longestFromMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

CoverageGapTally CoverageGapTally::of(const QList<CoverageGapNote> &gaps)
{
    CoverageGapTally tally;
    for (const CoverageGapNote &gap : gaps)
        tally.add(gap);
    return tally;
}

void CoverageGapTally::add(const CoverageGapNote &gap)
{
    const qint64 length = gap.toMs - gap.fromMs;
    ++gaps;
    totalMs += length;
    if (length > longestMs) {
        longestMs = length;
        longestFromMs = gap.fromMs;
    }
}

} // namespace polymon
