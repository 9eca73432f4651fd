#include "eventanalysis.h"

#include "analysis/signalengine.h"
#include "book/booklistenerfanout.h"
#include "eventfeatures.h"
#include "midseries.h"
#include "replay/replayengine.h"

#include <algorithm>

namespace polymon {

EventAnalysis::Result EventAnalysis::run(const Request &request)
{
    Result result;
    std::vector<MarketEvent> events = request.events;
    std::stable_sort(events.begin(), events.end(), [](const MarketEvent &a, const MarketEvent &b) { return a.tsMs < b.tsMs; });
    if (request.recordings.isEmpty()) {
        result.error = "no recording to study";
        return result;
    }
    std::vector<EventFeatureRecorder::Sample> samples;
    for (int i = 0; i < request.recordings.size(); ++i) {
        const bool study = request.withStudy && i == 0;
        if (!study && !request.withModel)
            break;
        MidSeries mids;
        EventFeatureRecorder recorder(events, request.modelHorizonS);
        SignalEngine signalEngine(request.signalSettings, &recorder);
        BookListenerFanOut fanOut;
        if (study)
            fanOut.add(&mids);
        if (request.withModel) {
            fanOut.add(&recorder);
            fanOut.add(&signalEngine);
        }
        ReplayEngine engine(&fanOut);
        std::string error;
        if (!engine.loadFile(request.recordings[i].toStdString(), error)) {
            result.error = error;
            return result;
        }
        engine.run();
        signalEngine.finish();
        if (study)
            result.study = EventStudy::run(events, mids, request.study);
        if (request.withModel) {
            const auto s = recorder.samples();
            samples.insert(samples.end(), s.begin(), s.end());
            result.skipped += recorder.skipped();
        }
    }
    if (request.withModel)
        result.model = EventModel::fitAndScore(std::move(samples));
    return result;
}

} // namespace polymon
