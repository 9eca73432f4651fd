#pragma once

#include "analysis/signalsettings.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace polymon {

// Preferences: detector thresholds and band, alert rules, the database and
// the theme. Reads AppSettings when opened; OK validates every field and
// saves (a bad detector value is named and nothing is saved).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // The detector settings as saved by the last accept().
    const SignalSettings &signalSettings() const noexcept { return m_saved; }
    bool databaseChanged() const noexcept { return m_databaseChanged; }

    void accept() override;

private:
    QWidget *detectorPage();
    QWidget *alertsPage();
    QWidget *storagePage();
    QWidget *appearancePage();
    QWidget *tradingPage();
    void showDetector(const SignalSettings &settings);

    QHash<QString, QLineEdit *> m_detector; // by SignalSettingsIo key
    QSpinBox *m_minConfidence = nullptr;
    QCheckBox *m_sound = nullptr;
    QList<QCheckBox *> m_alertTypes;
    QCheckBox *m_recording = nullptr;
    QSpinBox *m_assetsPerConnection = nullptr;
    QSpinBox *m_keepDays = nullptr;
    QSpinBox *m_keepGb = nullptr;
    QSpinBox *m_storeKeepDays = nullptr;
    QLineEdit *m_dbPath = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_priceUnit = nullptr;
    QHash<QString, QLineEdit *> m_trading; // by AppSettings key
    SignalSettings m_saved;
    bool m_databaseChanged = false;
};

} // namespace polymon
