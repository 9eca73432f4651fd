#include "eventstudy.h"

#include "midseries.h"

#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator64>

#include <algorithm>
#include <cmath>

namespace polymon {

namespace {

struct Stats
{
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    void add(double v)
    {
        sum += v;
        sumSq += v * v;
        ++n;
    }
    double mean() const { return n ? sum / n : 0.0; }
    double sd() const { return n > 1 ? std::sqrt(std::max(0.0, (sumSq - sum * sum / n) / (n - 1))) : 0.0; }
};

// The tokens an event concerns.
QStringList tokensOf(const MarketEvent &e, const MidSeries &mids, const QStringList &everyMarket)
{
    if (!e.assetId.isEmpty())
        return {e.assetId};
    if (!e.market.isEmpty()) {
        const QString token = mids.firstTokenOf(e.market);
        return token.isEmpty() ? QStringList{} : QStringList{token};
    }
    return everyMarket;
}

// The move over `h` ms from `t`, in millionths; false without a mid at both ends.
bool moveAt(const MidSeries &mids, const QString &token, std::int64_t t, std::int64_t h, double &move)
{
    Fixed a = 0, b = 0;
    if (t + h > mids.lastMs() || !mids.midAt(token, t, a) || !mids.midAt(token, t + h, b))
        return false;
    move = double(b - a);
    return true;
}

QString decimal(double millionths)
{
    return QString::fromStdString(formatFixed(Fixed(std::llround(millionths))));
}

double correlation(const std::vector<double> &x, const std::vector<double> &y)
{
    Stats sx, sy;
    double sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sx.add(x[i]);
        sy.add(y[i]);
        sxy += x[i] * y[i];
    }
    const double n = double(x.size());
    const double cov = sxy - sx.sum * sy.sum / n;
    const double vx = sx.sumSq - sx.sum * sx.sum / n, vy = sy.sumSq - sy.sum * sy.sum / n;
    return vx > 0 && vy > 0 ? cov / std::sqrt(vx * vy) : 0.0;
}

} // namespace

double EventStudy::tQuantile(int df)
{
    static const double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                    2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                    2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1)
        return 0.0;
    if (df <= 30)
        return kTable[df - 1];
    return 1.96 + 2.4 / df; // within 0.002 of the exact value beyond 30
}

double EventStudy::weightOf(const MarketEvent &e)
{
    if (e.type != QLatin1String("chat_rate"))
        return 1.0;
    bool ok = false;
    const double messages = e.text.toDouble(&ok);
    return ok && messages >= 0 ? messages : 0.0;
}

