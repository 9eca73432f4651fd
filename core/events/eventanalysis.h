#pragma once

#include "analysis/signalsettings.h"
#include "eventmodel.h"
#include "eventstudy.h"

#include <QStringList>

#include <string>
#include <vector>

namespace polymon {

// The event study and the predictive model on recordings: each recording
// (a capture or a JSONL stream, oldest first) replays on its own books
// with the signal detector beside them; the study reads the first, the
// model pools every recording's samples and splits them by time. Used by
// `polymon-cli events` and the desktop's Event study window.
class EventAnalysis final
{
public:
    struct Request
    {
        QStringList recordings;
        std::vector<MarketEvent> events; // in any order
        EventStudy::Options study;
        int modelHorizonS = 30;
        SignalSettings signalSettings;
        bool withStudy = true;
        bool withModel = true;
    };
    struct Result
    {
        std::vector<EventStudy::TypeResult> study;
        EventModel::Report model;
        int skipped = 0; // events without a two-sided book at their time (model)
        std::string error;
    };

    static Result run(const Request &request);
};

} // namespace polymon
