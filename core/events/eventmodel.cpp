#include "eventmodel.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace polymon {

namespace {

constexpr int kIterations = 800;
constexpr double kLearningRate = 0.1;
constexpr double kL2 = 0.01;

std::vector<double> featuresOf(const EventFeatureRecorder::Sample &s, const QStringList &types)
{
    std::vector<double> x{s.imbalance, s.spreadTicks, s.momentumTicks, s.signalLean};
    for (const QString &t : types)
        x.push_back(s.type == t ? 1.0 : 0.0);
    return x;
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

double round3(double v)
{
    return std::round(v * 1000) / 1000;
}

} // namespace

double EventModel::auc(const std::vector<double> &scores, const std::vector<bool> &labels)
{
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Mann-Whitney: the average rank of the positives, ties sharing ranks.
    double rankSum = 0;
    std::size_t positives = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && scores[order[j]] == scores[order[i]])
            ++j;
        const double rank = (double(i) + double(j) + 1) / 2; // 1-based average
        for (std::size_t k = i; k < j; ++k)
            if (labels[order[k]]) {
                rankSum += rank;
                ++positives;
            }
        i = j;
    }
    const std::size_t negatives = order.size() - positives;
    if (positives == 0 || negatives == 0)
        return 0.5;
    return (rankSum - double(positives) * double(positives + 1) / 2) / (double(positives) * double(negatives));
}

EventModel::Report EventModel::fitAndScore(std::vector<EventFeatureRecorder::Sample> samples)
{
    Report r;
    std::stable_sort(samples.begin(), samples.end(), [](const auto &a, const auto &b) { return a.tsMs < b.tsMs; });
    r.samples = int(samples.size());
    r.train = int(std::floor(double(samples.size()) * kTrainShare));
    r.test = r.samples - r.train;
    QStringList types;
    for (const auto &s : samples)
        if (!types.contains(s.type))
            types << s.type;
    types.sort();
    r.features = QStringList{QStringLiteral("imbalance"), QStringLiteral("spread_ticks"), QStringLiteral("momentum_30s_ticks"),
                              QStringLiteral("signal_lean_60s")};
    for (const QString &t : types)
        r.features << QStringLiteral("type=%1").arg(t);
    if (r.train < kMinTrain || r.test < kMinTest) {
        r.reason = QStringLiteral("too little data: %1 samples with a move after them (at least %2 to train and %3 to test "
                                  "are needed)")
                       .arg(r.samples)
                       .arg(kMinTrain)
                       .arg(kMinTest);
        return r;
    }
    const std::size_t n = std::size_t(r.train), d = std::size_t(r.features.size());
    std::vector<std::vector<double>> x;
    std::vector<bool> y;
    for (const auto &s : samples) {
        x.push_back(featuresOf(s, types));
        y.push_back(s.up);
    }
    const int trainUps = int(std::count(y.begin(), y.begin() + r.train, true));
    if (trainUps == 0 || trainUps == r.train) {
        r.reason = QStringLiteral("too little data: the earlier samples all moved the same way");
        return r;
    }
    // Standardise on the training part only (the later part is unseen).
    std::vector<double> mean(d, 0.0), sd(d, 1.0);
    for (std::size_t j = 0; j < d; ++j) {
        double sum = 0, sq = 0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += x[i][j];
            sq += x[i][j] * x[i][j];
        }
        mean[j] = sum / double(n);
        const double var = sq / double(n) - mean[j] * mean[j];
        sd[j] = var > 1e-12 ? std::sqrt(var) : 1.0;
    }
    for (auto &row : x)
        for (std::size_t j = 0; j < d; ++j)
            row[j] = (row[j] - mean[j]) / sd[j];
    std::vector<double> w(d + 1, 0.0); // bias last
    for (int it = 0; it < kIterations; ++it) {
        std::vector<double> grad(d + 1, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            double z = w[d];
            for (std::size_t j = 0; j < d; ++j)
                z += w[j] * x[i][j];
            const double err = sigmoid(z) - (y[i] ? 1.0 : 0.0);
            for (std::size_t j = 0; j < d; ++j)
                grad[j] += err * x[i][j];
            grad[d] += err;
        }
        for (std::size_t j = 0; j <= d; ++j)
            w[j] -= kLearningRate * (grad[j] / double(n) + (j < d ? kL2 * w[j] : 0.0));
    }
    std::vector<double> scores;
    std::vector<bool> labels;
    int right = 0, ups = 0;
    for (std::size_t i = n; i < x.size(); ++i) {
        double z = w[d];
        for (std::size_t j = 0; j < d; ++j)
            z += w[j] * x[i][j];
        scores.push_back(z);
        labels.push_back(y[i]);
        right += (z > 0) == y[i] ? 1 : 0;
        ups += y[i] ? 1 : 0;
    }
    r.enoughData = true;
    r.accuracy = double(right) / double(r.test);
    r.baseRate = double(std::max(ups, r.test - ups)) / double(r.test);
    r.auc = auc(scores, labels);
    r.weights = w;
    return r;
}

QJsonObject EventModel::toJson(const Report &r, int horizonS)
{
    QJsonObject o{{QStringLiteral("horizon_s"), horizonS},
                  {QStringLiteral("samples"), r.samples},
                  {QStringLiteral("train"), r.train},
                  {QStringLiteral("test"), r.test},
                  {QStringLiteral("enough_data"), r.enoughData}};
    if (!r.enoughData) {
        o.insert(QStringLiteral("reason"), r.reason);
        return o;
    }
    o.insert(QStringLiteral("accuracy"), round3(r.accuracy));
    o.insert(QStringLiteral("base_rate"), round3(r.baseRate));
    o.insert(QStringLiteral("auc"), round3(r.auc));
    QJsonObject weights;
    for (int j = 0; j < r.features.size(); ++j)
        weights.insert(r.features[j], round3(r.weights[std::size_t(j)]));
    weights.insert(QStringLiteral("bias"), round3(r.weights.back()));
    o.insert(QStringLiteral("weights"), weights);
    return o;
}

} // namespace polymon
