#include "appsettings.h"

#include "feed/feedsettings.h"

#include "catalog/marketinfojson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

#include <algorithm>

namespace polymon {

namespace {

QString alertKey(SignalType type)
{
    return QStringLiteral("alerts/type/%1").arg(QLatin1String(signalTypeName(type)));
}

QString watchlistKey(bool simulated)
{
    return simulated ? QStringLiteral("watchlist/simulatedMarkets") : QStringLiteral("watchlist/liveMarkets");
}

} // namespace

int AppSettings::alertMinConfidence()
{
    return QSettings().value(QStringLiteral("alerts/minConfidence"), 60).toInt();
}

void AppSettings::setAlertMinConfidence(int confidence)
{
    QSettings().setValue(QStringLiteral("alerts/minConfidence"), confidence);
}

bool AppSettings::alertSound()
{
    return QSettings().value(QStringLiteral("alerts/sound"), false).toBool();
}

void AppSettings::setAlertSound(bool on)
{
    QSettings().setValue(QStringLiteral("alerts/sound"), on);
}

bool AppSettings::alertOn(SignalType type)
{
    return QSettings().value(alertKey(type), true).toBool();
}

void AppSettings::setAlertOn(SignalType type, bool on)
{
    QSettings().setValue(alertKey(type), on);
}

PriceFormat::Unit AppSettings::priceUnit()
{
    return QSettings().value(QStringLiteral("ui/priceUnit")).toString() == QLatin1String("decimals") ? PriceFormat::Unit::Decimals
                                                                                                    : PriceFormat::Unit::Cents;
}

void AppSettings::setPriceUnit(PriceFormat::Unit unit)
{
    QSettings().setValue(QStringLiteral("ui/priceUnit"),
                         unit == PriceFormat::Unit::Decimals ? QStringLiteral("decimals") : QStringLiteral("cents"));
}

AppSettings::Theme AppSettings::theme()
{
    const QString name = QSettings().value(QStringLiteral("ui/theme")).toString();
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    if (name == QLatin1String("light"))
        return Theme::Light;
    return Theme::System;
}

void AppSettings::setTheme(Theme theme)
{
    QSettings().setValue(QStringLiteral("ui/theme"), themeName(theme));
}

QString AppSettings::themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

QString AppSettings::databasePath()
{
    return QSettings().value(QStringLiteral("storage/path")).toString();
}

void AppSettings::setDatabasePath(const QString &path)
{
    QSettings().setValue(QStringLiteral("storage/path"), path);
}

bool AppSettings::recording()
{
    return QSettings().value(QStringLiteral("storage/recording"), true).toBool();
}

void AppSettings::setRecording(bool on)
{
    QSettings().setValue(QStringLiteral("storage/recording"), on);
}

int AppSettings::storeKeepDays()
{
    return std::max(0, QSettings().value(QStringLiteral("storage/storeKeepDays"), 0).toInt());
}

void AppSettings::setStoreKeepDays(int days)
{
    QSettings().setValue(QStringLiteral("storage/storeKeepDays"), std::max(0, days));
}

int AppSettings::captureKeepDays()
{
    return std::max(0, QSettings().value(QStringLiteral("storage/captureKeepDays"), 30).toInt());
}

void AppSettings::setCaptureKeepDays(int days)
{
    QSettings().setValue(QStringLiteral("storage/captureKeepDays"), std::max(0, days));
}

int AppSettings::captureKeepGb()
{
    return std::max(0, QSettings().value(QStringLiteral("storage/captureKeepGb"), 20).toInt());
}

void AppSettings::setCaptureKeepGb(int gb)
{
    QSettings().setValue(QStringLiteral("storage/captureKeepGb"), std::max(0, gb));
}

int AppSettings::assetsPerConnection()
{
    const int n = QSettings().value(QStringLiteral("feed/assetsPerConnection"), FeedSettings().maxAssetsPerConnection).toInt();
    return std::clamp(n, 1, kMaxAssetsPerConnection);
}

void AppSettings::setAssetsPerConnection(int assets)
{
    QSettings().setValue(QStringLiteral("feed/assetsPerConnection"), std::clamp(assets, 1, kMaxAssetsPerConnection));
}

namespace {
// Money and shares as exact decimal strings ("250", "0.05").
Fixed decimalSetting(const QSettings &settings, const QString &key, Fixed fallback)
{
    Fixed v = fallback;
    const QString text = settings.value(key).toString();
    if (text.isEmpty() || parseFixed(text.toStdString(), v) != FixedError::None)
        return fallback;
    return v;
}
} // namespace

RiskLimits AppSettings::riskLimits()
{
    const QSettings settings;
    RiskLimits l;
    l.maxPositionShares = decimalSetting(settings, QStringLiteral("trading/maxPositionShares"), l.maxPositionShares);
    l.maxPositionDollars = decimalSetting(settings, QStringLiteral("trading/maxPositionDollars"), l.maxPositionDollars);
    l.maxOrderNotional = decimalSetting(settings, QStringLiteral("trading/maxOrderDollars"), l.maxOrderNotional);
    l.maxDailyLoss = decimalSetting(settings, QStringLiteral("trading/maxDailyLoss"), l.maxDailyLoss);
    l.stopSlippage = decimalSetting(settings, QStringLiteral("trading/stopSlippage"), l.stopSlippage);
    return l;
}

void AppSettings::setRiskLimits(const RiskLimits &l)
{
    QSettings settings;
    auto put = [&settings](const char *key, Fixed v) {
        settings.setValue(QLatin1String(key), QString::fromStdString(formatFixed(v)));
    };
    put("trading/maxPositionShares", l.maxPositionShares);
    put("trading/maxPositionDollars", l.maxPositionDollars);
    put("trading/maxOrderDollars", l.maxOrderNotional);
    put("trading/maxDailyLoss", l.maxDailyLoss);
    put("trading/stopSlippage", l.stopSlippage);
}

Fixed AppSettings::paperStartingCash()
{
    return decimalSetting(QSettings(), QStringLiteral("trading/paperCash"), 10'000 * kFixedScale);
}

void AppSettings::setPaperStartingCash(Fixed cash)
{
    QSettings().setValue(QStringLiteral("trading/paperCash"), QString::fromStdString(formatFixed(cash)));
}

int AppSettings::shownOutcome(const QString &conditionId)
{
    return QSettings().value(QStringLiteral("outcome/") + conditionId, 0).toInt();
}

void AppSettings::setShownOutcome(const QString &conditionId, int index)
{
    QSettings settings;
    const QString key = QStringLiteral("outcome/") + conditionId;
    if (index == 0)
        settings.remove(key); // the default; keeps the file small
    else
        settings.setValue(key, index);
}

SignalSettings AppSettings::signalSettings()
{
    SignalSettings s;
    QSettings settings;
    settings.beginGroup(QStringLiteral("detector"));
    for (const QString &key : settings.childKeys()) {
        QString error;
        // A stale or hand-edited bad value keeps the default.
        if (!SignalSettingsIo::set(s, key, settings.value(key).toString(), error))
            qWarning("polymon: ignoring detector setting: %s", qPrintable(error));
    }
    return s;
}

void AppSettings::setSignalSettings(const SignalSettings &s)
{
    const SignalSettings defaults;
    QSettings settings;
    settings.remove(QStringLiteral("detector"));
    settings.beginGroup(QStringLiteral("detector"));
    for (const QString &key : SignalSettingsIo::keys()) {
        const QString value = SignalSettingsIo::get(s, key);
        if (value != SignalSettingsIo::get(defaults, key))
            settings.setValue(key, value);
    }
}

QList<MarketInfo> AppSettings::watchlist(bool simulated)
{
    QList<MarketInfo> out;
    const QJsonArray array = QJsonDocument::fromJson(QSettings().value(watchlistKey(simulated)).toByteArray()).array();
    for (const QJsonValue &v : array) {
        MarketInfo m;
        if (MarketInfoJson::fromJson(v.toObject(), m))
            out << m;
    }
    return out;
}

bool AppSettings::hasWatchlist(bool simulated)
{
    return QSettings().contains(watchlistKey(simulated));
}

void AppSettings::setWatchlist(bool simulated, const QList<MarketInfo> &markets)
{
    QJsonArray array;
    for (const MarketInfo &m : markets)
        array.append(MarketInfoJson::toJson(m));
    QSettings().setValue(watchlistKey(simulated), QJsonDocument(array).toJson(QJsonDocument::Compact));
}

bool AppSettings::everLive()
{
    return QSettings().value(QStringLiteral("network/everLive"), false).toBool();
}

void AppSettings::setEverLive()
{
    QSettings().setValue(QStringLiteral("network/everLive"), true);
}

} // namespace polymon
