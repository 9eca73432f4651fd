#include "signalfollowup.h"

#include <QJsonArray>

#include <cmath>

namespace polymon {

namespace {

SignalFollowUp::Interval meanInterval(const std::vector<double> &v)
{
    SignalFollowUp::Interval out;
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

QJsonObject intervalJson(const SignalFollowUp::Interval &i)
{
    return QJsonObject{{QStringLiteral("n"), i.n},
                       {QStringLiteral("mean"), i.mean},
                       {QStringLiteral("ci95"), QJsonArray{i.low, i.high}}};
}

double price(Fixed v)
{
    return double(v) / double(kFixedScale);
}

} // namespace

void SignalFollowUp::onSignal(const Signal &s)
{
    if (s.side == SignalSide::Avoid || s.bestBid <= 0 || s.bestAsk <= 0)
        return;
    m_open[s.assetId].push_back(
        Open{s.type, s.side, s.timestampMs, s.mid, s.side == SignalSide::Buy ? s.bestAsk : s.bestBid, 0});
}

void SignalFollowUp::onOutcome(const Signal &s)
{
    if (!s.tracked)
        return;
    Samples &t = m_samples[std::size_t(s.type)];
    ++t.resolved;
    t.reverted += s.reverted ? 1 : 0;
}

void SignalFollowUp::beforeTop(const AssetBook &asset, std::int64_t timestampMs)
{
    const auto it = m_open.find(asset.assetId);
    const auto last = m_last.find(asset.assetId);
    if (it == m_open.end() || last == m_last.end())
        return;
    const Top &top = last->second;
    auto &open = it->second;
    for (std::size_t i = 0; i < open.size();) {
        Open &o = open[i];
        const double direction = o.side == SignalSide::Buy ? 1.0 : -1.0;
        Samples &t = m_samples[std::size_t(o.type)];
        // The book up to this update is the book at every horizon it passes.
        while (o.next < kHorizonsMs.size() && timestampMs >= o.firedMs + kHorizonsMs[o.next]) {
            t.move[o.next].push_back(direction * price(top.mid - o.mid));
            if (o.next + 1 == kHorizonsMs.size() && top.bid > 0 && top.ask > 0) {
                // Out at the opposite touch: a long sells at the bid, a short buys back at the ask.
                const Fixed exit = o.side == SignalSide::Buy ? top.bid : top.ask;
                const double fees = price(m_fees.takerFee(kFixedScale, o.entry) + m_fees.takerFee(kFixedScale, exit));
                t.pnl.push_back(direction * price(exit - o.entry) - fees);
            }
            ++o.next;
        }
        if (o.next >= kHorizonsMs.size()) {
            open[i] = open.back();
            open.pop_back();
        } else {
            ++i;
        }
    }
}

void SignalFollowUp::afterTop(const AssetBook &asset)
{
    const OrderBook &b = asset.book;
    Top &top = m_last[asset.assetId];
    top.bid = b.hasBid() ? b.bestBid() : 0;
    top.ask = b.hasAsk() ? b.bestAsk() : 0;
    top.mid = top.bid > 0 && top.ask > 0 ? (top.bid + top.ask) / 2 : top.mid;
}

std::array<SignalFollowUp::PerType, kSignalTypeCount> SignalFollowUp::summary() const
{
    std::array<PerType, kSignalTypeCount> out{};
    for (std::size_t t = 0; t < out.size(); ++t) {
        const Samples &s = m_samples[t];
        for (std::size_t h = 0; h < kHorizonsMs.size(); ++h)
            out[t].move[h] = meanInterval(s.move[h]);
        out[t].pnlPerShare = meanInterval(s.pnl);
        out[t].resolved = s.resolved;
        out[t].reverted = s.reverted;
        if (s.resolved > 0) {
            // Wilson score interval: sane at 0 % and 100 % and for few signals.
            const double n = s.resolved, p = double(s.reverted) / n, z = 1.96;
            const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
            const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
            out[t].revertedLow = centre - half;
            out[t].revertedHigh = centre + half;
        }
    }
    return out;
}

QJsonObject SignalFollowUp::toJson() const
{
    const auto all = summary();
    QJsonObject out;
    for (int t = 0; t < kSignalTypeCount; ++t) {
        const PerType &p = all[std::size_t(t)];
        QJsonObject o{{QStringLiteral("move_30s"), intervalJson(p.move[0])},
                      {QStringLiteral("move_2m"), intervalJson(p.move[1])},
                      {QStringLiteral("move_5m"), intervalJson(p.move[2])},
                      {QStringLiteral("pnl_per_share_5m_net"), intervalJson(p.pnlPerShare)},
                      {QStringLiteral("reverted"), p.resolved ? double(p.reverted) / p.resolved : 0.0},
                      {QStringLiteral("reverted_ci95"), QJsonArray{p.revertedLow, p.revertedHigh}},
                      {QStringLiteral("resolved"), p.resolved}};
        out.insert(QLatin1String(signalTypeName(SignalType(t))), o);
    }
    return out;
}

} // namespace polymon
