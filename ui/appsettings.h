#pragma once

#include "analysis/signal.h"
#include "analysis/signalsettings.h"
#include "trading/risklimits.h"
#include "catalog/marketinfo.h"
#include "priceformat.h"

#include <QList>
#include <QString>

namespace polymon {

// Every preference of the desktop app, typed, over QSettings
// (~/.config/polymon/polymon.conf). The settings dialog edits them.
class AppSettings final
{
public:
    enum class Theme { System, Light, Dark };

    // Alerts: tray notification (and optional beep) for signals of the
    // chosen types at or above a confidence.
    static int alertMinConfidence();
    static void setAlertMinConfidence(int confidence);
    static bool alertSound();
    static void setAlertSound(bool on);
    static bool alertOn(SignalType type);
    static void setAlertOn(SignalType type, bool on);

    static PriceFormat::Unit priceUnit();
    static void setPriceUnit(PriceFormat::Unit unit);

    static Theme theme();
    static void setTheme(Theme theme);
    static QString themeName(Theme theme);

    // Empty: StorageWriter::defaultPath(). Takes effect on the next start.
    static QString databasePath();
    static void setDatabasePath(const QString &path);
    static bool recording();
    static void setRecording(bool on);
    // Raw captures kept: days, and gigabytes for the whole folder (0: no limit).
    static int captureKeepDays();
    static void setCaptureKeepDays(int days);
    static int captureKeepGb();
    static void setCaptureKeepGb(int gb);
    // The database's snapshots and trades kept, in days (0: for ever); the next start.
    static int storeKeepDays();
    static void setStoreKeepDays(int days);
    // Tokens per market-channel connection (1 to 500); the next start.
    static int assetsPerConnection();
    static void setAssetsPerConnection(int assets);

    // Detector settings: the defaults with the user's changes applied
    // (only keys that differ from the defaults are stored).
    // Paper trading: the risk limits (0 = off) and the account's starting cash.
    static RiskLimits riskLimits();
    static void setRiskLimits(const RiskLimits &limits);
    static Fixed paperStartingCash();
    static void setPaperStartingCash(Fixed cash);

    // The outcome (0 YES, 1 NO, ...) last shown for a market.
    static int shownOutcome(const QString &conditionId);
    static void setShownOutcome(const QString &conditionId, int index);

    static SignalSettings signalSettings();
    static void setSignalSettings(const SignalSettings &settings);

    // The watched markets of one mode (live and simulated are kept apart),
    // and whether a watchlist was ever saved for it.
    static QList<MarketInfo> watchlist(bool simulated);
    static bool hasWatchlist(bool simulated);
    static void setWatchlist(bool simulated, const QList<MarketInfo> &markets);

    // Live Polymarket answered at least once on this machine: later network
    // failures ask before switching to the simulator.
    static bool everLive();
    static void setEverLive();
};

} // namespace polymon
