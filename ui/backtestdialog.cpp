#include "backtestdialog.h"

#include "appsettings.h"
#include "backtestresultmodel.h"
#include "equitychartview.h"
#include "strategy/settingsgrid.h"
#include "themes.h"
#include "viewfactory.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace polymon {

namespace {

// The newest recording in the folder, or "".
QString newestCapture(const QString &dir)
{
    const QFileInfoList files = QDir(dir).entryInfoList({QStringLiteral("*.pmcap")}, QDir::Files, QDir::Time);
    return files.isEmpty() ? QString() : files.constFirst().absoluteFilePath();
}

} // namespace

BacktestDialog::BacktestDialog(const QString &captureDir, QWidget *parent)
    : QDialog(parent)
    , m_captureDir(captureDir)
{
    setWindowTitle(tr("Backtest on a recording"));
    resize(940, 680);
    m_model = new BacktestResultModel(this);
    m_table = ViewFactory::table(this);
    m_table->setObjectName(QStringLiteral("results"));
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BacktestResultModel::Settings, QHeaderView::Stretch);
    m_chart = new EquityChartView(this);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRow(current.row()); });

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 2 + 4); // wraps to two lines

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->setChildrenCollapsible(false);
    split->setSizes({360, 240});

    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setEnabled(false);
    connect(m_export, &QPushButton::clicked, this, &BacktestDialog::exportCsv);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(formPane());
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(&m_job, &BacktestJob::progress, this, [this](double done) { m_progress->setValue(int(done * 1000)); });
    connect(&m_job, &BacktestJob::finished, this, &BacktestDialog::onFinished);
    setRecording(newestCapture(captureDir));
    setStatus(tr("Signals use the detector settings of Settings ▸ Detector; the grid varies them. "
                 "Paper results: every fill takes the book, fees as the exchange charges takers."),
              false);
}

QWidget *BacktestDialog::formPane()
{
    auto *pane = new QWidget(this);
    m_path = new QLineEdit(pane);
    m_path->setObjectName(QStringLiteral("recording"));
    m_path->setPlaceholderText(tr("A recording (.pmcap) or JSON frames"));
    auto *browse = new QPushButton(tr("Browse…"), pane);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Recording to backtest"),
                                                          m_path->text().isEmpty() ? m_captureDir : QFileInfo(m_path->text()).path(),
                                                          tr("polymon recordings (*.pmcap);;JSON frames (*.json *.jsonl);;All files (*)"));
        if (!path.isEmpty())
            setRecording(path);
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_mode = new QComboBox(pane);
    m_mode->addItem(tr("Fade (trade the recommendation)"), int(StrategyMode::Fade));
    m_mode->addItem(tr("Follow (trade with the move)"), int(StrategyMode::Follow));
    m_shares = new QLineEdit(QStringLiteral("100"), pane);
    m_shares->setObjectName(QStringLiteral("shares"));
    m_hold = new QSpinBox(pane);
    m_hold->setRange(1, 7 * 86'400);
    m_hold->setValue(300);
    m_hold->setSuffix(tr(" s"));
    m_stop = new QLineEdit(QStringLiteral("0"), pane);
    m_stop->setToolTip(tr("Exit once the price you could leave at is this far against the entry; 0: no stop"));
    const StrategySettings defaults;
    m_feeRate = new QLineEdit(QString::fromStdString(formatFixed(defaults.fees.rate)), pane);
    m_feeRate->setToolTip(tr("Taker fee: shares × rate × (p(1−p))^exponent. Categories: sports 0.03, politics 0.04, "
                             "general 0.05, crypto 0.072 (exponent 1); 0 for a market without fees"));
    m_feeExponent = new QSpinBox(pane);
    m_feeExponent->setRange(0, FeeSchedule::kMaxExponent);
    m_feeExponent->setValue(defaults.fees.exponent);
    m_folds = new QSpinBox(pane);
    m_folds->setRange(1, 20);
    m_folds->setValue(4);
    m_folds->setToolTip(tr("With a grid: the recording is cut into folds + 1 windows; each is tuned on and the next traded"));
    m_grid = new QPlainTextEdit(pane);
    m_grid->setObjectName(QStringLiteral("grid"));
    m_grid->setPlaceholderText(tr("Grid, one setting per line, e.g.\npanic_ask_depth_ratio=2.3,3.2\nhold_s=60,300\nstop=0,0.03"));
    m_grid->setToolTip(tr("Keys: hold_s, stop, max_slippage and every detector key of docs/signals.md"));
    m_grid->setTabChangesFocus(true);

    auto *left = new QFormLayout;
    left->addRow(tr("Strategy"), m_mode);
    left->addRow(tr("Shares a trade"), m_shares);
    left->addRow(tr("Hold"), m_hold);
    left->addRow(tr("Stop"), m_stop);
    auto *fee = new QHBoxLayout;
    fee->addWidget(m_feeRate, 1);
    fee->addWidget(new QLabel(tr("exponent"), pane));
    fee->addWidget(m_feeExponent);
    left->addRow(tr("Taker fee rate"), fee);
    auto *right = new QVBoxLayout;
    right->addWidget(m_grid, 1);
    auto *foldRow = new QHBoxLayout;
    foldRow->addWidget(new QLabel(tr("Walk-forward folds"), pane));
    foldRow->addWidget(m_folds);
    foldRow->addStretch(1);
    m_run = new QPushButton(tr("Run"), pane);
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), pane);
    m_cancel->setEnabled(false);
    connect(m_run, &QPushButton::clicked, this, &BacktestDialog::run);
    connect(m_cancel, &QPushButton::clicked, &m_job, &BacktestJob::cancel);
    foldRow->addWidget(m_run);
    foldRow->addWidget(m_cancel);
    right->addLayout(foldRow);

    auto *grid = new QGridLayout(pane);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(new QLabel(tr("Recording"), pane), 0, 0);
    grid->addLayout(pathRow, 0, 1, 1, 2);
    grid->addLayout(left, 1, 0, 1, 2);
    grid->addLayout(right, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    m_grid->setMinimumHeight(m_shares->sizeHint().height() * 3);
    m_grid->setMaximumHeight(m_shares->sizeHint().height() * 5);
    return pane;
}

