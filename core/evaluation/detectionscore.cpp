#include "detectionscore.h"

#include <QJsonArray>

#include <algorithm>
#include <unordered_map>

namespace polymon {

namespace {

SignalType signalTypeOf(FlowEpisode::Type t)
{
    switch (t) {
    case FlowEpisode::Type::Panic: return SignalType::PanicSell;
    case FlowEpisode::Type::Fomo: return SignalType::FomoBuy;
    case FlowEpisode::Type::Vacuum: return SignalType::LiquidityVacuum;
    case FlowEpisode::Type::Pull: return SignalType::DepthPull;
    }
    return SignalType::PanicSell;
}

// A signal on the NO token, read on the YES side: its panic is YES's FOMO.
SignalType mirrored(SignalType t)
{
    if (t == SignalType::PanicSell)
        return SignalType::FomoBuy;
    if (t == SignalType::FomoBuy)
        return SignalType::PanicSell;
    return t;
}

struct Seen
{
    std::string condition;
    SignalType type;
    std::int64_t ts;
};

} // namespace

const char *DetectionReport::bucketName(int bucket) noexcept
{
    static const char *names[kBuckets] = {"1.5-2x", "2-3x", "3-4.5x", "4.5-6x"};
    return bucket >= 0 && bucket < kBuckets ? names[bucket] : "?";
}

int DetectionReport::bucketOf(double magnitude) noexcept
{
    return magnitude < 2.0 ? 0 : magnitude < 3.0 ? 1 : magnitude < 4.5 ? 2 : 3;
}

int DetectionReport::PerType::labelCount() const noexcept
{
    int n = 0;
    for (int v : labels)
        n += v;
    return n;
}

int DetectionReport::PerType::detectedCount() const noexcept
{
    int n = 0;
    for (int v : detected)
        n += v;
    return n;
}

double DetectionReport::PerType::recallFrom2x() const noexcept
{
    int l = 0, d = 0;
    for (int b = 1; b < kBuckets; ++b) {
        l += labels[std::size_t(b)];
        d += detected[std::size_t(b)];
    }
    return l ? double(d) / l : 0.0;
}

void DetectionReport::add(const DetectionReport &o)
{
    for (std::size_t t = 0; t < types.size(); ++t) {
        PerType &a = types[t];
        const PerType &b = o.types[t];
        for (std::size_t k = 0; k < std::size_t(kBuckets); ++k) {
            a.labels[k] += b.labels[k];
            a.detected[k] += b.detected[k];
        }
        a.signals += b.signals;
        a.truePositives += b.truePositives;
        a.calmFalseAlarms += b.calmFalseAlarms;
        a.delaySumS += b.delaySumS;
        a.delays += b.delays;
    }
    calmAssetHours += o.calmAssetHours;
    calmFalseAlarms += o.calmFalseAlarms;
}

QJsonObject DetectionReport::toJson() const
{
    QJsonObject out;
    for (int t = 0; t < kSignalTypeCount; ++t) {
        const PerType &p = types[std::size_t(t)];
        QJsonArray curve;
        for (int b = 0; b < kBuckets; ++b)
            curve.append(QJsonObject{{QStringLiteral("magnitude"), QLatin1String(bucketName(b))},
                                     {QStringLiteral("episodes"), p.labels[std::size_t(b)]},
                                     {QStringLiteral("recall"), p.recall(b)}});
        out.insert(QLatin1String(signalTypeName(SignalType(t))),
                   QJsonObject{{QStringLiteral("episodes"), p.labelCount()},
                               {QStringLiteral("recall_2x_and_above"), p.recallFrom2x()},
                               {QStringLiteral("recall_by_magnitude"), curve},
                               {QStringLiteral("signals"), p.signals},
                               {QStringLiteral("precision"), p.precision()},
                               {QStringLiteral("false_alarms_per_asset_hour"), falseAlarmsPerAssetHour(t)},
                               {QStringLiteral("mean_delay_s"), p.meanDelayS()}});
    }
    return QJsonObject{{QStringLiteral("types"), out}, {QStringLiteral("calm_asset_hours"), calmAssetHours}};
}

DetectionReport DetectionScore::score(const FlowStream &stream, const std::vector<Signal> &signals)
{
    DetectionReport report;
    std::unordered_map<std::string, std::pair<std::string, bool>> tokens; // token -> (condition, is YES)
    for (const auto &m : stream.markets()) {
        tokens[m->yesToken()] = {m->conditionId(), true};
        tokens[m->noToken()] = {m->conditionId(), false};
    }
    // Signals on the YES side, mirrors within 2 s merged, in time order.
    std::vector<Seen> seen;
    {
        std::vector<Seen> all;
        for (const Signal &s : signals) {
            const auto it = tokens.find(s.assetId);
            if (it == tokens.end())
                continue;
            all.push_back(Seen{it->second.first, it->second.second ? s.type : mirrored(s.type), s.timestampMs});
        }
        std::stable_sort(all.begin(), all.end(), [](const Seen &a, const Seen &b) { return a.ts < b.ts; });
        for (const Seen &s : all) {
            const bool duplicate = std::any_of(seen.rbegin(), seen.rend(), [&](const Seen &k) {
                return k.condition == s.condition && k.type == s.type && s.ts - k.ts <= 2'000;
            });
            if (!duplicate)
                seen.push_back(s);
        }
    }
    const auto &labels = stream.labels();
    std::vector<std::int64_t> firstMs(labels.size(), -1);
    for (const Seen &s : seen) {
        DetectionReport::PerType &type = report.types[std::size_t(s.type)];
        ++type.signals;
        bool matched = false, inEpisode = false;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const FlowLabel &l = labels[i];
            if (l.conditionId != s.condition)
                continue;
            const std::int64_t start = l.episode.startMs, end = l.episode.endMs();
            if (s.ts >= start && s.ts <= end + kCalmMarginMs)
                inEpisode = true;
            if (signalTypeOf(l.episode.type) != s.type || s.ts < start || s.ts > end + kGraceMs)
                continue;
            matched = true;
            if (firstMs[i] < 0 || s.ts < firstMs[i])
                firstMs[i] = s.ts;
        }
        if (matched)
            ++type.truePositives;
        else if (!inEpisode) {
            ++type.calmFalseAlarms;
            ++report.calmFalseAlarms;
        }
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const FlowEpisode &e = labels[i].episode;
        DetectionReport::PerType &type = report.types[std::size_t(signalTypeOf(e.type))];
        const int bucket = DetectionReport::bucketOf(e.magnitude);
        ++type.labels[std::size_t(bucket)];
        if (firstMs[i] >= 0) {
            ++type.detected[std::size_t(bucket)];
            type.delaySumS += double(firstMs[i] - e.startMs) / 1000.0;
            ++type.delays;
        }
    }
    // Calm time: after the warm-up, outside every episode and its margin; both tokens count.
    const auto &o = stream.options();
    const double spanMs = double(stream.endMs() - (o.startMs + o.warmupMs));
    double busyMs = 0;
    for (const FlowLabel &l : labels)
        busyMs += double(l.episode.endMs() + kCalmMarginMs - l.episode.startMs);
    report.calmAssetHours = std::max(0.0, 2.0 * (spanMs * double(stream.markets().size()) - busyMs) / 3'600'000.0);
    return report;
}

} // namespace polymon
