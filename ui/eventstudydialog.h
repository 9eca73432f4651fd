#pragma once

#include "events/eventanalysis.h"

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QThread;

namespace polymon {

class EventStudyChartView;

// Tools ▸ Event study: the Timeline's events against a recording's books.
// Per event type and horizon, the mid's mean move with its 95 % interval
// beside random times, and the book's lead or lag (a table, and a chart of
// the selected type); the predictive model's out-of-sample score below, or
// why there is too little data. Runs on a worker thread.
class EventStudyDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit EventStudyDialog(const QString &captureDir, QWidget *parent = nullptr);
    ~EventStudyDialog() override;

    void setRecording(const QString &path);
    void setEvents(std::vector<MarketEvent> events);
    // Reads the form and starts; false with the reason shown.
    bool run();
    bool running() const noexcept { return m_thread != nullptr; }
    QStandardItemModel *table() const noexcept { return m_table; }
    QString modelText() const;
    QString statusText() const;

Q_SIGNALS:
    void finished(bool ok);

private:
    void chooseRecording();
    void onFinished(const EventAnalysis::Result &result);
    void showRow(int row);
    void setStatus(const QString &text, bool error);

    QString m_captureDir;
    std::vector<MarketEvent> m_events;
    std::vector<EventStudy::TypeResult> m_results;
    QThread *m_thread = nullptr;
    QLineEdit *m_path;
    QLineEdit *m_horizons;
    QSpinBox *m_modelHorizon;
    QPushButton *m_run;
    QLabel *m_eventsLabel;
    QLabel *m_status;
    QLabel *m_model;
    QStandardItemModel *m_table;
    QTableView *m_view;
    EventStudyChartView *m_chart;
};

} // namespace polymon