void BacktestDialog::setRecording(const QString &path)
{
    m_path->setText(path);
}

QString BacktestDialog::recording() const
{
    return m_path->text().trimmed();
}

bool BacktestDialog::readForm(BacktestJob::Request &request, QString &problem) const
{
    request.path = recording();
    if (request.path.isEmpty()) {
        problem = tr("Choose a recording first (Browse…).");
        return false;
    }
    StrategySettings strategy;
    strategy.mode = StrategyMode(m_mode->currentData().toInt());
    strategy.holdMs = std::int64_t(m_hold->value()) * 1000;
    strategy.fees.exponent = m_feeExponent->value();
    for (const auto &[key, field] : {std::pair{"shares", m_shares}, std::pair{"stop", m_stop}, std::pair{"fee_rate", m_feeRate}}) {
        if (!SettingsGrid::setStrategy(strategy, QLatin1String(key), field->text(), problem))
            return false;
    }
    std::vector<std::string> specs;
    for (const QString &line : m_grid->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            specs.push_back(line.trimmed().remove(QLatin1Char(' ')).toStdString());
    }
    if (!SettingsGrid::expand(specs, AppSettings::signalSettings(), strategy, request.points, problem)) {
        problem = tr("Grid: %1").arg(problem);
        return false;
    }
    request.folds = m_folds->value();
    return true;
}

bool BacktestDialog::run()
{
    BacktestJob::Request request;
    QString problem;
    if (!readForm(request, problem)) {
        setStatus(problem, true);
        return false;
    }
    if (!m_job.start(request))
        return false;
    m_model->clear();
    m_chart->clear();
    m_progress->setValue(0);
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_export->setEnabled(false);
    const std::size_t points = request.points.size();
    setStatus(points > 1 ? tr("Running %1 grid points over %2…").arg(points).arg(QFileInfo(request.path).fileName())
                         : tr("Running over %1…").arg(QFileInfo(request.path).fileName()),
              false);
    return true;
}

void BacktestDialog::onFinished(bool ok, const QString &error)
{
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    if (!ok) {
        m_progress->setValue(0);
        setStatus(error, error != tr("Cancelled"));
        Q_EMIT finished(false);
        return;
    }
    m_progress->setValue(1000);
    const StrategyBacktestResult &r = m_job.result();
    m_model->setResult(r, m_job.walkForward());
    m_export->setEnabled(true);
    const BacktestReport &s = r.signals;
    int signals = 0;
    for (const BacktestTypeStats &t : s.types)
        signals += t.signals;
    const SignalTrader::Skips &k = r.skips.front();
    QString text = tr("%1 assets, %2 market-hours, %3 signals in %4 s. Not traded: %5 while a trade in the market "
                      "was open, %6 without a book, %7 beyond the slippage allowed.")
                       .arg(s.markets)
                       .arg(r.marketHours, 0, 'f', 1)
                       .arg(signals)
                       .arg(s.wallSeconds, 0, 'f', 1)
                       .arg(k.busy)
                       .arg(k.noBook)
                       .arg(k.noDepth);
    if (s.coverageGaps.gaps > 0)
        text += QLatin1Char(' ') + QString::fromStdString(s.coverageGaps.describe()) + QLatin1Char('.');
    if (m_job.walkForward())
        text += tr(" Judge the grid by the out-of-sample row: the in-sample one is tuned on the data it scores.");
    setStatus(text, false);
    m_table->selectRow(0);
    showRow(0);
    Q_EMIT finished(true);
}

void BacktestDialog::showRow(int row)
{
    const int oos = m_model->outOfSampleRow();
    const bool compare = oos >= 0 && row != oos;
    m_chart->setCurves(m_model->rowName(row), m_model->equity(row), compare ? m_model->rowName(oos) : QString(),
                       compare ? m_model->equity(oos) : std::vector<EquityPoint>{});
}

void BacktestDialog::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export backtest"),
                                                      QDir::home().filePath(QStringLiteral("polymon-backtest.csv")),
                                                      tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    QString error;
    if (!file.open(QIODevice::WriteOnly) || !m_model->writeCsv(file, error) || !file.commit()) {
        setStatus(tr("Could not write %1: %2").arg(path, error.isEmpty() ? file.errorString() : error), true);
        return;
    }
    setStatus(tr("Exported %1 rows to %2").arg(m_model->rowCount()).arg(path), false);
}

void BacktestDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText, error ? Themes::error() : palette().color(QPalette::WindowText));
    m_status->setPalette(pal);
}

} // namespace polymon
