#include "mergedbook.h"

namespace polymon {

namespace {

// Merges two best-first lists, `better(a, b)` true when price a ranks first.
template <typename Better>
QVector<PriceLevel> mergeSide(const QVector<PriceLevel> &own, QVector<PriceLevel> mirrored, Better better, int &disagreements)
{
    QVector<PriceLevel> out;
    out.reserve(own.size() + mirrored.size());
    qsizetype i = 0, j = 0;
    while (i < own.size() || j < mirrored.size()) {
        if (j == mirrored.size() || (i < own.size() && better(own[i].price, mirrored[j].price))) {
            out << own[i++];
        } else if (i == own.size() || better(mirrored[j].price, own[i].price)) {
            out << mirrored[j++];
        } else { // the same price from both books: one offer
            if (own[i].size != mirrored[j].size)
                ++disagreements;
            out << PriceLevel{own[i].price, std::max(own[i].size, mirrored[j].size)};
            ++i;
            ++j;
        }
    }
    return out;
}

QVector<PriceLevel> mirrored(const QVector<PriceLevel> &levels)
{
    QVector<PriceLevel> out;
    out.reserve(levels.size());
    for (const PriceLevel &l : levels)
        out << PriceLevel{MergedBook::mirror(l.price), l.size}; // NO's best stays best on the other side
    return out;
}

} // namespace

MergedBook MergedBook::merge(const QVector<PriceLevel> &yesBids, const QVector<PriceLevel> &yesAsks,
                             const QVector<PriceLevel> &noBids, const QVector<PriceLevel> &noAsks)
{
    MergedBook book;
    book.bids = mergeSide(yesBids, mirrored(noAsks), [](Fixed a, Fixed b) { return a > b; }, book.disagreements);
    book.asks = mergeSide(yesAsks, mirrored(noBids), [](Fixed a, Fixed b) { return a < b; }, book.disagreements);
    return book;
}

} // namespace polymon
