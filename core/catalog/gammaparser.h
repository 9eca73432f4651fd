#pragma once

#include "marketinfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace polymon {

// Parses Gamma `/markets` answers (an array, or one market object). Gamma
// encodes outcomes, outcomePrices and clobTokenIds as JSON strings holding
// arrays, and numbers sometimes as strings: both forms are accepted.
class GammaParser final
{
public:
    // False with a reason when the body is not a market list.
    static bool parseMarkets(const QByteArray &body, QList<MarketInfo> &out, QString &error);
    // `/public-search` answers: {"events":[{"markets":[...]}, ...], ...};
    // the markets of every event found.
    static bool parseSearch(const QByteArray &body, QList<MarketInfo> &out, QString &error);
    // `/events` answers (an array of events, or one): the markets of each,
    // told which event they belong to.
    static bool parseEvents(const QByteArray &body, QList<MarketInfo> &out, QString &error);
};

} // namespace polymon
