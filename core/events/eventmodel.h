#pragma once

#include "eventfeatures.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace polymon {

// Predicts the sign of the mid's move after an event from the event's type
// and the book at that moment: a logistic regression (standardised
// features, L2, gradient descent), trained on the earlier samples and
// scored on the later ones (a time split, never shuffled). Reports
// accuracy and AUC on the later samples against the base rate (always
// guessing their commoner sign), or says there is too little data.
class EventModel final
{
public:
    struct Report
    {
        int samples = 0;
        int train = 0;
        int test = 0;
        bool enoughData = false;
        QString reason; // why not, when not
        double accuracy = 0;
        double baseRate = 0;
        double auc = 0.5;
        QStringList features;
        std::vector<double> weights; // per feature, on the standardised scale; bias last
    };
    static constexpr double kTrainShare = 0.7;
    static constexpr int kMinTrain = 40;
    static constexpr int kMinTest = 20;

    // `samples` in any order; they are split by time.
    static Report fitAndScore(std::vector<EventFeatureRecorder::Sample> samples);
    static QJsonObject toJson(const Report &report, int horizonS);
    // Area under the ROC curve of scores against labels (ties count half).
    static double auc(const std::vector<double> &scores, const std::vector<bool> &labels);
};

} // namespace polymon
