#pragma once

#include "strategy/backtestjob.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace polymon {

class BacktestResultModel;
class EquityChartView;

// Tools ▸ Backtest: a recording, a strategy, an optional settings grid;
// runs on a worker thread (progress, cancel), then shows each grid point
// and the walk-forward's in- and out-of-sample totals in a table, the
// selected row's equity curve beside the out-of-sample one, and exports
// the table as CSV. Signal settings are those of Settings ▸ Detector,
// varied by the grid.
class BacktestDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit BacktestDialog(const QString &captureDir, QWidget *parent = nullptr);

    void setRecording(const QString &path);
    QString recording() const;
    // Reads the form, starts the run; false with the reason shown.
    bool run();
    bool running() const { return m_job.running(); }
    BacktestResultModel *model() const { return m_model; }

Q_SIGNALS:
    void finished(bool ok); // a run ended (for tests and screenshots)

private:
    QWidget *formPane();
    bool readForm(BacktestJob::Request &request, QString &problem) const;
    void onFinished(bool ok, const QString &error);
    void showRow(int row);
    void exportCsv();
    void setStatus(const QString &text, bool error);

    QString m_captureDir;
    BacktestJob m_job;
    QLineEdit *m_path = nullptr;
    QComboBox *m_mode = nullptr;
    QLineEdit *m_shares = nullptr;
    QSpinBox *m_hold = nullptr;
    QLineEdit *m_stop = nullptr;
    QLineEdit *m_feeRate = nullptr;
    QSpinBox *m_feeExponent = nullptr;
    QPlainTextEdit *m_grid = nullptr;
    QSpinBox *m_folds = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_export = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    BacktestResultModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    EquityChartView *m_chart = nullptr;
};

} // namespace polymon
