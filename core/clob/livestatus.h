#pragma once

#include <QMetaType>
#include <QString>

namespace polymon {

// What the live broker's link to the exchange looks like, for the UI.
struct LiveStatus
{
    bool ready = false;  // orders can be signed and sent
    QString state;       // "connecting", "ready", or why it cannot trade
    bool userChannel = false;
    int heartbeats = 0;      // answered so far
    QString heartbeatProblem; // empty while it beats
    QString rateTier;
    int rateRemaining = -1; // -1: not reported yet
    qint64 clockOffsetS = 0;
    int pendingMatches = 0; // MATCHED, not yet CONFIRMED
};

} // namespace polymon

Q_DECLARE_METATYPE(polymon::LiveStatus)
