#include "eventstudydialog.h"

#include "appsettings.h"
#include "eventstudychartview.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

namespace polymon {

namespace {

QString cents(double priceUnits)
{
    return QStringLiteral("%1%2¢").arg(priceUnits > 0 ? QStringLiteral("+") : QString()).arg(priceUnits * 100, 0, 'f', 2);
}

} // namespace

EventStudyDialog::EventStudyDialog(const QString &captureDir, QWidget *parent)
    : QDialog(parent)
    , m_captureDir(captureDir)
    , m_path(new QLineEdit(this))
    , m_horizons(new QLineEdit(QStringLiteral("5,30,120"), this))
    , m_modelHorizon(new QSpinBox(this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_eventsLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_model(new QLabel(this))
    , m_table(new QStandardItemModel(0, 8, this))
    , m_view(new QTableView(this))
    , m_chart(new EventStudyChartView(this))
{
    setObjectName(QStringLiteral("eventStudyDialog"));
    setWindowTitle(tr("Event study"));
    m_path->setObjectName(QStringLiteral("studyRecording"));
    m_path->setPlaceholderText(tr("a recording (.pmcap) or a JSONL stream"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_horizons->setObjectName(QStringLiteral("studyHorizons"));
    m_horizons->setToolTip(tr("Seconds after each event, separated by commas"));
    m_modelHorizon->setRange(1, 3600);
    m_modelHorizon->setValue(30);
    m_modelHorizon->setSuffix(tr(" s"));
    m_run->setObjectName(QStringLiteral("studyRun"));
    m_run->setDefault(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Recording"), pathRow);
    form->addRow(tr("Events"), m_eventsLabel);
    form->addRow(tr("Horizons"), m_horizons);
    form->addRow(tr("Model predicts the mid"), m_modelHorizon);

    m_table->setHorizontalHeaderLabels({tr("Type"), tr("Events"), tr("After"), tr("Samples"), tr("Mean move"),
                                        tr("95 % interval"), tr("At random times"), tr("Book vs event")});
    m_table->horizontalHeaderItem(3)->setToolTip(tr("Moves measured: an event naming no market counts on every "
                                                    "market's YES token"));
    m_view->setObjectName(QStringLiteral("studyTable"));
    m_view->setModel(m_table);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_status->setObjectName(QStringLiteral("studyStatus"));
    m_status->setWordWrap(true);
    m_model->setObjectName(QStringLiteral("studyModel"));
    m_model->setWordWrap(true);
    m_model->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({500, 460});

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);
    layout->addWidget(m_model);
    resize(980, 620);

    connect(browse, &QPushButton::clicked, this, &EventStudyDialog::chooseRecording);
    connect(m_run, &QPushButton::clicked, this, &EventStudyDialog::run);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &index) { showRow(index.row()); });
    setEvents({});
    setStatus(tr("Moves are the YES token's mid unless an event names its token; the model is trained on the "
                 "earlier 70 % of the events and scored on the later 30 %."),
              false);
}

EventStudyDialog::~EventStudyDialog()
{
    if (m_thread)
        m_thread->wait();
}

void EventStudyDialog::setRecording(const QString &path)
{
    m_path->setText(path);
}

void EventStudyDialog::setEvents(std::vector<MarketEvent> events)
{
    m_events = std::move(events);
    QStringList types;
    for (const MarketEvent &e : m_events)
        if (!types.contains(e.type))
            types << e.type;
    m_eventsLabel->setText(m_events.empty() ? tr("none: load events in the Timeline or follow a feed first")
                                            : tr("the Timeline's %n event(s): %1", nullptr, int(m_events.size()))
                                                  .arg(types.mid(0, 6).join(QStringLiteral(", "))));
}

void EventStudyDialog::chooseRecording()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Recording to study"), m_captureDir,
                                                      tr("Recordings (*.pmcap *.jsonl);;All files (*)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void EventStudyDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
}

QString EventStudyDialog::modelText() const
{
    return m_model->text();
}

QString EventStudyDialog::statusText() const
{
    return m_status->text();
}

bool EventStudyDialog::run()
{
    if (m_thread)
        return false;
    EventAnalysis::Request request;
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        setStatus(tr("Choose a recording to study (File ▸ Open recording makes one the default)."), true);
        return false;
    }
    if (m_events.empty()) {
        setStatus(tr("There are no events to study: load a file in the Timeline or follow a feed first."), true);
        return false;
    }
    request.study.horizonsS.clear();
    for (const QString &part : m_horizons->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int s = part.trimmed().toInt(&ok);
        if (!ok || s <= 0 || s > 86'400) {
            setStatus(tr("Horizons are seconds separated by commas, e.g. 5,30,120."), true);
            return false;
        }
        request.study.horizonsS.push_back(s);
    }
    request.recordings << path;
    request.events = m_events;
    request.modelHorizonS = m_modelHorizon->value();
    request.signalSettings = AppSettings::signalSettings();
    m_run->setEnabled(false);
    setStatus(tr("Replaying %1…").arg(path), false);
    auto result = std::make_shared<EventAnalysis::Result>();
    m_thread = QThread::create([request, result] { *result = EventAnalysis::run(request); });
    connect(m_thread, &QThread::finished, this, [this, result] {
        m_thread->deleteLater();
        m_thread = nullptr;
        m_run->setEnabled(true);
        onFinished(*result);
    });
    m_thread->start();
    return true;
}

void EventStudyDialog::onFinished(const EventAnalysis::Result &result)
{
    m_table->removeRows(0, m_table->rowCount());
    m_chart->clear();
    if (!result.error.empty()) {
        setStatus(tr("The recording could not be read: %1").arg(QString::fromStdString(result.error)), true);
        Q_EMIT finished(false);
        return;
    }
    m_results = result.study;
    for (std::size_t t = 0; t < m_results.size(); ++t) {
        const EventStudy::TypeResult &r = m_results[t];
        const QString lag = r.lagCorrelation <= 0 ? tr("no relation")
                            : r.leadLagS == 0     ? tr("together (r %1)").arg(r.lagCorrelation, 0, 'f', 2)
                            : r.leadLagS > 0      ? tr("follows by %1 s (r %2)").arg(r.leadLagS).arg(r.lagCorrelation, 0, 'f', 2)
                                                  : tr("leads by %1 s (r %2)").arg(-r.leadLagS).arg(r.lagCorrelation, 0, 'f', 2);
        for (const EventStudy::Horizon &h : r.horizons) {
            QList<QStandardItem *> row{new QStandardItem(r.type),
                                       new QStandardItem(QString::number(r.events)),
                                       new QStandardItem(tr("%1 s").arg(h.seconds)),
                                       new QStandardItem(QString::number(h.n)),
                                       new QStandardItem(h.n > 0 ? cents(h.meanMove) : tr("—")),
                                       new QStandardItem(h.n > 1 ? tr("%1 … %2").arg(cents(h.ciLow), cents(h.ciHigh)) : tr("—")),
                                       new QStandardItem(cents(h.baselineMean)),
                                       new QStandardItem(lag)};
            row[0]->setData(int(t), Qt::UserRole);
            for (int c = 1; c < row.size(); ++c)
                row[c]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->appendRow(row);
        }
    }
    m_view->resizeColumnsToContents();
    const EventModel::Report &m = result.model;
    m_model->setText(!m.enoughData
                         ? tr("<b>Model</b> (the sign of the mid %1 s after an event, from the book, the signals and the "
                              "event's type): %2")
                               .arg(m_modelHorizon->value())
                               .arg(m.reason.toHtmlEscaped()
                                    + (std::any_of(m_events.begin(), m_events.end(),
                                                   [](const MarketEvent &e) { return e.market.isEmpty() && e.assetId.isEmpty(); })
                                           ? tr(". Events naming no market or token are left out of the model: it "
                                                "needs a book to read at each event.")
                                           : QString()))
                         : tr("<b>Model</b> (the sign of the mid %1 s after an event, from the book, the signals and the "
                              "event's type), out of sample: accuracy <b>%2</b> against a base rate of %3, AUC <b>%4</b>; "
                              "trained on the earlier %5 events, tested on the later %6.%7")
                               .arg(m_modelHorizon->value())
                               .arg(m.accuracy, 0, 'f', 3)
                               .arg(m.baseRate, 0, 'f', 3)
                               .arg(m.auc, 0, 'f', 3)
                               .arg(m.train)
                               .arg(m.test)
                               .arg(m.auc < 0.55 ? tr(" Not better than chance here.") : QString()));
    setStatus(m_results.empty() ? tr("No event fell inside the recording.")
                                : tr("%n event type(s) studied; choose a row to chart its type.", nullptr, int(m_results.size())),
              false);
    if (m_table->rowCount() > 0)
        m_view->selectRow(0);
    Q_EMIT finished(true);
}

void EventStudyDialog::showRow(int row)
{
    if (row < 0 || row >= m_table->rowCount())
        return;
    const int t = m_table->item(row, 0)->data(Qt::UserRole).toInt();
    if (t >= 0 && t < int(m_results.size()))
        m_chart->showType(m_results[std::size_t(t)]);
}

} // namespace polymon
