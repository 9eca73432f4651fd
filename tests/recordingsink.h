#pragma once

#include "protocol/eventsink.h"

#include <QStringList>

// Writes each event as one short line so tests can compare whole frames.
class RecordingSink : public polymon::EventSink
{
public:
    QStringList lines;

    static QString f(polymon::Fixed v) { return QString::fromStdString(polymon::formatFixed(v)); }
    static QString s(std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); }
    static QString side(polymon::Side sd) { return sd == polymon::Side::Buy ? QStringLiteral("BUY") : QStringLiteral("SELL"); }

    void onBook(const polymon::BookEvent &e) override
    {
        QStringList b, a;
        for (const auto &l : e.bids)
            b << f(l.price) + QLatin1Char('x') + f(l.size);
        for (const auto &l : e.asks)
            a << f(l.price) + QLatin1Char('x') + f(l.size);
        lines << QStringLiteral("book %1 ts=%2 bids=[%3] asks=[%4] tick=%5 ltp=%6 hash=%7")
                     .arg(s(e.assetId), QString::number(e.timestampMs), b.join(QLatin1Char(' ')),
                          a.join(QLatin1Char(' ')), f(e.tickSize), f(e.lastTradePrice), s(e.hash));
    }
    void onPriceChange(const polymon::PriceChangeEvent &e) override
    {
        static const char *forms[] = {"current", "changes", "flat"};
        for (const auto &x : e.entries) {
            lines << QStringLiteral("change[%1] %2 %3 %4x%5 bb=%6 ba=%7 ts=%8")
                         .arg(QLatin1String(forms[int(e.form)]), s(x.assetId), side(x.side), f(x.price), f(x.size),
                              x.hasBestBid ? f(x.bestBid) : QStringLiteral("-"),
                              x.hasBestAsk ? f(x.bestAsk) : QStringLiteral("-"), QString::number(e.timestampMs));
        }
    }
    void onLastTrade(const polymon::LastTradeEvent &e) override
    {
        lines << QStringLiteral("trade %1 %2 %3x%4 fee=%5").arg(s(e.assetId), side(e.side), f(e.price), f(e.size),
                                                                 QString::number(e.feeRateBps));
    }
    void onTickSize(const polymon::TickSizeEvent &e) override
    {
        lines << QStringLiteral("tick %1 %2->%3").arg(s(e.assetId), f(e.oldTickSize), f(e.newTickSize));
    }
    void onBestBidAsk(const polymon::BestBidAskEvent &e) override
    {
        lines << QStringLiteral("bba %1 %2/%3 spread=%4").arg(s(e.assetId), f(e.bestBid), f(e.bestAsk), f(e.spread));
    }
    void onMarketLifecycle(const polymon::MarketLifecycleEvent &e) override
    {
        QStringList ids;
        for (auto id : e.assetIds)
            ids << s(id).left(6);
        lines << QStringLiteral("%1 %2 assets=%3 winner=%4")
                     .arg(e.resolved ? QStringLiteral("resolved") : QStringLiteral("new_market"), s(e.market).left(10),
                          ids.join(QLatin1Char(',')), s(e.winningOutcome));
    }
    void onPong() override { lines << QStringLiteral("pong"); }
    void onUnknownEvent(std::string_view type) override { lines << QStringLiteral("unknown:") + s(type); }
    void onParseError(std::string_view reason) override { lines << QStringLiteral("error:") + s(reason); }
};
