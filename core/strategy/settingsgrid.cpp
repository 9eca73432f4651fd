#include "settingsgrid.h"

#include <QSet>

namespace polymon {

namespace {

struct Axis
{
    QString key;
    QStringList values;
};

// Every combination of the axes' values, the first axis varying slowest.
std::vector<std::vector<QString>> product(const std::vector<Axis> &axes)
{
    std::vector<std::vector<QString>> out{{}};
    for (const Axis &axis : axes) {
        std::vector<std::vector<QString>> next;
        for (const auto &prefix : out) {
            for (const QString &v : axis.values) {
                next.push_back(prefix);
                next.back().push_back(v);
            }
        }
        out = std::move(next);
    }
    return out;
}

QString labelOf(const std::vector<Axis> &axes, const std::vector<QString> &values)
{
    QStringList parts;
    for (std::size_t i = 0; i < axes.size(); ++i)
        parts << axes[i].key + QLatin1Char('=') + values[i];
    return parts.join(QLatin1Char(' '));
}

} // namespace

QStringList SettingsGrid::strategyKeys()
{
    return {QStringLiteral("hold_s"), QStringLiteral("stop"), QStringLiteral("max_slippage")};
}

bool SettingsGrid::setStrategy(StrategySettings &s, const QString &key, const QString &value, QString &error)
{
    const std::string text = value.trimmed().toStdString();
    if (key == QLatin1String("hold_s")) {
        bool ok = false;
        const double seconds = value.toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 7 * 86'400) {
            error = QStringLiteral("hold_s needs seconds between 0 and a week, not \"%1\"").arg(value);
            return false;
        }
        s.holdMs = std::int64_t(seconds * 1000.0 + 0.5);
        return true;
    }
    if (key == QLatin1String("stop") || key == QLatin1String("max_slippage")) {
        Fixed v = 0;
        if (parseFixed(text, v) != FixedError::None || v >= kFixedScale) {
            error = QStringLiteral("%1 needs a price distance below 1, like 0.05, not \"%2\"").arg(key, value);
            return false;
        }
        (key == QLatin1String("stop") ? s.stop : s.maxSlippage) = v;
        return true;
    }
    if (key == QLatin1String("shares")) {
        // Whole hundredths, like an order's size; at most ten million.
        Fixed v = 0;
        if (parseFixed(text, v) != FixedError::None || v <= 0 || v % (kFixedScale / 100) != 0
            || v > 10'000'000 * kFixedScale) {
            error = QStringLiteral("shares needs a positive number in hundredths up to 10000000, like 100 or 12.5, not \"%1\"")
                        .arg(value);
            return false;
        }
        s.shares = v;
        return true;
    }
    if (key == QLatin1String("fee_rate")) {
        FeeSchedule fees = s.fees;
        if (parseFixed(text, fees.rate) != FixedError::None || !fees.valid()) {
            error = QStringLiteral("fee_rate needs a rate from 0 to 1, like 0.05, not \"%1\"").arg(value);
            return false;
        }
        s.fees = fees;
        return true;
    }
    error = QStringLiteral("unknown setting %1").arg(key);
    return false;
}

bool SettingsGrid::expand(const std::vector<std::string> &specs, const SignalSettings &signals,
                          const StrategySettings &strategy, std::vector<GridPoint> &out, QString &error)
{
    std::vector<Axis> signalAxes, strategyAxes;
    QSet<QString> seen;
    const QStringList strategyKeyList = strategyKeys();
    std::size_t points = 1;
    for (const std::string &spec : specs) {
        const QString text = QString::fromStdString(spec);
        const qsizetype eq = text.indexOf(QLatin1Char('='));
        if (eq <= 0 || text.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts).isEmpty()) {
            error = QStringLiteral("a grid is key=v1,v2,..., not \"%1\"").arg(text);
            return false;
        }
        Axis axis{text.left(eq).trimmed(), text.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)};
        if (seen.contains(axis.key)) {
            error = QStringLiteral("%1 is in the grid twice").arg(axis.key);
            return false;
        }
        seen.insert(axis.key);
        const bool isStrategy = strategyKeyList.contains(axis.key);
        // Check every value now, so that a typo fails before hours of replay.
        for (const QString &v : axis.values) {
            SignalSettings sig = signals;
            StrategySettings strat = strategy;
            if (!(isStrategy ? setStrategy(strat, axis.key, v, error) : SignalSettingsIo::set(sig, axis.key, v, error)))
                return false;
        }
        points *= std::size_t(axis.values.size());
        if (points > std::size_t(kMaxPoints)) {
            error = QStringLiteral("the grid has more than %1 points").arg(kMaxPoints);
            return false;
        }
        (isStrategy ? strategyAxes : signalAxes).push_back(std::move(axis));
    }
    out.clear();
    int group = 0;
    for (const auto &signalValues : product(signalAxes)) {
        SignalSettings sig = signals;
        for (std::size_t i = 0; i < signalAxes.size(); ++i)
            SignalSettingsIo::set(sig, signalAxes[i].key, signalValues[i], error);
        for (const auto &strategyValues : product(strategyAxes)) {
            GridPoint p{sig, strategy, group, {}};
            for (std::size_t i = 0; i < strategyAxes.size(); ++i)
                setStrategy(p.strategy, strategyAxes[i].key, strategyValues[i], error);
            const QString a = labelOf(signalAxes, signalValues), b = labelOf(strategyAxes, strategyValues);
            p.label = a.isEmpty() || b.isEmpty() ? a + b : a + QLatin1Char(' ') + b;
            out.push_back(std::move(p));
        }
        ++group;
    }
    error.clear();
    return true;
}

} // namespace polymon
