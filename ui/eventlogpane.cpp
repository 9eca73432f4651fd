#include "eventlogpane.h"

#include "chatfeedbar.h"
#include "eventlogmodel.h"
#include "events/eventfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace polymon {

EventLogPane::EventLogPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_type(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_sports(new QCheckBox(tr("Sports channel"), this))
    , m_sportsState(new QLabel(this))
    , m_comments(new QCheckBox(tr("Comments"), this))
    , m_commentsState(new QLabel(this))
    , m_chat(new ChatFeedBar(this))
{
    setObjectName(QStringLiteral("eventLogPane"));
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(EventLogModel::Type);
    m_view->setObjectName(QStringLiteral("eventLogView"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_type->setObjectName(QStringLiteral("eventTypeFilter"));
    m_type->addItem(tr("All types"));
    m_status->setObjectName(QStringLiteral("eventLogStatus"));
    m_status->setWordWrap(true);
    m_status->setText(tr("No events loaded. Load a file of timestamped events (JSONL: {\"ts\": ms, \"type\", \"market\", "
                         "\"asset_id\", \"text\"}, or CSV ts,type,market,asset_id,text): they show on the chart, and "
                         "a double-click takes a replay there."));
    auto *load = new QPushButton(tr("Load events…"), this);
    load->setObjectName(QStringLiteral("loadEvents"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(load);
    bar->addWidget(m_type);
    bar->addSpacing(12);
    m_sports->setObjectName(QStringLiteral("sportsSwitch"));
    m_sports->setToolTip(tr("Scores, periods and ends of games as Polymarket's sports channel sends them, shown on "
                            "the markets of each game"));
    m_sportsState->setObjectName(QStringLiteral("sportsState"));
    bar->addWidget(m_sports);
    bar->addWidget(m_sportsState);
    bar->addSpacing(12);
    m_comments->setObjectName(QStringLiteral("commentsSwitch"));
    m_comments->setToolTip(tr("New comments on the shown market's event, from Polymarket's real-time data socket"));
    m_commentsState->setObjectName(QStringLiteral("commentsState"));
    bar->addWidget(m_comments);
    bar->addWidget(m_commentsState);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_chat);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    connect(load, &QPushButton::clicked, this, &EventLogPane::chooseFile);
    connect(m_sports, &QCheckBox::toggled, this, &EventLogPane::sportsToggled);
    connect(m_comments, &QCheckBox::toggled, this, &EventLogPane::commentsToggled);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_filter->setFilterFixedString(index <= 0 ? QString() : m_type->itemText(index));
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT seekRequested(m_filter->data(index, EventLogModel::TimestampRole).toLongLong());
    });
}

void EventLogPane::refreshTypes()
{
    const QString current = m_type->currentText();
    const QSignalBlocker block(m_type);
    m_type->clear();
    m_type->addItem(tr("All types"));
    m_type->addItems(m_model->types());
    m_type->setCurrentIndex(std::max(0, m_type->findText(current)));
}

void EventLogPane::append(const std::vector<MarketEvent> &events)
{
    m_model->append(events);
    for (const MarketEvent &e : events)
        if (m_type->findText(e.type) < 0) {
            refreshTypes();
            break;
        }
    m_status->setText(tr("%n event(s).", nullptr, m_model->rowCount()));
    Q_EMIT eventsChanged(m_model->events());
}

void EventLogPane::merge(const std::vector<MarketEvent> &events)
{
    auto key = [](const MarketEvent &e) {
        return QStringList{QString::number(e.tsMs), e.type, e.market, e.assetId, e.text}.join(QChar(0x1f));
    };
    std::vector<MarketEvent> all = m_model->events();
    QSet<QString> held;
    for (const MarketEvent &e : all)
        held.insert(key(e));
    for (const MarketEvent &e : events)
        if (!held.contains(key(e))) {
            held.insert(key(e));
            all.push_back(e);
        }
    m_model->setEvents(std::move(all));
    refreshTypes();
    m_status->setText(tr("%n event(s), with those stored for this recording.", nullptr, m_model->rowCount()));
    Q_EMIT eventsChanged(m_model->events());
}

void EventLogPane::setSportsState(const QString &text)
{
    m_sportsState->setText(text);
}

void EventLogPane::setCommentsState(const QString &text)
{
    m_commentsState->setText(text);
}

void EventLogPane::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load events"), QString(),
                                                      tr("Events (*.jsonl *.json *.csv);;All files (*)"));
    if (!path.isEmpty())
        load(path);
}

bool EventLogPane::load(const QString &path)
{
    EventFile::Result result;
    QString error;
    if (!EventFile::read(path, result, error)) {
        m_status->setText(error);
        return false;
    }
    m_model->setEvents(result.events);
    Q_EMIT fileLoaded(result.events);
    refreshTypes();
    m_view->resizeColumnsToContents();
    m_status->setText(result.badLines == 0
                          ? tr("%n event(s) from %1.", nullptr, int(result.events.size())).arg(QFileInfo(path).fileName())
                          : tr("%n event(s) from %1; %2 line(s) skipped (%3).", nullptr, int(result.events.size()))
                                .arg(QFileInfo(path).fileName())
                                .arg(result.badLines)
                                .arg(result.problems.mid(0, 3).join(QStringLiteral("; "))));
    Q_EMIT eventsChanged(m_model->events());
    return true;
}

} // namespace polymon