std::vector<EventStudy::TypeResult> EventStudy::run(const std::vector<MarketEvent> &events, const MidSeries &mids,
                                                    const Options &options)
{
    QStringList everyMarket;
    for (const QString &asset : mids.assets())
        everyMarket << asset;
    everyMarket.sort();
    QMap<QString, std::vector<const MarketEvent *>> byType; // sorted by type name
    for (const MarketEvent &e : events)
        byType[e.type].push_back(&e);

    std::vector<TypeResult> results;
    QRandomGenerator64 random(options.seed);
    for (auto it = byType.cbegin(); it != byType.cend(); ++it) {
        TypeResult r;
        r.type = it.key();
        r.events = int(it->size());
        QStringList tokens; // every token these events concern (the baseline draws from them)
        for (const MarketEvent *e : *it)
            for (const QString &t : tokensOf(*e, mids, everyMarket))
                if (!tokens.contains(t))
                    tokens << t;
        for (int seconds : options.horizonsS) {
            const std::int64_t h = std::int64_t(seconds) * 1000;
            Horizon hz;
            hz.seconds = seconds;
            Stats moves;
            for (const MarketEvent *e : *it) {
                for (const QString &token : tokensOf(*e, mids, everyMarket)) {
                    double move = 0;
                    if (moveAt(mids, token, e->tsMs, h, move))
                        moves.add(move);
                }
            }
            hz.n = moves.n;
            const double half = moves.n > 1 ? tQuantile(moves.n - 1) * moves.sd() / std::sqrt(double(moves.n)) : 0.0;
            hz.meanMove = moves.mean() / kFixedScale;
            hz.ciLow = (moves.mean() - half) / kFixedScale;
            hz.ciHigh = (moves.mean() + half) / kFixedScale;
            Stats baseline;
            const std::int64_t span = mids.lastMs() - h - mids.firstMs();
            for (int i = 0; i < options.baselineSamples && span > 0 && !tokens.isEmpty(); ++i) {
                const std::int64_t t = mids.firstMs() + std::int64_t(random.bounded(quint64(span)));
                double move = 0;
                if (moveAt(mids, tokens[int(random.bounded(quint64(tokens.size())))], t, h, move))
                    baseline.add(move);
            }
            hz.baselineMean = baseline.mean() / kFixedScale;
            hz.baselineN = baseline.n;
            r.horizons.push_back(hz);
        }
        // Lead or lag: events per second against absolute mid changes per second.
        const std::int64_t first = mids.firstMs() / 1000, last = mids.lastMs() / 1000;
        if (last > first && last - first < 10'000'000) {
            const std::size_t buckets = std::size_t(last - first + 1);
            std::vector<double> counts(buckets, 0.0), activity(buckets, 0.0);
            for (const MarketEvent *e : *it) {
                const std::int64_t b = e->tsMs / 1000 - first;
                if (b >= 0 && b < std::int64_t(buckets))
                    counts[std::size_t(b)] += weightOf(*e);
            }
            for (const QString &token : tokens) {
                const std::vector<MidSeries::Point> *points = mids.series(token);
                for (std::size_t i = 1; points && i < points->size(); ++i) {
                    const MidSeries::Point &a = (*points)[i - 1], &b = (*points)[i];
                    if (a.mid < 0 || b.mid < 0)
                        continue; // into or out of a gap
                    activity[std::size_t(b.tsMs / 1000 - first)] += std::abs(double(b.mid - a.mid));
                }
            }
            double best = 0;
            for (int lag = -options.maxLagS; lag <= options.maxLagS; ++lag) {
                std::vector<double> x, y;
                for (std::size_t b = 0; b < buckets; ++b) {
                    const std::int64_t other = std::int64_t(b) + lag;
                    if (other < 0 || other >= std::int64_t(buckets))
                        continue;
                    x.push_back(counts[b]);
                    y.push_back(activity[std::size_t(other)]);
                }
                const double c = x.size() > 2 ? correlation(x, y) : 0.0;
                r.lagCurve.push_back(c);
                if (c > best) {
                    best = c;
                    r.leadLagS = lag;
                }
            }
            r.lagCorrelation = best;
        }
        results.push_back(std::move(r));
    }
    return results;
}

QJsonArray EventStudy::toJson(const std::vector<TypeResult> &results)
{
    QJsonArray out;
    for (const TypeResult &r : results) {
        QJsonArray horizons;
        for (const Horizon &h : r.horizons)
            horizons.append(QJsonObject{{QStringLiteral("s"), h.seconds},
                                        {QStringLiteral("n"), h.n},
                                        {QStringLiteral("mean_move"), decimal(h.meanMove * kFixedScale)},
                                        {QStringLiteral("ci_low"), decimal(h.ciLow * kFixedScale)},
                                        {QStringLiteral("ci_high"), decimal(h.ciHigh * kFixedScale)},
                                        {QStringLiteral("baseline_mean"), decimal(h.baselineMean * kFixedScale)},
                                        {QStringLiteral("baseline_n"), h.baselineN}});
        QJsonObject type{{QStringLiteral("type"), r.type},
                         {QStringLiteral("n"), r.events},
                         {QStringLiteral("horizons"), horizons},
                         {QStringLiteral("lead_lag_s"), r.leadLagS},
                         {QStringLiteral("lag_correlation"), std::round(r.lagCorrelation * 1000) / 1000}};
        if (r.type == QLatin1String("chat_rate")) {
            // The chat's pace against the book's absolute moves, at every lag
            // (positive: the book moves after the chat).
            QJsonArray curve;
            const int maxLag = int(r.lagCurve.size() / 2);
            for (std::size_t i = 0; i < r.lagCurve.size(); ++i)
                curve.append(QJsonObject{{QStringLiteral("lag_s"), int(i) - maxLag},
                                         {QStringLiteral("r"), std::round(r.lagCurve[i] * 1000) / 1000}});
            type.insert(QStringLiteral("cross_correlation"), curve);
        }
        out.append(type);
    }
    return out;
}

} // namespace polymon
