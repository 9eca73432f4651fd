#include "signalsettings.h"

#include <QFile>
#include <QSettings>

#include <variant>

namespace polymon {

namespace {

// Fixed is std::int64_t: the `price` flag tells a decimal price from a count.
using Member = std::variant<int SignalSettings::*, std::int64_t SignalSettings::*, double SignalSettings::*>;

struct Field
{
    const char *key;
    Member member;
    bool price; // a Fixed written as a decimal ("0.1"), not an integer
};

const Field kFields[] = {
    {"band", &SignalSettings::band, true},
    {"freshness_ms", &SignalSettings::freshnessMs, false},
    {"healthy_max_spread", &SignalSettings::healthyMaxSpread, true},
    {"healthy_min_depth", &SignalSettings::healthyMinDepth, true},
    {"edge_margin", &SignalSettings::edgeMargin, true},
    {"baseline_buckets", &SignalSettings::baselineBuckets, false},
    {"bucket_seconds", &SignalSettings::bucketSeconds, false},
    {"sample_interval_ms", &SignalSettings::sampleIntervalMs, false},
    {"min_warmup_minutes", &SignalSettings::minWarmupMinutes, false},
    {"full_warmup_minutes", &SignalSettings::fullWarmupMinutes, false},
    {"baseline_clip_z", &SignalSettings::baselineClipZ, false},
    {"panic_ask_depth_ratio", &SignalSettings::panicAskDepthRatio, false},
    {"panic_spread_ratio", &SignalSettings::panicSpreadRatio, false},
    {"fomo_bid_depth_ratio", &SignalSettings::fomoBidDepthRatio, false},
    {"fomo_min_imbalance", &SignalSettings::fomoMinImbalance, false},
    {"fomo_spread_ratio", &SignalSettings::fomoSpreadRatio, false},
    {"panic_ask_depth_z", &SignalSettings::panicAskDepthZ, false},
    {"panic_spread_z", &SignalSettings::panicSpreadZ, false},
    {"fomo_bid_depth_z", &SignalSettings::fomoBidDepthZ, false},
    {"fomo_spread_z", &SignalSettings::fomoSpreadZ, false},
    {"dispersion_floor", &SignalSettings::dispersionFloor, false},
    {"spike_min_rise", &SignalSettings::spikeMinRise, false},
    {"spike_lookback_ms", &SignalSettings::spikeLookbackMs, false},
    {"vacuum_spread_ratio", &SignalSettings::vacuumSpreadRatio, false},
    {"vacuum_max_depth_ratio", &SignalSettings::vacuumMaxDepthRatio, false},
    {"vacuum_min_ms", &SignalSettings::vacuumMinMs, false},
    {"vacuum_max_fall", &SignalSettings::vacuumMaxFall, false},
    {"pull_min_share", &SignalSettings::pullMinShare, false},
    {"pull_window_ms", &SignalSettings::pullWindowMs, false},
    {"pull_max_traded_share", &SignalSettings::pullMaxTradedShare, false},
    {"pull_min_baseline_ratio", &SignalSettings::pullMinBaselineRatio, false},
    {"pull_min_levels", &SignalSettings::pullMinLevels, false},
    {"pull_max_other_ratio", &SignalSettings::pullMaxOtherRatio, false},
    {"pull_min_other_ratio", &SignalSettings::pullMinOtherRatio, false},
    {"pull_other_levels_share", &SignalSettings::pullOtherLevelsShare, false},
    {"pull_max_other_growth", &SignalSettings::pullMaxOtherGrowth, false},
    {"weight_depth", &SignalSettings::weightDepth, false},
    {"weight_spread", &SignalSettings::weightSpread, false},
    {"weight_imbalance", &SignalSettings::weightImbalance, false},
    {"weight_strength", &SignalSettings::weightStrength, false},
    {"unhealthy_quality", &SignalSettings::unhealthyQuality, false},
    {"cooldown_panic_ms", &SignalSettings::cooldownPanicMs, false},
    {"cooldown_fomo_ms", &SignalSettings::cooldownFomoMs, false},
    {"cooldown_vacuum_ms", &SignalSettings::cooldownVacuumMs, false},
    {"cooldown_pull_ms", &SignalSettings::cooldownPullMs, false},
    {"horizon_ms", &SignalSettings::horizonMs, false},
    {"price_lookback_ms", &SignalSettings::priceLookbackMs, false},
    {"reversion_share", &SignalSettings::reversionShare, false},
    {"min_expected_reversion", &SignalSettings::minExpectedReversion, true},
};

const Field *find(const QString &key)
{
    for (const Field &f : kFields) {
        if (key == QLatin1String(f.key))
            return &f;
    }
    return nullptr;
}

} // namespace

QStringList SignalSettingsIo::keys()
{
    QStringList out;
    for (const Field &f : kFields)
        out << QLatin1String(f.key);
    return out;
}

bool SignalSettingsIo::set(SignalSettings &s, const QString &key, const QString &value, QString &error)
{
    const Field *f = find(key);
    if (!f) {
        error = QStringLiteral("unknown setting %1").arg(key);
        return false;
    }
    bool ok = false;
    if (f->price) {
        Fixed v = 0;
        ok = parseFixed(value.trimmed().toStdString(), v) == FixedError::None;
        if (ok)
            s.*std::get<std::int64_t SignalSettings::*>(f->member) = v;
    } else if (auto pi = std::get_if<int SignalSettings::*>(&f->member)) {
        const int v = value.toInt(&ok);
        ok = ok && v >= 0;
        if (ok)
            s.**pi = v;
    } else if (auto pl = std::get_if<std::int64_t SignalSettings::*>(&f->member)) {
        const qlonglong v = value.toLongLong(&ok);
        ok = ok && v >= 0;
        if (ok)
            s.**pl = v;
    } else if (auto pd = std::get_if<double SignalSettings::*>(&f->member)) {
        const double v = value.toDouble(&ok);
        ok = ok && v >= 0.0;
        if (ok)
            s.**pd = v;
    }
    if (!ok)
        error = QStringLiteral("bad value for %1: %2").arg(key, value);
    return ok;
}

QString SignalSettingsIo::get(const SignalSettings &s, const QString &key)
{
    const Field *f = find(key);
    if (!f)
        return {};
    if (f->price)
        return QString::fromStdString(formatFixed(s.*std::get<std::int64_t SignalSettings::*>(f->member)));
    if (auto pi = std::get_if<int SignalSettings::*>(&f->member))
        return QString::number(s.**pi);
    if (auto pl = std::get_if<std::int64_t SignalSettings::*>(&f->member))
        return QString::number(s.**pl);
    if (auto pd = std::get_if<double SignalSettings::*>(&f->member))
        return QString::number(s.**pd);
    return {};
}

bool SignalSettingsIo::load(SignalSettings &s, const QString &path, QString &error)
{
    if (!QFile::exists(path)) {
        error = QStringLiteral("no settings file %1").arg(path);
        return false;
    }
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        error = QStringLiteral("cannot read settings file %1").arg(path);
        return false;
    }
    ini.beginGroup(QStringLiteral("signals"));
    for (const QString &key : ini.childKeys()) {
        if (!set(s, key, ini.value(key).toString(), error))
            return false;
    }
    return true;
}

bool SignalSettingsIo::save(const SignalSettings &s, const QString &path, QString &error)
{
    QSettings ini(path, QSettings::IniFormat);
    ini.beginGroup(QStringLiteral("signals"));
    for (const Field &f : kFields)
        ini.setValue(QLatin1String(f.key), get(s, QLatin1String(f.key)));
    ini.endGroup();
    ini.sync();
    if (ini.status() != QSettings::NoError) {
        error = QStringLiteral("cannot write settings file %1").arg(path);
        return false;
    }
    return true;
}

} // namespace polymon
