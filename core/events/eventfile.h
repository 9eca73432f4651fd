#pragma once

#include "marketevent.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace polymon {

// A user's own events: JSONL, one {"ts": ms, "type": "...", "market": "...",
// "asset_id": "...", "text": "...", "slug": "..."} per line (all but ts and
// type optional), or CSV with the header ts,type,market,asset_id,text (the
// same columns; text may be quoted). A bad line is counted and named with
// its number and reason; the others are read.
class EventFile final
{
public:
    struct Result
    {
        std::vector<MarketEvent> events; // in time order
        int badLines = 0;
        QStringList problems; // the first few, "line 7: no ts"
    };

    // False only when the file cannot be read at all.
    static bool read(const QString &path, Result &out, QString &error);
    static Result parse(const QByteArray &text);
};

} // namespace polymon
