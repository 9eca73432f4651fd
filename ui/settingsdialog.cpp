#include "settingsdialog.h"

#include "storage/databaselocation.h"

#include "feed/feedsettings.h"

#include "appsettings.h"
#include "storage/storagewriter.h"
#include "viewfactory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace polymon {

namespace {

// Section of the detector page a key belongs to, by its prefix.
QString sectionOf(const QString &key)
{
    static const QList<QPair<QString, QString>> prefixes = {
        {QStringLiteral("band"), QStringLiteral("Book")},
        {QStringLiteral("freshness"), QStringLiteral("Health")},
        {QStringLiteral("healthy"), QStringLiteral("Health")},
        {QStringLiteral("edge"), QStringLiteral("Health")},
        {QStringLiteral("panic"), QStringLiteral("PANIC_SELL")},
        {QStringLiteral("fomo"), QStringLiteral("FOMO_BUY")},
        {QStringLiteral("vacuum"), QStringLiteral("LIQUIDITY_VACUUM")},
        {QStringLiteral("pull"), QStringLiteral("DEPTH_PULL")},
        {QStringLiteral("weight"), QStringLiteral("Confidence")},
        {QStringLiteral("unhealthy"), QStringLiteral("Confidence")},
        {QStringLiteral("cooldown"), QStringLiteral("Cooldowns")},
        {QStringLiteral("horizon"), QStringLiteral("Outcomes")},
        {QStringLiteral("price_lookback"), QStringLiteral("Outcomes")},
        {QStringLiteral("reversion"), QStringLiteral("Outcomes")},
        {QStringLiteral("min_expected"), QStringLiteral("Outcomes")},
    };
    for (const auto &[prefix, section] : prefixes) {
        if (key.startsWith(prefix))
            return section;
    }
    return QStringLiteral("Baseline");
}

QString labelOf(const QString &key)
{
    QString text = key;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    text[0] = text[0].toUpper();
    return text;
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_saved(AppSettings::signalSettings())
{
    setWindowTitle(tr("polymon settings"));
    resize(560, 620);
    auto *layout = new QVBoxLayout(this);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(detectorPage(), tr("Detector"));
    tabs->addTab(alertsPage(), tr("Alerts"));
    tabs->addTab(storagePage(), tr("Recording"));
    tabs->addTab(tradingPage(), tr("Trading"));
    tabs->addTab(appearancePage(), tr("Appearance"));
    layout->addWidget(tabs, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    layout->addWidget(buttons);
    showDetector(m_saved);
}

QWidget *SettingsDialog::detectorPage()
{
    auto *page = new QWidget;
    auto *outer = new QVBoxLayout(page);
    auto *intro = new QLabel(tr("Thresholds of the four signal rules (docs/signals.md explains each). Prices are "
                                "decimals (0.1 = 10 cents), times in milliseconds. Changes apply to new "
                                "updates at once; the baseline window and the outcome horizon on the next start."),
                             page);
    intro->setWordWrap(true);
    outer->addWidget(intro);
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    auto *form = new QWidget;
    auto *fl = new QFormLayout(form);
    fl->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    QString section;
    for (const QString &key : SignalSettingsIo::keys()) {
        const QString s = sectionOf(key);
        if (s != section) {
            section = s;
            auto *heading = new QLabel(QStringLiteral("<b>%1</b>").arg(s), form);
            heading->setContentsMargins(0, fl->rowCount() ? 8 : 0, 0, 0);
            fl->addRow(heading);
        }
        auto *edit = new QLineEdit(form);
        edit->setObjectName(QStringLiteral("detector/%1").arg(key));
        edit->setToolTip(key);
        fl->addRow(labelOf(key), edit);
        m_detector.insert(key, edit);
    }
    scroll->setWidget(form);
    outer->addWidget(scroll, 1);
    auto *defaults = new QPushButton(tr("Restore defaults"), page);
    connect(defaults, &QPushButton::clicked, this, [this] { showDetector(SignalSettings()); });
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(defaults);
    outer->addLayout(row);
    return page;
}

void SettingsDialog::showDetector(const SignalSettings &settings)
{
    for (auto it = m_detector.cbegin(); it != m_detector.cend(); ++it) {
        it.value()->setText(SignalSettingsIo::get(settings, it.key()));
        it.value()->setStyleSheet(QString());
    }
}

QWidget *SettingsDialog::alertsPage()
{
    auto *page = new QWidget;
    auto *fl = new QFormLayout(page);
    m_minConfidence = new QSpinBox(page);
    m_minConfidence->setObjectName(QStringLiteral("minConfidence"));
    m_minConfidence->setRange(0, 100);
    m_minConfidence->setSuffix(QStringLiteral(" %"));
    m_minConfidence->setValue(AppSettings::alertMinConfidence());
    fl->addRow(tr("Notify for signals with confidence at least"), m_minConfidence);
    for (int i = 0; i < kSignalTypeCount; ++i) {
        auto *box = new QCheckBox(QLatin1String(signalTypeName(SignalType(i))), page);
        box->setObjectName(QStringLiteral("alert/%1").arg(QLatin1String(signalTypeName(SignalType(i)))));
        box->setChecked(AppSettings::alertOn(SignalType(i)));
        fl->addRow(i == 0 ? tr("Signal types") : QString(), box);
        m_alertTypes << box;
    }
    m_sound = new QCheckBox(tr("Play a sound"), page);
    m_sound->setObjectName(QStringLiteral("sound"));
    m_sound->setChecked(AppSettings::alertSound());
    fl->addRow(tr("Sound"), m_sound);
    auto *note = ViewFactory::caption(tr("Alerts show as desktop notifications from the tray icon."), page);
    note->setWordWrap(true);
    fl->addRow(note);
    return page;
}

QWidget *SettingsDialog::storagePage()
{
    auto *page = new QWidget;
    auto *fl = new QFormLayout(page);
    m_recording = new QCheckBox(tr("Record books, trades and signals"), page);
    m_recording->setObjectName(QStringLiteral("recording"));
    m_recording->setChecked(AppSettings::recording());
    fl->addRow(tr("Recording"), m_recording);
    m_dbPath = new QLineEdit(page);
    m_dbPath->setObjectName(QStringLiteral("dbPath"));
    m_dbPath->setPlaceholderText(StorageWriter::defaultPath());
    m_dbPath->setText(AppSettings::databasePath());
    auto *browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Database file"),
                                                          m_dbPath->text().isEmpty() ? m_dbPath->placeholderText() : m_dbPath->text(),
                                                          tr("SQLite databases (*.sqlite *.db)"), nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty())
            m_dbPath->setText(path);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_dbPath, 1);
    row->addWidget(browse);
    m_dbPath->setToolTip(tr("A SQLite file, or a shared PostgreSQL store as postgresql://user@host[:port]/database "
                            "(its password in ~/.pgpass, never here)"));
    fl->addRow(tr("Database"), row);
    m_storeKeepDays = new QSpinBox(page);
    m_storeKeepDays->setObjectName(QStringLiteral("storeKeepDays"));
    m_storeKeepDays->setRange(0, 36'500);
    m_storeKeepDays->setSuffix(tr(" days"));
    m_storeKeepDays->setSpecialValueText(tr("for ever"));
    m_storeKeepDays->setValue(AppSettings::storeKeepDays());
    m_storeKeepDays->setToolTip(tr("Snapshots and trades older than this are removed, a whole day at a time on a shared "
                                   "PostgreSQL store. Signals, outcomes, events and trading are always kept."));
    auto *storeKeep = new QHBoxLayout;
    storeKeep->addWidget(m_storeKeepDays);
    storeKeep->addStretch(1);
    fl->addRow(tr("Keep books and trades"), storeKeep);
    m_assetsPerConnection = new QSpinBox(page);
    m_assetsPerConnection->setObjectName(QStringLiteral("assetsPerConnection"));
    m_assetsPerConnection->setRange(1, kMaxAssetsPerConnection);
    m_assetsPerConnection->setValue(AppSettings::assetsPerConnection());
    m_assetsPerConnection->setToolTip(tr("Polymarket sends nothing on a connection with more than about 500 tokens; "
                                         "200 is a reliable bound"));
    auto *perConnection = new QHBoxLayout;
    perConnection->addWidget(m_assetsPerConnection);
    perConnection->addStretch(1);
    fl->addRow(tr("Tokens per connection"), perConnection);
    m_keepDays = new QSpinBox(page);
    m_keepDays->setObjectName(QStringLiteral("captureKeepDays"));
    m_keepDays->setRange(0, 3650);
    m_keepDays->setSuffix(tr(" days"));
    m_keepDays->setSpecialValueText(tr("for ever"));
    m_keepDays->setValue(AppSettings::captureKeepDays());
    m_keepGb = new QSpinBox(page);
    m_keepGb->setObjectName(QStringLiteral("captureKeepGb"));
    m_keepGb->setRange(0, 100'000);
    m_keepGb->setSuffix(tr(" GB at most"));
    m_keepGb->setSpecialValueText(tr("no size limit"));
    m_keepGb->setValue(AppSettings::captureKeepGb());
    auto *keep = new QHBoxLayout;
    keep->addWidget(m_keepDays);
    keep->addWidget(m_keepGb);
    keep->addStretch(1);
    fl->addRow(tr("Keep recordings"), keep);
    auto *keepNote = ViewFactory::caption(tr("Every frame of a session is recorded to captures/ beside the database "
                                             "(File ▸ Open recording plays one back). Older recordings are removed "
                                             "first when a limit is reached; the one being written never is."),
                                          page);
    keepNote->setWordWrap(true);
    fl->addRow(keepNote);
    auto *note = ViewFactory::caption(tr("Empty uses the default file; a postgresql:// URL records to a shared store "
                                         "(several machines, one history). Database and connection changes take effect "
                                         "on the next start; --db and --no-db on the command line win over them."),
                                      page);
    note->setWordWrap(true);
    fl->addRow(note);
    return page;
}

QWidget *SettingsDialog::appearancePage()
{
    auto *page = new QWidget;
    auto *fl = new QFormLayout(page);
    m_theme = new QComboBox(page);
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(tr("System"), int(AppSettings::Theme::System));
    m_theme->addItem(tr("Light"), int(AppSettings::Theme::Light));
    m_theme->addItem(tr("Dark"), int(AppSettings::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(AppSettings::theme())));
    fl->addRow(tr("Theme"), m_theme);
    m_priceUnit = new QComboBox(page);
    m_priceUnit->setObjectName(QStringLiteral("priceUnit"));
    for (PriceFormat::Unit u : {PriceFormat::Unit::Cents, PriceFormat::Unit::Decimals})
        m_priceUnit->addItem(PriceFormat::unitName(u), int(u));
    m_priceUnit->setCurrentIndex(m_priceUnit->findData(int(AppSettings::priceUnit())));
    m_priceUnit->setToolTip(tr("How every panel writes prices, spreads and moves"));
    fl->addRow(tr("Prices in"), m_priceUnit);
    return page;
}

QWidget *SettingsDialog::tradingPage()
{
    auto *page = new QWidget;
    auto *fl = new QFormLayout(page);
    const RiskLimits limits = AppSettings::riskLimits();
    auto add = [&](const QString &key, const QString &label, Fixed value, const QString &tip) {
        auto *edit = new QLineEdit(QString::fromStdString(formatFixed(value)), page);
        edit->setObjectName(key);
        edit->setToolTip(tip);
        fl->addRow(label, edit);
        m_trading.insert(key, edit);
    };
    add(QStringLiteral("paperCash"), tr("Paper starting cash ($)"), AppSettings::paperStartingCash(),
        tr("What the paper account starts with; buys are refused beyond what is free"));
    add(QStringLiteral("maxPositionShares"), tr("Max position per market (shares)"), limits.maxPositionShares,
        tr("YES and NO held plus open buys, in one market; 0: no limit"));
    add(QStringLiteral("maxPositionDollars"), tr("Max position per market ($)"), limits.maxPositionDollars,
        tr("What the market's holdings cost plus open buys; 0: no limit"));
    add(QStringLiteral("maxOrderDollars"), tr("Max order ($)"), limits.maxOrderNotional, tr("Price x size of one order; 0: no limit"));
    add(QStringLiteral("maxDailyLoss"), tr("Max daily loss ($)"), limits.maxDailyLoss,
        tr("Once today's PnL (UTC) falls this far, only orders that reduce a position are accepted; 0: no limit"));
    add(QStringLiteral("stopSlippage"), tr("Stop-loss slippage ($ per share)"), limits.stopSlippage,
        tr("A stop's sell may fill this far below the stop price, never further"));
    auto *note = ViewFactory::caption(tr("Paper trading only: orders fill against the real books and never reach "
                                         "Polymarket. A refused order says which limit refused it."),
                                      page);
    note->setWordWrap(true);
    fl->addRow(note);
    return page;
}

void SettingsDialog::accept()
{
    SignalSettings s;
    QStringList errors;
    QHash<QString, Fixed> trading;
    for (auto it = m_trading.cbegin(); it != m_trading.cend(); ++it) {
        Fixed v = 0;
        const FixedError e = parseFixed(it.value()->text().trimmed().toStdString(), v);
        if (e != FixedError::None) {
            errors << tr("%1: %2").arg(it.key(), QLatin1String(fixedErrorText(e)));
            it.value()->setStyleSheet(QStringLiteral("border: 1px solid #d64545;"));
        } else {
            it.value()->setStyleSheet(QString());
            trading.insert(it.key(), v);
        }
    }
    for (const QString &key : SignalSettingsIo::keys()) {
        QLineEdit *edit = m_detector.value(key);
        QString error;
        if (!SignalSettingsIo::set(s, key, edit->text(), error)) {
            errors << error;
            edit->setStyleSheet(QStringLiteral("border: 1px solid #d64545;"));
        } else {
            edit->setStyleSheet(QString());
        }
    }
    DatabaseLocation location;
    QString databaseError;
    if (!m_dbPath->text().trimmed().isEmpty() && !DatabaseLocation::parse(m_dbPath->text(), location, databaseError))
        errors << tr("database: %1").arg(databaseError);
    if (!errors.isEmpty()) {
        QMessageBox::warning(this, tr("Settings"), tr("Nothing was saved. Fix these values:\n%1").arg(errors.join(QLatin1Char('\n'))));
        return;
    }
    AppSettings::setSignalSettings(s);
    m_saved = s;
    AppSettings::setAlertMinConfidence(m_minConfidence->value());
    AppSettings::setAlertSound(m_sound->isChecked());
    for (int i = 0; i < m_alertTypes.size(); ++i)
        AppSettings::setAlertOn(SignalType(i), m_alertTypes[i]->isChecked());
    const QString path = m_dbPath->text().trimmed();
    m_databaseChanged = path != AppSettings::databasePath() || m_recording->isChecked() != AppSettings::recording();
    AppSettings::setDatabasePath(path);
    AppSettings::setRecording(m_recording->isChecked());
    AppSettings::setAssetsPerConnection(m_assetsPerConnection->value());
    AppSettings::setCaptureKeepDays(m_keepDays->value());
    AppSettings::setStoreKeepDays(m_storeKeepDays->value());
    AppSettings::setCaptureKeepGb(m_keepGb->value());
    AppSettings::setTheme(AppSettings::Theme(m_theme->currentData().toInt()));
    AppSettings::setPriceUnit(PriceFormat::Unit(m_priceUnit->currentData().toInt()));
    RiskLimits limits;
    limits.maxPositionShares = trading.value(QStringLiteral("maxPositionShares"));
    limits.maxPositionDollars = trading.value(QStringLiteral("maxPositionDollars"));
    limits.maxOrderNotional = trading.value(QStringLiteral("maxOrderDollars"));
    limits.maxDailyLoss = trading.value(QStringLiteral("maxDailyLoss"));
    limits.stopSlippage = trading.value(QStringLiteral("stopSlippage"));
    AppSettings::setRiskLimits(limits);
    AppSettings::setPaperStartingCash(trading.value(QStringLiteral("paperCash")));
    QDialog::accept();
}

} // namespace polymon
