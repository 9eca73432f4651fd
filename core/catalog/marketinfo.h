#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace polymon {

// One market as the browser lists it (from Gamma, or the simulator's catalog).
struct MarketInfo
{
    QString question;
    QString conditionId;
    QString slug;
    QStringList outcomes; // "Yes", "No" (or "Up", "Down", team names...)
    QStringList tokenIds; // CLOB token ids, paired with outcomes by index
    QString yesPrice;     // first outcome's price as the exchange wrote it
    double volume24h = 0.0;
    double liquidity = 0.0;
    QDateTime endDate;
    bool active = true;
    bool closed = false;
    bool orderBook = true;
    // Order rules from Gamma: the smallest resting order in shares
    // (millionths; 0: not known, the usual 5 applies), neg-risk, and
    // whether the market charges taker fees (their rate is in /clob-markets).
    qint64 minOrderSize = 0;
    bool negRisk = false;
    bool feesEnabled = false;
    // The multi-outcome event the market belongs to (Gamma `events`), and
    // its outcome's short name there ("Gretchen Whitmer"); empty: none.
    QString eventId;
    QString eventTitle;
    QString groupTitle;
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::MarketInfo)
