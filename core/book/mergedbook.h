#pragma once

#include "protocol/events.h"

#include <QVector>

namespace polymon {

// YES and NO of a binary market as one book priced in YES: a NO bid at q
// is a YES ask at 1 - q (buying NO is selling YES) and a NO ask at q a
// YES bid at 1 - q. Polymarket shows every order in both tokens' books, so
// a price both sides name is one offer seen twice: it counts once (the
// larger size, should one book lag the other), never the sum.
struct MergedBook
{
    QVector<PriceLevel> bids; // best first
    QVector<PriceLevel> asks; // best first
    int disagreements = 0;    // prices where the two books named different sizes

    // Levels are best first, as TopSnapshot carries them.
    static MergedBook merge(const QVector<PriceLevel> &yesBids, const QVector<PriceLevel> &yesAsks,
                            const QVector<PriceLevel> &noBids, const QVector<PriceLevel> &noAsks);
    // A price of the other token in this one's terms.
    static Fixed mirror(Fixed price) { return kFixedScale - price; }
};

} // namespace polymon
