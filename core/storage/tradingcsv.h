#pragma once

#include <QIODevice>
#include <QString>

namespace polymon {

// An account's fills with their order and market, as CSV in SignalCsv's
// dialect (RFC 4180, CRLF, formula-safe text, exact decimals), so trades
// can be read beside the signal history.
class TradingCsv final
{
public:
    // False with a reason; `rows` is the number of fills written.
    static bool exportFills(const QString &dbPath, const QString &account, qint64 sinceMs, QIODevice &out, int &rows,
                            QString &error);
};

} // namespace polymon
