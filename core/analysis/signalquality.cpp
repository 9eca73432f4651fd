#include "signalquality.h"

#include <QJsonArray>

#include <cmath>

namespace polymon {

namespace {

SignalQuality::Interval meanInterval(const std::vector<double> &v)
{
    SignalQuality::Interval out;
    out.n = int(v.size());
    if (v.empty())
        return out;
    double sum = 0;
    for (double x : v)
        sum += x;
    out.mean = sum / double(v.size());
    double ss = 0;
    for (double x : v)
        ss += (x - out.mean) * (x - out.mean);
    const double half = v.size() > 1 ? 1.96 * std::sqrt(ss / double(v.size() - 1) / double(v.size())) : 0.0;
    out.low = out.mean - half;
    out.high = out.mean + half;
    return out;
}

QJsonObject intervalJson(const SignalQuality::Interval &i)
{
    return QJsonObject{{QStringLiteral("n"), i.n},
                       {QStringLiteral("mean"), i.mean},
                       {QStringLiteral("ci95"), QJsonArray{i.low, i.high}}};
}

} // namespace

void SignalQuality::addMove(SignalType type, std::size_t horizon, bool buy, Fixed midAtSignal, Fixed midThen)
{
    m_samples[std::size_t(type)].move[horizon].push_back((buy ? 1.0 : -1.0) * toDouble(midThen - midAtSignal));
}

void SignalQuality::addRoundTrip(SignalType type, bool buy, Fixed entry, Fixed exit, const FeeSchedule &fees)
{
    const Fixed fee = fees.takerFee(kFixedScale, entry) + fees.takerFee(kFixedScale, exit);
    m_samples[std::size_t(type)].pnl.push_back((buy ? 1.0 : -1.0) * toDouble(exit - entry) - toDouble(fee));
}

void SignalQuality::addOutcome(SignalType type, bool reverted)
{
    Samples &t = m_samples[std::size_t(type)];
    ++t.resolved;
    t.reverted += reverted ? 1 : 0;
}

void SignalQuality::add(const SignalQuality &other)
{
    for (std::size_t t = 0; t < m_samples.size(); ++t) {
        Samples &a = m_samples[t];
        const Samples &b = other.m_samples[t];
        for (std::size_t h = 0; h < kHorizons; ++h)
            a.move[h].insert(a.move[h].end(), b.move[h].begin(), b.move[h].end());
        a.pnl.insert(a.pnl.end(), b.pnl.begin(), b.pnl.end());
        a.resolved += b.resolved;
        a.reverted += b.reverted;
    }
}

std::array<SignalQuality::PerType, kSignalTypeCount> SignalQuality::summary() const
{
    std::array<PerType, kSignalTypeCount> out{};
    for (std::size_t t = 0; t < out.size(); ++t) {
        const Samples &s = m_samples[t];
        for (std::size_t h = 0; h < kHorizons; ++h)
            out[t].move[h] = meanInterval(s.move[h]);
        out[t].pnlPerShare = meanInterval(s.pnl);
        out[t].resolved = s.resolved;
        out[t].reverted = s.reverted;
        if (s.resolved > 0) {
            // Wilson score interval: sane at 0 % and 100 % and for few signals.
            const double n = s.resolved, p = double(s.reverted) / n, z = 1.96;
            const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
            const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
            out[t].revertedLow = std::max(0.0, centre - half);
            out[t].revertedHigh = std::min(1.0, centre + half);
        }
    }
    return out;
}

QJsonObject SignalQuality::toJson() const
{
    const auto all = summary();
    QJsonObject out;
    for (int t = 0; t < kSignalTypeCount; ++t) {
        const PerType &p = all[std::size_t(t)];
        out.insert(QLatin1String(signalTypeName(SignalType(t))),
                   QJsonObject{{QStringLiteral("move_30s"), intervalJson(p.move[0])},
                               {QStringLiteral("move_2m"), intervalJson(p.move[1])},
                               {QStringLiteral("move_5m"), intervalJson(p.move[2])},
                               {QStringLiteral("pnl_per_share_5m_net"), intervalJson(p.pnlPerShare)},
                               {QStringLiteral("reverted"), p.resolved ? double(p.reverted) / p.resolved : 0.0},
                               {QStringLiteral("reverted_ci95"), QJsonArray{p.revertedLow, p.revertedHigh}},
                               {QStringLiteral("resolved"), p.resolved}});
    }
    return out;
}

} // namespace polymon
