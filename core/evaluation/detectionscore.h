#pragma once

#include "analysis/signal.h"
#include "flowstream.h"

#include <QJsonObject>

#include <array>
#include <vector>

namespace polymon {

// How the detector did on a FlowStream, per type: recall by magnitude
// (a detection curve), precision, detection delay, and false alarms per
// asset-hour of calm. An episode counts once even when both tokens show it
// (a YES panic is a NO FOMO): signals are read on the YES side and mirror
// signals within 2 s are one.
struct DetectionReport
{
    static constexpr int kBuckets = 4; // magnitude 1.5-2, 2-3, 3-4.5, 4.5-6
    static const char *bucketName(int bucket) noexcept;
    static int bucketOf(double magnitude) noexcept;

    struct PerType
    {
        std::array<int, kBuckets> labels{};
        std::array<int, kBuckets> detected{};
        int signals = 0;         // after merging mirrors
        int truePositives = 0;   // inside an episode of this type
        int calmFalseAlarms = 0; // outside every episode
        double delaySumS = 0.0;  // first matching signal after the episode began
        int delays = 0;

        int labelCount() const noexcept;
        int detectedCount() const noexcept;
        double recall(int bucket) const noexcept { return labels[std::size_t(bucket)] ? double(detected[std::size_t(bucket)]) / labels[std::size_t(bucket)] : 0.0; }
        // Episodes of magnitude 2x and above (the bar).
        double recallFrom2x() const noexcept;
        double precision() const noexcept { return signals ? double(truePositives) / signals : 0.0; }
        double meanDelayS() const noexcept { return delays ? delaySumS / delays : 0.0; }
    };

    std::array<PerType, kSignalTypeCount> types{};
    double calmAssetHours = 0.0;
    int calmFalseAlarms = 0;

    double falseAlarmsPerAssetHour(int type) const noexcept
    {
        return calmAssetHours > 0 ? types[std::size_t(type)].calmFalseAlarms / calmAssetHours : 0.0;
    }
    void add(const DetectionReport &other);
    QJsonObject toJson() const;
};

class DetectionScore final
{
public:
    static constexpr std::int64_t kGraceMs = 10'000;     // a signal this long after an episode still belongs to it
    static constexpr std::int64_t kCalmMarginMs = 30'000; // calm starts this long after an episode ends

    static DetectionReport score(const FlowStream &stream, const std::vector<Signal> &signals);
};

} // namespace polymon
